/**
 * A Sentry sync job that runs late (a retry after a crash, a second click) does not
 * sync again when a newer sync already answered it; one waiting sync per connection.
 */
import { afterAll, expect, it } from "vitest";
import { requestSync, SENTRY_SYNC_QUEUE } from "~/modules/sentry-connect/queue.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { stopBoss } from "~/utils/jobs.server.ts";
import { createUser } from "../tests/support/factories.ts";
import { ensureQueues } from "./index.ts";
import { sentrySyncJob } from "./sentry-sync.ts";

afterAll(async () => {
  await stopBoss();
});

it("skips a request a newer successful sync answered, and queues one waiting sync per connection", async () => {
  await ensureQueues();
  const user = await createUser();
  const startedAt = new Date();
  await prisma.sentryConnection.create({
    data: { userId: user.id, method: "TOKEN", accessTokenCipher: "not-read-when-skipped", scopes: [], syncStatus: "SUCCEEDED", syncStartedAt: startedAt, lastSyncedAt: startedAt },
  });
  const before = new Date(startedAt.getTime() - 60_000).toISOString();
  const handle = (requestedAt: string) => sentrySyncJob.handle({ userId: user.id, requestedAt }, {} as never);
  expect(await handle(before)).toEqual({ skipped: "synced since it was requested" });
  expect(await prisma.sentryConnection.findUniqueOrThrow({ where: { userId: user.id } })).toMatchObject({ syncStatus: "SUCCEEDED" });

  await requestSync(user.id);
  await requestSync(user.id);
  const waiting = await prisma.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM pgboss.job WHERE name = ${SENTRY_SYNC_QUEUE} AND state = 'created' AND data->>'userId' = ${user.id}`;
  expect(waiting).toEqual([{ n: 1 }]);
});
