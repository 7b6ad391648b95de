/**
 * The POC portal's writes: creating a POC from the templates, the one versioned
 * row write (no lost updates) and the POC's own versioned edit, adding, removing
 * and reordering rows, the tech stack, the share link and deleting a POC. Each
 * write runs in one transaction with its activity line (stored as data:
 * activity.ts). The reads are in poc-queries.server.ts, the templates in
 * templates.server.ts.
 *
 * Who may do what is decided here through `Actor`: staff (SE or admin, any POC)
 * or the customer holding one POC's share token (that POC only, and only what
 * `CUSTOMER_WRITABLE` allows, fields.ts).
 */
import { randomBytes } from "node:crypto";
import type { PocStatus, Prisma, PrismaClient } from "~/generated/prisma/client.ts";
import { prisma } from "~/utils/db.server.ts";
import { appUrl } from "~/utils/env.server.ts";
import { ForbiddenError, NotFoundError, QuotaExceededError } from "~/utils/errors.ts";
import { type ActivityData, type ActivityRow, activitySentence, activityValue } from "./activity.ts";
import { customerWritable, EDITABLE, END_BEFORE_START, START_AFTER_END, type RowKind } from "./fields.ts";
import { getTemplates } from "./templates.server.ts";

export { CUSTOMER_WRITABLE, EDITABLE, ROW_KINDS, type RowKind } from "./fields.ts";

export type Actor = { kind: "staff"; userId: string; name: string } | { kind: "customer"; pocId: string };
export type StaffActor = Extract<Actor, { kind: "staff" }>;
export const actorName = (actor: Actor) => (actor.kind === "customer" ? "customer" : actor.name);

/** A row (or POC) that isn't there, or isn't this actor's POC's (utils/errors.ts turns it into a 404). */
export class NotFound extends NotFoundError {
  constructor(message = "That row isn't part of this POC (it may have been removed).") {
    super(message);
  }
}
/** A change this actor may not make (a 403): through the customer's link, what the portal doesn't allow; deleting a POC one neither owns nor administers. */
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

type Tx = Prisma.TransactionClient;

/** One write and its activity line, together or not at all (a burst of writes queues rather than fails). */
const inTransaction = <T>(work: (tx: Tx) => Promise<T>) => prisma.$transaction(work, { maxWait: 10_000, timeout: 10_000 });

/**
 * Appends a line to the POC's activity log (its words stored too, for readers of the table) and
 * marks the POC as changed, in the caller's transaction (also conversation-data.server.ts's).
 */
export async function logActivity(tx: Tx, pocId: string, actor: Actor, data: ActivityData) {
  await tx.pocActivity.create({ data: { pocId, byCustomer: actor.kind === "customer", actor: actorName(actor), summary: activitySentence(data), data } });
  await tx.poc.update({ where: { id: pocId }, data: { updatedAt: new Date() } });
}

// ───────────── the rows' tables ─────────────

/** What every kind of row has, as the generic writes below read it. */
type StoredRow = Record<string, unknown> & {
  id: string;
  pocId: string;
  version: number;
  position: number;
  title?: string;
  name?: string;
  side?: string;
  phaseId?: string;
};

/** The operations the generic row writes use, typed once for every kind's table. */
type RowTable = {
  findFirst(args: { where: { id: string; pocId: string } }): Promise<StoredRow | null>;
  findMany(args: { where: Record<string, unknown>; orderBy: Record<string, "asc">[]; select: { id: true; position: true } }): Promise<{ id: string; position: number }[]>;
  updateMany(args: { where: { id: string; pocId: string; version: number; side?: "CUSTOMER" }; data: Record<string, unknown> }): Promise<{ count: number }>;
  update(args: { where: { id: string }; data: { position: number } }): Promise<unknown>;
  deleteMany(args: { where: { id: string; pocId: string } }): Promise<{ count: number }>;
  aggregate(args: { where: Record<string, string>; _max: { position: true } }): Promise<{ _max: { position: number | null } }>;
};

/** Each kind of row's table (the Prisma client's model name): the one kind→table map. */
const ROW_TABLES = { milestone: "pocMilestone", phase: "pocPhase", task: "pocTask", criterion: "pocCriterion", member: "pocTeamMember" } as const satisfies Record<RowKind, keyof Tx>;

/** A kind of row's table in `db` (the client or a transaction). */
const rowTable = (db: Tx, kind: RowKind): RowTable => db[ROW_TABLES[kind]];

const rowRef = (kind: RowKind, row: { title?: string; name?: string }): ActivityRow => ({ kind, title: String(row.title ?? row.name ?? "") });

// ───────────── create ─────────────

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
    await logActivity(tx, poc.id, actor, { action: "created-poc" });
    return poc;
  });
}
// ───────────── versioned edits ─────────────

export type EditResult =
  | { ok: true; row: StoredRow }
  | { ok: false; conflict: true; current: StoredRow }
  | { ok: false; conflict: false; error: string };

/**
 * The one versioned row write: the staff cells (one field), the customer portal
 * and the JSON API (several fields) all come here. Every field must be EDITABLE
 * for the kind; a customer may only write what CUSTOMER_WRITABLE allows, of rows
 * on their side of their own POC (Forbidden otherwise, NotFound for rows of
 * another POC). One updateMany guarded by `version` writes all the fields or,
 * when the row moved on, nothing: the current row comes back, so the page can
 * show the newer value next to what the person typed. The row, its activity
 * line and the POC's updatedAt are written in one transaction.
 */
export async function updateRow(pocId: string, kind: RowKind, id: string, version: number, fields: Record<string, unknown>, actor: Actor): Promise<EditResult> {
  const names = Object.keys(fields);
  const bad = names.find((f) => !EDITABLE[kind].includes(f));
  if (bad) return { ok: false, conflict: false, error: `The ${bad} of a ${kind} can't be edited.` };
  if (names.length === 0) return { ok: false, conflict: false, error: "Nothing to change." };
  if (actor.kind === "customer" && actor.pocId !== pocId) throw new NotFound();
  return inTransaction(async (tx) => {
    const rows = rowTable(tx, kind);
    const existing = await rows.findFirst({ where: { id, pocId } });
    if (!existing) throw new NotFound();
    if (actor.kind === "customer") {
      const allowed = customerWritable(kind);
      if (!names.every((f) => allowed.includes(f)) || existing.side !== "CUSTOMER") throw new Forbidden();
    }
    const data: Record<string, unknown> = { ...fields, version: { increment: 1 } };
    if (kind !== "phase") data.updatedBy = actorName(actor);
    // A customer write also requires the row to still be theirs (staff may have moved it to Sentry's side).
    const where = actor.kind === "customer" ? { id, pocId, version, side: "CUSTOMER" as const } : { id, pocId, version };
    const { count } = await rows.updateMany({ where, data });
    const current = await rows.findFirst({ where: { id, pocId } });
    // Removed by someone else between our read and our write (found by the fuzz test: a 500 before).
    if (!current) throw new NotFound();
    if (count === 0) return { ok: false, conflict: true, current };
    const changes = names.map((field) => ({ field, old: activityValue(existing[field]), new: activityValue(fields[field]) }));
    await logActivity(tx, pocId, actor, { action: "edited", row: rowRef(kind, existing), changes });
    return { ok: true, row: current };
  });
}

/** A POC in one of these is closed: its conversation data is deleted TRANSCRIPT_RETENTION_DAYS later. */
export const CLOSED_STATUSES: readonly PocStatus[] = ["WON", "LOST"];

type PocFields = Partial<Pick<CreatePocInput, "customerName" | "accountDomain" | "ownerId" | "startDate" | "endDate" | "goals">> & { status?: string; internalNotes?: string; customerLogoUrl?: string };
/** Long texts: the activity names the field without copying its value. */
const LONG_TEXT = new Set(["goals", "internalNotes"]);

/** Overview fields of the POC itself, with the same version check, in one transaction with its activity line. */
export async function editPoc(pocId: string, version: number, data: PocFields, actor: StaffActor) {
  return inTransaction(async (tx) => {
    const before = await tx.poc.findUnique({ where: { id: pocId } });
    if (!before) throw new NotFound();
    let closedAt: { closedAt: Date | null } | undefined;
    if (data.status !== undefined) {
      // Closed (Won or Lost) since when: the retention of its Gong transcripts counts from it (decision 020).
      const wasClosed = CLOSED_STATUSES.includes(before.status);
      closedAt = { closedAt: CLOSED_STATUSES.includes(data.status as PocStatus) ? (wasClosed ? (before.closedAt ?? new Date()) : new Date()) : null };
    }
    const { count } = await tx.poc.updateMany({ where: { id: pocId, version }, data: { ...(data as Prisma.PocUpdateManyMutationInput), ...closedAt, version: { increment: 1 } } });
    const current = await tx.poc.findUnique({ where: { id: pocId } });
    if (!current) throw new NotFound(); // deleted by someone else meanwhile (the race updateRow guards too)
    if (count === 0) return { ok: false as const, conflict: true as const, current };
    const stored: Record<string, unknown> = before;
    const changes = Object.entries(data).map(([field, value]) => (LONG_TEXT.has(field) ? { field } : { field, old: activityValue(stored[field]), new: activityValue(value) }));
    await logActivity(tx, pocId, actor, { action: "edited-poc", changes });
    return { ok: true as const, current };
  });
}

/**
 * The POC's dates after a change of one or both, checked against the stored
 * other one: the field to blame and the message, or null when the range holds.
 */
export async function datesProblem(pocId: string, change: { startDate?: Date | null; endDate?: Date | null }) {
  if (change.startDate === undefined && change.endDate === undefined) return null;
  const stored = await prisma.poc.findUnique({ where: { id: pocId }, select: { startDate: true, endDate: true } });
  if (!stored) throw new NotFound();
  const start = change.startDate === undefined ? stored.startDate : change.startDate;
  const end = change.endDate === undefined ? stored.endDate : change.endDate;
  if (!start || !end || end >= start) return null;
  return change.endDate !== undefined ? { field: "endDate" as const, message: END_BEFORE_START } : { field: "startDate" as const, message: START_AFTER_END };
}

/** Deleting a whole POC (its rows and activity go with it): admins, or the SE who owns it. */
export async function deletePoc(pocId: string, user: { id: string; role: string }) {
  const poc = await prisma.poc.findUnique({ where: { id: pocId }, select: { ownerId: true } });
  if (!poc) throw new NotFound();
  if (user.role !== "ADMIN" && user.id !== poc.ownerId) throw new Forbidden("Only an admin or the POC's owner can delete a POC.");
  await prisma.poc.deleteMany({ where: { id: pocId } });
}

// ───────────── add, remove, reorder ─────────────

async function nextPosition(tx: Tx, kind: RowKind, where: Record<string, string>) {
  const { _max } = await rowTable(tx, kind).aggregate({ where, _max: { position: true } });
  return (_max.position ?? -1) + 1;
}

type ItemInput = { title: string; side?: "SENTRY" | "CUSTOMER"; owner?: string; dueDate?: Date | null };

export async function addMilestone(pocId: string, input: ItemInput, actor: Actor) {
  return inTransaction(async (tx) => {
    const row = await tx.pocMilestone.create({ data: { pocId, position: await nextPosition(tx, "milestone", { pocId }), ...input, updatedBy: actorName(actor) } });
    await logActivity(tx, pocId, actor, { action: "added", row: rowRef("milestone", row) });
    return row;
  });
}

export async function addPhase(pocId: string, input: { name: string; description?: string }, actor: Actor) {
  return inTransaction(async (tx) => {
    const row = await tx.pocPhase.create({ data: { pocId, position: await nextPosition(tx, "phase", { pocId }), ...input } });
    await logActivity(tx, pocId, actor, { action: "added", row: rowRef("phase", row) });
    return row;
  });
}

export async function addTask(pocId: string, phaseId: string, input: ItemInput, actor: Actor) {
  return inTransaction(async (tx) => {
    const phase = await tx.pocPhase.findFirst({ where: { id: phaseId, pocId } });
    if (!phase) throw new NotFound();
    const row = await tx.pocTask.create({ data: { pocId, phaseId, position: await nextPosition(tx, "task", { phaseId }), ...input, updatedBy: actorName(actor) } });
    await logActivity(tx, pocId, actor, { action: "added", row: rowRef("task", row), phase: phase.name });
    return row;
  });
}

export async function addCriterion(pocId: string, input: { title: string; description?: string; feature?: string | null }, actor: Actor) {
  return inTransaction(async (tx) => {
    const row = await tx.pocCriterion.create({ data: { pocId, position: await nextPosition(tx, "criterion", { pocId }), ...input, updatedBy: actorName(actor) } });
    await logActivity(tx, pocId, actor, { action: "added", row: rowRef("criterion", row) });
    return row;
  });
}

/** Staff add members on both sides; the customer only on theirs, up to CUSTOMER_TEAM_MAX. */
export async function addMember(pocId: string, input: { name: string; email?: string; role?: string; side: "SENTRY" | "CUSTOMER" }, actor: Actor) {
  if (actor.kind === "customer" && (actor.pocId !== pocId || input.side !== "CUSTOMER")) throw new Forbidden();
  return inTransaction(async (tx) => {
    if (actor.kind === "customer") {
      // The POC row's lock makes count-then-insert atomic: parallel adds cannot pass the cap (a burst queues on the lock).
      await tx.$queryRaw`SELECT id FROM "Poc" WHERE id = ${pocId} FOR UPDATE`;
      if ((await tx.pocTeamMember.count({ where: { pocId, side: "CUSTOMER" } })) >= CUSTOMER_TEAM_MAX) throw new QuotaExceeded(CUSTOMER_TEAM_FULL);
    }
    const row = await tx.pocTeamMember.create({ data: { pocId, position: await nextPosition(tx, "member", { pocId }), ...input, updatedBy: actorName(actor) } });
    await logActivity(tx, pocId, actor, { action: "added", row: rowRef("member", row), side: input.side });
    return row;
  });
}

/** Staff only: removing rows. */
export async function removeRow(pocId: string, kind: RowKind, id: string, actor: StaffActor) {
  await inTransaction(async (tx) => {
    const rows = rowTable(tx, kind);
    const existing = await rows.findFirst({ where: { id, pocId } });
    if (!existing) throw new NotFound();
    await rows.deleteMany({ where: { id, pocId } });
    await logActivity(tx, pocId, actor, { action: "removed", row: rowRef(kind, existing) });
  });
}

/** Staff only: moves a row one place up or down among its siblings (tasks within their phase). */
export async function moveRow(pocId: string, kind: RowKind, id: string, direction: "up" | "down", actor?: StaffActor) {
  await inTransaction(async (tx) => {
    const rows = rowTable(tx, kind);
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
    if (actor) await logActivity(tx, pocId, actor, { action: "moved", row: rowRef(kind, row), direction });
  });
}

// ───────────── tech stack ─────────────

export async function setTechStack(pocId: string, platforms: string[], notes: string, actor: Actor) {
  if (actor.kind === "customer" && actor.pocId !== pocId) throw new NotFound();
  await inTransaction(async (tx) => {
    await tx.poc.update({
      where: { id: pocId },
      data: { techStack: platforms, techStackNotes: notes, techConfirmedAt: new Date(), techConfirmedBy: actorName(actor), version: { increment: 1 } },
    });
    await logActivity(tx, pocId, actor, { action: "confirmed-tech-stack", platforms });
  });
}

// ───────────── share link ─────────────

/** The customer's link for a share token (staff pages and the API show the same one). */
export const shareUrl = (token: string) => `${appUrl()}/customer/${token}`;

/** Past its expiry (a link without one never expires); the customer portal applies the same rule in SQL (poc-queries.server.ts). */
export const shareLinkExpired = (expiresAt: Date | null) => Boolean(expiresAt && expiresAt.getTime() <= Date.now());

/** 24 random bytes = 192 bits, base64url. */
export const newShareToken = () => randomBytes(24).toString("base64url");

export async function regenerateShareLink(pocId: string, expiresAt: Date | null, actor: StaffActor) {
  const token = newShareToken();
  await inTransaction(async (tx) => {
    await tx.poc.update({ where: { id: pocId }, data: { shareToken: token, shareExpiresAt: expiresAt } });
    await logActivity(tx, pocId, actor, { action: "created-link", expiresOn: activityValue(expiresAt) });
  });
  return token;
}

export async function revokeShareLink(pocId: string, actor: StaffActor) {
  await inTransaction(async (tx) => {
    await tx.poc.update({ where: { id: pocId }, data: { shareToken: null, shareExpiresAt: null } });
    await logActivity(tx, pocId, actor, { action: "revoked-link" });
  });
}
