import { z } from "zod";
import { transcodeAsset } from "~/modules/media/transcode.server.ts";
import {
  interruptedTranscode,
  isFinalAttempt,
  MEDIA_TRANSCODE_QUEUE,
  MEDIA_TRANSCODE_SWEEP_QUEUE,
  requeueLostTranscodes,
} from "~/modules/media/transcode-queue.server.ts";
import { defineJob } from "./definition.ts";

const data = z.object({ assetId: z.string().min(1) });

/**
 * Transcodes one uploaded video (app/modules/media/transcode.server.ts, decision 036).
 * Like every queue, one job at a time per app process (startWorkers: one worker,
 * batchSize 1), and ffmpeg runs at a lower CPU priority, so the web server in the
 * same process stays responsive. An unreadable file fails at once (no retry); other
 * errors retry twice with backoff. The expiry is above the transcode's own time limit.
 */
export const mediaTranscodeJob = defineJob<z.infer<typeof data>>({
  queue: MEDIA_TRANSCODE_QUEUE,
  options: { retryLimit: 2, retryDelay: 60, retryBackoff: true, expireInSeconds: 4 * 3600 },
  handle: async (raw, job) => {
    const { assetId } = data.parse(raw);
    return transcodeAsset(assetId, { finalAttempt: await isFinalAttempt(job?.id) });
  },
  onInterrupted: async (raw, outcome) => interruptedTranscode(data.parse(raw).assetId, outcome),
});

/** At start (and every 10 minutes): videos left PROCESSING with no job get one (the seeded demo video, a lost enqueue). */
export const mediaTranscodeSweepJob = defineJob({
  queue: MEDIA_TRANSCODE_SWEEP_QUEUE,
  options: { retryLimit: 2, retryDelay: 30, retryBackoff: true, expireInSeconds: 300 },
  schedule: "*/10 * * * *",
  runAtStart: true,
  handle: async () => ({ enqueued: await requeueLostTranscodes() }),
});
