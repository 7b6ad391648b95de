/**
 * Enqueueing video transcodes (the worker is jobs/media-transcode.ts, the work
 * transcode.server.ts). One waiting or running job per asset; a start-up sweep
 * enqueues any PROCESSING video that has none (a lost enqueue, or the starter
 * catalogue's demo video, which the seed imports before the workers start).
 */
import { prisma } from "~/utils/db.server.ts";
import { getBoss } from "~/utils/jobs.server.ts";

export const MEDIA_TRANSCODE_QUEUE = "media-transcode";
export const MEDIA_TRANSCODE_SWEEP_QUEUE = "media-transcode-sweep";

async function hasLiveJob(assetId: string) {
  const [{ live }] = await prisma.$queryRaw<{ live: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM pgboss.job WHERE name = ${MEDIA_TRANSCODE_QUEUE} AND state IN ('created', 'retry', 'active') AND data->>'assetId' = ${assetId}) AS live`;
  return live;
}

/**
 * Transcodes a stored video: the asset shows PROCESSING (a FAILED one is tried again)
 * and a job is queued unless one is already waiting or running. A READY video is left as it is.
 */
export async function enqueueTranscode(assetId: string): Promise<void> {
  // The page's status first, then the job (a fast job must not find it still UPLOADING).
  const asset = await prisma.mediaAsset.findUnique({ where: { id: assetId }, select: { kind: true, status: true } });
  if (asset?.kind !== "VIDEO" || asset.status === "READY") return;
  if (asset.status !== "PROCESSING") {
    await prisma.mediaAsset.updateMany({ where: { id: assetId, status: asset.status }, data: { status: "PROCESSING", progress: 0, error: null } });
  }
  if (await hasLiveJob(assetId)) return;
  const boss = await getBoss();
  await boss.send(MEDIA_TRANSCODE_QUEUE, { assetId }, { singletonKey: assetId });
}

/** Enqueues every PROCESSING video with no waiting or running job; returns their ids. */
export async function requeueLostTranscodes(): Promise<string[]> {
  const lost = await prisma.$queryRaw<{ id: string }[]>`
    SELECT a.id FROM "MediaAsset" a
    WHERE a.kind = 'VIDEO' AND a.status = 'PROCESSING'
      AND NOT EXISTS (SELECT 1 FROM pgboss.job j WHERE j.name = ${MEDIA_TRANSCODE_QUEUE} AND j.state IN ('created', 'retry', 'active') AND j.data->>'assetId' = a.id)
    ORDER BY a."createdAt"`;
  const boss = await getBoss();
  for (const { id } of lost) await boss.send(MEDIA_TRANSCODE_QUEUE, { assetId: id }, { singletonKey: id });
  return lost.map((r) => r.id);
}

/** Whether no attempt comes after this run of a transcode job (pg-boss's retry count and limit). */
export async function isFinalAttempt(jobId: string | undefined): Promise<boolean> {
  if (!jobId) return true;
  const job = await (await getBoss()).getJobById(MEDIA_TRANSCODE_QUEUE, jobId);
  return !job || job.retryCount >= job.retryLimit;
}

/** The process running the transcode died (jobs/leases.ts): shown as starting again, or FAILED with no attempt left. */
export async function interruptedTranscode(assetId: string, outcome: "retry" | "failed") {
  await prisma.mediaAsset.updateMany({
    where: { id: assetId, status: "PROCESSING" },
    data:
      outcome === "retry"
        ? { progress: 0, error: "Interrupted (the app restarted); transcoding again." }
        : { status: "FAILED", error: "The app stopped while this video was transcoding, and it has no attempts left: upload it again." },
  });
}
