/**
 * Real PostgreSQL for the tests. Which server: TEST_DATABASE_ADMIN_URL (set by
 * tests/run-all.ts for its children), else DATABASE_URL's server, else the
 * service on 127.0.0.1:5432 when one answers, else an embedded PostgreSQL in
 * .data/test-postgres. A template database is migrated once per migration set;
 * each test worker (and the e2e server) gets a fresh copy of it, which takes
 * a fraction of a second.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../../prisma/embedded.ts";
import { migrate } from "../../prisma/migrate.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const EMBEDDED_TEST_PORT = Number(process.env.TEST_EMBEDDED_PG_PORT ?? 54330);
const EMBEDDED_TEST_PASSWORD = "academy-test-only";

export function withDatabase(url: string, database: string) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function answers(url: string) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Finds (or starts) the PostgreSQL server the tests use; returns a URL to its maintenance database. */
export async function resolveTestPostgres(): Promise<{ adminUrl: string; embedded?: EmbeddedDatabase }> {
  if (process.env.TEST_DATABASE_ADMIN_URL) return { adminUrl: process.env.TEST_DATABASE_ADMIN_URL };
  const candidates = [
    process.env.DATABASE_URL ? withDatabase(process.env.DATABASE_URL, "postgres") : null,
    "postgresql://postgres@127.0.0.1:5432/postgres",
    `postgresql://postgres:${EMBEDDED_TEST_PASSWORD}@127.0.0.1:${EMBEDDED_TEST_PORT}/postgres`,
  ].filter((u): u is string => Boolean(u));
  for (const url of candidates) if (await answers(url)) return { adminUrl: url };
  const embedded = await startEmbeddedPostgres({
    dataDir: path.join(root, ".data/test-postgres"),
    port: EMBEDDED_TEST_PORT,
    password: EMBEDDED_TEST_PASSWORD,
    quiet: true,
  });
  return { adminUrl: embedded.url("postgres"), embedded };
}

function migrationsHash() {
  const dir = path.join(root, "prisma/migrations");
  const hash = createHash("sha256");
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith(".toml")) hash.update(name).update(readFileSync(path.join(dir, name, "migration.sql")));
  }
  return hash.digest("hex").slice(0, 10);
}

export function templateName() {
  return `academy_tpl_${migrationsHash()}`;
}

async function admin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates the migrated template database unless this migration set already has one. */
export async function ensureTemplate(adminUrl: string): Promise<string> {
  const name = templateName();
  const exists = await admin(adminUrl, async (c) => (await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount);
  if (exists) return name;
  const building = `${name}_building_${process.pid}`;
  await admin(adminUrl, (c) => c.query(`CREATE DATABASE "${building}"`));
  await migrate(withDatabase(adminUrl, building));
  // pg-boss creates its schema on first start; do it once here so every copy has it.
  const { default: PgBoss } = await import("pg-boss");
  const boss = new PgBoss({ connectionString: withDatabase(adminUrl, building), max: 2 });
  await boss.start();
  await boss.stop({ graceful: true, wait: true, timeout: 2000 });
  await admin(adminUrl, async (c) => {
    await c.query(`ALTER DATABASE "${building}" RENAME TO "${name}"`).catch(async (error) => {
      // Another process won the race: keep theirs.
      await c.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
      if (!(await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount) throw error;
    });
    await c.query(`ALTER DATABASE "${name}" WITH IS_TEMPLATE true`).catch(() => undefined);
    // Templates of older migration sets are no longer needed.
    const stale = await c.query("SELECT datname FROM pg_database WHERE datname LIKE 'academy\\_tpl\\_%' AND datname <> $1", [name]);
    for (const { datname } of stale.rows) {
      await c.query(`ALTER DATABASE "${datname}" WITH IS_TEMPLATE false`).catch(() => undefined);
      await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => undefined);
    }
  });
  return name;
}

/** Drops every database whose name is LIKE `pattern` (a test run's own copies). */
export async function dropDatabases(adminUrl: string, pattern: string) {
  await admin(adminUrl, async (c) => {
    const { rows } = await c.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE $1", [pattern]);
    for (const { datname } of rows) await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => undefined);
  });
}

/** A fresh copy of the template; returns its URL. */
export async function freshDatabase(adminUrl: string, database: string): Promise<string> {
  const template = await ensureTemplate(adminUrl);
  await admin(adminUrl, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${database}" TEMPLATE "${template}"`);
  });
  return withDatabase(adminUrl, database);
}
