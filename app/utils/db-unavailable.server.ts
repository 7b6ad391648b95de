/**
 * The database going away (a restart, a failover, a killed connection) is an
 * outage of a few seconds, not a crash and not a "500 something went wrong":
 * one rule, here, turns it into a 503 with Retry-After for every route.
 *
 * - `isDatabaseUnavailable(error)` recognises the errors node-postgres, Prisma's
 *   pg adapter and pg-boss raise when PostgreSQL cannot be reached or drops the
 *   connection (and only those: a constraint violation is still a bug or a 4xx).
 * - `guardDatabaseErrors(build)` wraps every route's loader and action once, at
 *   start-up (server.ts): such an error becomes a thrown 503 Response, so pages
 *   render the error boundary's "can't reach the database" page and the JSON API
 *   answers `{ error: "database_unavailable" }`. Nothing else changes.
 *
 * The pools drop broken connections themselves (sql.server.ts, db.server.ts,
 * jobs.server.ts log them), so the first query after PostgreSQL is back succeeds:
 * no restart. See docs/decisions/014-surviving-the-database-going-away.md.
 */
import type { ActionFunction, LoaderFunction, ServerBuild } from "@remix-run/node";

/** Seconds a client is asked to wait (Retry-After) while the database is unreachable. */
export const RETRY_AFTER_SECONDS = 5;

/** Socket errors of a connection attempt or a live connection. */
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN"]);
/**
 * SQLSTATEs: 57P01 admin shutdown / pg_terminate_backend, 57P02 crash shutdown,
 * 57P03 cannot connect now (starting up, shutting down), class 08 connection exceptions.
 */
const SQLSTATES = new Set(["57P01", "57P02", "57P03", "08000", "08001", "08003", "08004", "08006"]);
/** Prisma: can't reach the server, timed out reaching it, server closed the connection, pool timeout. */
const PRISMA_CODES = new Set(["P1001", "P1002", "P1017", "P2024"]);
/** Prisma's driver-adapter error kinds for the same. */
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout"]);
const MESSAGES = /Connection terminated|Can't reach database server|the database system is (starting up|shutting down|in recovery)|terminating connection due to|Client has encountered a connection error|timeout exceeded when trying to connect/i;

type Inspectable = { name?: unknown; code?: unknown; message?: unknown; cause?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: unknown } } } };

function unavailable(error: Inspectable): boolean {
  const code = typeof error.code === "string" ? error.code : "";
  const message = typeof error.message === "string" ? error.message : "";
  if (SOCKET_CODES.has(code) || SQLSTATES.has(code) || PRISMA_CODES.has(code)) return true;
  // A missing Unix socket: the server is not running (only the socket's ENOENT, not any missing file).
  if (code === "ENOENT" && message.includes(".s.PGSQL.")) return true;
  const kind = error.meta?.driverAdapterError?.cause?.kind;
  return (typeof kind === "string" && ADAPTER_KINDS.has(kind)) || MESSAGES.test(message);
}

/**
 * node-postgres and pg-boss throw the socket or server error itself; Prisma wraps it
 * (a code, the adapter's error kind, or the original as `cause`). A wrapped socket
 * error from anything else (`fetch failed` to Sentry or Gong) is not the database.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!error || typeof error !== "object") return false;
  const top = error as Inspectable;
  if (unavailable(top)) return true;
  if (typeof top.name !== "string" || !top.name.startsWith("PrismaClient")) return false;
  for (let cause = top.cause as Inspectable | undefined, depth = 0; cause && typeof cause === "object" && depth < 4; cause = cause.cause as Inspectable | undefined, depth++) {
    if (unavailable(cause)) return true;
  }
  return false;
}

const MESSAGE = "The database is unreachable right now. Please try again in a few seconds.";

/** The 503 for a request that needed the database: JSON for the API (and JSON clients), text for pages (the error boundary renders it). */
export function databaseUnavailableResponse(request: Request): Response {
  const headers = new Headers({ "Retry-After": String(RETRY_AFTER_SECONDS), "Cache-Control": "no-store" });
  const { pathname } = new URL(request.url);
  const wantsJson = pathname === "/api" || pathname.startsWith("/api/") || /application\/json/.test(request.headers.get("Accept") ?? "");
  if (wantsJson) return Response.json({ error: "database_unavailable", message: MESSAGE }, { status: 503, headers });
  headers.set("Content-Type", "text/plain; charset=utf-8");
  return new Response(MESSAGE, { status: 503, statusText: "Service Unavailable", headers });
}

function guard<F extends LoaderFunction | ActionFunction>(fn: F): F {
  return (async (args: Parameters<F>[0]) => {
    try {
      return await fn(args);
    } catch (error) {
      if (error instanceof Response || !isDatabaseUnavailable(error)) throw error;
      logOnce("requests", `answering 503: the database is unreachable (${describe(error)})`);
      throw databaseUnavailableResponse(args.request);
    }
  }) as F;
}

/** The build with every loader and action guarded (call once, before creating the request handler). */
export function guardDatabaseErrors(build: ServerBuild): ServerBuild {
  const routes: ServerBuild["routes"] = {};
  for (const [id, route] of Object.entries(build.routes)) {
    const { loader, action } = route.module;
    routes[id] = {
      ...route,
      module: { ...route.module, ...(loader ? { loader: guard(loader) } : {}), ...(action ? { action: guard(action) } : {}) },
    };
  }
  return { ...build, routes };
}

const lastLogged = new Map<string, number>();

/** One line per source and message every 10 s: an outage must not flood the log. */
function logOnce(source: string, message: string) {
  const key = `${source}:${message}`;
  const now = Date.now();
  if ((lastLogged.get(key) ?? 0) > now - 10_000) return;
  lastLogged.set(key, now);
  console.warn(`[db] ${source}: ${message}`);
}

function describe(error: unknown) {
  const e = error as { code?: unknown; message?: unknown };
  const message = typeof e.message === "string" ? (e.message.trim().split("\n").at(-1) ?? "") : String(error);
  return `${typeof e.code === "string" ? `${e.code} ` : ""}${message}`.slice(0, 200);
}

/**
 * The `error` listener of a connection pool: an idle connection that PostgreSQL
 * closed (a restart, pg_terminate_backend, idle_session_timeout) is dropped by
 * the pool and replaced on the next query. Without a listener node-postgres's
 * Pool re-emits the error and the process dies (security review §7b). Logged
 * once per pool and message every 10 s, so an outage does not flood the log.
 */
export function onPoolError(pool: string) {
  return (error: Error & { code?: string }) => logOnce(pool, `lost a database connection (${describe(error)}); it is replaced on the next query`);
}

/**
 * The last line of defence (decision 014): a query whose connection PostgreSQL closed can
 * reject where nobody handles it any more. Under load the resilience test saw one such
 * rejection end the process (Node's default for an unhandled rejection) after
 * `pg_terminate_backend`; its caller is not known yet. A lost connection is logged and the
 * process goes on; any other unhandled rejection is rethrown and still stops it, as Node does.
 */
export function surviveUnhandledConnectionErrors() {
  process.on("unhandledRejection", (reason) => {
    if (!isDatabaseUnavailable(reason)) throw reason;
    const stack = reason instanceof Error && reason.stack ? ` at ${reason.stack.split("\n").slice(1, 4).join(" <- ").trim()}` : "";
    logOnce("unhandled", `a query failed after its connection was lost and nothing handled it (${describe(reason)})${stack}`);
  });
}
