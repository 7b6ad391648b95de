/**
 * The fake Sentry (fakes/sentry) over real HTTP: Sentry's auth errors,
 * scopes, pagination, rate limits and OAuth flow, and its control API.
 */
import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { generateLargeOrganization, loadScenario } from "../../fakes/sentry/scenario.ts";
import { startFakeSentry, type CallLog, type FakeSentry } from "../../fakes/sentry/server.ts";

const scenario = loadScenario();
const token = (name: string) => [...scenario.tokens, ...scenario.orgTokens].find((t) => t.name === name)!.token;
const DEMO = token("demo");
const FULL = token("demo-full");
const EXPIRED = token("expired");
const ORG_TOKEN = token("northwind-ci");
const CLIENT = scenario.oauthClients[0];
const FORBIDDEN = { detail: "You do not have permission to perform this action." };

let fake: FakeSentry;

beforeAll(async () => {
  fake = await startFakeSentry({ accessTokenTtlSeconds: 120 });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

function get(path: string, bearer?: string, init: RequestInit = {}) {
  const url = path.startsWith("http") ? path : `${fake.url}${path}`;
  return fetch(url, { ...init, headers: bearer ? { Authorization: `Bearer ${bearer}` } : {} });
}

/** `Link` header → { previous: {url, results, cursor}, next: {...} } */
function parseLink(link: string | null) {
  const out: Record<string, { url: string; results: boolean; cursor: string }> = {};
  for (const part of (link ?? "").split(/,\s*(?=<)/)) {
    const m = /^<([^>]+)>; rel="(\w+)"; results="(true|false)"; cursor="([^"]+)"$/.exec(part.trim());
    if (m) out[m[2]] = { url: m[1], results: m[3] === "true", cursor: m[4] };
  }
  return out;
}

describe("auth", () => {
  it("answers the index with and without a token", async () => {
    const anonymous = await get("/api/0/");
    expect(anonymous.status).toBe(200);
    expect(await anonymous.json()).toEqual({ version: "0", auth: null, user: null });

    const res = await get("/api/0/", DEMO);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.version).toBe("0");
    expect(body.auth).toEqual({ scopes: ["org:read", "project:read"] });
    expect(body.user).toMatchObject({ id: "1001", name: "Jamie Rivera", username: "jamie@northwind.example", email: "jamie@northwind.example" });
  });

  it("rejects unknown, expired, revoked and invalid org tokens with Sentry's 401 bodies", async () => {
    const unknown = await get("/api/0/organizations/", `sntryu_${"0".repeat(64)}`);
    expect(unknown.status).toBe(401);
    expect(await unknown.json()).toEqual({ detail: "Invalid token" });

    const expired = await get("/api/0/organizations/", EXPIRED);
    expect(expired.status).toBe(401);
    expect(await expired.json()).toEqual({ detail: "Token expired" });

    const badOrgToken = ORG_TOKEN.slice(0, -4) + "AAAA";
    const orgInvalid = await get("/api/0/", badOrgToken);
    expect(orgInvalid.status).toBe(401);
    expect(await orgInvalid.json()).toEqual({ detail: "Invalid org token" });

    const created = await fetch(`${fake.url}/__fake/tokens`, { method: "POST", body: JSON.stringify({ scopes: ["org:read", "project:read"] }) });
    const { token: minted } = (await created.json()) as { token: string };
    expect(minted).toMatch(/^sntryu_[0-9a-f]{64}$/);
    expect((await get("/api/0/organizations/", minted)).status).toBe(200);
    expect((await fetch(`${fake.url}/__fake/tokens/${minted}`, { method: "DELETE" })).status).toBe(204);
    const revoked = await get("/api/0/organizations/", minted);
    expect(revoked.status).toBe(401);
    expect(await revoked.json()).toEqual({ detail: "Invalid token" });

    const none = await get("/api/0/organizations/");
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ detail: "Authentication credentials were not provided." });
  });

  it("lets an org auth token (org:ci) authenticate but not read projects", async () => {
    const index = await (await get("/api/0/", ORG_TOKEN)).json();
    expect(index).toEqual({ version: "0", auth: { scopes: ["org:ci"] }, user: null });

    const projects = await get("/api/0/organizations/northwind/projects/", ORG_TOKEN);
    expect(projects.status).toBe(403);
    expect(await projects.json()).toEqual(FORBIDDEN);

    // Releases accept org:ci (organizations-org-releases.json scopes), in the token's own organization only.
    expect((await get("/api/0/organizations/northwind/releases/", ORG_TOKEN)).status).toBe(200);
    expect((await get("/api/0/organizations/sidequest/releases/", ORG_TOKEN)).status).toBe(403);
  });

  it("needs member:read for members, and answers 404 for unknown organizations and projects", async () => {
    const members = await get("/api/0/organizations/northwind/members/", DEMO);
    expect(members.status).toBe(403);
    expect(await members.json()).toEqual(FORBIDDEN);
    const full = await get("/api/0/organizations/northwind/members/", FULL);
    expect(full.status).toBe(200);
    expect((await full.json()).map((m: { email: string }) => m.email)).toContain("new-hire@northwind.example");

    for (const path of ["/api/0/organizations/nope/", "/api/0/organizations/nope/projects/", "/api/0/projects/northwind/nope/"]) {
      const res = await get(path, DEMO);
      expect(res.status, path).toBe(404);
      expect(await res.json()).toEqual({ detail: "The requested resource does not exist" });
    }
    // Priya is not a member of sidequest.
    expect((await get("/api/0/organizations/sidequest/projects/", token("priya"))).status).toBe(403);
  });
});

describe("data", () => {
  it("lists the user's organizations and accepts an org id or slug", async () => {
    const orgs = (await (await get("/api/0/organizations/", DEMO)).json()) as { slug: string; id: string; links: { regionUrl: string } }[];
    expect(orgs.map((o) => o.slug).sort()).toEqual(["acme-labs", "northwind", "sidequest"]);
    expect(orgs[0].links.regionUrl).toBe(fake.url);
    const byId = await (await get(`/api/0/organizations/${orgs[0].id}/`, DEMO)).json();
    expect(byId.slug).toBe(orgs[0].slug);
  });

  it("serves projects with the fields of Sentry's example, and project details", async () => {
    const projects = (await (await get("/api/0/organizations/northwind/projects/", DEMO)).json()) as Record<string, unknown>[];
    expect(projects.map((p) => p.slug)).toEqual(["android-app", "api", "billing-worker", "checkout-service", "ios-app", "storefront", "web-frontend"]);
    // Keys of list-organization-projects.json's example.
    const exampleKeys = [
      "slug", "name", "dateCreated", "firstEvent", "access", "hasAccess", "id", "isBookmarked", "isMember", "platform", "platforms", "team", "teams",
      "environments", "features", "firstTransactionEvent", "hasSessions", "hasProfiles", "hasReplays", "hasFlags", "hasMinifiedStackTrace", "hasMonitors",
      "hasFeedbacks", "hasNewFeedbacks", "hasUserReports", "hasInsightsHttp", "hasInsightsDb", "hasInsightsAssets", "hasInsightsAppStart",
      "hasInsightsScreenLoad", "hasInsightsVitals", "hasInsightsCaches", "hasInsightsQueues", "hasInsightsAgentMonitoring", "hasInsightsMCP", "hasLogs",
      "hasTraceMetrics", "latestRelease",
    ];
    for (const p of projects) expect(Object.keys(p)).toEqual(exampleKeys);
    const web = projects.find((p) => p.slug === "web-frontend")!;
    expect(web).toMatchObject({ platform: "javascript-react", hasReplays: false, hasMinifiedStackTrace: true, latestRelease: { version: "web-frontend@2.14.0" } });

    const detail = await (await get("/api/0/projects/northwind/web-frontend/", DEMO)).json();
    expect(detail).toMatchObject({ slug: "web-frontend", organization: { slug: "northwind" }, latestRelease: { version: "web-frontend@2.14.0" } });
    expect(detail.options).toBeTypeOf("object");
  });

  it("serves releases by project, detectors (uptime included), workflows, monitors and integrations", async () => {
    const projects = (await (await get("/api/0/organizations/northwind/projects/", DEMO)).json()) as { slug: string; id: string }[];
    const storefront = projects.find((p) => p.slug === "storefront")!;
    const releases = await (await get(`/api/0/organizations/northwind/releases/?project=${storefront.id}`, DEMO)).json();
    expect(releases.map((r: { version: string }) => r.version)).toEqual(["storefront@1.8.0"]);

    const detectors = (await (await get("/api/0/organizations/northwind/detectors/", FULL)).json()) as { type: string; projectId: string; id: string; workflowIds: string[] }[];
    const uptime = detectors.find((d) => d.type === "uptime_domain_failure")!;
    expect(uptime.projectId).toBe(storefront.id);
    expect(detectors.filter((d) => d.type === "error")).toHaveLength(7);
    expect(detectors.some((d) => d.type === "metric_issue")).toBe(true);

    const workflows = (await (await get("/api/0/organizations/northwind/workflows/", FULL)).json()) as { id: string; detectorIds: string[] }[];
    expect(workflows.find((w) => w.id === uptime.workflowIds[0])!.detectorIds).toContain(uptime.id);
    const forStorefront = await (await get(`/api/0/organizations/northwind/workflows/?project=${storefront.id}`, FULL)).json();
    expect(forStorefront.length).toBe(2);

    const monitors = await (await get("/api/0/organizations/northwind/monitors/", DEMO)).json();
    expect(monitors.map((m: { slug: string; project: { slug: string } }) => `${m.slug}@${m.project.slug}`)).toEqual(["nightly-invoices@api", "sync-exchange-rates@billing-worker"]);
    const integrations = await (await get("/api/0/organizations/northwind/integrations/", DEMO)).json();
    expect(integrations.map((i: { provider: { key: string } }) => i.provider.key)).toEqual(["github", "slack"]);
  });

  it("answers unrouted API paths like Sentry's catch-all", async () => {
    const res = await get("/api/0/organizations", DEMO);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("Route not found, did you forget a trailing slash?");
  });
});

describe("pagination", () => {
  let big: FakeSentry;
  beforeAll(async () => {
    big = await startFakeSentry({ scenario: generateLargeOrganization({ projects: 250 }) });
  });
  afterAll(() => big.close());

  it("walks 250 projects in three pages by the Link header", async () => {
    let url: string | null = `${big.url}/api/0/organizations/megacorp/projects/?per_page=100`;
    const pages: { count: number; links: ReturnType<typeof parseLink> }[] = [];
    const slugs: string[] = [];
    while (url) {
      const res = await get(url, DEMO);
      expect(res.status).toBe(200);
      const rows = (await res.json()) as { slug: string }[];
      const links = parseLink(res.headers.get("Link"));
      pages.push({ count: rows.length, links });
      slugs.push(...rows.map((r) => r.slug));
      url = links.next.results ? links.next.url : null;
    }
    expect(pages.map((p) => p.count)).toEqual([100, 100, 50]);
    expect(new Set(slugs).size).toBe(250);
    expect(pages[0].links.previous).toEqual({ url: `${big.url}/api/0/organizations/megacorp/projects/?per_page=100&cursor=0:0:1`, results: false, cursor: "0:0:1" });
    expect(pages[0].links.next).toEqual({ url: `${big.url}/api/0/organizations/megacorp/projects/?per_page=100&cursor=0:100:0`, results: true, cursor: "0:100:0" });
    expect(pages[1].links.previous.results).toBe(true);
    expect(pages[2].links.next).toMatchObject({ results: false, cursor: "0:300:0" });
  });

  it("writes the Link header exactly as Sentry does, and rejects per_page over 100", async () => {
    const res = await get(`${big.url}/api/0/organizations/megacorp/projects/`, DEMO);
    expect(res.headers.get("Link")).toBe(
      `<${big.url}/api/0/organizations/megacorp/projects/?&cursor=0:0:1>; rel="previous"; results="false"; cursor="0:0:1", ` +
        `<${big.url}/api/0/organizations/megacorp/projects/?&cursor=0:100:0>; rel="next"; results="true"; cursor="0:100:0"`,
    );
    const tooMany = await get(`${big.url}/api/0/organizations/megacorp/projects/?per_page=500`, DEMO);
    expect(tooMany.status).toBe(400);
    expect(await tooMany.json()).toEqual({ detail: "Invalid per_page value. Cannot exceed 100." });
  });
});

describe("rate limits", () => {
  it("sends the rate-limit headers and a 429 without Retry-After over the limit", async () => {
    fake.setRateLimit({ limit: 3, windowSeconds: 3600, concurrentLimit: 25 });
    const path = "/api/0/organizations/northwind/projects/";
    for (const remaining of ["2", "1", "0"]) {
      const res = await get(path, DEMO);
      expect(res.status).toBe(200);
      expect(res.headers.get("X-Sentry-Rate-Limit-Limit")).toBe("3");
      expect(res.headers.get("X-Sentry-Rate-Limit-Remaining")).toBe(remaining);
      expect(res.headers.get("X-Sentry-Rate-Limit-ConcurrentLimit")).toBe("25");
      expect(res.headers.get("X-Sentry-Rate-Limit-ConcurrentRemaining")).toBe("24");
      expect(Number(res.headers.get("X-Sentry-Rate-Limit-Reset"))).toBeGreaterThan(Date.now() / 1000);
    }
    const limited = await get(path, DEMO);
    expect(limited.status).toBe(429);
    expect(await limited.json()).toEqual({ detail: "You are attempting to use this endpoint too frequently. Limit is 3 requests in 3600 seconds" });
    expect(limited.headers.get("Retry-After")).toBeNull();
    expect(limited.headers.get("X-Sentry-Rate-Limit-Remaining")).toBe("0");
    // Per endpoint and per token: other endpoints and other tokens are not limited.
    expect((await get("/api/0/organizations/", DEMO)).status).toBe(200);
    expect((await get(path, FULL)).status).toBe(200);
  });
});

describe("OAuth", () => {
  const redirectUri = "http://127.0.0.1:45678/auth/sentry/callback";
  const pkce = () => {
    const verifier = randomBytes(32).toString("base64url");
    return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
  };
  const authorizeParams = (challenge: string, state = "st-123") =>
    new URLSearchParams({ client_id: CLIENT.clientId, redirect_uri: redirectUri, response_type: "code", scope: "org:read project:read", state, code_challenge: challenge, code_challenge_method: "S256" });

  async function decide(challenge: string, op: "approve" | "deny", state?: string) {
    const form = authorizeParams(challenge, state);
    form.set("op", op);
    const res = await fetch(`${fake.url}/oauth/authorize/`, { method: "POST", body: form, redirect: "manual" });
    expect(res.status).toBe(302);
    return new URL(res.headers.get("Location")!);
  }

  function token(fields: Record<string, string>, auth: "body" | "basic" = "body") {
    const form = new URLSearchParams(fields);
    const headers: Record<string, string> = {};
    if (auth === "body") {
      form.set("client_id", CLIENT.clientId);
      form.set("client_secret", CLIENT.clientSecret);
    } else headers.Authorization = `Basic ${Buffer.from(`${CLIENT.clientId}:${CLIENT.clientSecret}`).toString("base64")}`;
    return fetch(`${fake.url}/oauth/token/`, { method: "POST", body: form, headers });
  }

  it("renders a consent page that works without JavaScript", async () => {
    const res = await fetch(`${fake.url}/oauth/authorize/?${authorizeParams(pkce().challenge, '"><script>x</script>')}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Sentry Academy");
    expect(html).toContain("Jamie Rivera");
    expect(html).toContain("<code>org:read</code>");
    expect(html).toContain('<form method="post"');
    expect(html).toMatch(/<button[^>]*value="approve"[^>]*>Approve<\/button>/);
    expect(html).toMatch(/<button[^>]*value="deny"[^>]*>Deny<\/button>/);
    expect(html).not.toContain("<script>x</script>");

    const unknown = await fetch(`${fake.url}/oauth/authorize/?client_id=nope&response_type=code`);
    expect(unknown.status).toBe(400);
    const mismatch = new URLSearchParams(authorizeParams(pkce().challenge));
    mismatch.set("redirect_uri", "https://evil.example/callback");
    expect((await fetch(`${fake.url}/oauth/authorize/?${mismatch}`)).status).toBe(400);
  });

  it("runs the code flow with PKCE, then refresh rotates both tokens", async () => {
    const { verifier, challenge } = pkce();
    const location = await decide(challenge, "approve");
    expect(`${location.origin}${location.pathname}`).toBe(redirectUri);
    expect(location.searchParams.get("state")).toBe("st-123");
    const code = location.searchParams.get("code")!;

    const res = await token({ grant_type: "authorization_code", code, redirect_uri: redirectUri, code_verifier: verifier });
    expect(res.status).toBe(200);
    const first = await res.json();
    expect(first).toMatchObject({ token_type: "Bearer", scope: "org:read project:read", user: { id: "1001", name: "Jamie Rivera", email: "jamie@northwind.example" } });
    expect(first.access_token).toMatch(/^[0-9a-f]{64}$/);
    expect(first.refresh_token).toMatch(/^[0-9a-f]{64}$/);
    expect(first.expires_in).toBeGreaterThan(100);
    expect(Date.parse(first.expires_at)).toBeGreaterThan(Date.now());

    expect((await get("/api/0/organizations/", first.access_token)).status).toBe(200);
    const reused = await token({ grant_type: "authorization_code", code, redirect_uri: redirectUri, code_verifier: verifier });
    expect(reused.status).toBe(400);
    expect(await reused.json()).toEqual({ error: "invalid_grant" });

    // Expire the access token: the API says so, and the refresh token still works.
    await fetch(`${fake.url}/__fake/oauth/expire-access-tokens`, { method: "POST" });
    expect(await (await get("/api/0/organizations/", first.access_token)).json()).toEqual({ detail: "Token expired" });

    const refreshed = await token({ grant_type: "refresh_token", refresh_token: first.refresh_token }, "basic");
    expect(refreshed.status).toBe(200);
    const second = await refreshed.json();
    expect(second.access_token).not.toBe(first.access_token);
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect((await get("/api/0/organizations/", second.access_token)).status).toBe(200);
    expect(await (await get("/api/0/organizations/", first.access_token)).json()).toEqual({ detail: "Invalid token" });

    const stale = await token({ grant_type: "refresh_token", refresh_token: first.refresh_token });
    expect(stale.status).toBe(400);
    expect(await stale.json()).toEqual({ error: "invalid_grant" });
  });

  it("redirects with error=access_denied when the user denies", async () => {
    const location = await decide(pkce().challenge, "deny", "st-deny");
    expect(Object.fromEntries(location.searchParams)).toEqual({ error: "access_denied", state: "st-deny" });
  });

  it("rejects a wrong code_verifier, bad client credentials and unknown grant types", async () => {
    const code = (await decide(pkce().challenge, "approve")).searchParams.get("code")!;
    const wrong = await token({ grant_type: "authorization_code", code, redirect_uri: redirectUri, code_verifier: pkce().verifier });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toEqual({ error: "invalid_grant" });

    const badClient = await fetch(`${fake.url}/oauth/token/`, {
      method: "POST",
      body: new URLSearchParams({ grant_type: "authorization_code", code, client_id: CLIENT.clientId, client_secret: "wrong" }),
    });
    expect(badClient.status).toBe(401);
    expect(await badClient.json()).toEqual({ error: "invalid_client" });

    const unsupported = await token({ grant_type: "password" });
    expect(unsupported.status).toBe(400);
    expect(await unsupported.json()).toEqual({ error: "unsupported_grant_type" });
  });
});

describe("control API", () => {
  it("adopts a feature so that the projects list shows it, until reset", async () => {
    const hasReplays = async () =>
      ((await (await get("/api/0/organizations/northwind/projects/", DEMO)).json()) as { slug: string; hasReplays: boolean }[]).find((p) => p.slug === "web-frontend")!.hasReplays;
    expect(await hasReplays()).toBe(false);
    const res = await fetch(`${fake.url}/__fake/projects/northwind/web-frontend`, { method: "POST", body: JSON.stringify({ hasReplays: true }) });
    expect(res.status).toBe(200);
    expect(await hasReplays()).toBe(true);

    fake.adoptFeature("northwind", "billing-worker", { firstTransactionEvent: true });
    const billing = await (await get("/api/0/projects/northwind/billing-worker/", DEMO)).json();
    expect(billing.firstTransactionEvent).toBe(true);

    const bad = await fetch(`${fake.url}/__fake/projects/northwind/web-frontend`, { method: "POST", body: JSON.stringify({ hasTeleport: true }) });
    expect(bad.status).toBe(400);

    await fetch(`${fake.url}/__fake/reset`, { method: "POST" });
    expect(await hasReplays()).toBe(false);
  });

  it("logs API calls with a token fingerprint, never the token", async () => {
    await get("/api/0/organizations/northwind/projects/?per_page=5", DEMO);
    const calls = (await (await fetch(`${fake.url}/__fake/calls`)).json()) as CallLog[];
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ method: "GET", path: "/api/0/organizations/northwind/projects/", template: "/api/0/organizations/{org}/projects/", query: { per_page: "5" }, status: 200 });
    expect(calls[0].token).toMatch(/^[0-9a-f]{12}$/);
    expect(JSON.stringify(calls)).not.toContain(DEMO.slice(7));
    await fetch(`${fake.url}/__fake/calls`, { method: "DELETE" });
    expect(fake.calls()).toEqual([]);
  });

  it("injects failures and delays", async () => {
    await fetch(`${fake.url}/__fake/faults`, { method: "POST", body: JSON.stringify({ path: "/api/0/organizations/*/projects/", status: 500, times: 1 }) });
    expect((await get("/api/0/organizations/northwind/projects/", DEMO)).status).toBe(500);
    expect((await get("/api/0/organizations/northwind/projects/", DEMO)).status).toBe(200);

    fake.injectFault({ path: "/api/0/organizations/{org}/projects/", status: 429 });
    const limited = await get("/api/0/organizations/northwind/projects/", DEMO);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("X-Sentry-Rate-Limit-Remaining")).toBe("0");

    fake.injectFault({ path: "/api/0/organizations/", delayMs: 2000 });
    await expect(get("/api/0/organizations/", DEMO, { signal: AbortSignal.timeout(100) })).rejects.toThrow();
  });
});
