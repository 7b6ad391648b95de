/**
 * Read model of pg-boss's own tables for the admin jobs page. pg-boss keeps
 * its state in PostgreSQL (schema "pgboss"), shared by every instance.
 */
import { prisma } from "~/utils/db.server.ts";
import { getBoss } from "~/utils/jobs.server.ts";

export type QueueSummary = {
  name: string;
  retryLimit: number;
  created: number;
  retry: number;
  active: number;
  completed: number;
  failed: number;
  cancelled: number;
};

export type JobRow = {
  id: string;
  name: string;
  state: string;
  retryCount: number;
  retryLimit: number;
  createdOn: Date;
  startedOn: Date | null;
  completedOn: Date | null;
  output: unknown;
};

export async function queueSummaries(): Promise<QueueSummary[]> {
  const rows = await prisma.$queryRaw<
    { name: string; retry_limit: number; state: string | null; count: bigint }[]
  >`SELECT q.name, q.retry_limit, j.state::text AS state, count(j.id) AS count
      FROM pgboss.queue q LEFT JOIN pgboss.job j ON j.name = q.name
     WHERE q.name NOT LIKE '\\_\\_%'
     GROUP BY q.name, q.retry_limit, j.state ORDER BY q.name`;
  const byName = new Map<string, QueueSummary>();
  for (const row of rows) {
    const summary =
      byName.get(row.name) ??
      ({ name: row.name, retryLimit: row.retry_limit, created: 0, retry: 0, active: 0, completed: 0, failed: 0, cancelled: 0 } as QueueSummary);
    if (row.state && row.state in summary) (summary as Record<string, unknown>)[row.state] = Number(row.count);
    byName.set(row.name, summary);
  }
  return [...byName.values()];
}

export async function recentJobs(opts: { state?: string; limit: number }): Promise<JobRow[]> {
  const rows = await prisma.$queryRaw<
    { id: string; name: string; state: string; retry_count: number; retry_limit: number; created_on: Date; started_on: Date | null; completed_on: Date | null; output: unknown }[]
  >`SELECT id::text, name, state::text AS state, retry_count, retry_limit, created_on, started_on, completed_on, output
      FROM pgboss.job
     WHERE (${opts.state ?? null}::text IS NULL OR state::text = ${opts.state ?? null}::text)
       AND name NOT LIKE '\\_\\_%'
     ORDER BY created_on DESC LIMIT ${opts.limit}`;
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    state: r.state,
    retryCount: r.retry_count,
    retryLimit: r.retry_limit,
    createdOn: r.created_on,
    startedOn: r.started_on,
    completedOn: r.completed_on,
    output: r.output,
  }));
}

/** Puts a failed job back in its queue. */
export async function retryJob(name: string, id: string) {
  const boss = await getBoss();
  await boss.retry(name, id);
}
