/**
 * Signed-in browsers for the integration tests: a `Browser` (app.ts) carrying
 * the cookie of a session row made by the factories (no login form, no second
 * factor). The one place the tests sign someone in without going through /login.
 */
import type { RoleName } from "~/utils/permissions.ts";
import { Browser } from "./app.ts";
import { createSessionCookie, createUser } from "./factories.ts";

/** A browser signed in as an existing user. `ip` is the client address the app sees. */
export async function browserFor(userId: string, ip?: string) {
  const browser = new Browser(ip);
  const { name, value } = await createSessionCookie(userId);
  browser.cookies.set(name, value);
  return browser;
}

/** A new user with this role (`overrides` as in `createUser`), and a browser signed in as them. */
export async function signedInBrowser(role: RoleName = "STUDENT", overrides: Omit<Parameters<typeof createUser>[0] & {}, "role"> & { ip?: string } = {}) {
  const { ip, ...fields } = overrides;
  const user = await createUser({ ...fields, role });
  return { user, browser: await browserFor(user.id, ip) };
}
