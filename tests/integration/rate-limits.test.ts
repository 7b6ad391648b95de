/**
 * Rate limits (decision 019) with their real numbers, as a browser without
 * JavaScript and an API client see them: each policy answers 429 with
 * Retry-After and a message saying when to try again (in the form for pages,
 * a JSON body for the API); parallel requests never get more than the limit;
 * two app instances share the counters; nobody can lock an owner out.
 * Findings 11 (reset abuse), 12 (login lockout DoS and race), 14 (sign-up
 * abuse) and 18 (customer-link quota) of the security review.
 */
import pg from "pg";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPoc, CUSTOMER_TEAM_MAX, regenerateShareLink } from "~/modules/poc/poc.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { ipKey, RATE_LIMIT_TABLE, RATE_LIMITS, rateLimit, retryMessage } from "~/utils/rate-limit.server.ts";
import { ensureQueues } from "../../jobs/index.ts";
import { deliverMail, linkFor } from "../support/mail.ts";
import { Browser, visibleText } from "../support/app.ts";
import { signedInBrowser } from "../support/signed-in.ts";
import { createCourse } from "../support/courses.ts";
import { createUser, DEFAULT_PASSWORD, uniqueEmail } from "../support/factories.ts";
import { startFakeSentry, type FakeSentry } from "../../fakes/sentry/server.ts";
import { send } from "../support/api-client.ts";

let fakeSentry: FakeSentry;
beforeAll(async () => {
  fakeSentry = await startFakeSentry();
  Object.assign(process.env, fakeSentry.env); // before anything reads the environment (getEnv caches it)
});
afterAll(() => fakeSentry.close());

let ipCounter = 0;
/** A fresh client address per use, so tests don't share per-IP counters. */
const freshIp = () => `198.18.${Math.floor(++ipCounter / 250)}.${(ipCounter % 250) + 1}`;

/** A refused page: 429, a Retry-After within the policy's window, and the message in the re-rendered form. */
async function expectLimitedPage(response: Response, policy: keyof typeof RATE_LIMITS) {
  expect(response.status).toBe(429);
  const retryAfter = Number(response.headers.get("Retry-After"));
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(RATE_LIMITS[policy].duration);
  const text = visibleText(await response.text());
  expect(text).toContain(`${RATE_LIMITS[policy].message} ${retryMessage(retryAfter)}`);
  return text;
}

// Forgot-password only queues a job (decision 015): its queue must exist.
beforeAll(() => ensureQueues());

describe("sign-in", () => {
  it("evaluates at most 5 of 50 parallel wrong guesses, and the owner on another network still signs in", async () => {
    const user = await createUser();
    const attacker = freshIp();
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => new Browser(attacker).post("/login", { email: user.email, password: `guess ${i}` })),
    );
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 400)).toHaveLength(RATE_LIMITS["login-account-ip"].points);
    expect(statuses.filter((s) => s === 429)).toHaveLength(50 - RATE_LIMITS["login-account-ip"].points);
    for (const r of answers.filter((a) => a.status === 429)) expect(Number(r.headers.get("Retry-After"))).toBeGreaterThan(0);

    // The attacker is stopped even with the right password...
    const blocked = await new Browser(attacker).post("/login", { email: user.email, password: DEFAULT_PASSWORD });
    const text = await expectLimitedPage(blocked, "login-account-ip");
    expect(text).toContain("Try again in 15 minutes.");
    // ...the owner, elsewhere, is not locked out.
    expect((await new Browser(freshIp()).post("/login", { email: user.email, password: DEFAULT_PASSWORD })).status).toBe(302);
  });

  it("says the same to an unknown email and a real account", async () => {
    const user = await createUser();
    const ip = freshIp();
    const unknown = uniqueEmail("nobody");
    for (let i = 0; i < 5; i++) {
      await new Browser(ip).post("/login", { email: user.email, password: "wrong" });
      await new Browser(ip).post("/login", { email: unknown, password: "wrong" });
    }
    const real = await new Browser(ip).post("/login", { email: user.email, password: "wrong" });
    const fake = await new Browser(ip).post("/login", { email: unknown, password: "wrong" });
    expect([real.status, fake.status]).toEqual([429, 429]);
    const message = (r: string) => /Too many sign-in attempts\.[^.]*\./.exec(visibleText(r))?.[0];
    expect(message(await real.text())).toBe(message(await fake.text()));
  });

  it("a successful sign-in resets the (account, IP) counter", async () => {
    const user = await createUser();
    const ip = freshIp();
    for (let i = 0; i < 4; i++) expect((await new Browser(ip).post("/login", { email: user.email, password: "typo" })).status).toBe(400);
    expect((await new Browser(ip).post("/login", { email: user.email, password: DEFAULT_PASSWORD })).status).toBe(302);
    for (let i = 0; i < 5; i++) expect((await new Browser(ip).post("/login", { email: user.email, password: "typo" })).status).toBe(400);
    expect((await new Browser(ip).post("/login", { email: user.email, password: "typo" })).status).toBe(429);
  });

  it("a botnet's guesses across IPs stop at the account-wide limit, which never stops the owner where they signed in before", async () => {
    const user = await createUser();
    const home = freshIp();
    expect((await new Browser(home).post("/login", { email: user.email, password: DEFAULT_PASSWORD })).status).toBe(302);
    const perIp = RATE_LIMITS["login-account-ip"].points;
    const bots = Array.from({ length: RATE_LIMITS["login-account"].points / perIp }, freshIp);
    const answers = await Promise.all(
      bots.map(async (ip) => {
        const statuses = [];
        for (let i = 0; i < perIp; i++) statuses.push((await new Browser(ip).post("/login", { email: user.email, password: `bot ${i}` })).status);
        return statuses;
      }),
    );
    expect(answers.flat().every((s) => s === 400)).toBe(true);
    const next = await new Browser(freshIp()).post("/login", { email: user.email, password: DEFAULT_PASSWORD });
    await expectLimitedPage(next, "login-account");
    expect((await new Browser(home).post("/login", { email: user.email, password: DEFAULT_PASSWORD })).status).toBe(302);
  });

  it("a password reset clears the owner's sign-in counters", async () => {
    const user = await createUser();
    const ip = freshIp();
    for (let i = 0; i < 6; i++) await new Browser(ip).post("/login", { email: user.email, password: "forgot it" });
    expect((await new Browser(ip).post("/login", { email: user.email, password: DEFAULT_PASSWORD })).status).toBe(429);
    await new Browser(ip).post("/forgot-password", { email: user.email });
    // The link as the owner's inbox has it (the table never holds a working link: decision 015).
    const link = new URL(await linkFor(user.email, "/reset-password"), "http://localhost");
    const token = link.searchParams.get("token")!;
    const reset = await new Browser(ip).post(link.pathname + link.search, { token, password: "a brand new password", confirmPassword: "a brand new password" });
    expect(reset.status).toBe(302);
    expect((await new Browser(ip).post("/login", { email: user.email, password: "a brand new password" })).status).toBe(302);
  });
});

describe("sign-up", () => {
  it("allows 20 sign-ups an hour from one network, then shows when to try again, and creates nothing", async () => {
    const ip = freshIp();
    const taken = await createUser();
    const form = (email: string) => ({ name: "Mass Signup", email, password: "a long enough password", confirmPassword: "a long enough password" });
    // Attempts count whether or not they create an account (a taken email gets the same "check your email" answer).
    for (let i = 0; i < RATE_LIMITS.signup.points; i++) expect((await new Browser(ip).post("/signup", form(taken.email))).status).toBe(200);
    const email = uniqueEmail("mass");
    const refused = await new Browser(ip).post("/signup", form(email));
    const text = await expectLimitedPage(refused, "signup");
    expect(text).toContain("Create your account"); // the form, re-rendered
    expect(await prisma.user.count({ where: { email } })).toBe(0);
    expect((await new Browser(freshIp()).post("/signup", form(email))).status).toBe(200);
    expect(await prisma.user.count({ where: { email } })).toBe(1);
  });
});

describe("forgot password", () => {
  it("sends at most 3 links per address in 15 minutes, and says the same for an unknown address", async () => {
    const user = await createUser();
    const unknown = uniqueEmail("nobody");
    const answers = await Promise.all(Array.from({ length: 10 }, () => new Browser(freshIp()).post("/forgot-password", { email: user.email })));
    expect(answers.filter((r) => r.status === 200)).toHaveLength(RATE_LIMITS["forgot-password-address"].points);
    await deliverMail(); // the requests only queue the lookup (decision 015); the workers send
    expect(await prisma.email.count({ where: { to: user.email } })).toBe(RATE_LIMITS["forgot-password-address"].points);
    for (let i = 0; i < 3; i++) await new Browser(freshIp()).post("/forgot-password", { email: unknown });
    const real = await new Browser(freshIp()).post("/forgot-password", { email: user.email });
    const fake = await new Browser(freshIp()).post("/forgot-password", { email: unknown });
    const realText = await expectLimitedPage(real, "forgot-password-address");
    const fakeText = await expectLimitedPage(fake, "forgot-password-address");
    const sentence = (t: string) => /Too many password-reset requests for this address\.[^]*?still works\./.exec(t)?.[0];
    expect(sentence(realText)).toBe(sentence(fakeText));
    expect(realText).toContain("Forgot your password?"); // the form, re-rendered
  });

  it("limits one network to 20 requests in 15 minutes over any addresses", async () => {
    const ip = freshIp();
    for (let i = 0; i < RATE_LIMITS["forgot-password-ip"].points; i++) {
      expect((await new Browser(ip).post("/forgot-password", { email: uniqueEmail("spray") })).status).toBe(200);
    }
    await expectLimitedPage(await new Browser(ip).post("/forgot-password", { email: uniqueEmail("spray") }), "forgot-password-ip");
  });
});

describe("reset password", () => {
  it("takes 10 new-password submits in 15 minutes from one network (each hashes a password)", async () => {
    const ip = freshIp();
    const form = { token: "not-a-real-token", password: "a long enough password", confirmPassword: "a long enough password" };
    for (let i = 0; i < RATE_LIMITS["reset-password"].points; i++) {
      expect((await new Browser(ip).post("/reset-password?token=not-a-real-token", form)).status).toBe(400);
    }
    const refused = await new Browser(ip).post("/reset-password?token=not-a-real-token", form);
    expect(await expectLimitedPage(refused, "reset-password")).toContain("Choose a new password");
  });
});

describe("signed-in writes", () => {
  it("API tokens: 10 an hour per user, then the form says when to try again", async () => {
    const { browser, user } = await signedInBrowser("STUDENT", { ip: freshIp() });
    for (let i = 0; i < RATE_LIMITS["api-token"].points; i++) {
      expect((await browser.post("/account", { intent: "create-api-token", name: `script ${i}` })).status).toBe(200);
    }
    await expectLimitedPage(await browser.post("/account", { intent: "create-api-token", name: "one more" }), "api-token");
    expect(await prisma.apiToken.count({ where: { userId: user.id } })).toBe(RATE_LIMITS["api-token"].points);
  });

  it("discussion posts and replies: 10 in 10 minutes per user", async () => {
    const course = await createCourse({ lessons: 1 });
    const { browser, user } = await signedInBrowser("STUDENT", { ip: freshIp() });
    const path = `/courses/${course.slug}/lessons/lesson-1`;
    for (let i = 0; i < RATE_LIMITS.post.points; i++) expect((await browser.post(path, { intent: "post", body: `Question number ${i}` })).status).toBe(302);
    const refused = await browser.post(path, { intent: "post", body: "One question too many" });
    await expectLimitedPage(refused, "post");
    expect(await prisma.discussionPost.count({ where: { userId: user.id } })).toBe(RATE_LIMITS.post.points);
  });

  it("announcements (each one emails every learner): 5 an hour per instructor", async () => {
    const { browser, user } = await signedInBrowser("INSTRUCTOR", { ip: freshIp() });
    const course = await createCourse({ lessons: 1 });
    await prisma.course.update({ where: { id: course.id }, data: { authorId: user.id } });
    const path = `/instructor/courses/${course.id}/announcements`;
    for (let i = 0; i < RATE_LIMITS.announcement.points; i++) {
      expect((await browser.post(path, { title: `News ${i}`, body: "Something new in the course." })).status).toBe(302);
    }
    await expectLimitedPage(await browser.post(path, { title: "Spam", body: "Something new in the course." }), "announcement");
  });
});

describe("JSON API", () => {
  it("Sentry syncs: 6 an hour per user, then a JSON 429 with Retry-After", async () => {
    const { browser } = await signedInBrowser("STUDENT", { ip: freshIp() });
    const sync = () => send(browser, "POST", "/api/sentry/sync", undefined, { Accept: "application/json" }); // answers checked against the OpenAPI document
    for (let i = 0; i < RATE_LIMITS["sentry-sync"].points; i++) expect((await sync()).status).toBe(409); // not connected, but asked
    const refused = await sync();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(3000);
    expect(await refused.json()).toEqual({ error: "rate_limited", message: "You've asked for several syncs in a short time. Try again in 60 minutes.", retryAfterSeconds: expect.any(Number) });
  });
});

describe("Sentry token checks", () => {
  it("10 in 10 minutes per user (each calls Sentry), pages and API together", async () => {
    const { browser } = await signedInBrowser("STUDENT", { ip: freshIp() });
    const token = fakeSentry.createToken({ scopes: ["org:read", "project:read"], userId: "1001" });
    const check = () => send(browser, "POST", "/api/sentry/validate-token", { token }, { Accept: "application/json" });
    for (let i = 0; i < RATE_LIMITS["sentry-token"].points - 1; i++) expect((await check()).status).toBe(200);
    expect((await browser.post("/sentry/token", { token })).status).toBe(302); // the page's check: the 10th
    const refused = await check();
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ error: "rate_limited", message: expect.stringContaining("Too many token checks. Try again in 10 minutes.") });
    await browser.post("/sentry/token", { intent: "cancel" }); // back to the form from the "save it?" step
    const page = await browser.post("/sentry/token", { token });
    expect(await expectLimitedPage(page, "sentry-token")).toContain("Paste and check it"); // the form, re-rendered
  });
});

describe("customer link", () => {
  it("takes 60 changes in 10 minutes through one link (API and pages together), then a JSON 429 and a page saying when to try again", async () => {
    const se = await createUser({ role: "SE" });
    const staff = { kind: "staff" as const, userId: se.id, name: se.name };
    const poc = await createPoc({ customerName: "Quota Corp", accountDomain: "quota.example", ownerId: se.id, startDate: null, endDate: null, goals: "" }, staff);
    const token = await regenerateShareLink(poc.id, null, staff);
    const api = new Browser(freshIp());
    const add = (name: string) =>
      api.request(`/api/v1/customer/${token}/team`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ name }) });
    // The review's probe added 200 members in 1.3 s; now the link stops at the limit, in parallel too.
    const answers = await Promise.all(Array.from({ length: 80 }, (_, i) => add(`Member ${i}`)));
    expect(answers.filter((r) => r.status === 201)).toHaveLength(RATE_LIMITS["customer-write"].points);
    const refused = answers.find((r) => r.status === 429)!;
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ error: "rate_limited", message: expect.stringMatching(/^Too many changes through this link in a short time\. Try again in \d+ minutes?\.$/) });
    expect(await prisma.pocTeamMember.count({ where: { pocId: poc.id } })).toBe(RATE_LIMITS["customer-write"].points);

    const page = await new Browser(freshIp()).post(`/customer/${token}/team`, { intent: "add-member", name: "Through the page" });
    expect(page.status).toBe(429);
    expect(Number(page.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(visibleText(await page.text())).toMatch(/Too many changes through this link in a short time\. Try again in \d+ minutes?\./);
    // Reading is not limited.
    expect((await new Browser(freshIp()).get(`/customer/${token}/team`)).status).toBe(200);
  });
});

describe("customer team quota", () => {
  it("caps the customer's side of a team at 100 people, atomically, with a JSON 409 and a message in the form", async () => {
    const se = await createUser({ role: "SE" });
    const staff = { kind: "staff" as const, userId: se.id, name: se.name };
    const poc = await createPoc({ customerName: "Full Corp", accountDomain: "full.example", ownerId: se.id, startDate: null, endDate: null, goals: "" }, staff);
    const token = await regenerateShareLink(poc.id, null, staff);
    await prisma.pocTeamMember.createMany({
      data: Array.from({ length: CUSTOMER_TEAM_MAX - 1 }, (_, i) => ({ pocId: poc.id, position: i, side: "CUSTOMER" as const, name: `Person ${i}` })),
    });
    const api = new Browser(freshIp());
    const answers = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        api.request(`/api/v1/customer/${token}/team`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ name: `Late ${i}` }) }),
      ),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
    expect(await answers.find((r) => r.status === 409)!.json()).toMatchObject({ error: "quota_exceeded", message: expect.stringContaining("already has 100 people") });
    expect(await prisma.pocTeamMember.count({ where: { pocId: poc.id, side: "CUSTOMER" } })).toBe(CUSTOMER_TEAM_MAX);

    const page = await new Browser(freshIp()).post(`/customer/${token}/team`, { intent: "add-member", name: "One more" });
    expect(page.status).toBe(409);
    expect(visibleText(await page.text())).toContain("Your team already has 100 people");
  });
});

describe("the store", () => {
  it("is shared and atomic across instances: two limiters on two connection pools give 50 parallel hits exactly 5 passes", async () => {
    const pools = [new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 5 }), new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 5 })];
    try {
      // What each instance of the app builds (rate-limit.server.ts): the same table, policy and key.
      const limiters = pools.map(
        (p) => new RateLimiterPostgres({ storeClient: p, storeType: "pool", tableName: RATE_LIMIT_TABLE, tableCreated: true, clearExpiredByTimeout: false, keyPrefix: "login-account-ip", points: 5, duration: 900 }),
      );
      const results = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => limiters[i % 2].consume("shared-key")));
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(5);
      for (const r of results) if (r.status === "rejected") expect(r.reason).toBeInstanceOf(RateLimiterRes);
    } finally {
      await Promise.all(pools.map((p) => p.end()));
    }
  });

  it("keeps no email address or IP in the table", async () => {
    const email = uniqueEmail("private");
    await rateLimit("verification-email", email);
    await new Browser("203.0.113.250").post("/login", { email, password: "wrong" });
    const rows = await prisma.rateLimit.findMany();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((r) => r.key.includes(email) || r.key.includes("203.0.113.250"))).toBe(false);
  });

  it("the hourly cleanup job deletes expired counters", async () => {
    await prisma.rateLimit.createMany({
      data: [
        { key: "test:expired", points: 3, expire: BigInt(Date.now() - 1000) },
        { key: "test:live", points: 3, expire: BigInt(Date.now() + 60_000) },
      ],
    });
    const { cleanupJob } = await import("../../jobs/cleanup.ts");
    await cleanupJob.handle({} as never, {} as never);
    expect((await prisma.rateLimit.findMany({ where: { key: { startsWith: "test:" } } })).map((r) => r.key)).toEqual(["test:live"]);
  });

  it("counts an IPv6 client by its /64", () => {
    expect(ipKey("2001:db8:1:2:aaaa::1")).toBe(ipKey("2001:db8:1:2:bbbb:cccc:dddd:eeee"));
    expect(ipKey("2001:db8:1:3::1")).not.toBe(ipKey("2001:db8:1:2::1"));
    expect(ipKey("::ffff:192.0.2.1")).toBe("192.0.2.1");
  });
});
