import type PgBoss from "pg-boss";

/** One pg-boss queue and its handler. Handlers take ids, not objects, and are idempotent. */
export type JobDefinition<Data extends object = object> = {
  queue: string;
  /** Retries with exponential backoff (pg-boss retryBackoff). */
  options: Pick<PgBoss.Queue, "retryLimit" | "retryDelay" | "retryBackoff" | "expireInSeconds">;
  /** Optional cron schedule (UTC). */
  schedule?: string;
  /** Also queued once whenever the workers start (for start-up data migrations). */
  runAtStart?: boolean;
  handle: (data: Data, job: PgBoss.Job<Data>) => Promise<unknown>;
  /**
   * The process running this job died (jobs/leases.ts): fix what the pages show
   * before the job runs again ("retry") or for good ("failed": no attempts left).
   */
  onInterrupted?: (data: Data, outcome: "retry" | "failed") => Promise<unknown>;
};

export function defineJob<Data extends object>(definition: JobDefinition<Data>): JobDefinition<Data> {
  return definition;
}
