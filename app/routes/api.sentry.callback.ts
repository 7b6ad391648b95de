import type { LoaderFunctionArgs } from "@remix-run/node";
import { OAuth2RequestError } from "remix-auth-oauth2";
import { connectAvailability, saveOAuthConnection } from "~/modules/sentry-connect/connection.server.ts";
import { markConverted } from "~/modules/sentry-connect/experiments.server.ts";
import { clearSentryStateCookie, SENTRY_SCOPES, sentryAuthenticator } from "~/modules/sentry-connect/oauth.server.ts";
import { requestSync } from "~/modules/sentry-connect/queue.server.ts";
import { requireVerifiedUser } from "~/utils/auth.server.ts";
import { redirectWithToast } from "~/utils/toast.server.ts";

/** Sentry sends the learner back here with a code (or an error); we store the tokens encrypted and start a sync. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireVerifiedUser(request);
  const headers = new Headers({ "Set-Cookie": clearSentryStateCookie() });
  const availability = connectAvailability();
  if (!availability.ok) return redirectWithToast("/sentry", { kind: "error", message: availability.message }, { headers });
  let tokens;
  try {
    tokens = await sentryAuthenticator().authenticate("sentry", request);
  } catch (error) {
    if (error instanceof Response) throw error;
    const message =
      error instanceof OAuth2RequestError && error.code === "access_denied"
        ? "You didn't approve access on Sentry, so nothing was connected. You can try again whenever you like, or use a token."
        : error instanceof RangeError || error instanceof ReferenceError
        ? "That connection attempt expired or didn't match this browser, so nothing was connected. Start again from this page."
        : "Sentry didn't complete the connection. Try again, or connect with a personal auth token.";
    if (!(error instanceof OAuth2RequestError || error instanceof RangeError || error instanceof ReferenceError)) {
      console.warn("[sentry] OAuth callback failed:", error instanceof Error ? error.name : "unknown error");
    }
    return redirectWithToast("/sentry", { kind: "error", message }, { headers });
  }
  const missing = SENTRY_SCOPES.filter((s) => !tokens.scopes.includes(s));
  if (missing.length) {
    return redirectWithToast(
      "/sentry",
      {
        kind: "error",
        message: `Sentry granted fewer permissions than we need (missing ${missing.join(", ")}). Nothing was connected.`,
      },
      { headers }
    );
  }
  await saveOAuthConnection(user.id, tokens);
  await markConverted(user.id, "sentry-value-prop");
  await requestSync(user.id);
  return redirectWithToast(
    "/sentry",
    {
      kind: "success",
      message: "Connected to Sentry. We're reading your setup now.",
    },
    { headers }
  );
}
