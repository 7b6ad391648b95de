/**
 * Guards, errors, method dispatch and request schemas for the JSON API routes
 * (`app/routes/api.*`). Like the page
 * guards in auth.server.ts they throw a Response, but always JSON:
 * `{ "error": "<code>", "message": "<for people>" }`.
 *
 * A caller is either a script with a personal API token (`Authorization: Bearer
 * sa_...`) or the signed-in browser (the session cookie). When an Authorization
 * header is present it alone decides: a bad token is a 401 even if a valid
 * cookie came along, so a script never silently acts as whoever is logged in.
 */
import { z } from "zod";
import { authenticateApiToken } from "~/modules/accounts/api-tokens.server.ts";
import { getOptionalUser, UNVERIFIED_MESSAGE, type SessionUser } from "./auth.server.ts";
import { apiError } from "./errors.ts";
import { hasRole, type RoleName } from "./permissions.ts";

// The JSON error shape is defined once, with the domain errors that map to it.
export { apiError } from "./errors.ts";

function unauthorized(message: string, bearerError?: "invalid_request" | "invalid_token") {
  // RFC 6750 §3: say how to authenticate, and why a token that was sent did not work.
  const challenge = bearerError ? `Bearer realm="api", error="${bearerError}"` : `Bearer realm="api"`;
  return apiError(401, "unauthorized", message, undefined, { headers: { "WWW-Authenticate": challenge } });
}

// A route may ask twice (requireApiRole, then its own code): authenticate once per request.
const perRequest = new WeakMap<Request, Promise<SessionUser>>();

/** The caller: the owner of the bearer token, else the signed-in user; otherwise a JSON 401. */
export function requireApiUser(request: Request): Promise<SessionUser> {
  let pending = perRequest.get(request);
  if (!pending) {
    pending = authenticate(request);
    perRequest.set(request, pending);
  }
  return pending;
}

async function authenticate(request: Request): Promise<SessionUser> {
  const authorization = request.headers.get("Authorization");
  if (authorization !== null) {
    const match = /^Bearer +(\S+) *$/i.exec(authorization);
    if (!match) throw unauthorized("The Authorization header must be `Bearer <token>`, with a personal API token (sa_...).", "invalid_request");
    const user = await authenticateApiToken(match[1]);
    if (!user) throw unauthorized("This API token is malformed, unknown or revoked. Create a new one on your account page.", "invalid_token");
    return user;
  }
  const user = await getOptionalUser(request);
  if (!user) throw unauthorized("Send a personal API token as `Authorization: Bearer sa_...`, or sign in.");
  return user;
}

/** A caller whose email address is verified (unverified accounts cannot connect Sentry, for one); otherwise a JSON 401 or 403. */
export async function requireVerifiedApiUser(request: Request): Promise<SessionUser> {
  const user = await requireApiUser(request);
  if (!user.emailVerified) throw apiError(403, "email_not_verified", UNVERIFIED_MESSAGE);
  return user;
}

/** A caller with one of the roles (admins always pass); otherwise a JSON 401 or 403. */
export async function requireApiRole(request: Request, roles: readonly RoleName[]): Promise<SessionUser> {
  const user = await requireApiUser(request);
  if (!hasRole(user, roles)) throw apiError(403, "forbidden", "Your account's role does not allow this.");
  return user;
}

/** `items[0].name`: the field path the way Conform names fields. */
function fieldName(path: readonly PropertyKey[]) {
  return path.reduce<string>((name, key) => (typeof key === "number" ? `${name}[${key}]` : name ? `${name}.${String(key)}` : String(key)), "");
}

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
  const fields = fieldMap();
  for (const issue of result.error.issues) (fields[fieldName(issue.path)] ??= []).push(issue.message);
  throw invalid(fields);
}

export type ApiMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * A resource route's methods: runs the handler for the request's method (HEAD as
 * GET; 405 with `Allow` otherwise). A thrown Response is the answer; any other
 * error goes to `answerError`, which turns the domain's errors into answers and
 * rethrows the rest.
 */
export async function dispatchMethods<C extends { request: Request }>(
  ctx: C,
  handlers: Partial<Record<ApiMethod, (ctx: C) => Promise<Response>>>,
  answerError: (error: unknown) => Response,
): Promise<Response> {
  const method = (ctx.request.method === "HEAD" ? "GET" : ctx.request.method.toUpperCase()) as ApiMethod;
  const handler = handlers[method];
  if (!handler) {
    const allow = Object.keys(handlers).join(", ");
    return apiError(405, "method_not_allowed", `Use ${allow}.`, undefined, { headers: { Allow: allow } });
  }
  try {
    return await handler(ctx);
  } catch (error) {
    if (error instanceof Response) return error;
    return answerError(error);
  }
}

// ───────────── request schemas ─────────────

/**
 * An empty field → messages map without a prototype, so a field named `constructor`,
 * `toString` or `__proto__` (any JSON key can be one) is a key like any other.
 */
export const fieldMap = (): Record<string, string[]> => Object.create(null);

/** Field errors in the same shape jsonBody answers: `{ error: "invalid_request", fields }`. */
export function invalid(fields: Record<string, string[]>) {
  return apiError(400, "invalid_request", "Some fields are missing or invalid.", { fields });
}

/** A whole number query parameter in [min, max]. */
export const wholeNumber = (min: number, max: number) => z.coerce.number("Must be a whole number.").int("Must be a whole number.").min(min, `At least ${min}.`).max(max, `At most ${max}.`);

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

/** Query parameters parsed with a schema; otherwise a 400 naming each bad parameter. */
export function query<S extends z.ZodType>(request: Request, schema: S): z.output<S> {
  const result = schema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (result.success) return result.data;
  const fields = fieldMap();
  for (const issue of result.error.issues) (fields[issue.path.map(String).join(".")] ??= []).push(issue.message);
  throw invalid(fields);
}

export const must = (what: string) => ({ error: (issue: { input?: unknown }) => (issue.input === undefined ? "Required." : `Must be ${what}.`) });
export const oneOf = (values: readonly string[]) => must(`one of ${values.join(", ")}`);

/**
 * An object with exactly these fields: any other key is a 400 naming it (so a
 * typo or a field this endpoint does not take never silently does nothing).
 * With `atLeastOne`, a body with none of those fields is a 400 too.
 */
export function closedObject<S extends z.ZodRawShape>(shape: S, options: { atLeastOne?: readonly string[] } = {}) {
  const known = Object.keys(shape);
  const takes = known.length ? `takes ${known.join(", ")}` : "takes no fields";
  return z.looseObject(shape).check(
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
  );
}
