/**
 * What every JSON API route (`app/routes/api.*`) does with a request and its
 * answer, apart from who the caller is (api-auth.server.ts): the error shape
 * `{ "error": "<code>", "message": "<for people>", ...extra }`, reading the body
 * and the query with a Zod schema (a 400 naming each bad field), closed request
 * objects, method dispatch with one error mapping and one cache policy, page info
 * and content negotiation for the routes that also serve browsers' form posts.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { apiError, toApiResponse, type Wording } from "./errors.ts";

/** What a JSON API handler gets: the request and the route's params. */
export type Ctx = { request: Request; params: LoaderFunctionArgs["params"] };
export type ApiMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
export type Handler = (ctx: Ctx) => Promise<Response>;

// ───────────── answers ─────────────

// The JSON error shape is defined once, next to the domain errors that map to it (utils/errors.ts).
export { apiError } from "./errors.ts";

/** A JSON answer; `dispatch` sets its Cache-Control by the API's policy. */
export function json(body: unknown, status = 200, headers?: Record<string, string>) {
  return Response.json(body, { status, headers });
}

/**
 * An empty field → messages map without a prototype, so a field named `constructor`,
 * `toString` or `__proto__` (any JSON key can be one) is a key like any other.
 */
export const fieldMap = (): Record<string, string[]> => Object.create(null);

/** Field errors in the same shape jsonBody answers: `{ error: "invalid_request", fields }`. */
export function invalid(fields: Record<string, string[]>) {
  return apiError(400, "invalid_request", "Some fields are missing or invalid.", { fields });
}

/** `items[0].name`: the field path the way Conform names fields (bodies and query parameters alike). */
function fieldName(path: readonly PropertyKey[]) {
  return path.reduce<string>((name, key) => (typeof key === "number" ? `${name}[${key}]` : name ? `${name}.${String(key)}` : String(key)), "");
}

/** A 400 naming each field of a failed parse. */
function invalidIssues(error: z.ZodError) {
  const fields = fieldMap();
  for (const issue of error.issues) (fields[fieldName(issue.path)] ??= []).push(issue.message);
  return invalid(fields);
}

// ───────────── reading the request ─────────────

async function readBody(request: Request): Promise<unknown> {
  const type = (request.headers.get("Content-Type") ?? "").split(";")[0].trim().toLowerCase();
  if (type === "application/json" || type.endsWith("+json")) {
    try {
      return await request.json();
    } catch {
      throw apiError(400, "invalid_request", "The request body is not valid JSON.");
    }
  }
  if (type === "application/x-www-form-urlencoded" || type === "multipart/form-data") {
    // No prototype: a field named `__proto__` or `constructor` is just a field.
    const body: Record<string, string | string[]> = Object.create(null);
    for (const [key, value] of await request.formData()) {
      if (typeof value !== "string") continue;
      const seen = body[key];
      body[key] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
    }
    return body;
  }
  if (type === "" && (await request.text()).trim() === "") return {};
  throw apiError(415, "unsupported_media_type", "Send the body as application/json or application/x-www-form-urlencoded.");
}

/**
 * The request body (JSON or a form) parsed with the route's Zod schema; otherwise
 * a JSON 400 naming each bad field: `{ error: "invalid_request", message, fields: { "<path>": ["..."] } }`
 * ("" holds errors about the body as a whole).
 */
export async function jsonBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.output<S>> {
  const result = await schema.safeParseAsync(await readBody(request));
  if (result.success) return result.data;
  throw invalidIssues(result.error);
}

/** Query parameters parsed with a schema; otherwise a 400 naming each bad parameter. */
export function query<S extends z.ZodType>(request: Request, schema: S): z.output<S> {
  const result = schema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (result.success) return result.data;
  throw invalidIssues(result.error);
}

/** The /api/sentry routes answer JSON to API clients and redirect browsers' form posts back to the page. */
export function wantsJson(request: Request): boolean {
  const accept = request.headers.get("Accept") ?? "";
  const type = request.headers.get("Content-Type") ?? "";
  if (request.headers.has("Authorization")) return true;
  if (type.includes("application/json")) return true;
  return accept.includes("application/json") && !accept.includes("text/html");
}

// ───────────── dispatch ─────────────

/**
 * How one API answers: its cache rule, the headers every answer carries, and
 * what its audience reads instead of a domain error's own message (utils/errors.ts's
 * Wording: the customer's share link says only "Not found."). `no-store` marks
 * every answer no-store (private data, secret links); `guests-10s` lets shared
 * caches keep a guest's successful GET for 10 s (the public catalogue,
 * docs/decisions/005-hot-path-sql.md) and makes the rest private.
 */
export type ApiPolicy = {
  cache: "no-store" | "guests-10s";
  headers?: Record<string, string>;
  wording?: Wording;
};

const isGuest = (request: Request) => !request.headers.has("Cookie") && !request.headers.has("Authorization");

/**
 * A resource route's methods: runs the handler for the request's method (HEAD as
 * GET; 405 with `Allow` otherwise). A thrown Response is the answer, a domain
 * error becomes its JSON answer (errors.ts's toApiResponse; anything else is a
 * bug, rethrown: a 500), and every answer gets the policy's cache headers.
 */
export async function dispatch(ctx: Ctx, handlers: Partial<Record<ApiMethod, Handler>>, policy: ApiPolicy): Promise<Response> {
  const response = await run(ctx, handlers, policy);
  const { request } = ctx;
  if (policy.cache === "no-store") response.headers.set("Cache-Control", "no-store");
  else {
    const cacheable = request.method === "GET" && response.status === 200 && isGuest(request) && !response.headers.get("Cache-Control")?.includes("no-store");
    response.headers.set("Cache-Control", cacheable ? "public, max-age=10" : response.headers.get("Cache-Control") === "no-store" ? "no-store" : "private, no-store");
    response.headers.set("Vary", "Cookie, Authorization");
  }
  for (const [name, value] of Object.entries(policy.headers ?? {})) response.headers.set(name, value);
  return response;
}

async function run(ctx: Ctx, handlers: Partial<Record<ApiMethod, Handler>>, policy: ApiPolicy): Promise<Response> {
  const method = (ctx.request.method === "HEAD" ? "GET" : ctx.request.method.toUpperCase()) as ApiMethod;
  const handler = handlers[method];
  if (!handler) {
    const allow = Object.keys(handlers).join(", ");
    return apiError(405, "method_not_allowed", `Use ${allow}.`, undefined, { headers: { Allow: allow } });
  }
  try {
    return await handler(ctx);
  } catch (error) {
    return toApiResponse(error, policy.wording);
  }
}

/** A list's page info: the path and query of the next page (this request's, with `page` moved on), null on the last. */
export function pageInfo(request: Request, number: number, limit: number, total: number) {
  const pages = Math.max(1, Math.ceil(total / limit));
  let next: string | null = null;
  if (number < pages) {
    const url = new URL(request.url);
    url.searchParams.set("page", String(number + 1));
    next = `${url.pathname}?${url.searchParams}`;
  }
  return { number, limit, total, pages, next };
}

// ───────────── request schemas ─────────────

/** A whole number query parameter in [min, max]. */
export const wholeNumber = (min: number, max: number) => z.coerce.number("Must be a whole number.").int("Must be a whole number.").min(min, `At least ${min}.`).max(max, `At most ${max}.`);

export const must = (what: string) => ({ error: (issue: { input?: unknown }) => (issue.input === undefined ? "Required." : `Must be ${what}.`) });
export const oneOf = (values: readonly string[]) => must(`one of ${values.join(", ")}`);

/**
 * An object with exactly these fields: any other key is a 400 naming it (so a
 * typo or a field this endpoint does not take never silently does nothing).
 * With `atLeastOne`, a body with none of those fields is a 400 too. The OpenAPI
 * document shows it as `additionalProperties: false`.
 */
export function closedObject<S extends z.ZodRawShape>(shape: S, options: { atLeastOne?: readonly string[] } = {}) {
  const known = Object.keys(shape);
  const takes = known.length ? `takes ${known.join(", ")}` : "takes no fields";
  return z
    .looseObject(shape)
    .check(
      z.superRefine(
        (body: Record<string, unknown>, ctx) => {
          for (const key of Object.keys(body)) {
            if (!known.includes(key)) ctx.addIssue({ code: "custom", path: [key], input: body[key], message: `Unknown field: this endpoint ${takes}.` });
          }
          if (options.atLeastOne && !options.atLeastOne.some((k) => body[k] !== undefined)) {
            ctx.addIssue({ code: "custom", path: [], input: body, message: `Send at least one of ${options.atLeastOne.join(", ")}.` });
          }
        },
        { when: (payload) => typeof payload.value === "object" && payload.value !== null && !Array.isArray(payload.value) },
      ),
    )
    .meta({ additionalProperties: false });
}
