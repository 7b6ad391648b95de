/**
 * Before each test file: a fresh database copied from the migrated template,
 * private to this worker, and a test environment for the app's modules.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, inject } from "vitest";
import { freshDatabase } from "./test-database.ts";

const worker = process.env.VITEST_POOL_ID ?? "0";

process.env.NODE_ENV = "test";
process.env.SESSION_SECRET = "test-session-secret-0123456789";
process.env.JOB_POLL_SECONDS = "0.5";
// A fixed test key (id "test1"): Sentry tokens are stored encrypted under it.
process.env.ENCRYPTION_KEY = `test1:${Buffer.alloc(32, 7).toString("base64")}`;
delete process.env.SMTP_URL;
// The recipients' inbox (no SMTP): each mail is written whole here; tests/support/mail.ts reads it.
process.env.MAIL_DIR = mkdtempSync(path.join(tmpdir(), "academy-mail-"));

beforeAll(async () => {
  process.env.DATABASE_URL = await freshDatabase(inject("testDatabaseAdminUrl"), `${inject("testDatabasePrefix")}_w${worker}`);
});

afterAll(async () => {
  const { disconnectPrisma } = await import("~/utils/db.server.ts");
  const { stopBoss } = await import("~/utils/jobs.server.ts");
  await stopBoss();
  await disconnectPrisma();
  rmSync(process.env.MAIL_DIR!, { recursive: true, force: true });
});
