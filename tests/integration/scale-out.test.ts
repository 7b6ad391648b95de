/**
 * Two instances of the app on one database behave as one: a session made on
 * one is valid on the other, the login throttle counts across both, and each
 * job runs exactly once although both instances run workers.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server.ts";
import { visibleText } from "../support/app.ts";
import { createUser, DEFAULT_PASSWORD } from "../support/factories.ts";
import { startApp, type AppProcess } from "../support/processes.ts";

let a: AppProcess;
let b: AppProcess;

beforeAll(async () => {
  const env = {
    DATABASE_URL: process.env.DATABASE_URL!,
    SESSION_SECRET: process.env.SESSION_SECRET!,
    DEMO_MODE: "false",
    JOB_POLL_SECONDS: "0.5",
  };
  a = await startApp(env);
  b = await startApp(env);
}, 120_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
});

function form(fields: Record<string, string>, cookie?: string) {
  return {
    method: "POST",
    redirect: "manual" as const,
    body: new URLSearchParams(fields),
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...(cookie ? { Cookie: cookie } : {}) },
  };
}

describe("two instances on one database", () => {
  it("share sessions: log in on one, use the other, log out everywhere from the other", async () => {
    const user = await createUser({ name: "Scale Tester" });
    const login = await fetch(`${a.url}/login`, form({ email: user.email, password: DEFAULT_PASSWORD }));
    expect(login.status).toBe(302);
    const cookie = login.headers.getSetCookie().find((c) => c.startsWith("__session="))!.split(";")[0];

    const onB = await fetch(`${b.url}/dashboard`, { headers: { Cookie: cookie }, redirect: "manual" });
    expect(onB.status).toBe(200);
    expect(visibleText(await onB.text())).toContain("Welcome to Sentry Academy, Scale Tester");

    await fetch(`${b.url}/account`, form({ intent: "logout-everywhere" }, cookie));
    const onA = await fetch(`${a.url}/dashboard`, { headers: { Cookie: cookie }, redirect: "manual" });
    expect(onA.status).toBe(302);
  });

  it("share the login throttle", async () => {
    const user = await createUser();
    for (let i = 0; i < 5; i++) {
      const target = i % 2 === 0 ? a : b;
      expect((await fetch(`${target.url}/login`, form({ email: user.email, password: "wrong" }))).status).toBe(400);
    }
    // Five guesses from this IP spread over both instances: the sixth is refused by either (decision 019).
    for (const target of [a, b]) {
      const blocked = await fetch(`${target.url}/login`, form({ email: user.email, password: DEFAULT_PASSWORD }));
      expect(blocked.status).toBe(429);
    }
  });

  it("run each job once", async () => {
    const users = await Promise.all(Array.from({ length: 12 }, () => createUser()));
    await Promise.all(users.map((u, i) => fetch(`${(i % 2 ? a : b).url}/forgot-password`, form({ email: u.email }))));
    const emails = users.map((u) => u.email);
    const deadline = Date.now() + 30_000;
    while ((await prisma.email.count({ where: { to: { in: emails }, status: "STORED" } })) < emails.length) {
      if (Date.now() > deadline) throw new Error("emails were not delivered in time");
      await new Promise((r) => setTimeout(r, 200));
    }
    const rows = await prisma.email.findMany({ where: { to: { in: emails } } });
    expect(rows).toHaveLength(12);
    expect(rows.every((r) => r.attempts === 1)).toBe(true);
    const [{ count }] = await prisma.$queryRaw<{ count: bigint }[]>`
      SELECT count(*) FROM pgboss.job WHERE name = 'send-email' AND state = 'completed' AND data->>'emailId' = ANY(${rows.map((r) => r.id)})`;
    expect(Number(count)).toBe(12);
  });
});

describe("pages over HTTP", () => {
  it("go out in one piece with their length (no chunked stream), and HEAD gets the headers only", async () => {
    for (const path of ["/courses", "/no-such-page"]) {
      // Uncompressed: a compressed answer streams through the compressor (decision 028, compression.test.ts).
      const page = await fetch(`${a.url}${path}`, { headers: { "Accept-Encoding": "identity" } });
      const body = Buffer.from(await page.arrayBuffer());
      expect(page.headers.get("Transfer-Encoding")).toBeNull();
      expect(page.headers.get("Content-Length")).toBe(String(body.length));
      expect(page.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
      expect(body.toString()).toMatch(/^<!DOCTYPE html><html[\s\S]*<\/html>/);
    }
    const head = await fetch(`${a.url}/courses`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
  });
});
