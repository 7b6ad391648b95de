import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { connectAvailability, sentryOAuthConfigured } from "~/modules/sentry-connect/connection.server.ts";
import { sentryAuthenticator } from "~/modules/sentry-connect/oauth.server.ts";
import { requireVerifiedUser } from "~/utils/auth.server.ts";
import { redirectWithToast } from "~/utils/toast.server.ts";

/**
 * Starts "Connect with Sentry": remix-auth-oauth2 stores state and the PKCE
 * verifier in a cookie and redirects to Sentry's consent page (org:read project:read).
 */
async function start(request: Request) {
  await requireVerifiedUser(request);
  const availability = connectAvailability();
  if (!availability.ok)
    return redirectWithToast("/sentry", {
      kind: "error",
      message: availability.message,
    });
  if (!sentryOAuthConfigured()) {
    return redirectWithToast("/sentry/token", {
      kind: "info",
      message: "OAuth isn't configured on this server; connect with a personal auth token instead.",
    });
  }
  await sentryAuthenticator().authenticate("sentry", request);
  return redirect("/sentry");
}

export const loader = ({ request }: LoaderFunctionArgs) => start(request);
export const action = ({ request }: ActionFunctionArgs) => start(request);
