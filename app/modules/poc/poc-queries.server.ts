/**
 * The POC portal's reads, in plain SQL (decision 005): the staff list, one POC
 * with all its rows, the workspace header's summary and counts, each tab's rows,
 * the recent activity, the share token's POC and the customer's limited view.
 * The writes are in poc.server.ts.
 */
import type { Prisma } from "~/generated/prisma/client.ts";
import { query, queryOne, sql } from "~/utils/sql.server.ts";
import { NotFound } from "./poc.server.ts";
import { overallProgress, progressFrom, progressOf } from "./progress.ts";


/** What the staff list and the workspace header show of a POC. */
type PocHead = {
  id: string;
  customerName: string;
  accountDomain: string;
  status: string;
  startDate: Date | null;
  endDate: Date | null;
  ownerId: string;
  ownerName: string;
};

export type PocListFilters = { q?: string; status?: string; owner?: string; page?: number; perPage?: number };

/**
 * One page of the staff list, most recently updated first, with progress at a
 * glance and the number of matching POCs: one SQL query, counts per POC from the
 * indexed child tables.
 */
export async function listPocs(filters: PocListFilters) {
  const perPage = filters.perPage ?? 50;
  const page = Math.max(1, filters.page ?? 1);
  const like = filters.q ? `%${filters.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const where = sql`(${like}::text IS NULL OR p."customerName" ILIKE ${like} OR p."accountDomain" ILIKE ${like})
       AND (${filters.status ?? null}::text IS NULL OR p.status::text = ${filters.status ?? null})
       AND (${filters.owner ?? null}::text IS NULL OR p."ownerId" = ${filters.owner ?? null})`;
  const rows = await query<PocHead & { updatedAt: Date; done: number; total: number; matching: number }>(sql`
    SELECT p.id, p."customerName", p."accountDomain", p.status, p."startDate", p."endDate", p."updatedAt", p."ownerId", u.name AS "ownerName",
           (SELECT count(*) FILTER (WHERE status = 'COMPLETED') FROM "PocMilestone" WHERE "pocId" = p.id)::int
         + (SELECT count(*) FILTER (WHERE status = 'COMPLETED') FROM "PocTask" WHERE "pocId" = p.id)::int
         + (SELECT count(*) FILTER (WHERE status = 'COMPLETED') FROM "PocCriterion" WHERE "pocId" = p.id)::int AS done,
           (SELECT count(*) FROM "PocMilestone" WHERE "pocId" = p.id)::int
         + (SELECT count(*) FROM "PocTask" WHERE "pocId" = p.id)::int
         + (SELECT count(*) FROM "PocCriterion" WHERE "pocId" = p.id)::int AS total,
           count(*) OVER ()::int AS matching
      FROM "Poc" p JOIN "User" u ON u.id = p."ownerId"
     WHERE ${where}
     ORDER BY p."updatedAt" DESC, p.id
     LIMIT ${perPage} OFFSET ${(page - 1) * perPage}`);
  const pocs = rows.map(({ ownerId, ownerName, done, total, matching: _, ...poc }) => ({
    ...poc,
    owner: { id: ownerId, name: ownerName },
    progress: progressFrom(done, total),
  }));
  // Past the last page there are no rows to carry the count: count separately then.
  const matching = rows[0]?.matching ?? (page > 1 ? (await queryOne<{ n: number }>(sql`SELECT count(*)::int AS n FROM "Poc" p WHERE ${where}`))!.n : 0);
  return { pocs, matching, page, pages: Math.max(1, Math.ceil(matching / perPage)) };
}

export function staffOwners() {
  return query<{ id: string; name: string }>(sql`SELECT id, name FROM "User" WHERE role IN ('SE', 'ADMIN') ORDER BY name`);
}

type PocRow = Prisma.PocGetPayload<object> & { owner: { id: string; name: string; email: string } };
type Milestone = Prisma.PocMilestoneGetPayload<object>;
type Phase = Prisma.PocPhaseGetPayload<object>;
type Task = Prisma.PocTaskGetPayload<object>;
type Criterion = Prisma.PocCriterionGetPayload<object>;
type Member = Prisma.PocTeamMemberGetPayload<object>;

/**
 * One POC with all its rows, read with plain SQL in parallel (decision 005: Prisma's
 * nested include costs ~20 ms here; these six queries ~1 ms together).
 */
async function loadPoc(pocId: string) {
  const [pocs, milestones, phases, criteria, team] = await Promise.all([
    query<Omit<PocRow, "owner"> & { ownerName: string; ownerEmail: string }>(sql`
      SELECT p.*, u.name AS "ownerName", u.email AS "ownerEmail" FROM "Poc" p JOIN "User" u ON u.id = p."ownerId" WHERE p.id = ${pocId}`),
    pocMilestones(pocId),
    pocPhases(pocId),
    pocCriteria(pocId),
    pocTeam(pocId),
  ]);
  const row = pocs[0];
  if (!row) throw new NotFound();
  const { ownerName, ownerEmail, ...rest } = row;
  const poc = {
    ...rest,
    // Prisma leaves scalar lists NULL when never set and reads them as [].
    techStack: rest.techStack ?? [],
    owner: { id: rest.ownerId, name: ownerName, email: ownerEmail },
    milestones,
    phases,
    criteria,
    team,
  };
  const progress = {
    overall: overallProgress({ milestones, tasks: phases.flatMap((p) => p.tasks), criteria }),
    milestones: progressOf(milestones),
    criteria: progressOf(criteria),
    phases: Object.fromEntries(poc.phases.map((p) => [p.id, progressOf(p.tasks)])),
  };
  return { poc, progress };
}

/** A POC's own fields with its owner's name and the counts behind its progress bars. */
export type PocSummary = PocHead & {
  customerLogoUrl: string;
  goals: string;
  internalNotes: string;
  shareToken: string | null;
  shareExpiresAt: Date | null;
  version: number;
  milestonesDone: number;
  milestonesTotal: number;
  tasksDone: number;
  tasksTotal: number;
  criteriaDone: number;
  criteriaTotal: number;
};

/**
 * One POC's own fields and progress counts in one query, without its rows: the
 * staff workspace's header and overview need no more (the tabs load their own rows).
 */
export async function pocSummary(pocId: string): Promise<PocSummary> {
  const row = await queryOne<PocSummary>(sql`
    SELECT p.id, p."customerName", p."accountDomain", p.status::text AS status, p."startDate", p."endDate", p."customerLogoUrl", p.goals, p."internalNotes",
           p."shareToken", p."shareExpiresAt", p.version, p."ownerId", u.name AS "ownerName",
           (SELECT count(*) FILTER (WHERE status = 'COMPLETED') FROM "PocMilestone" WHERE "pocId" = p.id)::int AS "milestonesDone",
           (SELECT count(*) FROM "PocMilestone" WHERE "pocId" = p.id)::int AS "milestonesTotal",
           (SELECT count(*) FILTER (WHERE status = 'COMPLETED') FROM "PocTask" WHERE "pocId" = p.id)::int AS "tasksDone",
           (SELECT count(*) FROM "PocTask" WHERE "pocId" = p.id)::int AS "tasksTotal",
           (SELECT count(*) FILTER (WHERE status = 'COMPLETED') FROM "PocCriterion" WHERE "pocId" = p.id)::int AS "criteriaDone",
           (SELECT count(*) FROM "PocCriterion" WHERE "pocId" = p.id)::int AS "criteriaTotal"
      FROM "Poc" p JOIN "User" u ON u.id = p."ownerId"
     WHERE p.id = ${pocId}`);
  if (!row) throw new NotFound();
  return row;
}

/** A POC's phases in order, each with the counts of its tasks. */
export function phaseProgress(pocId: string) {
  return query<{ id: string; name: string; done: number; total: number }>(sql`
    SELECT ph.id, ph.name, count(t.id) FILTER (WHERE t.status = 'COMPLETED')::int AS done, count(t.id)::int AS total
      FROM "PocPhase" ph LEFT JOIN "PocTask" t ON t."phaseId" = ph.id
     WHERE ph."pocId" = ${pocId}
     GROUP BY ph.id
     ORDER BY ph.position, ph.id`);
}

export const pocMilestones = (pocId: string) => query<Milestone>(sql`SELECT * FROM "PocMilestone" WHERE "pocId" = ${pocId} ORDER BY position, id`);
export const pocCriteria = (pocId: string) => query<Criterion>(sql`SELECT * FROM "PocCriterion" WHERE "pocId" = ${pocId} ORDER BY position, id`);
export const pocTeam = (pocId: string) => query<Member>(sql`SELECT * FROM "PocTeamMember" WHERE "pocId" = ${pocId} ORDER BY side, position, id`);

/** A POC's phases in order with their tasks. */
export async function pocPhases(pocId: string) {
  const [phases, tasks] = await Promise.all([
    query<Phase>(sql`SELECT * FROM "PocPhase" WHERE "pocId" = ${pocId} ORDER BY position, id`),
    query<Task>(sql`SELECT * FROM "PocTask" WHERE "pocId" = ${pocId} ORDER BY position, id`),
  ]);
  return phases.map((phase) => ({ ...phase, tasks: tasks.filter((t) => t.phaseId === phase.id) }));
}

export const recentActivity = (pocId: string, limit = 30) =>
  query<Prisma.PocActivityGetPayload<object>>(sql`SELECT * FROM "PocActivity" WHERE "pocId" = ${pocId} ORDER BY at DESC, id DESC LIMIT ${limit}`);

/** The whole POC with its rows, progress and recent activity, for the API's GET /pocs/{id}. */
export async function loadWholePoc(pocId: string) {
  const [{ poc, progress }, activity] = await Promise.all([
    loadPoc(pocId),
    recentActivity(pocId),
  ]);
  return { poc, progress, activity };
}

/** The POC behind a share token, or null for unknown, revoked or expired tokens (callers answer a plain 404). */
export async function pocIdForToken(token: string | undefined): Promise<string | null> {
  if (!token || !/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
  // Every customer page view runs this: plain SQL, and the expiry is checked by the database.
  const poc = await queryOne<{ id: string }>(sql`
    SELECT id FROM "Poc" WHERE "shareToken" = ${token} AND ("shareExpiresAt" IS NULL OR "shareExpiresAt" > (now() AT TIME ZONE 'UTC'))`);
  return poc?.id ?? null;
}

/** What the customer sees: no internal notes, no share token, no activity, nothing from Gong or AI. */
export async function customerView(pocId: string) {
  const { poc, progress } = await loadPoc(pocId);
  const { internalNotes: _notes, shareToken: _token, shareExpiresAt: _expires, ownerId: _ownerId, owner, ...visible } = poc;
  return { poc: { ...visible, owner: { name: owner.name, email: owner.email } }, progress };
}
