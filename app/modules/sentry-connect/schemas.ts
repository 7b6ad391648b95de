import { z } from "zod";
import { checkTokenFormat } from "./token-format.ts";

/** The pasted-token form, validated the same way in the browser (as you type) and on the server. */
export const TokenSchema = z.object({
  token: z.string({ error: "Paste the token you created in Sentry." }).superRefine((value, ctx) => {
    const check = checkTokenFormat(value);
    if (!check.ok) ctx.addIssue({ code: "custom", message: check.message });
  }),
});

/** POST /api/sentry/validate-token: the token, and `save` (`true`, or a form's `on`/`true`) to keep it as the connection. */
export const ValidateTokenBody = z.object({
  token: z.string({ error: "token is required" }).meta({ description: "A Sentry user auth token (`sntryu_…`)." }),
  save: z
    .preprocess((v) => v === true || v === "true" || v === "on", z.boolean())
    .optional()
    .meta({ description: "When the token passes, store it (encrypted) as your connection and queue a sync. Forms may send `on` or `true`." }),
});

// ───────────── what the JSON endpoints answer (app/routes/api.sentry.*.ts, api.recommendations.ts) ─────────────

export const tokenRejectionSchema = z.object({
  valid: z.literal(false),
  field: z.literal("token").meta({ description: "The field the message belongs to." }),
  message: z.string().meta({ description: "What is wrong with the token, in plain words." }),
});

export const tokenAcceptedSchema = z.object({
  valid: z.literal(true),
  saved: z.boolean().meta({ description: "Whether the token was stored as your connection." }),
  user: z.object({ name: z.string().nullable(), email: z.email().nullable() }).meta({ description: "Who the token belongs to, as Sentry says (either may be null)." }),
  scopes: z.array(z.string()).meta({ description: "The token's scopes, e.g. `org:read`." }),
  organizations: z.array(z.object({ slug: z.string(), name: z.string() })),
});

export const tokenRefusedSchema = tokenRejectionSchema.extend({
  reason: z.enum(["invalid_token", "expired_token", "forbidden", "not_found"]).meta({ description: "Why Sentry rejected it." }),
});
export const sentryUnreachableSchema = tokenRejectionSchema.extend({ reason: z.enum(["rate_limited", "timeout", "unavailable"]) });

export const disconnectedSchema = z.object({ disconnected: z.boolean().meta({ description: "False when there was no connection to remove." }) });
export const syncQueuedSchema = z.object({ status: z.literal("queued"), connectionId: z.string() });

const openOnly = (description: string) => `${description} Open recommendations only.`;

export const recommendationSchema = z.object({
  id: z.string(),
  feature: z.string().meta({ description: "Feature slug, e.g. `performance` or `session-replay`." }),
  featureLabel: z.string().meta({ description: "The feature's name for people." }),
  title: z.string().meta({ description: "The next step, e.g. “Turn on tracing in checkout-web”." }),
  why: z.string().optional().meta({ description: openOnly("Why this step matters for this project.") }),
  effort: z.enum(["minutes", "an hour", "a day"]).optional().meta({ description: openOnly("How much work the step is.") }),
  impact: z.enum(["high", "medium", "low"]).optional().meta({ description: openOnly("How much it helps.") }),
  status: z.enum(["open", "done"]).meta({ description: "`done` once a later sync sees the feature adopted." }),
  adoptedAt: z.iso.datetime({ offset: true }).nullable().meta({ description: "When a sync first saw the feature adopted; null while open." }),
  organization: z.string().nullable().meta({ description: "Sentry organization slug; null for an account-wide step." }),
  project: z.string().nullable().meta({ description: "Sentry project slug; null for an organization-wide step." }),
  platform: z.string().nullable().optional().meta({ description: openOnly("The project's platform, e.g. `javascript-react`.") }),
  docsUrl: z.url().optional().meta({ description: openOnly("Sentry's documentation for the step.") }),
  courses: z
    .array(z.object({ slug: z.string(), title: z.string(), url: z.string().meta({ description: "The course page, e.g. `/courses/<slug>`." }) }))
    .optional()
    .meta({ description: openOnly("Academy courses that teach the feature.") }),
});

export const recommendationsSchema = z.object({
  connected: z.boolean().meta({ description: "Whether a Sentry account is connected." }),
  lastSyncedAt: z.iso.datetime({ offset: true }).nullable().optional().meta({ description: "When the last sync finished. Only when connected." }),
  syncStatus: z.enum(["idle", "queued", "running", "succeeded", "failed"]).optional().meta({ description: "Only when connected." }),
  recommendations: z.array(recommendationSchema).meta({ description: "Open ones first, then done ones." }),
});
