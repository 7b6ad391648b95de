import { ACCOUNT_EXPORT_QUEUE, buildExport, runDueDeletions } from "~/modules/accounts/self-service.server.ts";
import { defineJob } from "./definition.ts";

/** "Export my data": builds the JSON file of one DataExport row (idempotent). */
export const accountExportJob = defineJob<{ exportId: string }>({
  queue: ACCOUNT_EXPORT_QUEUE,
  options: { retryLimit: 3, retryDelay: 30, retryBackoff: true, expireInSeconds: 300 },
  handle: async ({ exportId }) => buildExport(exportId),
});

/** Daily: deletes the accounts whose grace period is over, and expired export files. */
export const accountDeletionJob = defineJob({
  queue: "account-deletions",
  options: { retryLimit: 3, retryDelay: 300, retryBackoff: true, expireInSeconds: 1800 },
  schedule: "41 3 * * *",
  handle: async () => runDueDeletions(),
});
