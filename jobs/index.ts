/**
 * Every pg-boss queue of the app. startWorkers() runs in the same process as
 * the web server (server.ts). Several instances can run at once: pg-boss hands
 * each job to exactly one worker, and a job whose process died is handed back
 * promptly (leases.ts).
 */
import { getBoss, stopBoss } from "~/utils/jobs.server.ts";
import { getEnv } from "~/utils/env.server.ts";
import { accountDeletionJob, accountExportJob } from "./account.ts";
import { cleanupJob } from "./cleanup.ts";
import { mediaCleanupJob } from "./media-cleanup.ts";
import { passwordResetJob } from "./password-reset.ts";
import type { JobDefinition } from "./definition.ts";
import { dropLease, keepLeases, reapLeases, takeLease } from "./leases.ts";
import { mediaTranscodeJob, mediaTranscodeSweepJob } from "./media-transcode.ts";
import { pocConversationDataJob } from "./poc-conversation-data.ts";
import { pocAiAnalysisJob, pocGongSearchJob, pocGongTranscriptsJob } from "./poc-gong-ai.ts";
import { sendEmailJob } from "./send-email.ts";
import { sentrySyncJob, sentrySyncScheduleJob } from "./sentry-sync.ts";

export const jobs: JobDefinition<never>[] = [sendEmailJob, passwordResetJob, cleanupJob, sentrySyncJob, sentrySyncScheduleJob, pocGongSearchJob, pocGongTranscriptsJob, pocAiAnalysisJob, pocConversationDataJob, accountExportJob, accountDeletionJob, mediaTranscodeJob, mediaTranscodeSweepJob, mediaCleanupJob] as JobDefinition<never>[];

/** Creates (or updates) every queue; safe to call from several instances. */
export async function ensureQueues() {
  const boss = await getBoss();
  for (const job of jobs) {
    const existing = await boss.getQueue(job.queue);
    if (!existing) {
      // Another instance may create it at the same moment: that is fine.
      await boss.createQueue(job.queue, { name: job.queue, ...job.options }).catch(async (error) => {
        if (!(await boss.getQueue(job.queue))) throw error;
      });
    }
    await boss.updateQueue(job.queue, { name: job.queue, ...job.options });
  }
  return boss;
}

let stopLeases: (() => void) | undefined;

export async function startWorkers() {
  const boss = await ensureQueues();
  // Jobs a crashed process left `active` run again now, not when pg-boss's expiry comes.
  await reapLeases(boss, jobs);
  stopLeases = keepLeases(boss, jobs);
  const pollingIntervalSeconds = getEnv().JOB_POLL_SECONDS;
  for (const job of jobs) {
    await boss.work(job.queue, { pollingIntervalSeconds, batchSize: 1 }, async ([item]) => {
      const started = Date.now();
      await takeLease(job.queue, item.id);
      try {
        const output = await job.handle(item.data as never, item as never);
        console.info(`[jobs] ${job.queue} ${item.id} done in ${Date.now() - started} ms`);
        return output;
      } finally {
        await dropLease(item.id).catch(() => undefined);
      }
    });
    if (job.schedule) await boss.schedule(job.queue, job.schedule, {}, { tz: "UTC" });
    if (job.runAtStart) await boss.send(job.queue, {});
  }
}

export async function stopWorkers() {
  stopLeases?.();
  stopLeases = undefined;
  await stopBoss();
}
