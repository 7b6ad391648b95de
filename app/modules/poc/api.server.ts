/**
 * The POC Portal's JSON API (app/routes/api.v1.pocs*.ts for staff,
 * app/routes/api.v1.customer.*.ts for the customer's share link): the error
 * mapping of its dispatch, the guards, request schemas (built from fields.ts's
 * field rules) and the handlers. Row edits go through poc.server.ts's one
 * versioned write, updateRow. Serialisers: api/serializers.server.ts, answer
 * schemas: api/schemas.ts.
 * Routes stay thin: they pick handlers from here or write a few lines of their own.
 *
 * Wire format: due dates and POC dates are calendar days (`YYYY-MM-DD`),
 * timestamps ISO 8601. Every answer is JSON and `Cache-Control: no-store`.
 * Customer answers never contain internal notes or the activity log.
 */
import { z } from "zod";
import { requireApiRole } from "~/utils/api-auth.server.ts";
import { apiError, closedObject, dispatch as dispatchApi, invalid, json, jsonBody, must, oneOf, wholeNumber, type ApiMethod, type Ctx, type Handler } from "~/utils/api-request.server.ts";
import type { SessionUser } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { enforceRateLimitJson } from "~/utils/rate-limit.server.ts";
import { AREA_ROLES } from "~/utils/permissions.ts";
import { type Audience, criterionJson, memberJson, milestoneJson, phaseJson, pocNotFound, rowJson, taskJson } from "./api/serializers.server.ts";
import { isKnownPlatform } from "./doc-links.ts";
import {
  CUSTOMER_WRITABLE,
  type CustomerKind,
  END_BEFORE_START,
  endNotBeforeStart,
  isIsoDate,
  LIMITS,
  partialShape,
  pickShape,
  POC_FIELDS,
  ROW_FIELDS as FIELDS_OF_ROWS,
  TECH_FIELDS,
} from "./fields.ts";
import { pocIdForToken } from "./poc-queries.server.ts";
import {
  type Actor,
  addCriterion,
  addMember,
  addMilestone,
  addPhase,
  addTask,
  deletePoc as deletePocAs,
  EDITABLE,
  Forbidden,
  moveRow,
  NotFound,
  removeRow,
  type RowKind,
  type EditResult,
  updateRow,
} from "./poc.server.ts";
import { progressOf } from "./progress.ts";
import { version } from "./row-version.ts";

export type StaffActor = Extract<Actor, { kind: "staff" }>;
export type CustomerActor = Extract<Actor, { kind: "customer" }>;

// ───────────── responses ─────────────

/** Unknown, revoked or expired share token, or a row outside the token's POC: always the same plain answer. */
export const customerNotFound = () => apiError(404, "not_found", "Not found.");

/** Answers `current` (what is stored now) when the version the caller sent is stale. */
export function conflict(current: unknown) {
  return apiError(409, "conflict", "Someone changed this since you read it: nothing was written. `current` is what is stored now; apply your change to it and send its version.", {
    current,
  });
}

/**
 * Runs the handler for the request's method (api-request.server.ts's dispatch;
 * poc.server.ts's NotFound/Forbidden/QuotaExceeded answer 404/403/409), and marks
 * every answer `no-store` (the customer's also `no-referrer` and `noindex`; every
 * not-found through the share link is the same plain "Not found.").
 */
export function dispatch(ctx: Ctx, handlers: Partial<Record<ApiMethod, Handler>>, audience: Audience = "staff"): Promise<Response> {
  return dispatchApi(ctx, handlers, {
    cache: "no-store",
    ...(audience === "customer" ? { headers: { "Referrer-Policy": "no-referrer", "X-Robots-Tag": "noindex" }, wording: { not_found: "Not found." } } : {}),
  });
}

// ───────────── guards ─────────────

export async function requireStaff(request: Request): Promise<{ user: SessionUser; actor: StaffActor }> {
  const user = await requireApiRole(request, AREA_ROLES.staff);
  return { user, actor: { kind: "staff", userId: user.id, name: user.name } };
}

/** A staff caller and the POC of the `:id` param (404 when there is none). */
export async function staffPoc(ctx: Ctx) {
  const { user, actor } = await requireStaff(ctx.request);
  const poc = await prisma.poc.findUnique({ where: { id: ctx.params.id ?? "" }, select: { id: true, ownerId: true } });
  if (!poc) throw pocNotFound();
  return { user, actor, pocId: poc.id, ownerId: poc.ownerId };
}

/** The POC behind the `:token` param; unknown, revoked or expired → the plain 404. */
export async function customerPoc(ctx: Ctx): Promise<{ pocId: string; actor: CustomerActor }> {
  const pocId = await pocIdForToken(ctx.params.token);
  if (!pocId) throw customerNotFound();
  // Every write through the link counts against its rate limit (the pages' actions share it).
  if (ctx.request.method !== "GET" && ctx.request.method !== "HEAD") await enforceRateLimitJson("customer-write", ctx.params.token!);
  return { pocId, actor: { kind: "customer", pocId } };
}

/** An SE or admin who may own a POC; otherwise a 400 naming `ownerId`. */
export async function checkOwner(ownerId: string) {
  const owner = await prisma.user.findFirst({ where: { id: ownerId, role: { in: ["SE", "ADMIN"] } }, select: { id: true } });
  if (!owner) throw invalid({ ownerId: ["No solutions engineer or admin has this id."] });
}

// ───────────── field schemas ─────────────

/** The row version every versioned write sends (row-version.ts: the one definition). */
export { version };

/** The fields each kind of row has over the API: fields.ts, as every other path. */
const ROW_FIELDS = FIELDS_OF_ROWS;

/** Only the keys the schema knows (looseObject keeps the others; they were already refused). */
function pick<T extends object>(body: T, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([k, v]) => keys.includes(k) && v !== undefined));
}

/** Staff PATCH of a row: `version` and any of the kind's fields. */
export function rowPatchSchema(kind: RowKind) {
  const fields = ROW_FIELDS[kind];
  return closedObject({ version, ...partialShape(fields) }, { atLeastOne: Object.keys(fields) });
}

/** The customer's PATCH: `version` and only what CUSTOMER_WRITABLE allows for the kind. */
export function customerPatchSchema(kind: CustomerKind) {
  const allowed: readonly string[] = CUSTOMER_WRITABLE[kind];
  const fields = pickShape(ROW_FIELDS[kind] as z.ZodRawShape, allowed);
  return kind === "member" ? closedObject({ version, ...partialShape(fields) }, { atLeastOne: allowed }) : closedObject({ version, ...fields });
}

const { milestone, phase, task, criterion, member } = ROW_FIELDS;
export const addSchemas = {
  milestone: closedObject({ title: milestone.title, owner: milestone.owner.optional(), side: milestone.side.optional(), dueDate: milestone.dueDate.optional() }),
  phase: closedObject({ name: phase.name, description: phase.description.optional() }),
  task: closedObject({ title: task.title, owner: task.owner.optional(), side: task.side.optional(), dueDate: task.dueDate.optional() }),
  criterion: closedObject({ title: criterion.title, description: criterion.description.optional(), feature: criterion.feature.optional() }),
  member: closedObject({ name: member.name, email: member.email.optional(), role: member.role.optional(), side: member.side }),
};

export const customerMemberSchema = closedObject({ name: member.name, email: member.email.optional(), role: member.role.optional() });

export const moveSchema = closedObject({ direction: z.enum(["up", "down"], oneOf(["up", "down"])) });

export const createPocSchema = closedObject({
  customerName: POC_FIELDS.customerName,
  accountDomain: POC_FIELDS.accountDomain,
  ownerId: POC_FIELDS.ownerId.optional(),
  startDate: POC_FIELDS.startDate.optional(),
  endDate: POC_FIELDS.endDate.optional(),
  goals: POC_FIELDS.goals.optional(),
}).refine(endNotBeforeStart, { path: ["endDate"], message: END_BEFORE_START });

const POC_PATCH_FIELDS = Object.keys(POC_FIELDS) as (keyof typeof POC_FIELDS)[];
export const patchPocSchema = closedObject(
  {
    version,
    ...partialShape(POC_FIELDS),
  },
  { atLeastOne: POC_PATCH_FIELDS },
);
export const pocPatchFields = (body: Record<string, unknown>) => pick(body, POC_PATCH_FIELDS);

/** An empty parameter (`?status=` from a form's "any" choice) is no filter. */
const filter = <S extends z.ZodType>(schema: S) => z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema.optional());
export const listQuerySchema = z.object({
  q: filter(z.string().trim().max(200, "At most 200 characters.")),
  status: filter(POC_FIELDS.status),
  owner: filter(z.string().trim()),
  page: wholeNumber(1, 1000).default(1),
  limit: wholeNumber(1, 200).default(50),
});

/** `platforms`: Sentry platform ids (sentry-platforms.ts); an unknown one is a 400 naming it (`platforms[2]`). */
export const techStackSchema = closedObject({
  platforms: z.array(
    z.string(must("a platform id such as javascript-react")).refine(isKnownPlatform, { error: (issue) => `Unknown platform “${String(issue.input)}”: use an id from Sentry's platform list, such as javascript-react.` }),
    must("a list of platform ids"),
  ).max(LIMITS.platforms, `Choose at most ${LIMITS.platforms} platforms`),
  notes: TECH_FIELDS.notes.optional(),
});

export const shareLinkSchema = closedObject({
  expiresAt: z
    .union([z.iso.datetime({ offset: true }), z.iso.date()], must("a date (YYYY-MM-DD) or a date-time (ISO 8601), or null"))
    .transform((s) => new Date(isIsoDate(s) ? `${s}T23:59:59.999Z` : s))
    .refine((d) => d.getTime() > Date.now(), "Must be in the future.")
    .nullable()
    .optional(),
});

/** Deleting a whole POC (poc.server.ts's deletePoc: admins, or the SE who owns it), with the domain's reason as the 403's message. */
export async function deletePoc(pocId: string, user: SessionUser) {
  await deletePocAs(pocId, user).catch((error: unknown) => {
    throw error instanceof Forbidden ? apiError(403, "forbidden", error.message) : error;
  });
}

// ───────────── rows: lists, add, edit, remove, move ─────────────

/** The collection kinds with their own list endpoints (tasks are listed per phase). */
export type CollectionKind = Exclude<RowKind, "task">;
/** The row param each kind's routes use (`/milestones/:rowId`, `/phases/:phaseId`, `/tasks/:taskId`...). */
const ROW_PARAM = { milestone: "rowId", phase: "phaseId", task: "taskId", criterion: "rowId", member: "rowId" } as const satisfies Record<RowKind, string>;

export async function listCollection(pocId: string, kind: CollectionKind) {
  switch (kind) {
    case "milestone": {
      const rows = await prisma.pocMilestone.findMany({ where: { pocId }, orderBy: [{ position: "asc" }, { id: "asc" }] });
      return { milestones: rows.map((r) => milestoneJson(r)), progress: progressOf(rows) };
    }
    case "phase": {
      const rows = await prisma.pocPhase.findMany({ where: { pocId }, orderBy: [{ position: "asc" }, { id: "asc" }], include: { tasks: { orderBy: [{ position: "asc" }, { id: "asc" }] } } });
      return { phases: rows.map((r) => phaseJson(r)), progress: progressOf(rows.flatMap((r) => r.tasks)) };
    }
    case "criterion": {
      const rows = await prisma.pocCriterion.findMany({ where: { pocId }, orderBy: [{ position: "asc" }, { id: "asc" }] });
      return { criteria: rows.map(criterionJson), progress: progressOf(rows) };
    }
    case "member": {
      const rows = await prisma.pocTeamMember.findMany({ where: { pocId }, orderBy: [{ side: "asc" }, { position: "asc" }, { id: "asc" }] });
      return { team: rows.map((r) => memberJson(r)) };
    }
  }
}

export async function listTasks(pocId: string, phaseId: string) {
  const phase = await prisma.pocPhase.findFirst({ where: { id: phaseId, pocId }, include: { tasks: { orderBy: [{ position: "asc" }, { id: "asc" }] } } });
  if (!phase) throw new NotFound();
  return { phaseId: phase.id, tasks: phase.tasks.map((t) => taskJson(t)), progress: progressOf(phase.tasks) };
}

/** GET of a collection (milestones, phases with tasks, success criteria, team). */
export async function listRowsHandler(ctx: Ctx, kind: CollectionKind) {
  const { pocId } = await staffPoc(ctx);
  return json(await listCollection(pocId, kind));
}

/** POST of a collection: the new row, 201. */
export async function addRowHandler(ctx: Ctx, kind: CollectionKind) {
  const { pocId, actor } = await staffPoc(ctx);
  switch (kind) {
    case "milestone":
      return json(milestoneJson(await addMilestone(pocId, await jsonBody(ctx.request, addSchemas.milestone), actor)), 201);
    case "phase":
      return json(phaseJson({ ...(await addPhase(pocId, await jsonBody(ctx.request, addSchemas.phase), actor)), tasks: [] }), 201);
    case "criterion":
      return json(criterionJson(await addCriterion(pocId, await jsonBody(ctx.request, addSchemas.criterion), actor)), 201);
    case "member":
      return json(memberJson(await addMember(pocId, await jsonBody(ctx.request, addSchemas.member), actor)), 201);
  }
}

export async function listTasksHandler(ctx: Ctx) {
  const { pocId } = await staffPoc(ctx);
  return json(await listTasks(pocId, ctx.params.phaseId ?? ""));
}

export async function addTaskHandler(ctx: Ctx) {
  const { pocId, actor } = await staffPoc(ctx);
  const body = await jsonBody(ctx.request, addSchemas.task);
  return json(taskJson(await addTask(pocId, ctx.params.phaseId ?? "", body, actor)), 201);
}

const rowParam = (ctx: Ctx, kind: RowKind) => ctx.params[ROW_PARAM[kind]] ?? "";

/** Staff PATCH of a row: `version` plus fields, written together or not at all (409 with the current row). */
export async function patchRowHandler(ctx: Ctx, kind: RowKind) {
  const { pocId, actor } = await staffPoc(ctx);
  const body = await jsonBody(ctx.request, rowPatchSchema(kind));
  return editAnswer(kind, await updateRow(pocId, kind, rowParam(ctx, kind), body.version as number, pick(body, EDITABLE[kind]), actor), "staff");
}

export async function deleteRowHandler(ctx: Ctx, kind: RowKind) {
  const { pocId, actor } = await staffPoc(ctx);
  const id = rowParam(ctx, kind);
  await removeRow(pocId, kind, id, actor);
  return json({ deleted: true, id });
}

/** Moves a row one place; answers its list in the new order (a task: its phase's tasks). */
export async function moveRowHandler(ctx: Ctx, kind: RowKind) {
  const { pocId, actor } = await staffPoc(ctx);
  const { direction } = await jsonBody(ctx.request, moveSchema);
  const id = rowParam(ctx, kind);
  await moveRow(pocId, kind, id, direction, actor);
  if (kind === "task") {
    const task = await prisma.pocTask.findFirst({ where: { id, pocId }, select: { phaseId: true } });
    if (!task) throw new NotFound();
    return json(await listTasks(pocId, task.phaseId));
  }
  return json(await listCollection(pocId, kind));
}

function editAnswer(kind: RowKind, result: EditResult, audience: Audience) {
  if (result.ok) return json(rowJson(kind, result.row, audience));
  if (result.conflict) return conflict(rowJson(kind, result.current, audience));
  return invalid({ "": [result.error] });
}

// ───────────── the customer's versioned update ─────────────

/** The customer's PATCH of a milestone, task or team member through the share link. */
export async function customerPatchHandler(ctx: Ctx, kind: "milestone" | "task" | "member") {
  const { pocId, actor } = await customerPoc(ctx);
  const body = await jsonBody(ctx.request, customerPatchSchema(kind));
  const fields = pick(body, CUSTOMER_WRITABLE[kind]);
  return editAnswer(kind, await updateRow(pocId, kind, ctx.params.rowId ?? "", body.version as number, fields, actor), "customer");
}

