/**
 * Parameterized SQL through node-postgres, for the hot read paths (session
 * lookup, catalogue, search, course and lesson pages). Prisma 6.19's JS query
 * compiler adds several milliseconds per query, which those pages cannot
 * afford (docs/decisions/005-hot-path-sql.md); Prisma keeps the writes and the
 * rest. Values are always bound parameters: build queries with the `sql` tag.
 */
import pg from "pg";
import { default as sql, empty, join, raw, type Sql } from "sql-template-tag";
import { getEnv } from "./env.server.ts";

export { sql, join, raw, empty, type Sql };

const TIMESTAMP_WITHOUT_TZ = 1114;
const DATE = 1082;
// Prisma stores DateTime as UTC in "timestamp without time zone" columns, and @db.Date as a UTC midnight.
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === TIMESTAMP_WITHOUT_TZ && format !== "binary"
      ? (value: string) => new Date(`${value.replace(" ", "T")}Z`)
      : oid === DATE && format !== "binary"
        ? (value: string) => new Date(`${value}T00:00:00Z`)
        : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

declare global {
  var __sqlPool: pg.Pool | undefined;
}

export function pool(): pg.Pool {
  globalThis.__sqlPool ??= new pg.Pool({ connectionString: getEnv().DATABASE_URL, max: 10, types });
  return globalThis.__sqlPool;
}

export async function query<T>(statement: Sql): Promise<T[]> {
  const result = await pool().query<T & pg.QueryResultRow>(statement.text, statement.values as unknown[]);
  return result.rows;
}

export async function queryOne<T>(statement: Sql): Promise<T | null> {
  return (await query<T>(statement))[0] ?? null;
}

export async function closePool() {
  const p = globalThis.__sqlPool;
  globalThis.__sqlPool = undefined;
  await p?.end();
}
