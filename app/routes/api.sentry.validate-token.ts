import type { ActionFunctionArgs } from "@remix-run/node";
import type { z } from "zod";
import { SentryApiError } from "~/modules/sentry-connect/client.server.ts";
import { checkToken, connectAvailability, saveTokenConnection } from "~/modules/sentry-connect/connection.server.ts";
import { markConverted } from "~/modules/sentry-connect/experiments.server.ts";
import { requestSync } from "~/modules/sentry-connect/queue.server.ts";
import { type tokenAcceptedSchema, ValidateTokenBody } from "~/modules/sentry-connect/schemas.ts";
import { checkTokenFormat } from "~/modules/sentry-connect/token-format.ts";
import { requireVerifiedApiUser } from "~/utils/api-auth.server.ts";
import { apiError, jsonBody } from "~/utils/api-request.server.ts";
import { enforceRateLimitJson } from "~/utils/rate-limit.server.ts";

export const loader = () => apiError(405, "method_not_allowed", 'Use POST with a JSON body {"token": "sntryu_..."}.');

/**
 * Checks a pasted token: its format, then live with Sentry (`GET /api/0/` and the
 * organizations). With `"save": true` a token that passes is stored (encrypted)
 * as the caller's connection and a sync is queued.
 */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireVerifiedApiUser(request);
  const availability = connectAvailability();
  if (!availability.ok) return apiError(503, "not_configured", availability.message);
  const { token: raw, save } = await jsonBody(request, ValidateTokenBody);
  const format = checkTokenFormat(raw);
  if (!format.ok) return Response.json({ valid: false, field: "token", message: format.message }, { status: 400 });
  const token = raw.trim();
  await enforceRateLimitJson("sentry-token", user.id); // each check calls Sentry's API
  try {
    const check = await checkToken(user.id, token);
    if (save) {
      await saveTokenConnection(user.id, token, check);
      await markConverted(user.id, "sentry-value-prop");
      await requestSync(user.id);
    }
    return Response.json({
      valid: true,
      saved: Boolean(save),
      user: check.user,
      scopes: check.scopes,
      organizations: check.organizations.map(({ slug, name }) => ({
        slug,
        name,
      })),
    } satisfies z.infer<typeof tokenAcceptedSchema>);
  } catch (error) {
    if (!(error instanceof SentryApiError)) throw error;
    const status = error.kind === "timeout" || error.kind === "unavailable" || error.kind === "rate_limited" ? 502 : 422;
    return Response.json(
      {
        valid: false,
        field: "token",
        message: error.message,
        reason: error.kind,
      },
      { status }
    );
  }
}
