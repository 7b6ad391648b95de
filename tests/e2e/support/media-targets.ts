/**
 * Where the e2e run's media lives (decision 034), for specs that run one journey on both:
 *
 * - "local disk": the main e2e server (E2E_PORT), its DATA_DIR a fresh temporary folder;
 * - "S3, two instances": two more app processes (E2E_PORT+6 and +7) on one s3rver (E2E_PORT+8),
 *   started by tests/e2e/support/media-servers.ts. They share their own copy of the e2e database
 *   (`<E2E_DATABASE>_s3`): one database per deployment, because jobs (transcoding, cleanup) run on
 *   whichever instance picks them up, and a local-disk instance cannot process a file in S3.
 *
 * playwright.config.ts runs the projects `s3-js-on` and `s3-js-off` (media specs only) against the
 * S3 pair; `mediaTarget(testInfo.project.name)` tells a spec which target it is on: upload through
 * `baseURL`, watch through `otherURL` (the other instance on S3; the same server on local disk).
 * E2E_MEDIA_S3=0 leaves the S3 pair and its projects out.
 */
import { tmpdir } from "node:os";
import path from "node:path";
import type { MediaStore } from "~/modules/media/storage.server.ts";

// The store module (and the S3 SDK) loads only when a spec asks for a store, not with playwright.config.ts.
const storage = () => import("~/modules/media/storage.server.ts");

const port = Number(process.env.E2E_PORT ?? 3210);
const database = process.env.E2E_DATABASE ?? "academy_e2e";

export const MEDIA_S3_ENABLED = process.env.E2E_MEDIA_S3 !== "0";
export const MEDIA_PORTS = { instanceA: port + 6, instanceB: port + 7, s3: port + 8 };
/** The main e2e server's DATA_DIR (tests/e2e/support/server.ts empties it at start). */
export const E2E_DATA_DIR = path.join(tmpdir(), `academy-e2e-data-${port}`);
export const MEDIA_S3_BUCKET = "academy-e2e-media";
/** What the S3 pair is started with (s3rver's fixed keys). */
export const MEDIA_S3_ENV = {
  S3_BUCKET: MEDIA_S3_BUCKET,
  S3_ENDPOINT: `http://127.0.0.1:${MEDIA_PORTS.s3}`,
  S3_REGION: "us-east-1",
  S3_ACCESS_KEY_ID: "S3RVER",
  S3_SECRET_ACCESS_KEY: "S3RVER",
  S3_FORCE_PATH_STYLE: "true",
};

export type MediaTarget = { name: string; baseURL: string; otherURL: string; database: string; store: () => Promise<MediaStore> };

export const MEDIA_TARGETS = {
  local: {
    name: "local disk",
    baseURL: `http://localhost:${port}`,
    otherURL: `http://localhost:${port}`,
    database,
    store: async () => new (await storage()).LocalDiskStore(path.join(E2E_DATA_DIR, "media")),
  },
  s3: {
    name: "S3, two instances",
    baseURL: `http://localhost:${MEDIA_PORTS.instanceA}`,
    otherURL: `http://localhost:${MEDIA_PORTS.instanceB}`,
    database: `${database}_s3`,
    store: async () => new (await storage()).S3Store({ ...MEDIA_S3_ENV, S3_FORCE_PATH_STYLE: true }),
  },
} satisfies Record<string, MediaTarget>;

/** The target a Playwright project runs against (`s3-js-on`, `s3-js-off`: the S3 pair). */
export function mediaTarget(projectName: string): MediaTarget {
  return projectName.startsWith("s3-") ? MEDIA_TARGETS.s3 : MEDIA_TARGETS.local;
}
