/**
 * Applies the Prisma migrations (`prisma migrate deploy`, JS schema engine:
 * see docs/decisions/001-prisma-offline.md). Never resets or wipes data. When every
 * migration folder is already recorded as applied, the CLI is skipped, so a
 * warm start stays fast.
 */
import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export function prismaCliEnv(databaseUrl?: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    // The JS engine needs no native binaries; these stop the CLI from looking for (or downloading) them.
    PRISMA_SCHEMA_ENGINE_BINARY: "/bin/false",
    PRISMA_QUERY_ENGINE_LIBRARY: path.join(projectRoot, "package.json"),
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
  };
}

function runPrisma(args: string[], databaseUrl: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(projectRoot, "node_modules/prisma/build/index.js"), ...args], {
      cwd: projectRoot,
      env: prismaCliEnv(databaseUrl),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(output) : reject(new Error(`prisma ${args.join(" ")} failed (exit ${code}):\n${output}`))));
  });
}

function migrationNames(): string[] {
  return readdirSync(path.join(projectRoot, "prisma/migrations"), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

async function pendingMigrations(databaseUrl: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const exists = await client.query("SELECT to_regclass('public._prisma_migrations') AS t");
    if (!exists.rows[0].t) return migrationNames();
    const { rows } = await client.query(
      "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
    );
    const applied = new Set(rows.map((r) => r.migration_name));
    return migrationNames().filter((m) => !applied.has(m));
  } finally {
    await client.end();
  }
}

/** Returns the names of the migrations it applied. */
export async function migrate(databaseUrl: string): Promise<string[]> {
  const pending = await pendingMigrations(databaseUrl);
  if (pending.length === 0) return [];
  await runPrisma(["migrate", "deploy"], databaseUrl);
  const still = await pendingMigrations(databaseUrl);
  if (still.length > 0) throw new Error(`prisma migrate deploy reported success but did not apply: ${still.join(", ")}`);
  return pending;
}
