/**
 * The Sentry Connect API in the OpenAPI document: connecting (OAuth or a pasted
 * token), disconnecting, syncing, and the recommendations built from a sync
 * (app/routes/api.sentry.*, api.recommendations.ts). Bodies and answers are
 * sentry-connect/schemas.ts's.
 */
import { z } from "zod";
import {
  disconnectedSchema,
  recommendationsSchema,
  sentryUnreachableSchema,
  syncQueuedSchema,
  tokenAcceptedSchema,
  tokenRefusedSchema,
  tokenRejectionSchema,
  ValidateTokenBody,
} from "~/modules/sentry-connect/schemas.ts";
import { error, location, ok, op, rateLimited, unauthorized, ValidationErrorSchema, type Registry } from "./shared.ts";

const TAG = "Sentry Connect";
/** The OAuth dance happens in the browser: Sentry sends it back with the session cookie, not a token. */
const browserOnly = [{ cookieAuth: [] }];
/** The POST endpoints answer JSON to API clients and redirect a browser's form post back to the page. */
const NEGOTIATION =
  " Answers JSON when the request has an Authorization header, a JSON body or `Accept: application/json`; a browser's form post is redirected to `/sentry` with a message instead.";
const formRedirect = { description: "A browser's form post: back to `/sentry`, with a message.", headers: location("Where to.") };
const oauthStart = {
  description:
    "To Sentry's authorization page. A guest goes to `/login` first; when connecting is not available, back to `/sentry` (or to `/sentry/token` when OAuth is not configured) with a message.",
  headers: location("Where to."),
};

export function registerSentryConnect(r: Registry) {
  for (const [method, operationId, summary, description] of [
    ["get", "startSentryOAuth", "Start connecting with Sentry (OAuth)", "Redirects the browser to Sentry's authorization page. After the user approves, Sentry sends it to `/api/sentry/callback`."],
    ["post", "startSentryOAuthPost", "Start connecting with Sentry (OAuth, from a form)", 'The same as the GET, for a `<form method="post">` button.'],
  ] as const) {
    op(r, { method, path: "/api/sentry/oauth", tags: [TAG], operationId, security: browserOnly, summary, description, responses: { 302: oauthStart } });
  }
  op(r, {
    method: "get",
    path: "/api/sentry/callback",
    tags: [TAG],
    operationId: "finishSentryOAuth",
    security: browserOnly,
    summary: "OAuth redirect target",
    description: "Where Sentry sends the browser back. Exchanges the code for tokens, stores them encrypted and queues the first sync.",
    request: {
      query: z.object({
        code: z.string().optional().meta({ description: "The authorization code." }),
        state: z.string().meta({ description: "The state sent to Sentry, checked against the cookie." }),
        error: z.string().optional().meta({ description: "Set by Sentry when the user declined." }),
      }),
    },
    responses: { 302: { description: "Back to `/sentry`, with a message saying whether connecting worked (a guest goes to `/login`).", headers: location("Where to.") } },
  });
  op(r, {
    method: "post",
    path: "/api/sentry/validate-token",
    tags: [TAG],
    operationId: "validateSentryToken",
    summary: "Check a Sentry user auth token",
    description:
      "Checks a pasted Sentry user auth token (its format, then live with Sentry) and answers who it belongs to, its scopes and organizations. With `save`, a token that passes becomes your connection.",
    request: { body: ValidateTokenBody, form: true },
    responses: {
      200: ok("Sentry accepted the token.", tokenAcceptedSchema),
      400: {
        description: "Not a user auth token (the format is wrong, or it is an organization token), or no `token` at all (`invalid_request`).",
        content: {
          "application/json": {
            schema: z.union([tokenRejectionSchema, ValidationErrorSchema]),
            example: { valid: false, field: "token", message: "This looks like an organization token. Paste a user auth token (sntryu_…)." },
          },
        },
      },
      401: unauthorized,
      403: error("Your email address is not verified yet (`email_not_verified`)."),
      422: ok("Sentry rejected the token.", tokenRefusedSchema),
      429: rateLimited("More than 10 token checks in 10 minutes (each one calls Sentry) (`rate_limited`). `Retry-After` and `retryAfterSeconds` give the seconds to wait."),
      502: ok("Sentry could not be asked: it timed out, was unavailable or rate-limited us. Try again later.", sentryUnreachableSchema),
      503: error("Connecting to Sentry is not configured on this server (`not_configured`)."),
    },
  });
  op(r, {
    method: "post",
    path: "/api/sentry/disconnect",
    tags: [TAG],
    operationId: "disconnectSentry",
    summary: "Disconnect Sentry",
    description: `Deletes the stored tokens and every synced organization, project and recommendation.${NEGOTIATION}`,
    responses: { 200: ok("Nothing of the connection is left.", disconnectedSchema), 302: formRedirect, 401: unauthorized },
  });
  op(r, {
    method: "post",
    path: "/api/sentry/sync",
    tags: [TAG],
    operationId: "syncSentry",
    summary: "Sync now",
    description: `Queues a sync of the connected Sentry account; it runs in the background.${NEGOTIATION}`,
    responses: {
      202: ok("The sync is queued.", syncQueuedSchema),
      302: formRedirect,
      401: unauthorized,
      403: error("Your email address is not verified yet (`email_not_verified`)."),
      409: error("No active Sentry connection to sync (`not_connected`)."),
      429: rateLimited("More than 6 syncs asked for in an hour (`rate_limited`). `Retry-After` and `retryAfterSeconds` give the seconds to wait."),
    },
  });
  op(r, {
    method: "get",
    path: "/api/recommendations",
    tags: [TAG],
    operationId: "listRecommendations",
    summary: "Your recommendations",
    description: "The next steps for the Sentry features you have not adopted yet, and the ones you have since adopted.",
    responses: { 200: ok("The recommendations; an empty list when no Sentry account is connected.", recommendationsSchema), 401: unauthorized },
  });
}
