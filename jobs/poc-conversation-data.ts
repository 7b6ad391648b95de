import { deleteExpiredConversationData, encryptLegacyConversationData } from "~/modules/poc/conversation-data.server.ts";
import { defineJob } from "./definition.ts";

/**
 * POC conversation data at rest (decision 020), hourly and once at start-up:
 * encrypts any transcript, participant list or quote list still stored in plaintext
 * (rows written before the encrypted columns existed), then deletes the
 * conversation data of POCs closed more than TRANSCRIPT_RETENTION_DAYS ago.
 * Both steps are idempotent.
 */
export const pocConversationDataJob = defineJob({
  queue: "poc-conversation-data",
  options: { retryLimit: 3, retryDelay: 60, retryBackoff: true, expireInSeconds: 900 },
  schedule: "41 * * * *",
  runAtStart: true,
  handle: async () => {
    const encrypted = await encryptLegacyConversationData();
    const deleted = await deleteExpiredConversationData();
    return { encrypted, deleted };
  },
});
