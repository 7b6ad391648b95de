import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { configuredProviders, getAuthenticator, isOAuthProvider, oauthReturnCookie, type OAuthReturn } from "~/modules/accounts/oauth.server.ts";
import { requireVerifiedUser } from "~/utils/auth.server.ts";
import { safeRedirect } from "~/utils/redirect.ts";

export async function loader() {
  return redirect("/login");
}

/**
 * Starts "Sign in with ...": remix-auth-oauth2 sets the state/PKCE cookie and redirects to the provider.
 * With `intent=link` (the account page's "Connect GitHub"), the signed-in, verified account asks to
 * connect the identity; the callback connects it only if the same account is still signed in.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const provider = params.provider;
  if (!isOAuthProvider(provider) || !configuredProviders().includes(provider)) {
    throw new Response("This sign-in provider is not available.", { status: 404 });
  }
  // remix-auth re-reads the request, so read the form from a copy.
  const form = await request.clone().formData();
  // No page asked for the login: "" (the callback's sign-in then lands by role, sign-in.server.ts).
  const state: OAuthReturn = { to: form.get("redirectTo") ? safeRedirect(form.get("redirectTo")) : "" };
  if (form.get("intent") === "link") state.link = (await requireVerifiedUser(request)).id;
  try {
    await getAuthenticator().authenticate(provider, request);
  } catch (response) {
    if (response instanceof Response && response.status >= 300 && response.status < 400) {
      response.headers.append("Set-Cookie", await oauthReturnCookie().serialize(state));
    }
    throw response;
  }
  return redirect("/login");
}
