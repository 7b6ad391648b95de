/**
 * Route guards. Each throws a Response, so loaders and actions read straight
 * down: who may do this, then the work.
 */
import { redirect } from "@remix-run/node";
import { hasRole, type RoleName } from "./permissions.ts";
import { getSessionUser } from "./session.server.ts";

export type SessionUser = { id: string; email: string; name: string; role: RoleName };

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

/** A user with one of the roles (admins always pass); guests go to login, others get a 403. */
export async function requireRole(request: Request, roles: readonly RoleName[]): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!hasRole(user, roles)) {
    throw new Response("You do not have permission to open this page.", { status: 403 });
  }
  return user;
}

/** Pages such as login and sign-up are for guests; a signed-in user is sent on. */
export async function requireAnonymous(request: Request, to = "/dashboard") {
  if (await getOptionalUser(request)) throw redirect(to);
}
