import { z } from "zod";
import { prisma } from "~/utils/db.server.ts";
import { interruptedSync, requestSync, SENTRY_SYNC_QUEUE, SENTRY_SYNC_SCHEDULE_QUEUE, STALE_AFTER_MS, syncedSince } from "~/modules/sentry-connect/queue.server.ts";
import { syncConnection } from "~/modules/sentry-connect/sync.server.ts";
import { getEnv } from "~/utils/env.server.ts";
import { defineJob } from "./definition.ts";

const data = z.object({ userId: z.string().min(1), requestedAt: z.string().datetime().optional() });

/**
 * Syncs one connection. Timeouts, 5xx and rate limits that outlast the client's
 * own waiting throw, so pg-boss retries with backoff; token problems don't (the
 * connection is marked "needs reconnect" and the learner sees what to do).
 */
export const sentrySyncJob = defineJob<z.infer<typeof data>>({
  queue: SENTRY_SYNC_QUEUE,
  options: { retryLimit: 3, retryDelay: 30, retryBackoff: true, expireInSeconds: 600 },
  handle: async (raw) => {
    const { userId, requestedAt } = data.parse(raw);
    // Already answered: a sync started after this one was asked for (it ran late, or twice requested).
    if (await syncedSince(userId, requestedAt)) return { skipped: "synced since it was requested" };
    const result = await syncConnection(userId);
    if (!result.ok && result.retry) throw new Error(result.message);
    return result.ok ? { apiCalls: result.apiCalls, projects: result.projects, adopted: result.adopted.length } : { skipped: result.message };
  },
  onInterrupted: async (raw, outcome) => interruptedSync(data.parse(raw).userId, outcome),
});

/** On a schedule: queue a sync for every active connection not synced recently. */
export const sentrySyncScheduleJob = defineJob({
  queue: SENTRY_SYNC_SCHEDULE_QUEUE,
  options: { retryLimit: 1, retryDelay: 60, retryBackoff: false, expireInSeconds: 300 },
  get schedule() {
    return getEnv().SENTRY_SYNC_CRON;
  },
  handle: async () => {
    const stale = await prisma.sentryConnection.findMany({
      where: { status: "ACTIVE", OR: [{ lastSyncedAt: null }, { lastSyncedAt: { lt: new Date(Date.now() - STALE_AFTER_MS) } }] },
      select: { userId: true },
    });
    for (const { userId } of stale) await requestSync(userId);
    return { queued: stale.length };
  },
});
