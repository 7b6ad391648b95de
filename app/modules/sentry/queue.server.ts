/**
 * Enqueueing Sentry syncs (the worker is jobs/sentry-sync.ts). One queued sync per
 * connection at a time: pg-boss's singletonKey drops duplicates.
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
    select: { id: true, syncStatus: true, status: true },
  });
  if (!connection || connection.status !== "ACTIVE") return null;
  const boss = await getBoss();
  await boss.send(SENTRY_SYNC_QUEUE, { userId }, { singletonKey: connection.id });
  if (connection.syncStatus !== "RUNNING") {
    await prisma.sentryConnection.update({
      where: { userId },
      data: { syncStatus: "QUEUED", syncRequestedAt: new Date() },
    });
  }
  return connection.id;
}
