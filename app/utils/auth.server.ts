/**
 * Route guards. Each throws a Response, so loaders and actions read straight
 * down: who may do this, then the work.
 */
import { redirect } from "@remix-run/node";
import { hasRole, type RoleName, type SessionUser } from "./permissions.ts";
import { getSessionUser } from "./session.server.ts";
import { UNVERIFIED_MESSAGE } from "./unverified.ts";

/** The signed-in user (defined in permissions.ts, a module every layer may import). */
export type { SessionUser };

export async function getOptionalUser(request: Request): Promise<SessionUser | null> {
  return (await getSessionUser(request))?.user ?? null;
}

function loginRedirect(request: Request) {
  const url = new URL(request.url);
  const params = new URLSearchParams({ redirectTo: `${url.pathname}${url.search}` });
  return redirect(`/login?${params}`);
}

/** The signed-in user, or a redirect to the login page that returns here. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getOptionalUser(request);
  if (!user) throw loginRedirect(request);
  return user;
}

const ROLE_REFUSED = "Your account's role doesn't include this area. If you think it should, ask an admin to change your role.";

/** A user with one of the roles (admins always pass); guests go to login, others get a 403 saying why. */
export async function requireRole(request: Request, roles: readonly RoleName[]): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!hasRole(user, roles)) {
    throw new Response(ROLE_REFUSED, { status: 403 });
  }
  return user;
}

/**
 * A signed-in user whose email address is verified. Unverified accounts get a 403 page that says
 * why (the banner on every page offers to resend the link). For Sentry connections, API tokens,
 * discussion posts and linking GitHub/Google.
 */
export async function requireVerifiedUser(request: Request): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!user.emailVerified) throw unverifiedResponse();
  return user;
}

export { UNVERIFIED_MESSAGE };

/** The 403 for an unverified account; the error boundary shows its message. */
export function unverifiedResponse() {
  return new Response(UNVERIFIED_MESSAGE, { status: 403, statusText: "Email not verified" });
}

/** Pages such as login and sign-up are for guests; a signed-in user is sent on. */
export async function requireAnonymous(request: Request, to = "/dashboard") {
  if (await getOptionalUser(request)) throw redirect(to);
}
