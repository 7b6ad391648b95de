/**
 * Environment variables, validated once at start-up with Zod. A missing or
 * malformed variable stops the app with a message that names it.
 * Every variable is listed, with its meaning, in .env.example.
 *
 * The one reader of `process.env` (decision 024): modules call `getEnv()`,
 * server.ts and the CLIs (prisma/cli.ts) call `parseStartupEnv()` before the
 * database and the session secret exist. server.ts settles every variable
 * (the embedded database's URL, the demo's secrets and fakes) before it imports
 * any module that calls `getEnv()`, so reading it at module level is safe too.
 */
import { z } from "zod";
import { parseKeyRing } from "./key-ring.ts";

const optionalUrl = z.preprocess((v) => (v === "" ? undefined : v), z.url().optional());
const optionalString = z.preprocess((v) => (v === "" ? undefined : v), z.string().optional());
const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);
const flag = z.preprocess(
  (v) => (v === "" || v === undefined ? "false" : v),
  z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1"),
);

const fields = z.object({
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
  ANTHROPIC_MODEL: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.string().default("claude-sonnet-4-6")),
  /** Days after a POC closes (Won or Lost) before its Gong transcripts, participants and AI quotes are deleted. */
  TRANSCRIPT_RETENTION_DAYS: z.coerce.number({ error: "must be a whole number of days" }).int("must be a whole number of days").min(0).max(3650).default(90),
  PAGE_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(10),
  /**
   * Media storage (decision 034): unset, files live on local disk under $DATA_DIR/media; set, in this
   * S3-compatible bucket (every instance then shares them). S3_ENDPOINT for a store other than AWS
   * (MinIO, R2, s3rver...), with S3_FORCE_PATH_STYLE=true when it has no per-bucket host names.
   */
  S3_BUCKET: z.preprocess((v) => (v === "" ? undefined : v), z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "must be an S3 bucket name (3-63 lowercase letters, digits, dots, hyphens)").optional()),
  S3_ENDPOINT: optionalUrl,
  S3_REGION: z.preprocess((v) => (v === "" ? undefined : v), z.string().regex(/^[a-z0-9-]+$/, "must be a region name such as us-east-1").default("us-east-1")),
  S3_ACCESS_KEY_ID: optionalString,
  S3_SECRET_ACCESS_KEY: optionalString,
  S3_FORCE_PATH_STYLE: flag,
  /** ffmpeg and ffprobe for video transcoding; unset: the binaries npm installed (@ffmpeg-installer, @ffprobe-installer; decision 036). */
  FFMPEG_PATH: optionalString,
  FFPROBE_PATH: optionalString,
  /** Worker threads grading exercises in each app process (decision 039); unset: one per core but one, at least 1. */
  SANDBOX_THREADS: z.coerce.number().int().min(1).max(64).optional(),
  // server.ts's own settings (how the process starts; the app's modules never need them).
  /** App processes (web + jobs each), sharing the port through node:cluster. */
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
  /** Where the embedded demo keeps its database, secrets and mail (relative to the project). */
  DATA_DIR: z.string().min(1).default(".data"),
  EMBEDDED_PG_PORT: port(54329),
  /** The Docker image, built once, skips the build-freshness check at start. */
  SKIP_BUILD_CHECK: flag,
  /** Ports of the demo's fakes (0: any free port). */
  FAKE_SENTRY_PORT: port(0),
  FAKE_GONG_PORT: port(0),
  FAKE_ANTHROPIC_PORT: port(0),
});

/** Half a pair of S3 keys is a typo, not a choice: the SDK would quietly look for credentials elsewhere. */
function s3KeysInPairs(env: { S3_ACCESS_KEY_ID?: string; S3_SECRET_ACCESS_KEY?: string }, ctx: z.RefinementCtx) {
  if (Boolean(env.S3_ACCESS_KEY_ID) === Boolean(env.S3_SECRET_ACCESS_KEY)) return;
  const missing = env.S3_ACCESS_KEY_ID ? "S3_SECRET_ACCESS_KEY" : "S3_ACCESS_KEY_ID";
  ctx.addIssue({ code: "custom", path: [missing], message: "is needed with the other S3 key (set both, or neither for the SDK's own credential chain)" });
}

const schema = fields.superRefine(s3KeysInPairs);

/**
 * What server.ts and the CLIs read before the database exists: the same
 * variables, with DATABASE_URL and SESSION_SECRET not yet required (the
 * embedded demo provides them), and SENTRY_URL and DEMO_MODE without their
 * defaults (unset SENTRY_URL: the demo starts its fake Sentry; unset DEMO_MODE:
 * on with the embedded database).
 */
const startupSchema = fields
  .extend({
    DATABASE_URL: z.preprocess((v) => (v === "" ? undefined : v), fields.shape.DATABASE_URL.optional()),
    SESSION_SECRET: fields.shape.SESSION_SECRET.optional(),
    SENTRY_URL: optionalUrl,
    DEMO_MODE: flag.optional(),
  })
  .superRefine(s3KeysInPairs);

export type Env = z.infer<typeof schema>;
export type StartupEnv = z.infer<typeof startupSchema>;

export class EnvError extends Error {}

/** Parse an environment; throws EnvError naming every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  return parseWith(schema, source);
}

/** Parse the environment server.ts starts from (see startupSchema); throws EnvError naming every bad variable. */
export function parseStartupEnv(source: Record<string, string | undefined>): StartupEnv {
  return parseWith(startupSchema, source);
}

function parseWith<S extends z.ZodType>(target: S, source: Record<string, string | undefined>): z.infer<S> {
  const result = target.safeParse(source);
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

/** The validated environment of this process, parsed on first use. */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/**
 * For tests that change a variable at run time (tests/support/env.ts): the next
 * getEnv() parses process.env again. Never called by the app.
 */
export function resetEnvForTests() {
  cached = undefined;
}

/** Public origin used in links we send by email. */
export function appUrl(): string {
  const env = getEnv();
  return (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, "");
}
