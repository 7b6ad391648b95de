import type { LoaderFunctionArgs } from "@remix-run/node";
import {
  clearOAuthStateCookie,
  configuredProviders,
  findOrCreateOAuthUser,
  getAuthenticator,
  isOAuthProvider,
  OAuthProfileError,
  oauthReturnCookie,
  PROVIDER_LABELS,
} from "~/modules/accounts/oauth.server.ts";
import { safeRedirect } from "~/utils/redirect.ts";
import { signInResponse } from "~/modules/accounts/sign-in.server.ts";
import { redirectWithToast } from "~/utils/toast.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const provider = params.provider;
  if (!isOAuthProvider(provider) || !configuredProviders().includes(provider)) {
    throw new Response("This sign-in provider is not available.", { status: 404 });
  }
  const label = PROVIDER_LABELS[provider];
  const clear = new Headers({ "Set-Cookie": clearOAuthStateCookie(provider) });
  let profile;
  try {
    profile = await getAuthenticator().authenticate(provider, request);
  } catch (error) {
    if (error instanceof Response) throw error;
    const message =
      error instanceof OAuthProfileError
        ? error.message
        : error instanceof RangeError || error instanceof ReferenceError
          ? `Sign-in with ${label} didn't complete: the request had expired or didn't match. Please try again.`
          : `Sign-in with ${label} failed. Please try again, or log in with your email and password.`;
    if (!(error instanceof RangeError || error instanceof ReferenceError || error instanceof OAuthProfileError)) {
      console.warn(`[auth] ${provider} sign-in failed:`, error instanceof Error ? error.message : error);
    }
    return redirectWithToast("/login", { kind: "error", message }, { headers: clear });
  }
  try {
    const user = await findOrCreateOAuthUser(profile);
    const returnTo = safeRedirect(await oauthReturnCookie().parse(request.headers.get("Cookie")));
    clear.append("Set-Cookie", await oauthReturnCookie().serialize("", { maxAge: 0 }));
    // The same end as a password sign-in: the same two-factor rule.
    return signInResponse(request, user.id, returnTo, { headers: clear });
  } catch (error) {
    if (!(error instanceof OAuthProfileError)) throw error;
    return redirectWithToast("/login", { kind: "error", message: error.message }, { headers: clear });
  }
}
