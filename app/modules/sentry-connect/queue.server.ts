/**
 * Enqueueing Sentry syncs (the worker is jobs/sentry-sync.ts). Each job carries
 * when it was requested; a sync that started (and succeeded) after that answers
 * it, so a job that runs late (a retry after a crash, a second click) does not
 * sync again.
 */
import { prisma } from "~/utils/db.server.ts";
import { getBoss } from "~/utils/jobs.server.ts";

export const SENTRY_SYNC_QUEUE = "sentry-sync";
export const SENTRY_SYNC_SCHEDULE_QUEUE = "sentry-sync-schedule";
/** Connections not synced for this long are picked up by the scheduled run. */
export const STALE_AFTER_MS = 6 * 3600_000;

export async function requestSync(userId: string) {
  const connection = await prisma.sentryConnection.findUnique({
    where: { userId },
    select: { id: true, status: true },
  });
  if (!connection || connection.status !== "ACTIVE") return null;
  const boss = await getBoss();
  // The page's status first, then the job: written after the job, QUEUED could land after a
  // fast job already wrote SUCCEEDED, and nothing would ever clear it. A running sync keeps RUNNING.
  await prisma.sentryConnection.updateMany({
    where: { userId, syncStatus: { not: "RUNNING" } },
    data: { syncStatus: "QUEUED", syncRequestedAt: new Date() },
  });
  // One waiting sync per connection is enough (a running one may already have read Sentry, so a click then queues one more).
  const [{ waiting }] = await prisma.$queryRaw<{ waiting: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM pgboss.job WHERE name = ${SENTRY_SYNC_QUEUE} AND state IN ('created', 'retry') AND data->>'userId' = ${userId}) AS waiting`;
  if (!waiting) await boss.send(SENTRY_SYNC_QUEUE, { userId, requestedAt: new Date().toISOString() }, { singletonKey: connection.id });
  return connection.id;
}

/** Whether a successful sync started after `requestedAt` (ISO), which then already answers that request. */
export async function syncedSince(userId: string, requestedAt: string | undefined) {
  if (!requestedAt) return false;
  const connection = await prisma.sentryConnection.findUnique({ where: { userId }, select: { syncStatus: true, syncStartedAt: true } });
  return connection?.syncStatus === "SUCCEEDED" && connection.syncStartedAt !== null && connection.syncStartedAt >= new Date(requestedAt);
}

/** The process running the sync died (jobs/leases.ts): queued again, or failed with nothing left to try. */
export async function interruptedSync(userId: string, outcome: "retry" | "failed") {
  await prisma.sentryConnection.updateMany({
    where: { userId, syncStatus: "RUNNING" },
    data: outcome === "retry" ? { syncStatus: "QUEUED" } : { syncStatus: "FAILED", lastSyncError: "The sync was interrupted. Sync again to finish it." },
  });
}
