import { cleanupMedia } from "~/modules/media/cleanup.server.ts";
import { defineJob } from "./definition.ts";

/** Hourly: expired partial uploads, abandoned uploads, failed assets' bytes and stored files without a row (decision 035). */
export const mediaCleanupJob = defineJob({
  queue: "media-cleanup",
  options: { retryLimit: 3, retryDelay: 60, retryBackoff: true, expireInSeconds: 900 },
  schedule: "41 * * * *",
  handle: () => cleanupMedia(),
});
