/**
 * Environment variables, validated once at start-up with Zod. A missing or
 * malformed variable stops the app with a message that names it.
 * Every variable is listed, with its meaning, in .env.example.
 */
import { z } from "zod";
import { parseKeyRing } from "./encryption.server.ts";

const optionalUrl = z.preprocess((v) => (v === "" ? undefined : v), z.url().optional());
const optionalString = z.preprocess((v) => (v === "" ? undefined : v), z.string().optional());
const flag = z.preprocess(
  (v) => (v === "" || v === undefined ? "false" : v),
  z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1"),
);

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_URL: z
    .string({ error: "is required (server.ts sets it when it starts the embedded database)" })
    .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// connection URL"),
  SESSION_SECRET: z
    .string({ error: "is required: one or more comma-separated secrets of 16+ characters" })
    .transform((v) => v.split(",").map((s) => s.trim()).filter(Boolean))
    .refine((list) => list.length > 0 && list.every((s) => s.length >= 16), {
      message: "must be one or more comma-separated secrets of at least 16 characters each",
    }),
  APP_URL: optionalUrl,
  DEMO_MODE: flag,
  SMTP_URL: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.string().regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL").optional(),
  ),
  MAIL_FROM: z.string().default("Sentry Academy <academy@localhost>"),
  /** Without SMTP: a folder on the server where each mail is written whole (private links included), as its inbox. */
  MAIL_DIR: optionalString,
  SENTRY_DSN: optionalUrl,
  SENTRY_ENVIRONMENT: optionalString,
  TRUST_PROXY: flag,
  GITHUB_CLIENT_ID: optionalString,
  GITHUB_CLIENT_SECRET: optionalString,
  GITHUB_AUTHORIZE_URL: z.url().default("https://github.com/login/oauth/authorize"),
  GITHUB_TOKEN_URL: z.url().default("https://github.com/login/oauth/access_token"),
  GITHUB_API_URL: z.url().default("https://api.github.com"),
  GOOGLE_CLIENT_ID: optionalString,
  GOOGLE_CLIENT_SECRET: optionalString,
  GOOGLE_AUTHORIZE_URL: z.url().default("https://accounts.google.com/o/oauth2/v2/auth"),
  GOOGLE_TOKEN_URL: z.url().default("https://oauth2.googleapis.com/token"),
  GOOGLE_USERINFO_URL: z.url().default("https://openidconnect.googleapis.com/v1/userinfo"),
  JOB_POLL_SECONDS: z.coerce.number().min(0.5).max(60).default(1),
  SENTRY_URL: z.url().default("https://sentry.io"),
  SENTRY_CLIENT_ID: optionalString,
  SENTRY_CLIENT_SECRET: optionalString,
  SENTRY_TIMEOUT_SECONDS: z.coerce.number().min(1).max(120).default(15),
  SENTRY_SYNC_CRON: z.string().default("17 */6 * * *"),
  ENCRYPTION_KEY: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .string()
      .refine(
        (v) => {
          try {
            parseKeyRing(v);
            return true;
          } catch {
            return false;
          }
        },
        { message: "must be comma-separated 32-byte keys (base64 or 64 hex), each optionally prefixed with an id and a colon" },
      )
      .optional(),
  ),
  GONG_BASE_URL: z.url().default("https://api.gong.io"),
  GONG_ACCESS_KEY: optionalString,
  GONG_ACCESS_KEY_SECRET: optionalString,
  ANTHROPIC_API_KEY: optionalString,
  ANTHROPIC_BASE_URL: optionalUrl,
  ANTHROPIC_MODEL: z.string().default("claude-sonnet-4-6"),
  /** Days after a POC closes (Won or Lost) before its Gong transcripts, participants and AI quotes are deleted. */
  TRANSCRIPT_RETENTION_DAYS: z.coerce.number({ error: "must be a whole number of days" }).int("must be a whole number of days").min(0).max(3650).default(90),
  PAGE_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(10),
});

export type Env = z.infer<typeof schema>;

export class EnvError extends Error {}

/** Parse an environment; throws EnvError naming every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = issue.path.join(".");
    const value = source[name];
    const what = value === undefined ? "is missing" : "is malformed";
    return `  ${name} ${what}: ${issue.message}`;
  });
  throw new EnvError(`Invalid environment (see .env.example):\n${lines.join("\n")}`);
}

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Public origin used in links we send by email. */
export function appUrl(): string {
  const env = getEnv();
  return (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, "");
}
