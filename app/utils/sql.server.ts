/**
 * Parameterized SQL through node-postgres, for the hot read paths (session
 * lookup, catalogue, search, course and lesson pages). Prisma 6.19's JS query
 * compiler adds several milliseconds per query, which those pages cannot
 * afford (docs/decisions/005-hot-path-sql.md); Prisma keeps the writes and the
 * rest. Values are always bound parameters: build queries with the `sql` tag.
 *
 * The rule, for new code: reads that serve a page or an API list use `sql`, in a
 * read-model or `*-queries.server.ts` file; writes and transactions use Prisma
 * (a `query()` inside `prisma.$transaction` runs on this other pool and sees only
 * committed data); `$queryRaw` only for locks and pg-boss's tables. Row types
 * come from the Prisma model (`Pick<Course, …>`, catalog.server.ts) so that a
 * renamed column fails the type check. Queries run as named prepared statements:
 * behind PgBouncer in transaction mode that needs PgBouncer 1.21+ (README).
 */
import { createHash } from "node:crypto";
import pg from "pg";
import { default as sql, empty, join, raw, type Sql } from "sql-template-tag";
import { onPoolError } from "./db-unavailable.server.ts";
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
  if (!globalThis.__sqlPool) {
    // A connection attempt gives up after 5 s (a failover that drops packets would otherwise hang the request).
    const created = new pg.Pool({ connectionString: getEnv().DATABASE_URL, max: 10, types, connectionTimeoutMillis: 5000 });
    // An idle connection closed by the server must not crash the process (decision 014).
    created.on("error", onPoolError("sql pool"));
    globalThis.__sqlPool = created;
  }
  return globalThis.__sqlPool;
}

/**
 * Statements run as named prepared statements, so each connection parses and
 * plans a query once and PostgreSQL can keep its plan: planning cost more than
 * executing on the course and lesson pages (about 1 ms each for the syllabus
 * and the learner's progress; decision 011). The name is a hash of the text;
 * texts built with `raw`/`join` vary a little (filter lists), so past
 * MAX_NAMED distinct texts the rest run unnamed, as before.
 */
const MAX_NAMED = 500;
const names = new Map<string, string>();

function statementName(text: string): string | undefined {
  let name = names.get(text);
  if (!name && names.size < MAX_NAMED) {
    name = `q${createHash("sha1").update(text).digest("base64url").slice(0, 20)}`;
    names.set(text, name);
  }
  return name;
}

export async function query<T>(statement: Sql): Promise<T[]> {
  const result = await pool().query<T & pg.QueryResultRow>({ name: statementName(statement.text), text: statement.text, values: statement.values as unknown[] });
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
