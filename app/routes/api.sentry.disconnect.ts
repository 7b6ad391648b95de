import type { ActionFunctionArgs } from "@remix-run/node";
import { disconnect } from "~/modules/sentry-connect/connection.server.ts";
import { requireApiUser } from "~/utils/api-auth.server.ts";
import { apiError, wantsJson } from "~/utils/api-request.server.ts";
import { redirectWithToast } from "~/utils/toast.server.ts";

export const loader = () => apiError(405, "method_not_allowed", "Use POST to disconnect.");

/** Deletes the tokens and every synced row at once. */
export async function action({ request }: ActionFunctionArgs) {
  const json = wantsJson(request);
  const user = await requireApiUser(request);
  const existed = await disconnect(user.id);
  if (json) return Response.json({ disconnected: existed });
  return redirectWithToast("/sentry", {
    kind: "success",
    message: existed ? "Disconnected. We deleted your Sentry tokens and everything we had synced." : "There was no Sentry connection to remove.",
  });
}
