/**
 * Sentry Connect over HTTP against the fake Sentry (real wire format): connect by
 * token and by OAuth, sync, recommendations, adoption, failures, disconnect, and
 * the token's plaintext appearing nowhere (database, HTML, logs).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { prisma } from "~/utils/db.server.ts";
import { query, sql } from "~/utils/sql.server.ts";
import { syncConnection } from "~/modules/sentry-connect/sync.server.ts";
import { coursesForFeatures, lessonsForFeatures } from "~/modules/sentry-connect/setup.server.ts";
import { Browser, visibleText } from "../support/app.ts";
import { send } from "../support/api-client.ts";
import { signedInBrowser } from "../support/signed-in.ts";
import { createUser } from "../support/factories.ts";
import { startFakeSentry, type FakeSentry } from "../../fakes/sentry/server.ts";

let fake: FakeSentry;
const logged: string[] = [];

beforeAll(async () => {
  fake = await startFakeSentry();
  // Before anything reads the environment (getEnv caches it).
  Object.assign(process.env, fake.env, { SENTRY_TIMEOUT_SECONDS: "1" });
  // The starter catalogue: recommendations link to its courses.
  const { importContent, CONTENT_DIR } = await import("../../prisma/seed/catalog.ts");
  await importContent(prisma, CONTENT_DIR, { publish: true });
  // Everything the app logs during these tests, to prove no token is in it.
  for (const level of ["log", "info", "warn", "error", "debug"] as const) {
    const original = console[level].bind(console);
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      logged.push(args.map((a) => (a instanceof Error ? `${a.message} ${a.stack}` : typeof a === "string" ? a : JSON.stringify(a))).join(" "));
      original(...args);
    });
  }
});
afterAll(() => fake.close());
afterEach(() => {
  fake.reset();
  fake.clearFaults();
});

/** Pastes a token, checks it, saves it: the no-JS journey. Returns the pages' HTML. */
async function connectByToken(browser: Browser, token: string) {
  const check = await browser.post("/sentry/token", { intent: "check", token });
  expect(check.status).toBe(302);
  const confirm = await browser.follow(check);
  const confirmHtml = await confirm.text();
  const saved = await browser.post("/sentry/token", { intent: "save" });
  expect(saved.headers.get("Location")).toBe("/sentry");
  return { confirmHtml };
}

async function allRowsText() {
  const tables = await query<{ table_name: string }>(sql`
    SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`);
  const chunks: string[] = [];
  for (const { table_name } of tables) {
    const rows = await prisma.$queryRawUnsafe<{ row: unknown }[]>(`SELECT row_to_json(t) AS row FROM "${table_name}" t`);
    chunks.push(JSON.stringify(rows.map((r) => r.row)));
  }
  const jobs = await prisma.$queryRawUnsafe<{ row: unknown }[]>(`SELECT row_to_json(j) AS row FROM pgboss.job j`).catch(() => []);
  chunks.push(JSON.stringify(jobs));
  return chunks.join("\n");
}

describe("connecting with a pasted token (no JavaScript)", () => {
  it("explains a bad format, refuses an org token, and never writes the token back into the page", async () => {
    const { browser } = await signedInBrowser();
    const short = `sntryu_${"ab".repeat(20)}`;
    let response = await browser.post("/sentry/token", { intent: "check", token: short });
    expect(response.status).toBe(400);
    let html = await response.text();
    expect(visibleText(html)).toContain('A user token has 64 characters after "sntryu_"; this one has 40');
    expect(html).not.toContain(short);

    response = await browser.post("/sentry/token", { intent: "check", token: fake.tokens["northwind-ci"] });
    expect(response.status).toBe(400);
    html = await response.text();
    expect(visibleText(html)).toContain("This is an organization token");
    expect(visibleText(html)).toContain("cannot list your projects");
    expect(html).not.toContain(fake.tokens["northwind-ci"]);
    expect(fake.calls()).toHaveLength(0); // a bad format never reaches Sentry
  });

  it("reports a revoked and an expired token with the next step", async () => {
    const { browser } = await signedInBrowser();
    const revoked = fake.createToken({ scopes: ["org:read", "project:read"] });
    fake.revokeToken(revoked);
    let response = await browser.post("/sentry/token", { intent: "check", token: revoked });
    expect(response.status).toBe(422);
    let html = await response.text();
    expect(visibleText(html)).toContain("Sentry rejected the token: it was revoked, or it never existed");
    expect(html).not.toContain(revoked);

    response = await browser.post("/sentry/token", { intent: "check", token: fake.tokens.expired });
    html = await response.text();
    expect(visibleText(html)).toContain("Your Sentry authorization has expired");
  });

  it("refuses a token without the read scopes", async () => {
    const { browser } = await signedInBrowser();
    const narrow = fake.createToken({ scopes: ["project:read"] });
    const response = await browser.post("/sentry/token", { intent: "check", token: narrow });
    expect(response.status).toBe(422);
    expect(visibleText(await response.text())).toContain("missing the org:read scope");
  });

  it("refuses a token that could also write to Sentry, and stores nothing", async () => {
    const { user, browser } = await signedInBrowser();
    const writer = fake.createToken({ scopes: ["org:read", "project:read", "project:write", "event:admin"], userId: "1001" });
    const response = await browser.post("/sentry/token", { intent: "check", token: writer });
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(visibleText(html)).toContain("The token can also change things in Sentry (project:write, event:admin). Academy only reads");
    expect(html).not.toContain(writer);
    expect(await prisma.sentryConnection.count({ where: { userId: user.id } })).toBe(0);
  });

  it("shows the organizations found before saving, then syncs and recommends for the fake's real projects", async () => {
    const { user, browser } = await signedInBrowser();
    const token = fake.createToken({ scopes: ["org:read", "project:read"], userId: "1001" });
    const { confirmHtml } = await connectByToken(browser, token);
    const confirmText = visibleText(confirmHtml);
    expect(confirmText).toContain("We found 3 organizations");
    expect(confirmText).toContain("northwind");
    expect(confirmHtml).not.toContain(token);

    const connection = await prisma.sentryConnection.findUniqueOrThrow({ where: { userId: user.id } });
    expect(connection.method).toBe("TOKEN");
    expect(connection.accessTokenCipher.startsWith("v1.test1.")).toBe(true);

    const result = await syncConnection(user.id);
    expect(result).toMatchObject({ ok: true, organizations: 3, projects: 12 });

    const page = await browser.get("/sentry");
    const html = await page.text();
    const text = visibleText(html);
    expect(text).toContain("Your Sentry Setup");
    expect(text).toContain("3 organizations · 12 projects");
    expect(text).toContain("3 of your 4 projects record no replays");
    expect(text).toContain("Enable Session Replay on your React project web-frontend");
    expect(text).toContain("5 of your 12 projects send no transactions");
    expect(text).toContain("Upload source maps for your React project web-frontend");
    expect(text).toContain("Send the first event from your Rails project marketing-site");
    expect(html).toContain("https://docs.sentry.io/platforms/javascript/guides/react/session-replay/");
    expect(text).toContain("Course: Session Replay for web apps"); // tagged session-replay and javascript-react
    expect(text).toContain("Courses for your stack");
    // The matrix: Session Replay doesn't apply to the Go worker, with the reason.
    expect(text).toContain("Session Replay doesn't apply to billing-worker: Session Replay records what a user saw in a browser or mobile app");
    expect(html).not.toContain(token);

    const api = await send(browser, "GET", "/api/recommendations", undefined, { Accept: "application/json" });
    const body = (await api.json()) as { connected: boolean; recommendations: { feature: string; project: string; status: string; docsUrl?: string }[] };
    expect(body.connected).toBe(true);
    expect(body.recommendations).toContainEqual(expect.objectContaining({ feature: "session-replay", project: "web-frontend", status: "open" }));
  });

  it("marks a recommendation done with the date when a later sync sees the feature adopted", async () => {
    const { user, browser } = await signedInBrowser();
    await connectByToken(browser, fake.createToken({ scopes: ["org:read", "project:read"], userId: "1001" }));
    await syncConnection(user.id);
    fake.adoptFeature("northwind", "web-frontend", { hasReplays: true });
    await syncConnection(user.id);
    const rec = await prisma.sentryRecommendation.findFirstOrThrow({ where: { connection: { userId: user.id }, key: "session-replay:northwind/web-frontend" } });
    expect(rec.status).toBe("DONE");
    expect(rec.adoptedAt).toBeInstanceOf(Date);
    const text = visibleText(await (await browser.get("/sentry")).text());
    expect(text).toMatch(/Session Replay on web-frontend · done \d{1,2} \w+ \d{4}/);
    expect(text).not.toContain("Enable Session Replay on your React project web-frontend");
    expect(await prisma.sentryConnectionEvent.count({ where: { userId: user.id, kind: "adopted", feature: "session-replay" } })).toBe(1);
    expect(await prisma.sentrySnapshot.count({ where: { connection: { userId: user.id } } })).toBe(2);
  });
});

describe("each next step points at what teaches it (the UX review's three examples)", () => {
  /** The visible text of one next-step card on the page. */
  const card = (html: string, feature: string) => {
    const start = html.indexOf(`data-testid="recommendation" data-feature="${feature}"`);
    expect(start, `a next step for ${feature}`).toBeGreaterThan(-1);
    const end = html.indexOf('data-testid="recommendation"', start + 40);
    return visibleText(`<li ${html.slice(start, end === -1 ? undefined : end)}`);
  };
  const firstCourse = (text: string) => text.match(/Course: ([^\n]+?)(?= Course:| Lesson:|$)/)?.[1];

  it("lists the dedicated course first on the Alerts and Tracing steps of the synced demo organizations", async () => {
    const { user, browser } = await signedInBrowser();
    await connectByToken(browser, fake.createToken({ scopes: ["org:read", "project:read"], userId: "1001" }));
    await syncConnection(user.id);
    const html = await (await browser.get("/sentry")).text();
    const alerts = card(html, "alerts");
    expect(firstCourse(alerts)).toBe("Alerts that people act on");
    expect(alerts).not.toMatch(/Course: Capstone/);
    const tracing = card(html, "tracing");
    expect(firstCourse(tracing)).toBe("Tracing and performance monitoring");
    expect(tracing).toMatch(/Lesson: [^·]+ in Tracing and performance monitoring/);
  });

  it("matches a plain python project to lessons written for python-django, and a javascript one to javascript-react", async () => {
    const tracing = (await coursesForFeatures(["tracing"], ["python"], 2)).get("tracing")!;
    expect(tracing[0]).toMatchObject({ title: "Tracing and performance monitoring", matchesPlatform: true });
    const lessons = (await lessonsForFeatures(["tracing"], ["python"], 10)).get("tracing")!;
    expect(lessons.map((l) => l.title)).toContain("Automatic instrumentation for Django, Express and Rails");
    expect(lessons.map((l) => l.title)).not.toContain("Browser tracing and Web Vitals in React"); // another family
    expect(lessons[0].courseTitle).toBe("Tracing and performance monitoring");
    const replay = (await coursesForFeatures(["session-replay"], ["javascript"], 2)).get("session-replay")!;
    expect(replay[0]).toMatchObject({ title: "Session Replay for web apps", matchesPlatform: true });
    // The feature match dominates: a Go project still gets the tracing course before the dashboards one.
    expect((await coursesForFeatures(["tracing"], ["go"], 2)).get("tracing")!.map((c) => c.title)).toEqual(["Tracing and performance monitoring", "Dashboards and insights"]);
    expect((await coursesForFeatures(["alerts"], ["python"], 1)).get("alerts")!.map((c) => c.title)).toEqual(["Alerts that people act on"]);
  });
});

describe("sync within Sentry's limits and failures", () => {
  it("walks a 500-project organization with the minimum calls and waits out the rate limit", async () => {
    const { generateLargeOrganization } = await import("../../fakes/sentry/scenario.ts");
    const big = await startFakeSentry({ scenario: generateLargeOrganization({ projects: 500 }), rateLimit: { limit: 3, windowSeconds: 1 } });
    try {
      const user = await createUser();
      const { saveTokenConnection } = await import("~/modules/sentry-connect/connection.server.ts");
      const token = big.createToken({ scopes: ["org:read", "project:read"] });
      await saveTokenConnection(user.id, token, { user: { name: null, email: null }, scopes: ["org:read", "project:read"], organizations: [] });
      const result = await syncConnection(user.id, { baseUrl: big.url });
      expect(result).toMatchObject({ ok: true, projects: 500 });
      // 1 organizations list + 5 project pages + 5 per-organization lists; never a 429.
      expect(big.calls().filter((c) => c.path.startsWith("/api/0/")).length).toBe(11);
      expect(big.calls().some((c) => c.status === 429)).toBe(false);
      expect(await prisma.sentryApiCall.count({ where: { userId: user.id } })).toBe(11);
    } finally {
      await big.close();
    }
  });

  it("retries a timeout and a 500, and marks a revoked token as needing reconnection", async () => {
    const { user, browser } = await signedInBrowser();
    const token = fake.createToken({ scopes: ["org:read", "project:read"], userId: "1001" });
    await connectByToken(browser, token);
    fake.injectFault({ path: "/api/0/organizations/", status: 500, times: 1 });
    fake.injectFault({ path: "/api/0/organizations/northwind/projects/", delayMs: 1500, times: 1 });
    expect(await syncConnection(user.id)).toMatchObject({ ok: true });
    const statuses = (await prisma.sentryApiCall.findMany({ where: { userId: user.id }, orderBy: { at: "asc" } })).map((c) => c.status);
    expect(statuses).toContain(500);
    expect(statuses).toContain(0); // the timed-out attempt

    fake.revokeToken(token);
    expect(await syncConnection(user.id)).toMatchObject({ ok: false, retry: false });
    const connection = await prisma.sentryConnection.findUniqueOrThrow({ where: { userId: user.id } });
    expect(connection.status).toBe("NEEDS_RECONNECT");
    const text = visibleText(await (await browser.get("/sentry")).text());
    expect(text).toContain("Sentry rejected the token: it was revoked");
    expect(text).toContain("Connect with a new token");
  });

  it("gives up on a rate limit that outlasts the wait and says so", async () => {
    const { user, browser } = await signedInBrowser();
    await connectByToken(browser, fake.createToken({ scopes: ["org:read", "project:read"], userId: "1001" }));
    fake.injectFault({ path: "/api/0/organizations/", status: 429, times: 10 });
    const result = await syncConnection(user.id);
    expect(result).toMatchObject({ ok: false, retry: true });
    const connection = await prisma.sentryConnection.findUniqueOrThrow({ where: { userId: user.id } });
    expect(connection.syncStatus).toBe("FAILED");
    expect(connection.lastSyncError).toContain("rate limit");
  });
});

describe("connecting with OAuth", () => {
  async function startOAuth(browser: Browser) {
    const start = await browser.post("/api/sentry/oauth", {});
    expect(start.status).toBe(302);
    const authorize = new URL(start.headers.get("Location")!);
    expect(authorize.origin).toBe(fake.url);
    expect(authorize.pathname).toBe("/oauth/authorize/");
    expect(authorize.searchParams.get("scope")).toBe("org:read project:read");
    expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
    return authorize;
  }

  async function consent(authorize: URL, op: "approve" | "deny") {
    const page = await fetch(authorize);
    const html = await page.text();
    const fields = Object.fromEntries([...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1], m[2].replace(/&#(\d+);/g, (_, c) => String.fromCharCode(Number(c)))]));
    const answer = await fetch(new URL("/oauth/authorize/", fake.url), { method: "POST", body: new URLSearchParams({ ...fields, op }), redirect: "manual" });
    return new URL(answer.headers.get("Location")!);
  }

  it("connects, stores encrypted tokens, refreshes and rotates them, and asks to reconnect when the refresh fails", async () => {
    const { user, browser } = await signedInBrowser();
    const back = await consent(await startOAuth(browser), "approve");
    expect(back.pathname).toBe("/api/sentry/callback");
    const done = await browser.get(`${back.pathname}${back.search}`);
    expect(done.headers.get("Location")).toBe("/sentry");
    const connection = await prisma.sentryConnection.findUniqueOrThrow({ where: { userId: user.id } });
    expect(connection).toMatchObject({ method: "OAUTH", status: "ACTIVE", scopes: ["org:read", "project:read"] });
    expect(connection.refreshTokenCipher).toBeTruthy();

    // The access token is about to expire: the sync refreshes first and stores the rotated pair.
    await prisma.sentryConnection.update({ where: { userId: user.id }, data: { tokenExpiresAt: new Date(Date.now() + 60_000) } });
    fake.expireOAuthAccessTokens();
    expect(await syncConnection(user.id)).toMatchObject({ ok: true });
    const refreshed = await prisma.sentryConnection.findUniqueOrThrow({ where: { userId: user.id } });
    expect(refreshed.refreshTokenCipher).not.toBe(connection.refreshTokenCipher);
    expect(refreshed.tokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 3600_000);

    // Sentry forgets the grant (reset): the next refresh gets invalid_grant.
    fake.reset();
    await prisma.sentryConnection.update({ where: { userId: user.id }, data: { tokenExpiresAt: new Date(Date.now() + 60_000) } });
    expect(await syncConnection(user.id)).toMatchObject({ ok: false, retry: false });
    const after = await prisma.sentryConnection.findUniqueOrThrow({ where: { userId: user.id } });
    expect(after.status).toBe("NEEDS_RECONNECT");
    expect(after.statusReason).toContain("Sentry refused to renew your authorization");
  });

  it("says so when the learner denies consent, or the state doesn't match", async () => {
    const { user, browser } = await signedInBrowser();
    const denied = await consent(await startOAuth(browser), "deny");
    let response = await browser.follow(await browser.get(`${denied.pathname}${denied.search}`));
    expect(visibleText(await response.text())).toContain("You didn't approve access on Sentry, so nothing was connected");

    const approved = await consent(await startOAuth(browser), "approve");
    approved.searchParams.set("state", "forged-state");
    response = await browser.follow(await browser.get(`${approved.pathname}${approved.search}`));
    expect(visibleText(await response.text())).toContain("That connection attempt expired or didn't match this browser");
    expect(await prisma.sentryConnection.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe("disconnect, export and secrecy", () => {
  it("keeps the token's plaintext out of the database, every page, the export and the logs; disconnect leaves nothing behind", async () => {
    // Start from no Sentry data at all, so "nothing left anywhere" means this learner's data.
    await prisma.sentryConnection.deleteMany();
    await prisma.sentryApiCall.deleteMany();
    const { user, browser } = await signedInBrowser();
    const token = fake.createToken({ scopes: ["org:read", "project:read"], userId: "1001" });
    const pages: string[] = [];
    const { confirmHtml } = await connectByToken(browser, token);
    pages.push(confirmHtml);
    await syncConnection(user.id);
    for (const path of ["/sentry", "/sentry/audit", "/account", "/dashboard", "/courses", "/sentry/export", "/api/recommendations"]) {
      const response = await browser.get(path);
      expect(response.status).toBe(200);
      pages.push(await response.text());
    }
    const exported = JSON.parse(pages.at(-2)!) as { connection: { accessToken: string }; organizations: { slug: string }[]; apiCalls: unknown[] };
    expect(exported.connection.accessToken).toContain("not included");
    expect(exported.organizations.map((o) => o.slug)).toEqual(["acme-labs", "northwind", "sidequest"]);
    expect(exported.apiCalls.length).toBeGreaterThan(5);
    const audit = visibleText(pages[2]);
    expect(audit).toContain("GET /api/0/organizations/northwind/projects/?per_page=100");

    const database = await allRowsText();
    for (const haystack of [database, ...pages, logged.join("\n")]) expect(haystack).not.toContain(token);
    expect(database).toContain("web-frontend"); // the synced data is there...

    const response = await browser.post("/api/sentry/disconnect", {});
    expect(response.headers.get("Location")).toBe("/sentry");
    const after = await allRowsText();
    // ...and after disconnecting, nothing from Sentry is left anywhere.
    for (const trace of ["web-frontend", "northwind", "sidequest", "Jamie Rivera", "jamie@northwind.example"]) expect(after).not.toContain(trace);
    for (const table of ["sentryConnection", "sentryApiCall"] as const) {
      expect(await (prisma[table] as unknown as { count: (a: object) => Promise<number> }).count({ where: { userId: user.id } })).toBe(0);
    }
    expect(await prisma.sentryOrganization.count()).toBe(await prisma.sentryOrganization.count({ where: { connection: { userId: { not: user.id } } } }));
    const jobs = await prisma.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM pgboss.job WHERE data->>'userId' = $1`, user.id);
    expect(Number(jobs[0].n)).toBe(0); // the sync jobs queued for the user went too
    const events = await prisma.sentryConnectionEvent.findMany({ where: { userId: user.id }, select: { kind: true } });
    expect(events.map((e) => e.kind).sort()).toEqual(["connected", "disconnected"]);
    expect(visibleText(await (await browser.get("/sentry")).text())).toContain("What we read, why, and what we never do");
  });

  it("answers the JSON API with a session or a personal API token", async () => {
    const { user, browser } = await signedInBrowser();
    // Every answer is checked against the OpenAPI document (tests/support/api-client.ts).
    let response = await send(new Browser(), "POST", "/api/sentry/validate-token", { token: "x" });
    expect(response.status).toBe(401);
    response = await send(browser, "POST", "/api/sentry/validate-token", { token: fake.tokens["northwind-ci"] }, { Accept: "application/json" });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ valid: false, field: "token" });
    const token = fake.createToken({ scopes: ["org:read", "project:read"], userId: "1001" });
    response = await send(browser, "POST", "/api/sentry/validate-token", { token, save: true }, { Accept: "application/json" });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { valid: boolean; saved: boolean; organizations: { slug: string }[] };
    expect(body).toMatchObject({ valid: true, saved: true });
    expect(body.organizations.map((o) => o.slug).sort()).toEqual(["acme-labs", "northwind", "sidequest"]);
    expect(JSON.stringify(body)).not.toContain(token);

    const { createApiToken } = await import("~/modules/accounts/api-tokens.server.ts");
    const { token: apiToken } = await createApiToken(user.id, "cli");
    response = await send(new Browser(), "POST", "/api/sentry/sync", undefined, { Authorization: `Bearer ${apiToken}` });
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({ status: "queued" });
    response = await send(new Browser(), "GET", "/api/recommendations", undefined, { Authorization: `Bearer ${apiToken}` });
    expect(await response.json()).toMatchObject({ connected: true });
    response = await send(new Browser(), "POST", "/api/sentry/disconnect", undefined, { Authorization: `Bearer ${apiToken}` });
    expect(await response.json()).toEqual({ disconnected: true });
  });
});

describe("prompts", () => {
  it("invites a learner who finished a course on the dashboard and the catalogue, and remembers a dismissal", async () => {
    const { user, browser } = await signedInBrowser();
    const { createCourse } = await import("../support/courses.ts");
    const course = await createCourse();
    await prisma.enrollment.create({ data: { userId: user.id, courseId: course.id, completedAt: new Date() } });
    let text = visibleText(await (await browser.get("/dashboard")).text());
    expect(text).toContain("Level up your learning");
    text = visibleText(await (await browser.get("/courses")).text());
    expect(text).toContain("Want courses tailored to your Sentry setup?");

    const dismissed = await browser.post("/prompts/dismiss", { prompt: "dashboard-level-up", redirectTo: "/dashboard" });
    expect(dismissed.headers.get("Location")).toBe("/dashboard");
    text = visibleText(await (await browser.get("/dashboard")).text());
    expect(text).not.toContain("Level up your learning");
    expect(visibleText(await (await browser.get("/courses")).text())).toContain("Want courses tailored to your Sentry setup?");
  });
});

describe("key rotation", () => {
  it("re-encrypts every stored token under the new first key, readable with the new ring only", async () => {
    const { encrypt, decrypt, keyIdOf, parseKeyRing, generateKey } = await import("~/utils/encryption.server.ts");
    const { reencryptSentryTokens } = await import("~/modules/sentry-connect/rotate.ts");
    await prisma.sentryConnection.deleteMany();
    const oldKey = generateKey();
    const oldRing = parseKeyRing(`old:${oldKey}`);
    const user = await createUser();
    const access = `sntryu_${"c3".repeat(32)}`;
    await prisma.sentryConnection.create({
      data: { userId: user.id, method: "OAUTH", accessTokenCipher: encrypt(access, `sentry-access:${user.id}`, oldRing), refreshTokenCipher: encrypt("r".repeat(64), `sentry-refresh:${user.id}`, oldRing), scopes: [] },
    });
    const ring = parseKeyRing(`new:${generateKey()},old:${oldKey}`);
    expect(await reencryptSentryTokens(prisma, ring)).toEqual({ connections: 1, rotated: 1, keyId: "new" });
    const row = await prisma.sentryConnection.findUniqueOrThrow({ where: { userId: user.id } });
    expect(keyIdOf(row.accessTokenCipher)).toBe("new");
    expect(keyIdOf(row.refreshTokenCipher!)).toBe("new");
    expect(decrypt(row.accessTokenCipher, `sentry-access:${user.id}`, parseKeyRing(ring.current.id + ":" + ring.current.key.toString("base64")))).toBe(access);
    expect(await reencryptSentryTokens(prisma, ring)).toMatchObject({ rotated: 0 }); // idempotent
  });
});
