/**
 * The POC portal's data: creating a POC from the templates, the list and the
 * workspace, versioned row edits (no lost updates), adding, removing and
 * reordering rows, the share link, and the customer's limited view and writes.
 *
 * Who may do what is decided by the callers through `Actor`: staff (SE or admin,
 * any POC) or the customer holding one POC's share token (that POC only, and only
 * what `CUSTOMER_WRITABLE` allows).
 */
import { randomBytes } from "node:crypto";
import { DEFAULT_POC_TEMPLATES, type PocTemplates } from "~/data/poc-templates.ts";
import type { PocStatus, Prisma, PrismaClient } from "~/generated/prisma/client.ts";
import { prisma } from "~/utils/db.server.ts";
import { ForbiddenError, NotFoundError, QuotaExceededError } from "~/utils/errors.ts";
import { query, queryOne, sql } from "~/utils/sql.server.ts";
import { overallProgress, progressFrom, progressOf } from "./progress.ts";

export type Actor = { kind: "staff"; userId: string; name: string } | { kind: "customer"; pocId: string };
export const actorName = (actor: Actor) => (actor.kind === "customer" ? "customer" : actor.name);

/** A row (or POC) that isn't there, or isn't this actor's POC's (utils/errors.ts turns it into a 404). */
export class NotFound extends NotFoundError {
  constructor(message = "That row isn't part of this POC (it may have been removed).") {
    super(message);
  }
}
/** Thrown only for the customer's link: a change the portal doesn't allow (a 403). */
export class Forbidden extends ForbiddenError {
  constructor(message = "Only rows your team owns can be changed through this link, and only as the portal allows.") {
    super(message);
  }
}
/** A customer's side of the team is full (CUSTOMER_TEAM_MAX); the message says so. */
export class QuotaExceeded extends QuotaExceededError {}

/** People the customer may have on their side of one POC's team (security review, finding 18: the link had no limit). */
export const CUSTOMER_TEAM_MAX = 100;
export const CUSTOMER_TEAM_FULL = `Your team already has ${CUSTOMER_TEAM_MAX} people, the most a proof of concept can list. Ask your Sentry contact to remove someone first.`;

// ───────────── templates ─────────────

export async function getTemplates(db: PrismaClient = prisma): Promise<PocTemplates> {
  const rows = await db.pocTemplate.findMany();
  const byKind = new Map(rows.map((r) => [r.kind, r.items]));
  return {
    milestones: (byKind.get("milestones") as PocTemplates["milestones"] | undefined) ?? DEFAULT_POC_TEMPLATES.milestones,
    phases: (byKind.get("phases") as PocTemplates["phases"] | undefined) ?? DEFAULT_POC_TEMPLATES.phases,
    criteria: (byKind.get("criteria") as PocTemplates["criteria"] | undefined) ?? DEFAULT_POC_TEMPLATES.criteria,
  };
}

export async function saveTemplate<K extends keyof PocTemplates>(kind: K, items: PocTemplates[K], by: string) {
  await prisma.pocTemplate.upsert({
    where: { kind },
    create: { kind, items: items as Prisma.InputJsonValue, updatedBy: by },
    update: { items: items as Prisma.InputJsonValue, updatedBy: by },
  });
}

// ───────────── create, list, read ─────────────

export type CreatePocInput = {
  customerName: string;
  accountDomain: string;
  ownerId: string;
  startDate: Date | null;
  endDate: Date | null;
  goals: string;
};

const addDays = (start: Date | null, days: number) => (start ? new Date(start.getTime() + days * 86_400_000) : null);

/** A new POC with the template's milestones, phases with tasks and success criteria. `db`: the demo seed's own client. */
export async function createPoc(input: CreatePocInput, actor: Extract<Actor, { kind: "staff" }>, db: PrismaClient = prisma) {
  const templates = await getTemplates(db);
  return db.$transaction(async (tx) => {
    const poc = await tx.poc.create({ data: { ...input, status: "PLANNING" } });
    await tx.pocMilestone.createMany({
      data: templates.milestones.map((m, i) => ({ pocId: poc.id, position: i, title: m.title, side: m.side, owner: m.owner, dueDate: addDays(input.startDate, m.dueInDays) })),
    });
    for (const [i, phase] of templates.phases.entries()) {
      const row = await tx.pocPhase.create({ data: { pocId: poc.id, position: i, name: phase.name, description: phase.description } });
      await tx.pocTask.createMany({
        data: phase.tasks.map((t, j) => ({ pocId: poc.id, phaseId: row.id, position: j, title: t.title, side: t.side, owner: t.owner, dueDate: addDays(input.startDate, t.dueInDays) })),
      });
    }
    await tx.pocCriterion.createMany({
      data: templates.criteria.map((c, i) => ({ pocId: poc.id, position: i, title: c.title, description: c.description, feature: c.feature })),
    });
    await tx.pocActivity.create({ data: { pocId: poc.id, actor: actor.name, summary: "created the POC from the templates" } });
    return poc;
  });
}

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
    SELECT p.id, p."customerName", p."accountDomain", p.status::text AS status, p."startDate", p."endDate", p.goals, p."internalNotes",
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

/** Everything the staff workspace shows, with progress computed on the server. */
export async function getWorkspace(pocId: string) {
  const [{ poc, progress }, activity] = await Promise.all([
    loadPoc(pocId),
    recentActivity(pocId),
  ]);
  return { poc, progress, activity };
}

export type Workspace = Awaited<ReturnType<typeof getWorkspace>>;

// ───────────── versioned edits ─────────────

export const ROW_KINDS = ["milestone", "phase", "task", "criterion", "member"] as const;
export type RowKind = (typeof ROW_KINDS)[number];

/** Fields each kind of row has that may be edited, by staff and by the customer. */
export const EDITABLE: Record<RowKind, readonly string[]> = {
  milestone: ["title", "owner", "side", "dueDate", "status"],
  phase: ["name", "description"],
  task: ["title", "owner", "side", "dueDate", "status"],
  criterion: ["title", "description", "feature", "status"],
  member: ["name", "email", "role", "side"],
};
/** The customer may only set the status of customer-owned milestones and tasks, and edit customer team members. */
export const CUSTOMER_WRITABLE: Partial<Record<RowKind, readonly string[]>> = {
  milestone: ["status"],
  task: ["status"],
  member: ["name", "email", "role"],
};

/** The Prisma delegate of a row kind, typed by what the versioned edits need. */
export type Delegate = {
  findFirst(args: { where: { id: string; pocId: string } }): Promise<Record<string, unknown> | null>;
  updateMany(args: { where: Record<string, unknown>; data: Record<string, unknown> }): Promise<{ count: number }>;
};

export function delegate(kind: RowKind): Delegate {
  const map = { milestone: prisma.pocMilestone, phase: prisma.pocPhase, task: prisma.pocTask, criterion: prisma.pocCriterion, member: prisma.pocTeamMember };
  return map[kind] as unknown as Delegate;
}

export type EditResult =
  | { ok: true; row: Record<string, unknown> }
  | { ok: false; conflict: true; current: Record<string, unknown> }
  | { ok: false; conflict: false; error: string };

/**
 * Updates one field of one row if the row is still at `version` (the version the
 * editor saw). Otherwise nothing is written and the current row comes back, so
 * the page can show the newer value next to what the person typed.
 */
export async function editRow(pocId: string, kind: RowKind, id: string, version: number, field: string, value: unknown, actor: Actor): Promise<EditResult> {
  if (!EDITABLE[kind].includes(field)) return { ok: false, conflict: false, error: `The ${field} of a ${kind} can't be edited.` };
  const rows = delegate(kind);
  const existing = await rows.findFirst({ where: { id, pocId } });
  if (!existing) throw new NotFound();
  if (actor.kind === "customer") {
    if (actor.pocId !== pocId) throw new NotFound();
    const allowed = CUSTOMER_WRITABLE[kind] ?? [];
    const customerOwned = kind === "member" || existing.side === "CUSTOMER";
    if (!allowed.includes(field) || !customerOwned || (kind === "member" && existing.side !== "CUSTOMER")) throw new Forbidden();
  }
  const by = actorName(actor);
  const data: Record<string, unknown> = { [field]: value, version: { increment: 1 } };
  if (kind !== "phase") data.updatedBy = by;
  // A customer write also requires the row to still be theirs (staff may have moved it to Sentry's side).
  const where = actor.kind === "customer" && kind !== "phase" ? { id, pocId, version, side: "CUSTOMER" } : { id, pocId, version };
  const { count } = await rows.updateMany({ where, data });
  const current = (await rows.findFirst({ where: { id, pocId } }))!;
  if (count === 0) return { ok: false, conflict: true, current };
  await prisma.pocActivity.create({
    data: { pocId, byCustomer: actor.kind === "customer", actor: by, summary: describeChange(kind, existing, field, value) },
  });
  await prisma.poc.update({ where: { id: pocId }, data: { updatedAt: new Date() } });
  return { ok: true, row: current };
}

function describeChange(kind: RowKind, row: Record<string, unknown>, field: string, value: unknown) {
  const name = String(row.title ?? row.name ?? kind);
  const shown = value instanceof Date ? value.toISOString().slice(0, 10) : value === null || value === "" ? "(empty)" : String(value);
  return `set the ${field} of ${kind} “${name}” to ${shown}`;
}

/** A POC in one of these is closed: its conversation data is deleted TRANSCRIPT_RETENTION_DAYS later. */
export const CLOSED_STATUSES: readonly PocStatus[] = ["WON", "LOST"];

/** Overview fields of the POC itself, with the same version check. */
export async function editPoc(pocId: string, version: number, data: Partial<Pick<CreatePocInput, "customerName" | "accountDomain" | "ownerId" | "startDate" | "endDate" | "goals">> & { status?: string; internalNotes?: string }, actor: Extract<Actor, { kind: "staff" }>) {
  let closedAt: { closedAt: Date | null } | undefined;
  if (data.status !== undefined) {
    // Closed (Won or Lost) since when: the retention of its Gong transcripts counts from it (decision 020).
    const before = await prisma.poc.findUnique({ where: { id: pocId }, select: { status: true, closedAt: true } });
    const wasClosed = before ? CLOSED_STATUSES.includes(before.status) : false;
    closedAt = { closedAt: CLOSED_STATUSES.includes(data.status as PocStatus) ? (wasClosed ? (before?.closedAt ?? new Date()) : new Date()) : null };
  }
  const { count } = await prisma.poc.updateMany({ where: { id: pocId, version }, data: { ...(data as Prisma.PocUpdateManyMutationInput), ...closedAt, version: { increment: 1 } } });
  const current = await prisma.poc.findUnique({ where: { id: pocId } });
  if (!current) throw new NotFound();
  if (count === 0) return { ok: false as const, conflict: true as const, current };
  await prisma.pocActivity.create({ data: { pocId, actor: actor.name, summary: `updated ${Object.keys(data).join(", ")}` } });
  return { ok: true as const, current };
}

// ───────────── add, remove, reorder ─────────────

async function nextPosition(kind: RowKind, where: Record<string, string>, db: Prisma.TransactionClient = prisma) {
  const rows = { milestone: db.pocMilestone, phase: db.pocPhase, task: db.pocTask, criterion: db.pocCriterion, member: db.pocTeamMember }[kind] as unknown as {
    aggregate(args: object): Promise<{ _max: { position: number | null } }>;
  };
  const { _max } = await rows.aggregate({ where, _max: { position: true } });
  return (_max.position ?? -1) + 1;
}

export async function addMilestone(pocId: string, input: { title: string; side?: "SENTRY" | "CUSTOMER"; owner?: string; dueDate?: Date | null }, actor: Actor) {
  const row = await prisma.pocMilestone.create({ data: { pocId, position: await nextPosition("milestone", { pocId }), ...input, updatedBy: actorName(actor) } });
  await logActivity(pocId, actor, `added milestone “${input.title}”`);
  return row;
}

export async function addPhase(pocId: string, input: { name: string; description?: string }, actor: Actor) {
  const row = await prisma.pocPhase.create({ data: { pocId, position: await nextPosition("phase", { pocId }), ...input } });
  await logActivity(pocId, actor, `added phase “${input.name}”`);
  return row;
}

export async function addTask(pocId: string, phaseId: string, input: { title: string; side?: "SENTRY" | "CUSTOMER"; owner?: string; dueDate?: Date | null }, actor: Actor) {
  const phase = await prisma.pocPhase.findFirst({ where: { id: phaseId, pocId } });
  if (!phase) throw new NotFound();
  const row = await prisma.pocTask.create({ data: { pocId, phaseId, position: await nextPosition("task", { phaseId }), ...input, updatedBy: actorName(actor) } });
  await logActivity(pocId, actor, `added task “${input.title}” to ${phase.name}`);
  return row;
}

export async function addCriterion(pocId: string, input: { title: string; description?: string; feature?: string | null }, actor: Actor) {
  const row = await prisma.pocCriterion.create({ data: { pocId, position: await nextPosition("criterion", { pocId }), ...input, updatedBy: actorName(actor) } });
  await logActivity(pocId, actor, `added success criterion “${input.title}”`);
  return row;
}

/** Staff add members on both sides; the customer only on theirs. */
export async function addMember(pocId: string, input: { name: string; email?: string; role?: string; side: "SENTRY" | "CUSTOMER" }, actor: Actor) {
  if (actor.kind === "customer" && (actor.pocId !== pocId || input.side !== "CUSTOMER")) throw new Forbidden();
  const create = async (db: Prisma.TransactionClient) =>
    db.pocTeamMember.create({ data: { pocId, position: await nextPosition("member", { pocId }, db), ...input, updatedBy: actorName(actor) } });
  const row =
    actor.kind === "customer"
      ? await prisma.$transaction(async (tx) => {
          // The POC row's lock makes count-then-insert atomic: parallel adds cannot pass the cap.
          await tx.$queryRaw`SELECT id FROM "Poc" WHERE id = ${pocId} FOR UPDATE`;
          if ((await tx.pocTeamMember.count({ where: { pocId, side: "CUSTOMER" } })) >= CUSTOMER_TEAM_MAX) throw new QuotaExceeded(CUSTOMER_TEAM_FULL);
          return create(tx);
        }, { maxWait: 10_000, timeout: 10_000 }) // a burst queues on the lock
      : await create(prisma);
  await logActivity(pocId, actor, `added ${input.side === "CUSTOMER" ? "customer" : "Sentry"} team member ${input.name}`);
  return row;
}

/** Staff only: removing rows. */
export async function removeRow(pocId: string, kind: RowKind, id: string, actor: Extract<Actor, { kind: "staff" }>) {
  const rows = delegate(kind) as unknown as { findFirst: Delegate["findFirst"]; deleteMany(args: object): Promise<{ count: number }> };
  const existing = await rows.findFirst({ where: { id, pocId } });
  if (!existing) throw new NotFound();
  await rows.deleteMany({ where: { id, pocId } });
  await logActivity(pocId, actor, `removed ${kind} “${String(existing.title ?? existing.name ?? "")}”`);
}

/** Staff only: moves a row one place up or down among its siblings (tasks within their phase). */
export async function moveRow(pocId: string, kind: RowKind, id: string, direction: "up" | "down", actor?: Extract<Actor, { kind: "staff" }>) {
  const model = { milestone: "pocMilestone", phase: "pocPhase", task: "pocTask", criterion: "pocCriterion", member: "pocTeamMember" }[kind];
  await prisma.$transaction(async (tx) => {
    const rows = (tx as unknown as Record<string, { findFirst: (a: object) => Promise<{ id: string; position: number; phaseId?: string; side?: string } | null>; findMany: (a: object) => Promise<{ id: string; position: number }[]>; update: (a: object) => Promise<unknown> }>)[model];
    const row = await rows.findFirst({ where: { id, pocId } });
    if (!row) throw new NotFound();
    const scope = kind === "task" ? { phaseId: row.phaseId } : kind === "member" ? { pocId, side: row.side } : { pocId };
    const siblings = await rows.findMany({ where: scope, orderBy: [{ position: "asc" }, { id: "asc" }], select: { id: true, position: true } });
    const index = siblings.findIndex((s) => s.id === id);
    const swapWith = direction === "up" ? index - 1 : index + 1;
    if (swapWith < 0 || swapWith >= siblings.length) return;
    [siblings[index], siblings[swapWith]] = [siblings[swapWith], siblings[index]];
    // Renumber the whole list: positions stay dense even after removals.
    for (const [position, s] of siblings.entries()) await rows.update({ where: { id: s.id }, data: { position } });
  });
  if (actor) await logActivity(pocId, actor, `moved ${kind === "criterion" ? "a success criterion" : kind === "member" ? "a team member" : `a ${kind}`} ${direction}`);
}

async function logActivity(pocId: string, actor: Actor, summary: string) {
  await prisma.pocActivity.create({ data: { pocId, byCustomer: actor.kind === "customer", actor: actorName(actor), summary } });
  await prisma.poc.update({ where: { id: pocId }, data: { updatedAt: new Date() } });
}

// ───────────── tech stack ─────────────

export async function setTechStack(pocId: string, platforms: string[], notes: string, actor: Actor) {
  if (actor.kind === "customer" && actor.pocId !== pocId) throw new NotFound();
  await prisma.poc.update({
    where: { id: pocId },
    data: { techStack: platforms, techStackNotes: notes, techConfirmedAt: new Date(), techConfirmedBy: actorName(actor), version: { increment: 1 } },
  });
  await logActivity(pocId, actor, `confirmed the tech stack: ${platforms.join(", ") || "(none)"}`);
}

// ───────────── share link and the customer ─────────────

/** 24 random bytes = 192 bits, base64url. */
export const newShareToken = () => randomBytes(24).toString("base64url");

export async function regenerateShareLink(pocId: string, expiresAt: Date | null, actor: Extract<Actor, { kind: "staff" }>) {
  const token = newShareToken();
  await prisma.poc.update({ where: { id: pocId }, data: { shareToken: token, shareExpiresAt: expiresAt } });
  await logActivity(pocId, actor, expiresAt ? `created a new customer link (expires ${expiresAt.toISOString().slice(0, 10)})` : "created a new customer link");
  return token;
}

export async function revokeShareLink(pocId: string, actor: Extract<Actor, { kind: "staff" }>) {
  await prisma.poc.update({ where: { id: pocId }, data: { shareToken: null, shareExpiresAt: null } });
  await logActivity(pocId, actor, "revoked the customer link");
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
