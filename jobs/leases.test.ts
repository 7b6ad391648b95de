/**
 * Job leases (decision 014): a job whose process died is handed back at once; a
 * job a live instance runs (on another host) is left alone, however long it takes.
 */
import { spawnSync } from "node:child_process";
import { afterAll, expect, it } from "vitest";
import { prisma } from "~/utils/db.server.ts";
import { stopBoss } from "~/utils/jobs.server.ts";
import { ensureQueues, jobs } from "./index.ts";
import { instance, LEASE_TTL_SECONDS, reapLeases } from "./leases.ts";

afterAll(async () => {
  await stopBoss();
});

it("hands back the jobs of dead instances only: gone from this host, or silent elsewhere", async () => {
  const boss = await ensureQueues();
  const queue = "send-email";
  for (let i = 0; i < 4; i++) await boss.send(queue, { emailId: `lease-test-${i}` });
  const active = await boss.fetch(queue, { batchSize: 4 });
  expect(active).toHaveLength(4);
  const [liveElsewhere, deadHere, silentElsewhere, ours] = active.map((job) => job.id);
  const deadPid = spawnSync("true").pid!; // a process that has exited
  const now = Date.now();
  await prisma.jobLease.createMany({
    data: [
      { jobId: liveElsewhere, queue, instanceId: "live", host: "another-host", pid: 42, startedAt: new Date(now - 3600_000), heartbeatAt: new Date(now - 2000) },
      { jobId: deadHere, queue, instanceId: "crashed", host: instance.host, pid: deadPid, heartbeatAt: new Date(now - 1000) },
      { jobId: silentElsewhere, queue, instanceId: "silent", host: "another-host", pid: 42, heartbeatAt: new Date(now - (LEASE_TTL_SECONDS + 15) * 1000) },
      { jobId: ours, queue, instanceId: instance.id, host: instance.host, pid: instance.pid, heartbeatAt: new Date(now - 3600_000) },
    ],
  });

  const handedBack = await reapLeases(boss, jobs);
  expect(handedBack.map((h) => h.jobId).sort()).toEqual([deadHere, silentElsewhere].sort());
  expect(handedBack.every((h) => h.outcome === "retry")).toBe(true);

  const states = await prisma.$queryRaw<{ id: string; state: string; due: boolean }[]>`
    SELECT id::text, state::text, start_after <= now() AS due FROM pgboss.job WHERE name = ${queue} AND id = ANY(${active.map((j) => j.id)}::uuid[])`;
  const byId = new Map(states.map((s) => [s.id, s]));
  expect(byId.get(liveElsewhere)).toMatchObject({ state: "active" });
  expect(byId.get(ours)).toMatchObject({ state: "active" });
  // Due at once, not after the retry delay: the job did not fail on its own.
  expect(byId.get(deadHere)).toMatchObject({ state: "retry", due: true });
  expect(byId.get(silentElsewhere)).toMatchObject({ state: "retry", due: true });
  expect((await prisma.jobLease.findMany({ orderBy: { jobId: "asc" } })).map((l) => l.instanceId).sort()).toEqual([instance.id, "live"].sort());

  // Another instance reaping at the same moment finds nothing left to do.
  expect(await reapLeases(boss, jobs)).toEqual([]);
});

it("tells the queue what became of an interrupted job: run again, or failed when no attempt is left", async () => {
  const boss = await ensureQueues();
  const queue = "send-email";
  await prisma.$executeRaw`DELETE FROM pgboss.job WHERE name = ${queue}`; // the jobs the test above handed back
  await boss.send(queue, { emailId: "lease-retry" });
  await boss.send(queue, { emailId: "lease-last-attempt" }, { retryLimit: 0 });
  const active = await boss.fetch(queue, { batchSize: 2 });
  expect(active).toHaveLength(2);
  const deadPid = spawnSync("true").pid!;
  await prisma.jobLease.createMany({ data: active.map((job) => ({ jobId: job.id, queue, instanceId: "crashed-2", host: instance.host, pid: deadPid })) });
  const told: [string, string][] = [];
  const definition = { ...jobs.find((j) => j.queue === queue)!, onInterrupted: async (data: { emailId: string }, outcome: string) => told.push([data.emailId, outcome]) };
  await reapLeases(boss, [definition as never]);
  expect(told.sort()).toEqual([
    ["lease-last-attempt", "failed"],
    ["lease-retry", "retry"],
  ]);
});
