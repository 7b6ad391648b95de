/**
 * Sentry Connect success metrics for the admin page (the plan's "Measuring
 * Success"): connection rate, OAuth vs token, recommendation adoption, course
 * completion of connected vs other learners, time from connecting to adopting a
 * recommended feature, and the A/B results. Two SQL aggregates, whatever the
 * number of users.
 *
 * Definitions:
 * - Users: every account (everyone who signed up and signed in).
 * - Connected now: a SentryConnection row. Ever connected: an existing user with a
 *   "connected" event or a current connection (events survive disconnects).
 * - Completion: an enrolment with a certificate for the same course that is not revoked.
 * - Time to adoption: for each "adopted" event, days since the user's first "connected" event.
 */
import { allExperimentResults, type ExperimentResults } from "./experiments.server.ts";
import { queryOne, sql } from "~/utils/sql.server.ts";

/** A count out of a total; rate is null (no data yet) when the total is 0, never NaN. */
export type Ratio = { count: number; total: number; rate: number | null };

function ratio(count: number, total: number): Ratio {
  return { count, total, rate: total > 0 ? count / total : null };
}

type CompletionGroup = {
  learners: number;
  enrollments: number;
  completions: number;
  rate: number | null;
};

export type SentryConnectMetrics = {
  generatedAt: Date;
  users: number;
  /** Users with a connection now, out of all users. */
  connectionRate: Ratio;
  /** Users who connected at least once (even if they disconnected since), out of all users. */
  everConnected: Ratio;
  /** Current connections by method: count out of current connections. */
  currentMethods: { oauth: Ratio; token: Ratio };
  /** Every connection made ("connected" events, reconnections included), by method. */
  connectionsMade: { oauth: Ratio; token: Ratio; unknown: number };
  disconnections: number;
  /** DONE recommendations out of all recommendations (of current connections). */
  recommendationAdoption: Ratio;
  /** "adopted" events, kept after disconnects. */
  adoptedFeatures: number;
  completion: { connected: CompletionGroup; notConnected: CompletionGroup };
  timeToAdoption: {
    count: number;
    medianDays: number | null;
    averageDays: number | null;
  };
  recent: {
    days: number;
    since: Date;
    connected: number;
    disconnected: number;
    adopted: number;
  };
  experiments: ExperimentResults[];
};

const RECENT_DAYS = 30;

type Row = {
  users: number;
  connections: number;
  connections_oauth: number;
  connections_token: number;
  ever_connected: number;
  connect_events: number;
  connect_events_oauth: number;
  connect_events_token: number;
  disconnect_events: number;
  adopted_events: number;
  recent_connected: number;
  recent_disconnected: number;
  recent_adopted: number;
  recommendations: number;
  recommendations_done: number;
  connected_learners: number;
  connected_enrollments: number;
  connected_completions: number;
  other_learners: number;
  other_enrollments: number;
  other_completions: number;
  adoption_count: number;
  adoption_median_days: number | null;
  adoption_average_days: number | null;
};

export async function sentryConnectMetrics(now: Date = new Date()): Promise<SentryConnectMetrics> {
  const since = new Date(now.getTime() - RECENT_DAYS * 86_400_000);
  // Prisma keeps UTC in "timestamp without time zone" columns: compare in UTC.
  const nowTs = sql`(${now.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
  const sinceTs = sql`(${since.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
  const [row, experiments] = await Promise.all([
    queryOne<Row>(sql`
      WITH ever AS (
        SELECT u.id AS "userId"
          FROM "User" u
         WHERE EXISTS (SELECT 1 FROM "SentryConnection" c WHERE c."userId" = u.id)
            OR EXISTS (SELECT 1 FROM "SentryConnectionEvent" e WHERE e."userId" = u.id AND e.kind = 'connected')
      ),
      first_connect AS (
        SELECT "userId", min(at) AS at FROM "SentryConnectionEvent" WHERE kind = 'connected' GROUP BY "userId"
      ),
      adoption AS (
        SELECT extract(epoch FROM (a.at - f.at))::float8 / 86400 AS days
          FROM "SentryConnectionEvent" a
          JOIN first_connect f ON f."userId" = a."userId" AND f.at <= a.at
         WHERE a.kind = 'adopted'
      )
      SELECT *
        FROM (SELECT count(*)::int AS users FROM "User") u,
             (SELECT count(*)::int AS connections,
                     count(*) FILTER (WHERE method = 'OAUTH')::int AS connections_oauth,
                     count(*) FILTER (WHERE method = 'TOKEN')::int AS connections_token
                FROM "SentryConnection") c,
             (SELECT count(*)::int AS ever_connected FROM ever) v,
             (SELECT count(*) FILTER (WHERE kind = 'connected')::int AS connect_events,
                     count(*) FILTER (WHERE kind = 'connected' AND method = 'OAUTH')::int AS connect_events_oauth,
                     count(*) FILTER (WHERE kind = 'connected' AND method = 'TOKEN')::int AS connect_events_token,
                     count(*) FILTER (WHERE kind = 'disconnected')::int AS disconnect_events,
                     count(*) FILTER (WHERE kind = 'adopted')::int AS adopted_events,
                     count(*) FILTER (WHERE kind = 'connected' AND at > ${sinceTs} AND at <= ${nowTs})::int AS recent_connected,
                     count(*) FILTER (WHERE kind = 'disconnected' AND at > ${sinceTs} AND at <= ${nowTs})::int AS recent_disconnected,
                     count(*) FILTER (WHERE kind = 'adopted' AND at > ${sinceTs} AND at <= ${nowTs})::int AS recent_adopted
                FROM "SentryConnectionEvent") e,
             (SELECT count(*)::int AS recommendations,
                     count(*) FILTER (WHERE status = 'DONE')::int AS recommendations_done
                FROM "SentryRecommendation") r,
             (SELECT count(DISTINCT en."userId") FILTER (WHERE ev."userId" IS NOT NULL)::int AS connected_learners,
                     count(*) FILTER (WHERE ev."userId" IS NOT NULL)::int AS connected_enrollments,
                     count(ce.id) FILTER (WHERE ev."userId" IS NOT NULL)::int AS connected_completions,
                     count(DISTINCT en."userId") FILTER (WHERE ev."userId" IS NULL)::int AS other_learners,
                     count(*) FILTER (WHERE ev."userId" IS NULL)::int AS other_enrollments,
                     count(ce.id) FILTER (WHERE ev."userId" IS NULL)::int AS other_completions
                FROM "Enrollment" en
                LEFT JOIN ever ev ON ev."userId" = en."userId"
                LEFT JOIN "Certificate" ce
                       ON ce."userId" = en."userId" AND ce."courseId" = en."courseId" AND ce."revokedAt" IS NULL) k,
             (SELECT count(*)::int AS adoption_count,
                     percentile_cont(0.5) WITHIN GROUP (ORDER BY days) AS adoption_median_days,
                     avg(days) AS adoption_average_days
                FROM adoption) t`),
    allExperimentResults(),
  ]);
  if (!row) throw new Error("The metrics query returned no row");

  const group = (learners: number, enrollments: number, completions: number): CompletionGroup => ({
    learners,
    enrollments,
    completions,
    rate: ratio(completions, enrollments).rate,
  });
  return {
    generatedAt: now,
    users: row.users,
    connectionRate: ratio(row.connections, row.users),
    everConnected: ratio(row.ever_connected, row.users),
    currentMethods: {
      oauth: ratio(row.connections_oauth, row.connections),
      token: ratio(row.connections_token, row.connections),
    },
    connectionsMade: {
      oauth: ratio(row.connect_events_oauth, row.connect_events),
      token: ratio(row.connect_events_token, row.connect_events),
      unknown: row.connect_events - row.connect_events_oauth - row.connect_events_token,
    },
    disconnections: row.disconnect_events,
    recommendationAdoption: ratio(row.recommendations_done, row.recommendations),
    adoptedFeatures: row.adopted_events,
    completion: {
      connected: group(row.connected_learners, row.connected_enrollments, row.connected_completions),
      notConnected: group(row.other_learners, row.other_enrollments, row.other_completions),
    },
    timeToAdoption: {
      count: row.adoption_count,
      medianDays: row.adoption_count > 0 ? row.adoption_median_days : null,
      averageDays: row.adoption_count > 0 ? row.adoption_average_days : null,
    },
    recent: {
      days: RECENT_DAYS,
      since,
      connected: row.recent_connected,
      disconnected: row.recent_disconnected,
      adopted: row.recent_adopted,
    },
    experiments,
  };
}
