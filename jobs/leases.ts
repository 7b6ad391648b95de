/**
 * Which app instance runs which job, so a job whose process died is handed back
 * promptly instead of staying `active` until pg-boss's expiry (10 to 30 minutes):
 * the security review's kill -9 left a Claude analysis RUNNING for 30 minutes and
 * ran a Sentry sync twice. Decision 014.
 *
 * - A worker takes a lease (a JobLease row: job id, queue, instance, host, pid)
 *   before running a job and drops it when the handler returns or throws.
 * - Every HEARTBEAT_SECONDS each instance renews its leases' heartbeatAt (the
 *   database's clock, so hosts need not agree on the time).
 * - On start-up and every REAP_SECONDS, each instance hands back the leases of
 *   dead instances: one on this host (same boot, same pid namespace) whose process
 *   is gone, or whose pid is now ours, at once; any other (another host, a
 *   restarted container) after LEASE_TTL_SECONDS without a heartbeat. A live
 *   instance elsewhere keeps its jobs.
 *   Handing back = pg-boss's own `fail` (so its retry limit still bounds a job
 *   that kills its process every time), due at once instead of after the retry
 *   delay, and the queue's `onInterrupted` puts the row the page shows back to
 *   QUEUED (or FAILED when no attempt is left) before the retry can start.
 */
import { randomUUID } from "node:crypto";
import { readFileSync, readlinkSync } from "node:fs";
import { hostname } from "node:os";
import type PgBoss from "pg-boss";
import { prisma } from "~/utils/db.server.ts";
import { isDatabaseUnavailable } from "~/utils/db-unavailable.server.ts";
import type { JobDefinition } from "./definition.ts";

const HEARTBEAT_SECONDS = 10;
export const LEASE_TTL_SECONDS = 45;
const REAP_SECONDS = 15;

/**
 * Where pids mean the same process: the host name, plus (on Linux) the boot and the
 * pid namespace, so two containers that share a host name (or one host after a
 * reboot) never judge each other's pids.
 */
function pidScope() {
  const read = (fn: () => string) => {
    try {
      return fn().trim();
    } catch {
      return "";
    }
  };
  const boot = read(() => readFileSync("/proc/sys/kernel/random/boot_id", "utf8")).slice(0, 8);
  const namespace = read(() => readlinkSync("/proc/self/ns/pid")).replace(/\D/g, "");
  return [hostname(), boot, namespace].filter(Boolean).join("/");
}

/** This process, as the leases name it. */
export const instance = { id: randomUUID(), host: pidScope(), pid: process.pid };

export async function takeLease(queue: string, jobId: string) {
  await prisma.$executeRaw`
    INSERT INTO "JobLease" ("jobId", queue, "instanceId", host, pid)
    VALUES (${jobId}, ${queue}, ${instance.id}, ${instance.host}, ${instance.pid})
    ON CONFLICT ("jobId") DO UPDATE SET queue = EXCLUDED.queue, "instanceId" = EXCLUDED."instanceId", host = EXCLUDED.host, pid = EXCLUDED.pid, "startedAt" = now(), "heartbeatAt" = now()`;
}

export async function dropLease(jobId: string) {
  await prisma.$executeRaw`DELETE FROM "JobLease" WHERE "jobId" = ${jobId} AND "instanceId" = ${instance.id}`;
}

async function renewLeases() {
  await prisma.$executeRaw`UPDATE "JobLease" SET "heartbeatAt" = now() WHERE "instanceId" = ${instance.id}`;
}

function processAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

type Lease = { jobId: string; queue: string; instanceId: string; host: string; pid: number; expired: boolean };

/** Whether the instance holding the lease is gone. */
function holderDead(lease: Omit<Lease, "jobId" | "queue">): boolean {
  if (lease.instanceId === instance.id) return false;
  if (lease.expired) return true;
  return lease.host === instance.host && (lease.pid === instance.pid || !processAlive(lease.pid));
}

export type Interrupted = { queue: string; jobId: string; outcome: "retry" | "failed" };

/** Hands the jobs of dead instances back to their queues; returns what it did. */
export async function reapLeases(boss: PgBoss, definitions: readonly JobDefinition<never>[]): Promise<Interrupted[]> {
  const leases = await prisma.$queryRaw<Lease[]>`
    SELECT "jobId", queue, "instanceId", host, pid, "heartbeatAt" < now() - make_interval(secs => ${LEASE_TTL_SECONDS}) AS expired
    FROM "JobLease" WHERE "instanceId" <> ${instance.id}`;
  const done: Interrupted[] = [];
  for (const lease of leases.filter(holderDead)) {
    // Several instances may reap at once: whoever deletes the row handles it.
    const claimed = await prisma.$executeRaw`DELETE FROM "JobLease" WHERE "jobId" = ${lease.jobId} AND "instanceId" = ${lease.instanceId}`;
    if (!claimed) continue;
    await boss.fail(lease.queue, lease.jobId, { message: `The app process running this job (${lease.host}, pid ${lease.pid}) stopped before it finished.` });
    const job = await boss.getJobById(lease.queue, lease.jobId);
    const outcome = job?.state === "retry" ? "retry" : job?.state === "failed" ? "failed" : null;
    if (!job || !outcome) continue; // it had finished after all
    const definition = definitions.find((d) => d.queue === lease.queue);
    // The status the page shows first, then the retry may start (it was not due yet: pg-boss's retry delay).
    await definition?.onInterrupted?.(job.data as never, outcome);
    if (outcome === "retry") {
      // It did not fail on its own: nothing to back off from.
      await prisma.$executeRaw`UPDATE pgboss.job SET start_after = now() WHERE name = ${lease.queue} AND id = ${lease.jobId}::uuid AND state = 'retry'`;
    }
    console.warn(`[jobs] ${lease.queue} ${lease.jobId}: its process (${lease.host}, pid ${lease.pid}) stopped; ${outcome === "retry" ? "running it again" : "no attempts left, marked failed"}`);
    done.push({ queue: lease.queue, jobId: lease.jobId, outcome });
  }
  return done;
}

/** Heartbeats and periodic reaping for this instance; returns a stop function. */
export function keepLeases(boss: PgBoss, definitions: readonly JobDefinition<never>[]) {
  const quietly = (what: string) => (error: unknown) => {
    // While the database is away there is nothing to renew; the pools log the outage once.
    if (!isDatabaseUnavailable(error)) console.error(`[jobs] ${what}:`, error instanceof Error ? error.message : error);
  };
  const heartbeat = setInterval(() => void renewLeases().catch(quietly("renewing job leases")), HEARTBEAT_SECONDS * 1000);
  const reaper = setInterval(() => void reapLeases(boss, definitions).catch(quietly("handing back interrupted jobs")), REAP_SECONDS * 1000);
  heartbeat.unref();
  reaper.unref();
  return () => {
    clearInterval(heartbeat);
    clearInterval(reaper);
  };
}
