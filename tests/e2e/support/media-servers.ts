/**
 * The e2e run's S3 deployment (media-targets.ts): s3rver with the bucket, a fresh copy of the
 * template database, and two app instances on both (started one after the other: a first start
 * creates pg-boss's schema). Playwright starts this after the main e2e server and stops it with it.
 */
import { resolveTestPostgres, freshDatabase } from "../../support/test-database.ts";
import { startApp, type AppProcess } from "../../support/processes.ts";
import { startLocalS3 } from "../../support/s3.ts";
import { MEDIA_PORTS, MEDIA_S3_BUCKET, MEDIA_S3_ENV, MEDIA_TARGETS } from "./media-targets.ts";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const { adminUrl } = await resolveTestPostgres();
const databaseUrl = await freshDatabase(adminUrl, MEDIA_TARGETS.s3.database);
const s3 = await startLocalS3({ port: MEDIA_PORTS.s3, bucket: MEDIA_S3_BUCKET });
const dataDir = mkdtempSync(path.join(tmpdir(), "academy-e2e-s3-instances-"));
const apps: AppProcess[] = [];

const stop = async () => {
  await Promise.all(apps.map((app) => app.stop()));
  await s3.close();
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
};
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => void stop());

for (const [name, port] of [["A", MEDIA_PORTS.instanceA], ["B", MEDIA_PORTS.instanceB]] as const) {
  const app = await startApp(
    {
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      APP_URL: `http://localhost:${port}`,
      DEMO_MODE: "false",
      JOB_POLL_SECONDS: "0.5",
      SESSION_SECRET: process.env.SESSION_SECRET!,
      ENCRYPTION_KEY: `e2e1:${Buffer.alloc(32, 9).toString("base64")}`,
      MAIL_DIR: process.env.MAIL_DIR ?? path.join(dataDir, "mail"),
      // Each instance's own disk stays empty of media: a file on one must come from the bucket on the other.
      DATA_DIR: path.join(dataDir, name),
      ...MEDIA_S3_ENV,
    },
    180_000,
  );
  apps.push(app);
  // Both instances' logs in this process's output (Playwright shows stderr).
  app.child.stderr!.on("data", (d) => process.stderr.write(`[instance ${name}] ${d}`));
  console.info(`[media-servers] instance ${name} on ${app.url} with ${s3.endpoint}/${MEDIA_S3_BUCKET}`);
}
