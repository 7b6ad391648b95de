import type { ActionFunctionArgs } from "@remix-run/node";
import { requestSync } from "~/modules/sentry-connect/queue.server.ts";
import { requireVerifiedApiUser } from "~/utils/api-auth.server.ts";
import { apiError, wantsJson } from "~/utils/api-request.server.ts";
import { rateLimit, rateLimitedJson } from "~/utils/rate-limit.server.ts";
import { redirectWithToast } from "~/utils/toast.server.ts";

export const loader = () => apiError(405, "method_not_allowed", "Use POST to start a sync.");

/** Queues a sync of the caller's connection (202), or 409 when there is nothing to sync. */
export async function action({ request }: ActionFunctionArgs) {
  const json = wantsJson(request);
  const user = await requireVerifiedApiUser(request);
  const limited = await rateLimit("sentry-sync", user.id);
  // The page's button is a plain form post to this resource route: it gets the page back with the message.
  if (limited) return json ? rateLimitedJson(limited) : redirectWithToast("/sentry", { kind: "error", message: limited.message });
  const connectionId = await requestSync(user.id);
  if (json) {
    return connectionId
      ? Response.json({ status: "queued", connectionId }, { status: 202 })
      : apiError(409, "not_connected", "Connect a Sentry account (or reconnect it) before syncing.");
  }
  return connectionId
    ? redirectWithToast("/sentry", {
        kind: "info",
        message: "Sync started. The page updates when it's done.",
      })
    : redirectWithToast("/sentry", {
        kind: "error",
        message: "There is no active Sentry connection to sync.",
      });
}
