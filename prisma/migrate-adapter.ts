/**
 * The driver adapter Prisma's JS schema engine uses for `migrate` commands.
 *
 * Two gaps in @prisma/adapter-pg are patched here (see docs/decisions/001):
 * - introspection returns PostgreSQL's internal `"char"` (OID 18) and `name`
 *   (OID 19) columns, which the adapter cannot map; we present them as text;
 * - its shadow-database helper reconnects to the main database when given a
 *   connection string and drops the shadow database while its pool is open; we
 *   pass a parsed config and close the pool before `DROP DATABASE ... WITH (FORCE)`;
 * - its executeScript splits a migration on every ";", which breaks function
 *   bodies ($$ ... $$); we send the whole script in one simple-protocol query
 *   (PostgreSQL runs it as one implicit transaction).
 */
import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

const TEXT_OID = 25;
const UNMAPPED_OIDS = new Set([18, 19]);

export function parseDatabaseUrl(url: string): pg.PoolConfig {
  const u = new URL(url);
  const schema = u.searchParams.get("schema");
  return {
    // `?host=/some/dir` names a Unix socket directory (as libpq and node-postgres read it).
    host: u.searchParams.get("host") || decodeURIComponent(u.hostname) || "localhost",
    port: u.port ? Number(u.port) : 5432,
    user: decodeURIComponent(u.username) || undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    database: decodeURIComponent(u.pathname.replace(/^\//, "")) || undefined,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
    max: 2,
  };
}

function introspectionSafePool(config: pg.PoolConfig): pg.Pool {
  const pool = new pg.Pool(config);
  const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<pg.QueryResult>;
  (pool as unknown as { query: unknown }).query = async (...args: unknown[]) => {
    const result = await query(...args);
    for (const field of result?.fields ?? []) {
      if (UNMAPPED_OIDS.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
    }
    return result;
  };
  return pool;
}

export class MigrationAdapterFactory {
  readonly provider = "postgres" as const;
  readonly adapterName = "@prisma/adapter-pg";

  constructor(private readonly config: pg.PoolConfig) {}

  async connect() {
    const adapter = await new PrismaPg(introspectionSafePool(this.config), { disposeExternalPool: true }).connect();
    adapter.executeScript = async (script: string) => {
      try {
        await adapter.underlyingDriver().query(script);
      } catch (error) {
        (adapter as unknown as { onError: (e: unknown) => never }).onError(error);
      }
    };
    return adapter;
  }

  async connectToShadowDb() {
    const main = await this.connect();
    const database = `prisma_shadow_${randomUUID().replaceAll("-", "")}`;
    await main.executeScript(`CREATE DATABASE "${database}"`);
    const shadow = await new PrismaPg(introspectionSafePool({ ...this.config, database }), {
      disposeExternalPool: true,
    }).connect();
    const disposeShadow = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await disposeShadow();
      await main.executeScript(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await main.dispose();
    };
    return shadow;
  }
}
