/**
 * One client for the JSON API tests: a signed-in browser (session cookie), a
 * script with a personal API token, or nobody; and every answer it receives is
 * checked against the OpenAPI document's schema for that method, path and status
 * (app/modules/openapi/document.server.ts, generated from the same Zod schemas):
 * an undocumented status, a JSON answer that does not parse, or a field the
 * schema does not name fails the test. A method a documented path does not take
 * must be the 405 error; an unknown /api path the 404 error.
 */
import { isDeepStrictEqual } from "node:util";
import type { RouteConfig } from "@asteasolutions/zod-to-openapi";
import { expect } from "vitest";
import type { z } from "zod";
import { createApiToken } from "~/modules/accounts/api-tokens.server.ts";
import { apiOperations } from "~/modules/openapi/document.server.ts";
import { ErrorSchema } from "~/modules/openapi/shared.ts";
import type { RoleName } from "~/utils/permissions.ts";
import { Browser } from "./app.ts";
import { createSessionCookie, createUser } from "./factories.ts";

export type Client = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<Response>;
type User = Awaited<ReturnType<typeof createUser>>;

type Options = {
  /** `cookie`: a signed-in browser; `bearer`: a personal API token, no cookies; `none`: nobody (a guest, or the customer with a share token). */
  auth: "cookie" | "bearer" | "none";
  role?: RoleName;
  name?: string;
  /** Writes say `Content-Type: application/json` even without a body (as the Academy asks of cookie writes); otherwise only with one. */
  jsonWrites?: boolean;
};

/** Sends one request through `browser`: a JSON body when there is one. The answer is checked against the document. */
export async function send(browser: Browser, method: string, pathname: string, body?: unknown, headers: Record<string, string> = {}, jsonWrites = false) {
  const write = method !== "GET" && method !== "HEAD";
  const response = await browser.request(pathname, {
    method,
    headers: body !== undefined || (write && jsonWrites) ? { "Content-Type": "application/json", ...headers } : headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  await expectDocumented(method, pathname, response);
  return response;
}

/** A client of the given kind, with its user (and token) when it has one. */
export async function apiClient(options: Options & { auth: "none" }): Promise<{ client: Client; browser: Browser }>;
export async function apiClient(options: Options): Promise<{ client: Client; user: User; token?: string; browser: Browser }>;
export async function apiClient({ auth, role = "STUDENT", name, jsonWrites = false }: Options) {
  const browser = new Browser();
  if (auth === "none") return { browser, client: clientOf(browser, {}, jsonWrites) };
  const user = await createUser({ role, name: name ?? (auth === "cookie" ? "Cookie Caller" : "Token Caller") });
  if (auth === "cookie") {
    const cookie = await createSessionCookie(user.id);
    browser.cookies.set(cookie.name, cookie.value);
    return { user, browser, client: clientOf(browser, {}, jsonWrites) };
  }
  const { token } = await createApiToken(user.id, "api-client test");
  return { user, token, browser, client: clientOf(browser, { Authorization: `Bearer ${token}` }, jsonWrites) };
}

function clientOf(browser: Browser, defaults: Record<string, string>, jsonWrites: boolean): Client {
  return (method, pathname, body, headers = {}) => send(browser, method, pathname, body, { ...defaults, ...headers }, jsonWrites);
}

/** The answer's JSON after checking its status and media type (the document check already ran in `send`). */
export async function expectJson(response: Response, status: number) {
  const text = await response.clone().text();
  expect(response.status, `${response.status} ${text.slice(0, 400)}`).toBe(status);
  expect(response.headers.get("Content-Type")).toMatch(/^application\/json/);
  return JSON.parse(text);
}

// ───────────── the document check ─────────────

type Operation = RouteConfig;
const templates = () => [...new Set(apiOperations().map((o) => o.path))];

/** The documented path template this path matches; literal segments win over parameters. */
function templateOf(pathname: string): string | undefined {
  const parts = pathname.split("?")[0].split("/");
  let best: { template: string; literals: number } | undefined;
  for (const template of templates()) {
    const t = template.split("/");
    if (t.length !== parts.length) continue;
    if (!t.every((segment, i) => /^\{\w+\}$/.test(segment) ? parts[i] !== "" : segment === parts[i])) continue;
    const literals = t.filter((segment) => !segment.startsWith("{")).length;
    if (!best || literals > best.literals) best = { template, literals };
  }
  return best?.template;
}

/** Fails when the answer is not what the document says this operation answers. */
export async function expectDocumented(method: string, pathname: string, response: Response) {
  const verb = (method === "HEAD" ? "GET" : method).toLowerCase();
  const where = `${method} ${pathname} → ${response.status}`;
  const template = templateOf(pathname);
  if (!template) {
    // Not an endpoint: only /api/v1's catch-all 404 is a JSON answer there.
    if (pathname.startsWith("/api/")) {
      expect(response.status, `${where}: undocumented path`).toBe(404);
      await expectSchema(ErrorSchema, response, where, method);
    }
    return;
  }
  const operation: Operation | undefined = apiOperations().find((o) => o.path === template && o.method === verb);
  if (!operation) {
    expect(response.status, `${where}: ${method} is not documented for ${template}, so it must be the 405`).toBe(405);
    expect(response.headers.get("Allow"), where).toBeTruthy();
    await expectSchema(ErrorSchema, response, where, method);
    return;
  }
  const documented = operation.responses[String(response.status)];
  expect(documented, `${where}: status not documented for ${verb.toUpperCase()} ${template} (documented: ${Object.keys(operation.responses).join(", ")})`).toBeDefined();
  if (!documented || "$ref" in documented) return;
  const schema = documented.content?.["application/json"]?.schema as z.ZodType | undefined;
  if (schema) await expectSchema(schema, response, where, method);
  else expect(response.headers.get("Content-Type") ?? "", `${where}: documented without a body`).not.toMatch(/^application\/json/);
}

async function expectSchema(schema: z.ZodType, response: Response, where: string, method: string) {
  expect(response.headers.get("Content-Type"), `${where}: not JSON`).toMatch(/^application\/json/);
  if (method === "HEAD") return;
  const body: unknown = await response.clone().json();
  const result = schema.safeParse(body);
  expect(result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`), `${where}: the answer does not match its documented schema`).toEqual([]);
  // Object schemas drop the keys they do not name: anything dropped is a field the document does not show.
  if (result.success) expect(isDeepStrictEqual(result.data, body) ? [] : undocumentedKeys(body, result.data), `${where}: fields the document does not show`).toEqual([]);
}

function undocumentedKeys(raw: unknown, parsed: unknown, at = ""): string[] {
  if (Array.isArray(raw) && Array.isArray(parsed)) return raw.flatMap((item, i) => undocumentedKeys(item, parsed[i], `${at}[${i}]`));
  if (raw && typeof raw === "object" && parsed && typeof parsed === "object") {
    return Object.entries(raw).flatMap(([key, value]) =>
      key in parsed ? undocumentedKeys(value, (parsed as Record<string, unknown>)[key], at ? `${at}.${key}` : key) : [at ? `${at}.${key}` : key],
    );
  }
  return isDeepStrictEqual(raw, parsed) ? [] : [`${at} (changed by parsing)`];
}
