/**
 * The pg-boss instance of this process. Queues and their workers are defined
 * in jobs/ (one module per job); this module only holds the connection and
 * sends jobs, so routes and domain modules can enqueue work.
 */
import PgBoss from "pg-boss";
import { isDatabaseUnavailable, onPoolError } from "./db-unavailable.server.ts";
import { getEnv } from "./env.server.ts";

declare global {
  var __boss: PgBoss | undefined;
  var __bossStarted: Promise<PgBoss> | undefined;
}

export function getBoss(): Promise<PgBoss> {
  globalThis.__bossStarted ??= (async () => {
    const boss = new PgBoss({ connectionString: getEnv().DATABASE_URL, max: 4, schema: "pgboss" });
    const lostConnection = onPoolError("pg-boss");
    boss.on("error", (error: Error & { code?: string }) => {
      // The database restarting or unreachable: pg-boss keeps polling and picks up again by itself.
      if (isDatabaseUnavailable(error)) return lostConnection(error);
      console.error("[jobs] pg-boss error:", error.message);
    });
    await boss.start();
    globalThis.__boss = boss;
    return boss;
  })();
  return globalThis.__bossStarted;
}

export async function stopBoss() {
  const boss = globalThis.__boss;
  globalThis.__boss = undefined;
  globalThis.__bossStarted = undefined;
  if (boss) await boss.stop({ graceful: true, timeout: 10_000, wait: true });
}
