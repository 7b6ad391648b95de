/**
 * OpenAPI path items of the Sentry Connect API: connecting (OAuth or a pasted
 * token), disconnecting, syncing, and the recommendations built from a sync
 * (app/routes/api.sentry.*, api.recommendations.ts). Shared schemas (`Error`,
 * `ValidationError`) and the security schemes live in openapi.ts.
 */
import type { PathItems, SchemaObject } from "./openapi.ts";

const TAG = "Sentry Connect";
/** The OAuth dance happens in the browser: Sentry sends it back with the session cookie, not a token. */
const browserOnly = [{ cookieAuth: [] }];
const unauthorized = { $ref: "#/components/responses/Unauthorized" };
const errorBody = { $ref: "#/components/schemas/Error" };
/** The POST endpoints answer JSON to API clients and redirect a browser's form post back to the page. */
const NEGOTIATION =
  " Answers JSON when the request has an Authorization header, a JSON body or `Accept: application/json`; a browser's form post is redirected to `/sentry` with a message instead.";
/** A JSON 429 of the rate limits (decision 019). */
const rateLimited = (what: string) => ({
  description: `${what} (\`rate_limited\`). \`Retry-After\` and \`retryAfterSeconds\` give the seconds to wait.`,
  headers: { "Retry-After": { description: "Seconds to wait.", schema: { type: "integer" } } },
  content: json(errorBody),
});
const formRedirect = { description: "A browser's form post: back to `/sentry`, with a message.", headers: { Location: { schema: { type: "string" } } } };
const oauthStart = {
  description:
    "To Sentry's authorization page. A guest goes to `/login` first; when connecting is not available, back to `/sentry` (or to `/sentry/token` when OAuth is not configured) with a message.",
  headers: { Location: { schema: { type: "string" } } },
};
const json = (schema: SchemaObject, example?: unknown) => ({ "application/json": { schema, ...(example === undefined ? {} : { example }) } });

const nullableString = (description: string): SchemaObject => ({ type: ["string", "null"], description });

const tokenInput: SchemaObject = {
  type: "object",
  required: ["token"],
  properties: {
    token: { type: "string", description: "A Sentry user auth token (`sntryu_…`)." },
    save: { type: "boolean", description: "When the token passes, store it (encrypted) as your connection and queue a sync. Forms may send `on` or `true`." },
  },
};

const tokenRejection: SchemaObject = {
  type: "object",
  required: ["valid", "field", "message"],
  properties: {
    valid: { const: false },
    field: { const: "token", description: "The field the message belongs to." },
    message: { type: "string", description: "What is wrong with the token, in plain words." },
  },
};

const openOnly = (description: string) => `${description} Open recommendations only.`;

const recommendation: SchemaObject = {
  type: "object",
  required: ["id", "feature", "featureLabel", "title", "status", "adoptedAt", "organization", "project"],
  properties: {
    id: { type: "string" },
    feature: { type: "string", description: "Feature slug, e.g. `performance` or `session-replay`." },
    featureLabel: { type: "string", description: "The feature's name for people." },
    title: { type: "string", description: "The next step, e.g. “Turn on tracing in checkout-web”." },
    why: { type: "string", description: openOnly("Why this step matters for this project.") },
    effort: { type: "string", enum: ["minutes", "an hour", "a day"], description: openOnly("How much work the step is.") },
    impact: { type: "string", enum: ["high", "medium", "low"], description: openOnly("How much it helps.") },
    status: { type: "string", enum: ["open", "done"], description: "`done` once a later sync sees the feature adopted." },
    adoptedAt: { type: ["string", "null"], format: "date-time", description: "When a sync first saw the feature adopted; null while open." },
    organization: nullableString("Sentry organization slug; null for an account-wide step."),
    project: nullableString("Sentry project slug; null for an organization-wide step."),
    platform: nullableString(openOnly("The project's platform, e.g. `javascript-react`.")),
    docsUrl: { type: "string", format: "uri", description: openOnly("Sentry's documentation for the step.") },
    courses: {
      type: "array",
      description: openOnly("Academy courses that teach the feature."),
      items: {
        type: "object",
        required: ["slug", "title", "url"],
        properties: { slug: { type: "string" }, title: { type: "string" }, url: { type: "string", format: "uri-reference", description: "The course page, e.g. `/courses/<slug>`." } },
      },
    },
  },
};

export const sentryPaths: PathItems = {
  "/api/sentry/oauth": {
    get: {
      tags: [TAG],
      operationId: "startSentryOAuth",
      security: browserOnly,
      summary: "Start connecting with Sentry (OAuth)",
      description: "Redirects the browser to Sentry's authorization page. After the user approves, Sentry sends it to `/api/sentry/callback`.",
      responses: { "302": oauthStart },
    },
    post: {
      tags: [TAG],
      operationId: "startSentryOAuthPost",
      security: browserOnly,
      summary: "Start connecting with Sentry (OAuth, from a form)",
      description: "The same as the GET, for a `<form method=\"post\">` button.",
      responses: { "302": oauthStart },
    },
  },
  "/api/sentry/callback": {
    get: {
      tags: [TAG],
      operationId: "finishSentryOAuth",
      security: browserOnly,
      summary: "OAuth redirect target",
      description: "Where Sentry sends the browser back. Exchanges the code for tokens, stores them encrypted and queues the first sync.",
      parameters: [
        { name: "code", in: "query", description: "The authorization code.", schema: { type: "string" } },
        { name: "state", in: "query", required: true, description: "The state sent to Sentry, checked against the cookie.", schema: { type: "string" } },
        { name: "error", in: "query", description: "Set by Sentry when the user declined.", schema: { type: "string" } },
      ],
      responses: {
        "302": {
          description: "Back to `/sentry`, with a message saying whether connecting worked (a guest goes to `/login`).",
          headers: { Location: { schema: { type: "string" } } },
        },
      },
    },
  },
  "/api/sentry/validate-token": {
    post: {
      tags: [TAG],
      operationId: "validateSentryToken",
      summary: "Check a Sentry user auth token",
      description:
        "Checks a pasted Sentry user auth token (its format, then live with Sentry) and answers who it belongs to, its scopes and organizations. With `save`, a token that passes becomes your connection.",
      requestBody: {
        required: true,
        content: {
          "application/json": { schema: tokenInput },
          "application/x-www-form-urlencoded": { schema: tokenInput },
        },
      },
      responses: {
        "200": {
          description: "Sentry accepted the token.",
          content: json({
            type: "object",
            required: ["valid", "user", "scopes", "organizations"],
            properties: {
              valid: { const: true },
              saved: { type: "boolean", description: "Whether the token was stored as your connection." },
              user: {
                type: "object",
                required: ["name", "email"],
                properties: { name: { type: "string" }, email: { type: "string", format: "email" } },
              },
              scopes: { type: "array", items: { type: "string" }, description: "The token's scopes, e.g. `org:read`." },
              organizations: {
                type: "array",
                items: { type: "object", required: ["slug", "name"], properties: { slug: { type: "string" }, name: { type: "string" } } },
              },
            },
          }),
        },
        "400": {
          description: "Not a user auth token (the format is wrong, or it is an organization token), or no `token` at all (`invalid_request`).",
          content: json(
            { oneOf: [tokenRejection, { $ref: "#/components/schemas/ValidationError" }] },
            { valid: false, field: "token", message: "This looks like an organization token. Paste a user auth token (sntryu_…)." },
          ),
        },
        "401": unauthorized,
        "422": {
          description: "Sentry rejected the token.",
          content: json({
            ...tokenRejection,
            required: ["valid", "field", "message", "reason"],
            properties: {
              ...tokenRejection.properties,
              reason: { type: "string", enum: ["invalid_token", "expired_token", "forbidden", "not_found"], description: "Why Sentry rejected it." },
            },
          }),
        },
        "429": rateLimited("More than 10 token checks in 10 minutes (each one calls Sentry)"),
        "502": {
          description: "Sentry could not be asked: it timed out, was unavailable or rate-limited us. Try again later.",
          content: json({
            ...tokenRejection,
            required: ["valid", "field", "message", "reason"],
            properties: { ...tokenRejection.properties, reason: { type: "string", enum: ["rate_limited", "timeout", "unavailable"] } },
          }),
        },
        "503": { description: "Connecting to Sentry is not configured on this server (`not_configured`).", content: json(errorBody) },
      },
    },
  },
  "/api/sentry/disconnect": {
    post: {
      tags: [TAG],
      operationId: "disconnectSentry",
      summary: "Disconnect Sentry",
      description: `Deletes the stored tokens and every synced organization, project and recommendation.${NEGOTIATION}`,
      responses: {
        "200": {
          description: "Nothing of the connection is left.",
          content: json({
            type: "object",
            required: ["disconnected"],
            properties: { disconnected: { type: "boolean", description: "False when there was no connection to remove." } },
          }),
        },
        "302": formRedirect,
        "401": unauthorized,
      },
    },
  },
  "/api/sentry/sync": {
    post: {
      tags: [TAG],
      operationId: "syncSentry",
      summary: "Sync now",
      description: `Queues a sync of the connected Sentry account; it runs in the background.${NEGOTIATION}`,
      responses: {
        "202": {
          description: "The sync is queued.",
          content: json({
            type: "object",
            required: ["status", "connectionId"],
            properties: { status: { const: "queued" }, connectionId: { type: "string" } },
          }),
        },
        "302": formRedirect,
        "401": unauthorized,
        "409": { description: "No active Sentry connection to sync (`not_connected`).", content: json(errorBody) },
        "429": rateLimited("More than 6 syncs asked for in an hour"),
      },
    },
  },
  "/api/recommendations": {
    get: {
      tags: [TAG],
      operationId: "listRecommendations",
      summary: "Your recommendations",
      description: "The next steps for the Sentry features you have not adopted yet, and the ones you have since adopted.",
      responses: {
        "200": {
          description: "The recommendations; an empty list when no Sentry account is connected.",
          content: json({
            type: "object",
            required: ["connected", "recommendations"],
            properties: {
              connected: { type: "boolean", description: "Whether a Sentry account is connected." },
              lastSyncedAt: { type: ["string", "null"], format: "date-time", description: "When the last sync finished. Only when connected." },
              syncStatus: { type: "string", enum: ["idle", "queued", "running", "succeeded", "failed"], description: "Only when connected." },
              recommendations: { type: "array", items: recommendation, description: "Open ones first, then done ones." },
            },
          }),
        },
        "401": unauthorized,
      },
    },
  },
};

