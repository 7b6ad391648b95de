import { prisma } from "~/utils/db.server.ts";
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS } from "~/utils/db-unavailable.server.ts";

/** Health of the database and the job queue, as JSON (200 when both are up, 503 otherwise). */
export async function loader() {
  const timed = async <T,>(fn: () => Promise<T>) => {
    const started = performance.now();
    try {
      const value = await fn();
      return { ok: true as const, latencyMs: Math.round(performance.now() - started), value };
    } catch (error) {
      // Public: say what is wrong, not where the database lives.
      const message = isDatabaseUnavailable(error) ? "The database is unreachable." : error instanceof Error ? error.message.split("\n")[0] : "unavailable";
      return { ok: false as const, latencyMs: Math.round(performance.now() - started), error: message };
    }
  };
  const database = await timed(() => prisma.$queryRaw`SELECT 1`);
  const queue = await timed(async () => {
    const rows = await prisma.$queryRaw<{ queues: bigint; failed: bigint; pending: bigint }[]>`
      SELECT (SELECT count(*) FROM pgboss.queue WHERE name NOT LIKE '\\_\\_%') AS queues,
             (SELECT count(*) FROM pgboss.job WHERE state = 'failed') AS failed,
             (SELECT count(*) FROM pgboss.job WHERE state IN ('created', 'retry')) AS pending`;
    const row = rows[0];
    if (!row || Number(row.queues) === 0) throw new Error("no queues are defined: are the workers running?");
    return { queues: Number(row.queues), pending: Number(row.pending), failed: Number(row.failed) };
  });
  const ok = database.ok && queue.ok;
  const body = {
    status: ok ? "ok" : "degraded",
    database: database.ok ? { ok: true, latencyMs: database.latencyMs } : { ok: false, error: database.error },
    queue: queue.ok ? { ok: true, latencyMs: queue.latencyMs, ...queue.value } : { ok: false, error: queue.error },
  };
  const headers: Record<string, string> = { "Cache-Control": "no-store" };
  // Down, not merely unconfigured: ask load balancers and monitors to look again shortly.
  if (!database.ok) headers["Retry-After"] = String(RETRY_AFTER_SECONDS);
  return Response.json(body, { status: ok ? 200 : 503, headers });
}
