/**
 * Sentry Connect end to end, against the fake Sentry that the e2e server starts
 * (fakes/sentry, control API under /__fake/). Both projects (JS on / JS off)
 * run these at the same time against the same fake, so every test creates its own
 * user and its own Sentry token, and tests that change the fake's projects use a
 * feature/project no other test asserts on.
 */
import type { Page } from "@playwright/test";
import { expect, test, toast } from "./support/fixtures.ts";
import { loadScenario } from "../../fakes/sentry/scenario.ts";

const FAKE_SENTRY = `http://127.0.0.1:${process.env.E2E_FAKE_SENTRY_PORT ?? "3211"}`;
/** The scenario's organization token (sntrys_, org:ci only). */
const ORG_TOKEN = loadScenario().orgTokens.find((t) => t.name === "northwind-ci")!.token;
/** The sync runs in the server's pg-boss worker; the first one walks three organizations. */
const SYNC_TIMEOUT = 20_000;

// ----- fake Sentry control API ------------------------------------------------

async function control(method: string, path: string, body?: unknown) {
  const response = await fetch(`${FAKE_SENTRY}${path}`, {
    method,
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? null : ((await response.json()) as Record<string, unknown>);
}

/** A fresh personal token of the demo user (Jamie Rivera, 1001). */
async function createSentryToken(scopes = ["org:read", "project:read"]) {
  const created = await control("POST", "/__fake/tokens", { scopes, userId: "1001" });
  return created!.token as string;
}

const revokeSentryToken = (token: string) => control("DELETE", `/__fake/tokens/${encodeURIComponent(token)}`);
const adoptFeature = (org: string, project: string, patch: Record<string, boolean>) => control("POST", `/__fake/projects/${org}/${project}`, patch);

// ----- secrecy ------------------------------------------------------------------

/**
 * Watches everything the app sends to this page (documents, and with JS the
 * loader/action data requests) so a test can assert a secret never came back.
 */
function watchResponses(page: Page, baseURL: string) {
  const bodies: Promise<{ url: string; text: string }>[] = [];
  page.on("response", (response) => {
    if (!response.url().startsWith(baseURL)) return;
    bodies.push(
      response
        .text()
        .then((text) => ({ url: response.url(), text }))
        .catch(() => ({ url: response.url(), text: "" })), // redirects have no body
    );
  });
  return {
    async expectNever(secret: string) {
      const seen = await Promise.all(bodies);
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.filter((b) => b.text.includes(secret)).map((b) => b.url)).toEqual([]);
    },
  };
}

async function expectNotInPage(page: Page, secret: string) {
  expect(await page.content()).not.toContain(secret);
}

// ----- page helpers ----------------------------------------------------------------

const tokenField = (page: Page) => page.getByLabel("Sentry auth token");

/** With JS, wait for hydration (the "Copy" button renders only then) so typing reaches the as-you-type check. */
async function openTokenForm(page: Page, jsEnabled: boolean, via: "link" | "goto" = "goto") {
  if (via === "link") {
    await page.goto("/sentry");
    await page.getByRole("link", { name: "Use an auth token" }).click();
  } else {
    await page.goto("/sentry/token");
  }
  await expect(page.getByRole("heading", { level: 1, name: "Connect with an auth token" })).toBeVisible();
  if (jsEnabled) await expect(page.getByRole("button", { name: "Copy" })).toBeVisible();
}

/** The first sync is done when the status says so and the matrix is there. */
async function waitForSync(page: Page) {
  await expect(page.getByTestId("sync-status")).toContainText("Last synced", { timeout: SYNC_TIMEOUT });
  await expect(page.getByTestId("matrix-northwind")).toBeVisible();
}

/** Token form → confirm page → save → /sentry, synced. */
async function connectWithToken(page: Page, jsEnabled: boolean, token: string) {
  await openTokenForm(page, jsEnabled);
  await tokenField(page).fill(token);
  await page.getByRole("button", { name: "Check token" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Is this the right Sentry account?" })).toBeVisible();
  await page.getByRole("button", { name: "Save and analyse my setup" }).click();
  await expect(page).toHaveURL(/\/sentry$/);
  await expect(toast(page)).toContainText("Connected to Sentry");
  await waitForSync(page);
}

/** "Connect with Sentry (OAuth)" → consent page on the fake Sentry → Approve → /sentry. */
async function startOAuth(page: Page) {
  await page.goto("/sentry");
  await page.getByRole("button", { name: "Connect with Sentry (OAuth)" }).click();
  await expect(page).toHaveURL((url) => url.href.startsWith(`${FAKE_SENTRY}/oauth/authorize/`));
  await expect(page.getByRole("heading", { name: "Authorize Sentry Academy" })).toBeVisible();
}

async function connectWithOAuth(page: Page) {
  await startOAuth(page);
  await page.getByRole("button", { name: "Approve" }).click();
  await expect(page).toHaveURL(/localhost:\d+\/sentry$/);
  await expect(toast(page)).toContainText("Connected to Sentry");
  await waitForSync(page);
}

/**
 * The adoption and disconnect tests connect with a token in the no-JS run and through
 * OAuth in the JS run, so each of them covers both kinds of connection (the token path
 * with JS has its own test above).
 */
async function connect(page: Page, jsEnabled: boolean): Promise<{ token: string | null }> {
  if (jsEnabled) {
    await connectWithOAuth(page);
    return { token: null };
  }
  const token = await createSentryToken();
  await connectWithToken(page, jsEnabled, token);
  return { token };
}

const recommendations = (page: Page) => page.getByTestId("recommendation");
/** The project slugs (in <code>) listed under one feature's recommendation. */
const recommendedProject = (page: Page, feature: string, project: string) =>
  page.locator(`[data-testid=recommendation][data-feature="${feature}"] code`).filter({ hasText: new RegExp(`^${project}$`) });
const matrixCell = (page: Page, org: string, project: string, feature: string) =>
  page.getByTestId(`matrix-${org}`).locator(`tr[data-project="${project}"] td[data-feature="${feature}"]`);

const issuedDate = (date: Date) => date.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

// ----- tests ------------------------------------------------------------------------

test("the token form explains bad, organization and revoked tokens", async ({ page, loginAs, jsEnabled, baseURL }) => {
  await loginAs();
  const responses = watchResponses(page, baseURL!);
  const posts: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST") posts.push(request.url());
  });
  await openTokenForm(page, jsEnabled, "link");
  const field = tokenField(page);

  // Cut short: 10 hex characters after the prefix.
  await field.fill(`sntryu_${"a1b2c3d4e5"}`);
  const tooShort = 'A user token has 64 characters after "sntryu_"; this one has 10.';
  if (jsEnabled) {
    // As you type, before anything is submitted.
    await expect(field).toHaveAccessibleDescription(new RegExp(escapeRegExp(tooShort)));
    expect(posts).toEqual([]);
  } else {
    await expect(page.getByText(tooShort)).toHaveCount(0);
    await page.getByRole("button", { name: "Check token" }).click();
    await expect(field).toHaveAccessibleDescription(new RegExp(escapeRegExp(tooShort)));
  }
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText(tooShort)).toBeVisible();

  // An organization token (sntrys_) can't list projects.
  await field.fill(ORG_TOKEN);
  await page.getByRole("button", { name: "Check token" }).click();
  await expect(field).toHaveAccessibleDescription(/This is an organization token \(sntrys_…\)/);
  await expect(page.getByText("they cannot list your projects")).toBeVisible();
  await expectNotInPage(page, ORG_TOKEN);

  // Well-formed, but revoked on Sentry.
  const revoked = await createSentryToken();
  await revokeSentryToken(revoked);
  await field.fill(revoked);
  await page.getByRole("button", { name: "Check token" }).click();
  await expect(field).toHaveAccessibleDescription(/Sentry rejected the token/);
  await expect(page.getByText("Sentry rejected the token: it was revoked, or it never existed.")).toBeVisible();
  await expect(page).toHaveURL(/\/sentry\/token$/);
  await expectNotInPage(page, revoked);

  await responses.expectNever(revoked);
  await responses.expectNever(ORG_TOKEN);
});

test("connect with a personal token: confirm the account, then see the setup with real project slugs", async ({ page, loginAs, jsEnabled, baseURL }) => {
  test.setTimeout(60_000);
  await loginAs();
  const token = await createSentryToken();
  const responses = watchResponses(page, baseURL!);

  await page.goto("/sentry");
  await expect(page.getByRole("button", { name: "Connect with Sentry (OAuth)" })).toBeVisible();
  await page.getByRole("link", { name: "Use an auth token" }).click();
  await expect(page).toHaveURL(/\/sentry\/token$/);
  if (jsEnabled) await expect(page.getByRole("button", { name: "Copy" })).toBeVisible();
  await tokenField(page).fill(token);
  if (jsEnabled) await expect(tokenField(page)).not.toHaveAttribute("aria-invalid", "true");
  await expectNotInPage(page, token);
  await page.getByRole("button", { name: "Check token" }).click();

  // The check leaves the token in a sealed cookie for the confirm step; with JS, the page's
  // data requests (single fetch: /sentry/token.data) must carry that cookie too.
  await expect(page.getByRole("heading", { level: 1, name: "Is this the right Sentry account?" })).toBeVisible();
  await expect(page.getByText("It belongs to Jamie Rivera")).toBeVisible();
  const orgs = page.getByTestId("organizations-found");
  for (const slug of ["northwind", "acme-labs", "sidequest"]) {
    await expect(orgs.locator("code").filter({ hasText: new RegExp(`^${slug}$`) })).toBeVisible();
  }
  await expectNotInPage(page, token);

  await page.getByRole("button", { name: "Save and analyse my setup" }).click();
  await expect(page).toHaveURL(/\/sentry$/);
  await expect(toast(page)).toContainText("Connected to Sentry");
  await expect(page.getByText("Connected with a personal token as Jamie Rivera")).toBeVisible();
  await expectNotInPage(page, token);

  await waitForSync(page);
  await expect(page.getByRole("heading", { level: 1, name: "Your Sentry Setup" })).toBeVisible();
  await expect(page.getByText("3 organizations · 12 projects")).toBeVisible();
  for (const slug of ["northwind", "acme-labs", "sidequest"]) await expect(page.getByTestId(`matrix-${slug}`)).toBeVisible();
  await expect(page.getByTestId("matrix-northwind").locator("tr[data-project]")).toHaveCount(7);
  await expect(matrixCell(page, "northwind", "web-frontend", "session-replay")).toContainText("Session Replay: not yet");
  await expect(matrixCell(page, "northwind", "billing-worker", "session-replay")).toContainText("Session Replay doesn't apply to billing-worker");

  // Next steps name the real projects.
  await expect(recommendations(page).filter({ hasText: "Enable Session Replay on your React project web-frontend" })).toHaveCount(1);
  await expect(recommendations(page).filter({ hasText: /Turn on tracing in your Go project\s*billing-worker/ })).toHaveCount(1);
  await expect(recommendedProject(page, "session-replay", "billing-worker")).toHaveCount(0); // a Go worker has no screen to replay
  await expectNotInPage(page, token);

  // The other pages about the connection don't show it either.
  await page.goto("/sentry/audit");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expectNotInPage(page, token);
  await responses.expectNever(token);
});

test("with JavaScript, the first sync's status turns from syncing to done without a reload", async ({ page, loginAs, jsEnabled }) => {
  test.skip(!jsEnabled, "without JavaScript the page refreshes itself (meta refresh), which the connect tests cover");
  test.setTimeout(60_000);
  await loginAs();
  const token = await createSentryToken();
  await openTokenForm(page, jsEnabled);
  await tokenField(page).fill(token);
  await page.getByRole("button", { name: "Check token" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Is this the right Sentry account?" })).toBeVisible();
  // A slow Sentry keeps the first sync running across several polls.
  await control("POST", "/__fake/faults", { path: "/api/0/organizations/*/projects/", delayMs: 1500, times: 3 });
  let documents = 0;
  page.on("framenavigated", (frame) => frame === page.mainFrame() && (documents += 1));
  await page.getByRole("button", { name: "Save and analyse my setup" }).click();
  await expect(page).toHaveURL(/\/sentry$/);
  const status = page.getByTestId("sync-status");
  await expect(status).toHaveText("Syncing with Sentry now… this page refreshes by itself.");
  await expect(status).toContainText("Last synced", { timeout: SYNC_TIMEOUT });
  await expect(page.getByTestId("matrix-northwind")).toBeVisible();
  await expect(page.getByRole("button", { name: "Sync now" })).toBeEnabled();
  expect(documents, "the page updated in place (client navigations count once: the redirect to /sentry)").toBeLessThanOrEqual(1);
});

test("the connected page on a phone: legend before the matrix, marks told apart without colour, no sideways scroll", async ({ page, loginAs, jsEnabled }) => {
  test.setTimeout(60_000);
  await loginAs();
  await connect(page, jsEnabled);
  await page.setViewportSize({ width: 320, height: 720 });
  await page.goto("/sentry");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  const legend = await page.getByTestId("matrix-legend").boundingBox();
  const matrix = await page.getByTestId("matrix-acme-labs").boundingBox();
  expect(legend!.y).toBeLessThan(matrix!.y);
  // A slug stays on one line (it used to break as "billing-/worker").
  const slug = page.getByTestId("matrix-northwind").locator('tr[data-project="billing-worker"] th code');
  expect((await slug.boundingBox())!.height).toBeLessThan(30);
  // Not yet is a dashed ring, in use a filled disc: the shapes differ, not only the colours.
  const style = (feature: string, project: string) => matrixCell(page, "northwind", project, feature).locator("span").first().evaluate((e) => getComputedStyle(e).borderStyle);
  expect(await style("errors", "billing-worker")).not.toBe(await style("tracing", "billing-worker"));
  if (jsEnabled) {
    const { default: AxeBuilder } = await import("@axe-core/playwright");
    const { violations } = await new AxeBuilder({ page }).include("main").analyze();
    expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`)).toEqual([]);
  }
});

test("a feature adopted in Sentry shows up as done after Sync now", async ({ page, loginAs, jsEnabled }) => {
  test.setTimeout(60_000);
  // Both projects run at once against one fake: each adopts its own feature, and neither
  // touches web-frontend's Session Replay, which the token test expects to be recommended.
  const adoption: { org: string; project: string; feature: string; patch: Record<string, boolean>; label: string; cell: string } = jsEnabled
    ? { org: "northwind", project: "ios-app", feature: "session-replay", patch: { hasReplays: true }, label: "Session Replay on ios-app", cell: "Session Replay" }
    : { org: "northwind", project: "web-frontend", feature: "profiling", patch: { hasProfiles: true }, label: "Profiling on web-frontend", cell: "Profiling" };
  await loginAs();
  await connect(page, jsEnabled);

  await expect(matrixCell(page, adoption.org, adoption.project, adoption.feature)).toContainText(`${adoption.cell}: not yet`);
  await expect(recommendedProject(page, adoption.feature, adoption.project)).toHaveCount(1);
  await expect(page.getByText("Nothing yet. When a sync sees a recommended feature in use")).toBeVisible();

  await adoptFeature(adoption.org, adoption.project, adoption.patch);
  const before = new Date();
  await page.getByRole("button", { name: "Sync now" }).click();
  await expect(toast(page)).toContainText("Sync started");

  const done = page.getByTestId("adopted").getByRole("listitem").filter({ hasText: adoption.label });
  await expect(done).toBeVisible({ timeout: SYNC_TIMEOUT });
  const dates = [...new Set([issuedDate(before), issuedDate(new Date())])];
  await expect(done).toContainText(new RegExp(`done (${dates.join("|")})`));
  await expect(page.getByTestId("sync-status")).toContainText("Last synced");
  await expect(recommendedProject(page, adoption.feature, adoption.project)).toHaveCount(0);
  await expect(matrixCell(page, adoption.org, adoption.project, adoption.feature)).toContainText(`${adoption.cell}: in use`);
});

test("disconnect deletes the tokens and everything synced", async ({ page, loginAs, jsEnabled, db }) => {
  test.setTimeout(60_000);
  const user = await loginAs();
  const { token } = await connect(page, jsEnabled);

  const connection = await db.prisma.sentryConnection.findUniqueOrThrow({ where: { userId: user.id } });
  const organizationIds = (await db.prisma.sentryOrganization.findMany({ where: { connectionId: connection.id }, select: { id: true } })).map((o) => o.id);
  expect(organizationIds).toHaveLength(3);
  expect(await db.prisma.sentryProject.count({ where: { organizationId: { in: organizationIds } } })).toBe(12);
  expect(await db.prisma.sentryRecommendation.count({ where: { connectionId: connection.id } })).toBeGreaterThan(0);
  expect(await db.prisma.sentrySnapshot.count({ where: { connectionId: connection.id } })).toBeGreaterThan(0);
  expect(await db.prisma.sentryApiCall.count({ where: { userId: user.id } })).toBeGreaterThan(0);

  await page.getByRole("button", { name: "Disconnect and delete Sentry data" }).click();
  await expect(toast(page)).toContainText("Disconnected. We deleted your Sentry tokens and everything we had synced.");
  await expect(page.getByRole("button", { name: "Connect with Sentry (OAuth)" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Use an auth token" })).toBeVisible();
  await expect(page.getByTestId("sync-status")).toHaveCount(0);

  // No row anywhere in the public schema mentions the connection (or the token).
  const tables = await db.prisma.$queryRawUnsafe<{ table_name: string }[]>(
    `SELECT table_name::text AS table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  expect(tables.map((t) => t.table_name)).toEqual(expect.arrayContaining(["SentryConnection", "SentryApiCall", "SentryConnectionEvent", "User"]));
  const secrets = [connection.id, ...organizationIds, ...(token ? [token] : [])];
  const leftovers: Record<string, number> = {};
  for (const { table_name: table } of tables) {
    const [row] = await db.prisma.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM "${table.replaceAll('"', '""')}" t WHERE EXISTS (SELECT 1 FROM unnest($1::text[]) s WHERE strpos(row_to_json(t)::text, s) > 0)`,
      secrets,
    );
    if (row.n > 0) leftovers[table] = row.n;
  }
  expect(leftovers).toEqual({});

  expect(await db.prisma.sentryConnection.count({ where: { userId: user.id } })).toBe(0);
  expect(await db.prisma.sentryApiCall.count({ where: { userId: user.id } })).toBe(0);
  expect(await db.prisma.sentryOrganization.count({ where: { connectionId: connection.id } })).toBe(0);
  expect(await db.prisma.sentryProject.count({ where: { organizationId: { in: organizationIds } } })).toBe(0);
  expect(await db.prisma.sentrySnapshot.count({ where: { connectionId: connection.id } })).toBe(0);
  expect(await db.prisma.sentryRecommendation.count({ where: { connectionId: connection.id } })).toBe(0);
  const events = await db.prisma.sentryConnectionEvent.findMany({ where: { userId: user.id }, orderBy: { at: "asc" } });
  expect(events.map((e) => e.kind)).toEqual(["connected", "disconnected"]);
  expect(events[0].method).toBe(jsEnabled ? "OAUTH" : "TOKEN");
  expect(events.every((e) => e.feature === null)).toBe(true);
});

test("connect with OAuth: approve on Sentry and come back connected", async ({ page, loginAs }) => {
  await loginAs();
  await startOAuth(page);
  await expect(page.getByText("org:read")).toBeVisible();
  await expect(page.getByText("project:read")).toBeVisible();
  await page.getByRole("button", { name: "Approve" }).click();

  await expect(page).toHaveURL(/localhost:\d+\/sentry$/);
  await expect(toast(page)).toContainText("Connected to Sentry");
  await expect(page.getByText("Connected with OAuth as Jamie Rivera")).toBeVisible();
});

test("connect with OAuth: denying consent on Sentry connects nothing", async ({ page, loginAs, db }) => {
  const user = await loginAs();
  await startOAuth(page);
  await page.getByRole("button", { name: "Deny" }).click();

  await expect(page).toHaveURL(/localhost:\d+\/sentry$/);
  await expect(toast(page)).toContainText("You didn't approve access on Sentry, so nothing was connected.");
  await expect(page.getByRole("button", { name: "Connect with Sentry (OAuth)" })).toBeVisible();
  expect(await db.prisma.sentryConnection.count({ where: { userId: user.id } })).toBe(0);
});

test("connect with OAuth: a callback whose state doesn't match is refused", async ({ page, loginAs, db }) => {
  const user = await loginAs();
  await startOAuth(page);
  const cookies = await page.context().cookies();
  // remix-auth-oauth2 keeps the state in a cookie named after it (oauth2_sentry:<state>).
  expect(cookies.some((c) => c.name.startsWith("oauth2_sentry"))).toBe(true);

  await page.goto("/api/sentry/callback?code=abc&state=forged");
  await expect(page).toHaveURL(/\/sentry$/);
  await expect(toast(page)).toContainText("didn't match");
  await expect(page.getByRole("button", { name: "Connect with Sentry (OAuth)" })).toBeVisible();
  expect(await db.prisma.sentryConnection.count({ where: { userId: user.id } })).toBe(0);
});

function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
