/**
 * The app under test for Playwright: a fresh copy of the template database
 * (academy_e2e), demo mode on (so the outbox page is readable and "Sign in with
 * GitHub/Google" uses the local fake provider, Sentry Connect the fake Sentry on port 3211,
 * Gong and Claude fakes on 3212 and 3213),
 * then the real server.ts.
 */
import { rmSync } from "node:fs";
import { freshDatabase, resolveTestPostgres } from "../../support/test-database.ts";
import { E2E_DATA_DIR } from "./media-targets.ts";

// E2E_DATABASE lets two Playwright runs (other ports via E2E_PORT...) share one PostgreSQL.
export const E2E_DATABASE = process.env.E2E_DATABASE ?? "academy_e2e";

const { adminUrl } = await resolveTestPostgres();
process.env.DATABASE_URL = await freshDatabase(adminUrl, E2E_DATABASE);
process.env.PORT = process.env.E2E_PORT ?? "3210";
process.env.APP_URL = `http://localhost:${process.env.PORT}`;
process.env.DEMO_MODE = "true";
process.env.NODE_ENV = "production";
process.env.JOB_POLL_SECONDS = "0.5";
// Demo mode starts the fake Sentry here, so specs can drive its control API (/__fake/...).
process.env.ENCRYPTION_KEY = `e2e1:${Buffer.alloc(32, 9).toString("base64")}`;
process.env.FAKE_SENTRY_PORT = process.env.E2E_FAKE_SENTRY_PORT ?? "3211";
// ...and the fake Gong and fake Claude for the POC Portal's part 2.
process.env.FAKE_GONG_PORT = process.env.E2E_FAKE_GONG_PORT ?? "3212";
process.env.FAKE_ANTHROPIC_PORT = process.env.E2E_FAKE_ANTHROPIC_PORT ?? "3213";
// The recipients' inbox (playwright.config.ts sets MAIL_DIR): empty at the start of a run.
if (process.env.MAIL_DIR) rmSync(process.env.MAIL_DIR, { recursive: true, force: true });
// Uploaded media on local disk (decision 034): a temporary folder, empty at the start of a run.
process.env.DATA_DIR = E2E_DATA_DIR;
rmSync(E2E_DATA_DIR, { recursive: true, force: true });
for (const key of ["S3_BUCKET", "S3_ENDPOINT", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY", "S3_FORCE_PATH_STYLE"]) delete process.env[key];
const external = ["SMTP_URL", "GITHUB_CLIENT_ID", "GOOGLE_CLIENT_ID", "SENTRY_DSN", "SENTRY_URL", "SENTRY_CLIENT_ID", "SENTRY_CLIENT_SECRET"];
for (const key of [...external, "GONG_BASE_URL", "GONG_ACCESS_KEY", "GONG_ACCESS_KEY_SECRET", "ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL", "ANTHROPIC_MODEL"]) delete process.env[key];
await import("../../../server.ts");
