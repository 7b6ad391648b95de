/**
 * The app survives the database going away and a crash (security review §7a/§7b,
 * decision 014), with the real server.ts against a PostgreSQL each test owns:
 * - PostgreSQL killed connections and a full stop: the process stays up, answers
 *   503 (page, JSON API, /healthz) while the database is away and 200 again within
 *   10 s after it is back, without a restart; then SIGTERM while PostgreSQL stops
 *   ends it cleanly (exit 0, every shutdown step);
 * - kill -9 in the middle of a Claude analysis and a Sentry sync, then a start as
 *   `npm start` does it (embedded PostgreSQL in DATA_DIR, left running as an orphan):
 *   the start works, each job completes once, and no RUNNING status is left stale.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureDatabase, startEmbeddedPostgres, type EmbeddedDatabase } from "../../prisma/embedded.ts";
import { startFakeAnthropic, type FakeAnthropic } from "../../fakes/anthropic/server.ts";
import { startFakeSentry, type FakeSentry } from "../../fakes/sentry/server.ts";
import { freePort, startApp, type AppProcess } from "../support/processes.ts";

const PASSWORD = "resilience-test-only";

async function waitFor<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn().catch(() => null);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Pages and API calls that read the database on every request: a catalogue search
 * nobody made before (results are kept in memory for a while) reads through the
 * plain-SQL pool, the learning paths through Prisma's.
 */
let searches = 0;
const pages = () => [`/courses?q=probe${++searches}`, "/paths"];
const apiCall = (url: string) => fetch(`${url}/api/users/me`, { headers: { Authorization: `Bearer sa_${"0".repeat(40)}`, Accept: "application/json" } });

const exited = (app: AppProcess) => app.child.exitCode !== null || app.child.signalCode !== null;

describe("PostgreSQL going away under the running app", () => {
  let dir: string;
  let port: number;
  let db: EmbeddedDatabase;
  let app: AppProcess;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "academy-resilience-db-"));
    port = await freePort();
    db = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port, password: PASSWORD, quiet: true });
    await ensureDatabase(db.url("postgres"), "academy");
    app = await startApp({ DATABASE_URL: db.url("academy"), DEMO_MODE: "false", PAGE_CACHE_SECONDS: "0", JOB_POLL_SECONDS: "0.5" }, 90_000);
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
    await db?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("keeps running when PostgreSQL terminates its connections (pg_terminate_backend)", async () => {
    // Both pools hold idle connections: the ones the security review saw killing the process.
    for (const page of pages()) expect((await fetch(`${app.url}${page}`)).status).toBe(200);
    const admin = new pg.Client({ connectionString: db.url("postgres") });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ killed: number }>(
        "SELECT count(pg_terminate_backend(pid))::int AS killed FROM pg_stat_activity WHERE datname = 'academy' AND pid <> pg_backend_pid()",
      );
      expect(rows[0].killed).toBeGreaterThan(0);
    } finally {
      await admin.end();
    }
    await new Promise((r) => setTimeout(r, 500));
    expect(exited(app), `the app exited (${app.child.exitCode ?? app.child.signalCode}):\n${app.output().slice(-4000)}`).toBe(false);
    await waitFor("the pages to answer again", async () => {
      for (const page of pages()) if ((await fetch(`${app.url}${page}`)).status !== 200) return false;
      return true;
    }, 5000);
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    expect(exited(app), `the app exited (${app.child.exitCode ?? app.child.signalCode}):\n${app.output().slice(-4000)}`).toBe(false);
  });

  it("answers 503 while PostgreSQL is stopped, and 200 within 10 s after it is back, without a restart", async () => {
    await db.stop();
    await new Promise((r) => setTimeout(r, 300));
    expect(exited(app), `the app exited (${app.child.exitCode ?? app.child.signalCode}):\n${app.output().slice(-4000)}`).toBe(false);

    for (const path of pages()) {
      const page = await fetch(`${app.url}${path}`);
      expect(page.status, path).toBe(503);
      expect(page.headers.get("Retry-After")).toBe("5");
      expect(page.headers.get("Content-Type")).toContain("text/html");
      const html = await page.text();
      expect(html).toContain("We can&#x27;t reach our database right now");
      expect(html).not.toContain("Something went wrong");
    }

    // A form post needing the database (a login) gets the same page, not a 500 or a wrong-password message.
    const login = await fetch(`${app.url}/login`, {
      method: "POST",
      body: new URLSearchParams({ email: "someone@example.com", password: "a password long enough" }),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      redirect: "manual",
    });
    expect(login.status).toBe(503);

    const api = await apiCall(app.url);
    expect(api.status).toBe(503);
    expect(api.headers.get("Retry-After")).toBe("5");
    expect(await api.json()).toMatchObject({ error: "database_unavailable" });

    const health = await fetch(`${app.url}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: "degraded", database: { ok: false, error: "The database is unreachable." } });

    // Still the same process a few seconds later (pg-boss and the pools keep trying quietly).
    await new Promise((r) => setTimeout(r, 1500));
    expect(exited(app), `the app exited (${app.child.exitCode ?? app.child.signalCode}):\n${app.output().slice(-4000)}`).toBe(false);

    db = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port, password: PASSWORD, quiet: true });
    const back = Date.now();
    await waitFor("the pages after PostgreSQL is back", async () => {
      for (const page of pages()) if ((await fetch(`${app.url}${page}`)).status !== 200) return false;
      return true;
    }, 10_000);
    await waitFor("/healthz after PostgreSQL is back", async () => (await fetch(`${app.url}/healthz`)).status === 200, 10_000 - (Date.now() - back));
    expect((await apiCall(app.url)).status).toBe(401); // the database answered: the token is unknown
    expect(exited(app), `the app exited (${app.child.exitCode ?? app.child.signalCode}):\n${app.output().slice(-4000)}`).toBe(false);
    expect(app.output()).not.toMatch(/Unhandled 'error' event|uncaughtException|failed to start/);
  });

  it("shuts down cleanly on SIGTERM while PostgreSQL stops at the same time", async () => {
    const code = new Promise<number | string | null>((resolve) => app.child.once("exit", (c, signal) => resolve(c ?? signal)));
    app.child.kill("SIGTERM");
    await db.stop();
    // Every step ran (nothing ended the process early) and it exited 0.
    expect(await code, app.output().slice(-4000)).toBe(0);
    expect(app.output()).toContain("web server stopped");
    expect(app.output()).toContain("workers stopped");
    expect(app.output()).not.toMatch(/Unhandled 'error' event|uncaughtException/);
  });
});

describe("kill -9 in the middle of jobs, then a start as npm start does it", () => {
  let dir: string;
  let env: Record<string, string>;
  let app: AppProcess;
  let claude: FakeAnthropic;
  let sentry: FakeSentry;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "academy-resilience-crash-"));
    const pgPort = await freePort();
    // The secrets npm start keeps in DATA_DIR, written first so this test can reach the embedded database.
    writeFileSync(
      path.join(dir, "secrets.json"),
      JSON.stringify({ sessionSecret: process.env.SESSION_SECRET, postgresPassword: PASSWORD, encryptionKey: process.env.ENCRYPTION_KEY }),
      { mode: 0o600 },
    );
    claude = await startFakeAnthropic();
    sentry = await startFakeSentry();
    // No DATABASE_URL: server.ts starts (and after a crash finds) the embedded PostgreSQL in DATA_DIR.
    env = { DATABASE_URL: "", DATA_DIR: dir, EMBEDDED_PG_PORT: String(pgPort), DEMO_MODE: "false", JOB_POLL_SECONDS: "0.5", PAGE_CACHE_SECONDS: "0", ...claude.env, ...sentry.env };
    app = await startApp(env, 90_000);
    // This test's own modules (prisma, the Sentry client) talk to the same database and fakes; nothing has read the environment yet.
    process.env.DATABASE_URL = `postgresql://postgres:${PASSWORD}@127.0.0.1:${pgPort}/postgres`;
    Object.assign(process.env, claude.env, sentry.env);
  }, 120_000);

  afterAll(async () => {
    const { disconnectPrisma } = await import("~/utils/db.server.ts");
    await disconnectPrisma();
    await app?.stop();
    await claude?.close();
    await sentry?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("starts again, runs the interrupted analysis and sync once each, and shows no stale RUNNING", async () => {
    const { prisma, disconnectPrisma } = await import("~/utils/db.server.ts");
    const { createUser } = await import("../support/factories.ts");
    const { createApiToken } = await import("~/modules/accounts/api-tokens.server.ts");
    const { createPoc } = await import("~/modules/poc/poc.server.ts");
    const { checkToken, saveTokenConnection } = await import("~/modules/sentry-connect/connection.server.ts");

    const se = await createUser({ role: "SE", name: "Sam Seller" });
    const { token } = await createApiToken(se.id, "resilience test");
    const poc = await createPoc(
      { customerName: "Northwind", accountDomain: "northwind.example", ownerId: se.id, startDate: null, endDate: null, goals: "Faster debugging" },
      { kind: "staff", userId: se.id, name: se.name },
    );
    const line = (startMs: number, speakerName: string, side: string, text: string) => ({ startMs, speakerName, side, text });
    for (const [i, title] of ["Discovery", "Technical deep dive"].entries()) {
      await prisma.pocCall.create({
        data: {
          pocId: poc.id,
          gongId: `call-${i}`,
          title,
          startedAt: new Date(Date.UTC(2026, 10, 3 + i)),
          durationSeconds: 1800,
          legacyParties: [],
          selected: true,
          transcriptFetchedAt: new Date(),
          // Stored as an older version did (plaintext); the start-up job encrypts it (decision 020).
          legacyTranscript: [
            line(0, "Dana Whitfield", "customer", "Our biggest pain is that debugging production errors takes us days."),
            line(9000, "Alex Rivera", "internal", "What would success look like for this trial?"),
            line(18000, "Dana Whitfield", "customer", "Success means we find the root cause of a crash within an hour."),
          ],
        },
      });
    }
    const sentryToken = sentry.tokens.demo;
    await saveTokenConnection(se.id, sentryToken, await checkToken(se.id, sentryToken));

    const api = (method: string, pathname: string) =>
      fetch(`${app.url}${pathname}`, { method, headers: { Authorization: `Bearer ${token}`, Accept: "application/json", "Content-Type": "application/json" }, body: method === "POST" ? "{}" : undefined });

    // Claude and Sentry hang, so both jobs are mid-flight when the process dies.
    claude.injectFault({ kind: "hang", delayMs: 60_000 });
    sentry.injectFault({ path: "/api/0/organizations/", delayMs: 60_000 });
    expect((await api("POST", `/api/v1/pocs/${poc.id}/ai/analysis`)).status).toBe(202);
    expect((await api("POST", "/api/sentry/sync")).status).toBe(202);
    await waitFor(
      "both jobs running",
      async () =>
        claude.calls().length === 1 &&
        (await prisma.pocJobRun.count({ where: { pocId: poc.id, status: "RUNNING" } })) === 1 &&
        (await prisma.sentryConnection.count({ where: { userId: se.id, syncStatus: "RUNNING" } })) === 1,
      15_000,
    );
    await new Promise((r) => setTimeout(r, 300)); // the sync's first request is on its way to the (hanging) fake Sentry

    app.child.kill("SIGKILL");
    await new Promise((resolve) => (exited(app) ? resolve(null) : app.child.once("exit", resolve)));
    await disconnectPrisma();

    // The same start again: the embedded PostgreSQL the dead process started is still running.
    app = await startApp(env, 90_000);
    expect(app.output()).toMatch(/stopping the PostgreSQL \(PID \d+\) left running/);

    const run = await waitFor(
      "the interrupted analysis to finish",
      async () => {
        const row = await prisma.pocJobRun.findFirstOrThrow({ where: { pocId: poc.id } });
        return row.status === "SUCCEEDED" ? row : null;
      },
      20_000,
    ).catch((error) => {
      console.error(app.output());
      throw error;
    });
    await waitFor(
      "the sync jobs to finish",
      async () => {
        const [{ pending }] = await prisma.$queryRaw<{ pending: number }[]>`
          SELECT count(*)::int AS pending FROM pgboss.job WHERE name = 'sentry-sync' AND state IN ('created', 'retry', 'active')`;
        const connection = await prisma.sentryConnection.findUniqueOrThrow({ where: { userId: se.id } });
        return pending === 0 && connection.syncStatus === "SUCCEEDED";
      },
      20_000,
    );

    // The analysis: the same run, a second attempt, its items written once.
    expect(run.attempts).toBe(2);
    expect(await prisma.pocJobRun.count({ where: { pocId: poc.id } })).toBe(1);
    const items = await prisma.pocValueItem.count({ where: { pocId: poc.id, source: "ai" } });
    expect(items).toBeGreaterThan(0);
    expect(items).toBe((run.result as { items: number }).items);
    const analysisJobs = await prisma.$queryRaw<{ state: string }[]>`SELECT state::text FROM pgboss.job WHERE name = 'poc-ai-analysis'`;
    expect(analysisJobs).toEqual([{ state: "completed" }]);
    expect(claude.calls()).toHaveLength(2); // the one that hung, and the one that finished

    // The sync ran to the end exactly once: one snapshot, one job (retried, not duplicated), nothing left to run it again later.
    const connection = await prisma.sentryConnection.findUniqueOrThrow({ where: { userId: se.id } });
    expect(await prisma.sentrySnapshot.count({ where: { connectionId: connection.id } })).toBe(1);
    const syncJobs = await prisma.$queryRaw<{ state: string; retries: number }[]>`SELECT state::text, retry_count AS retries FROM pgboss.job WHERE name = 'sentry-sync'`;
    expect(syncJobs).toEqual([{ state: "completed", retries: 1 }]);
    // No lease of either job is left (other queues, such as the start-up job, may be running now).
    expect(await prisma.$queryRaw`SELECT count(*)::int AS n FROM "JobLease" WHERE queue IN ('poc-ai-analysis', 'sentry-sync')`).toEqual([{ n: 0 }]);

    // Nothing blocks the next analysis.
    expect((await api("POST", `/api/v1/pocs/${poc.id}/ai/analysis`)).status).toBe(202);
  }, 120_000);
});
