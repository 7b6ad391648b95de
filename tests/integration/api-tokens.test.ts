/**
 * Personal API tokens and the API description, over HTTP: tokens created and
 * revoked on the account page by a browser without JavaScript, then used as
 * `Authorization: Bearer` on the JSON API (the API description: openapi.test.ts).
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { apiError, jsonBody } from "~/utils/api-request.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { Browser, visibleText } from "../support/app.ts";
import { browserFor } from "../support/signed-in.ts";
import { createUser } from "../support/factories.ts";

const TOKEN = /sa_[0-9a-f]{40}/;

async function createTokenOnPage(browser: Browser, name: string) {
  const response = await browser.post("/account", { intent: "create-api-token", name });
  expect(response.status).toBe(200);
  const html = await response.text();
  const token = html.match(TOKEN)?.[0];
  expect(token).toBeDefined();
  return { token: token!, html, response };
}

const bearer = (token: string) => ({ headers: { Authorization: `Bearer ${token}` } });

describe("API tokens on the account page", () => {
  it("creates a token, shows it once and stores only its hash", async () => {
    const user = await createUser();
    const browser = await browserFor(user.id);
    const { token, html, response } = await createTokenOnPage(browser, "CI pipeline");
    expect(response.headers.get("Cache-Control")).toContain("no-store");
    expect(html).toMatch(new RegExp(`<input[^>]*readonly=""[^>]*value="${token}"|<input[^>]*value="${token}"[^>]*readonly`));
    expect(visibleText(html)).toContain("this is the only time it is shown");

    const row = await prisma.apiToken.findFirstOrThrow({ where: { userId: user.id } });
    expect(row).toMatchObject({ name: "CI pipeline", prefix: token.slice(0, 9), revokedAt: null, lastUsedAt: null });
    expect(row.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(await prisma.apiToken.findMany())).not.toContain(token);

    const again = await browser.get("/account");
    expect(again.status).toBe(200);
    const later = await again.text();
    expect(later).not.toContain(token);
    expect(later).toContain('id="api-tokens"');
    const text = visibleText(later);
    expect(text).toContain("CI pipeline");
    expect(text).toContain(`${token.slice(0, 9)}…`);
    expect(text).toContain("Never");
  });

  it("asks for a name, next to the field", async () => {
    const user = await createUser();
    const response = await (await browserFor(user.id)).post("/account", { intent: "create-api-token", name: "  " });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).not.toMatch(TOKEN);
    expect(visibleText(html)).toContain("Give the token a name");
    expect(await prisma.apiToken.count({ where: { userId: user.id } })).toBe(0);
  });

  it("lets only the owner revoke a token", async () => {
    const [owner, other] = await Promise.all([createUser(), createUser()]);
    const ownerBrowser = await browserFor(owner.id);
    const { token } = await createTokenOnPage(ownerBrowser, "laptop");
    const { id } = await prisma.apiToken.findFirstOrThrow({ where: { userId: owner.id } });

    const refused = await (await browserFor(other.id)).post("/account", { intent: "revoke-api-token", tokenId: id });
    expect(refused.status).toBe(404);
    expect((await prisma.apiToken.findUniqueOrThrow({ where: { id } })).revokedAt).toBeNull();
    expect((await new Browser().request("/api/users/me", bearer(token))).status).toBe(200);

    const revoked = await ownerBrowser.post("/account", { intent: "revoke-api-token", tokenId: id });
    expect(revoked.status).toBe(302);
    expect(revoked.headers.get("Location")).toBe("/account#api-tokens");
    const page = visibleText(await (await ownerBrowser.follow(revoked)).text());
    expect(page).toContain("The API token “laptop” no longer works.");
    expect(page).toContain("You have no API tokens.");
    expect((await prisma.apiToken.findUniqueOrThrow({ where: { id } })).revokedAt).not.toBeNull();
  });

  it("keeps logging out everywhere working", async () => {
    const user = await createUser();
    const response = await (await browserFor(user.id)).post("/account", { intent: "logout-everywhere" });
    expect(response.headers.get("Location")).toBe("/login");
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe("GET /api/users/me", () => {
  async function expectUnauthorized(response: Response) {
    expect(response.status).toBe(401);
    expect(response.headers.get("Content-Type")).toMatch(/^application\/json/);
    expect(response.headers.get("WWW-Authenticate")).toMatch(/^Bearer\b/);
    const body = await response.json();
    expect(body).toMatchObject({ error: "unauthorized", message: expect.any(String) });
    return body;
  }

  it("answers a JSON 401 to a guest", async () => {
    await expectUnauthorized(await new Browser().get("/api/users/me"));
  });

  it("knows the signed-in browser by its cookie", async () => {
    const user = await createUser({ name: "Cookie Person" });
    const response = await (await browserFor(user.id)).get("/api/users/me");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id: user.id, name: "Cookie Person", email: user.email, role: "STUDENT" });
  });

  it("knows a script by its bearer token, notes when it was used, and forgets it once revoked", async () => {
    const user = await createUser({ name: "Token Person", role: "INSTRUCTOR" });
    const browser = await browserFor(user.id);
    const { token } = await createTokenOnPage(browser, "script");
    const response = await new Browser().request("/api/users/me", bearer(token));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id: user.id, name: "Token Person", email: user.email, role: "INSTRUCTOR" });
    const used = await prisma.apiToken.findFirstOrThrow({ where: { userId: user.id } });
    expect(used.lastUsedAt).not.toBeNull();

    // Within a minute, using the token again does not write again.
    await new Browser().request("/api/users/me", bearer(token));
    expect((await prisma.apiToken.findUniqueOrThrow({ where: { id: used.id } })).lastUsedAt).toEqual(used.lastUsedAt);

    await browser.post("/account", { intent: "revoke-api-token", tokenId: used.id });
    const body = await expectUnauthorized(await new Browser().request("/api/users/me", bearer(token)));
    expect(body.message).toMatch(/revoked/);
  });

  it("never falls back to the cookie when an Authorization header is sent", async () => {
    const user = await createUser();
    const browser = await browserFor(user.id);
    expect((await browser.get("/api/users/me")).status).toBe(200);
    for (const authorization of ["Bearer not-a-token", `Bearer sa_${"0".repeat(40)}`, "Basic dXNlcjpwYXNz", "Bearer"]) {
      const response = await browser.request("/api/users/me", { headers: { Authorization: authorization } });
      await expectUnauthorized(response);
    }
    const invalid = await browser.request("/api/users/me", bearer("sa_nope"));
    expect(invalid.headers.get("WWW-Authenticate")).toContain('error="invalid_token"');
  });
});

describe("API helpers", () => {
  const schema = z.object({ token: z.string().min(5, "Too short"), items: z.array(z.object({ n: z.coerce.number() })).optional() });
  const post = (body: string, type: string) => new Request("http://localhost/api/x", { method: "POST", body, headers: { "Content-Type": type } });

  async function rejection(promise: Promise<unknown>) {
    const thrown = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    expect(thrown).toBeInstanceOf(Response);
    return thrown as Response;
  }

  it("parses JSON and form bodies with the route's schema", async () => {
    expect(await jsonBody(post(JSON.stringify({ token: "abcdef" }), "application/json"), schema)).toEqual({ token: "abcdef" });
    expect(await jsonBody(post("token=abcdef", "application/x-www-form-urlencoded"), schema)).toEqual({ token: "abcdef" });
  });

  it("names every bad field in a 400", async () => {
    const response = await rejection(jsonBody(post(JSON.stringify({ token: "abc", items: [{ n: "x" }] }), "application/json"), schema));
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error).toBe("invalid_request");
    expect(body.fields.token).toEqual(["Too short"]);
    expect(Object.keys(body.fields)).toContain("items[0].n");
    expect((await rejection(jsonBody(post("{not json", "application/json"), schema))).status).toBe(400);
    expect((await rejection(jsonBody(post("<x/>", "application/xml"), schema))).status).toBe(415);
  });

  it("writes errors as { error, message, ...extra }", async () => {
    const response = apiError(409, "not_connected", "Connect Sentry first.", { hint: "/sentry" });
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({ error: "not_connected", message: "Connect Sentry first.", hint: "/sentry" });
  });
});
