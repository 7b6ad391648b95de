/**
 * Who calls the JSON API routes (`app/routes/api.*`). Like the page guards in
 * auth.server.ts they throw a Response, but always JSON (api-request.server.ts's
 * apiError: `{ "error": "<code>", "message": "<for people>" }`).
 *
 * A caller is either a script with a personal API token (`Authorization: Bearer
 * sa_...`) or the signed-in browser (the session cookie). When an Authorization
 * header is present it alone decides: a bad token is a 401 even if a valid
 * cookie came along, so a script never silently acts as whoever is logged in.
 */
import { authenticateApiToken } from "~/modules/accounts/api-tokens.server.ts";
import { getOptionalUser, UNVERIFIED_MESSAGE, type SessionUser } from "./auth.server.ts";
import { apiError } from "./api-request.server.ts";
import { hasRole, type RoleName } from "./permissions.ts";

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
