import type { LoaderFunctionArgs } from "@remix-run/node";
import {
  clearOAuthStateCookie,
  configuredProviders,
  getAuthenticator,
  isOAuthProvider,
  OAuthProfileError,
  oauthReturnCookie,
  PROVIDER_LABELS,
  readOAuthReturn,
  resolveOAuthSignIn,
} from "~/modules/accounts/oauth.server.ts";
import { IdentityTakenError } from "~/modules/accounts/verification.server.ts";
import { safeRedirect } from "~/utils/redirect.ts";
import { getSessionUser } from "~/utils/session.server.ts";
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
  const back = await readOAuthReturn(request);
  clear.append("Set-Cookie", await oauthReturnCookie().serialize("", { maxAge: 0 }));
  // "" when no page asked for the login: signInResponse then lands by role.
  const returnTo = back.to ? safeRedirect(back.to) : null;
  // Connecting from the account page: only while the account that asked is still signed in here.
  const current = back.link ? await getSessionUser(request) : null;
  if (back.link && current?.user.id !== back.link) {
    return redirectWithToast("/login", { kind: "error", message: `Log in again to connect ${label} to your account.` }, { headers: clear });
  }
  try {
    const outcome = await resolveOAuthSignIn(profile, current ? { userId: current.user.id, sessionId: current.sessionId } : undefined);
    if (outcome.kind === "linked") {
      return redirectWithToast(
        "/account",
        { kind: "success", message: `${label} is connected: you can sign in with it. Your other sessions and API tokens were ended.` },
        { headers: clear },
      );
    }
    if (outcome.kind === "link-sent") {
      return redirectWithToast(
        "/login",
        {
          kind: "info",
          message: `An account already uses ${outcome.email}. We've emailed it a link that connects ${label} to it: follow that link, or log in and connect ${label} from your account page.`,
        },
        { headers: clear },
      );
    }
    // The same end as a password sign-in: the same two-factor rule.
    return signInResponse(request, outcome.user.id, returnTo, { headers: clear });
  } catch (error) {
    if (!(error instanceof OAuthProfileError || error instanceof IdentityTakenError)) throw error;
    return redirectWithToast(back.link ? "/account" : "/login", { kind: "error", message: error.message }, { headers: clear });
  }
}
