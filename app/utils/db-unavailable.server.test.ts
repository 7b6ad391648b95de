import { describe, expect, it } from "vitest";
import { databaseUnavailableResponse, guardDatabaseErrors, isDatabaseUnavailable } from "./db-unavailable.server.ts";

/** Errors as node-postgres and Prisma's pg adapter raise them (captured against a stopped PostgreSQL). */
const pgError = (code: string, message: string) => Object.assign(new Error(message), { code, severity: "FATAL" });
const socketError = (code: string, message: string) => Object.assign(new Error(message), { code, syscall: "connect", errno: -111 });
const prismaError = (code: string, extra: object = {}) => Object.assign(new Error("\nInvalid `prisma.user.findFirst()` invocation"), { name: "PrismaClientKnownRequestError", code, ...extra });

describe("isDatabaseUnavailable", () => {
  it("recognises a stopped, restarting or unreachable PostgreSQL", () => {
    expect(isDatabaseUnavailable(pgError("57P01", "terminating connection due to administrator command"))).toBe(true);
    expect(isDatabaseUnavailable(pgError("57P03", "the database system is shutting down"))).toBe(true);
    expect(isDatabaseUnavailable(socketError("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:5432"))).toBe(true);
    expect(isDatabaseUnavailable(socketError("ENOENT", "connect ENOENT /srv/.data/postgres/.s.PGSQL.54329"))).toBe(true);
    expect(isDatabaseUnavailable(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isDatabaseUnavailable(prismaError("P1001"))).toBe(true);
    expect(isDatabaseUnavailable(prismaError("P2010", { meta: { driverAdapterError: { cause: { kind: "DatabaseNotReachable" } } } }))).toBe(true);
    expect(isDatabaseUnavailable(prismaError("ENOENT", { message: "connect ENOENT /tmp/x/.s.PGSQL.5432" }))).toBe(true);
  });

  it("leaves other errors alone: constraint violations, missing files, an external API that is down", () => {
    expect(isDatabaseUnavailable(prismaError("P2002"))).toBe(false);
    expect(isDatabaseUnavailable(pgError("23505", "duplicate key value violates unique constraint"))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error("ENOENT: no such file or directory, open 'x.json'"), { code: "ENOENT" }))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("fetch failed", { cause: socketError("ECONNREFUSED", "connect ECONNREFUSED 10.0.0.1:443") }))).toBe(false);
    expect(isDatabaseUnavailable(new Error("boom"))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});

describe("databaseUnavailableResponse", () => {
  it("is JSON for the API and text for pages, both 503 with Retry-After", async () => {
    const api = databaseUnavailableResponse(new Request("http://app.test/api/courses"));
    expect(api.status).toBe(503);
    expect(api.headers.get("Retry-After")).toBe("5");
    expect(await api.json()).toMatchObject({ error: "database_unavailable" });
    const page = databaseUnavailableResponse(new Request("http://app.test/courses"));
    expect(page.status).toBe(503);
    expect(page.headers.get("Retry-After")).toBe("5");
    expect(await page.text()).toContain("The database is unreachable");
  });
});

describe("guardDatabaseErrors", () => {
  it("turns a database outage in a loader or action into a thrown 503 and passes everything else through", async () => {
    const down = socketError("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:5432");
    const notFound = new Response("Not found", { status: 404 });
    const build = {
      routes: {
        a: { id: "a", module: { loader: async () => Promise.reject(down), action: async () => "ok" } },
        b: { id: "b", module: { loader: async () => Promise.reject(notFound) } },
        c: { id: "c", module: { loader: async () => Promise.reject(new Error("bug")) } },
      },
    } as never;
    const routes = guardDatabaseErrors(build).routes as unknown as Record<string, { module: { loader: (args: unknown) => Promise<unknown>; action?: (args: unknown) => Promise<unknown> } }>;
    const args = { request: new Request("http://app.test/paths"), params: {}, context: {} };
    const thrown = await routes.a.module.loader(args).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(503);
    expect(await routes.a.module.action!(args)).toBe("ok");
    expect(await routes.b.module.loader(args).catch((e: unknown) => e)).toBe(notFound);
    expect(await routes.c.module.loader(args).catch((e: unknown) => (e as Error).message)).toBe("bug");
  });
});
