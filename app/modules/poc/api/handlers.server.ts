/**
 * The POC Portal API's handlers for rows (milestones, phases, tasks, success
 * criteria, team): list, add, edit (poc.server.ts's one versioned write), remove
 * and move for staff, and the customer's edit through the share link. The routes
 * (app/routes/api.v1.pocs.$id.*.ts, api.v1.customer.$token.*.ts) pick them;
 * guards and request schemas are in ../api.server.ts.
 */
import { json, jsonBody, invalid, type Ctx } from "~/utils/api-request.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { addCriterion, addMember, addMilestone, addPhase, addTask, EDITABLE, type EditResult, moveRow, NotFound, removeRow, type RowKind, updateRow } from "../poc.server.ts";
import { CUSTOMER_WRITABLE } from "../fields.ts";
import { progressOf } from "../progress.ts";
import { addSchemas, conflict, customerPatchSchema, customerPoc, moveSchema, pick, rowPatchSchema, staffPoc } from "../api.server.ts";
import { type Audience, criterionJson, memberJson, milestoneJson, phaseJson, rowJson, taskJson } from "./serializers.server.ts";

// ───────────── rows: lists, add, edit, remove, move ─────────────

/** The collection kinds with their own list endpoints (tasks are listed per phase). */
export type CollectionKind = Exclude<RowKind, "task">;
/** The row param each kind's routes use (`/milestones/:rowId`, `/phases/:phaseId`, `/tasks/:taskId`...). */
const ROW_PARAM = { milestone: "rowId", phase: "phaseId", task: "taskId", criterion: "rowId", member: "rowId" } as const satisfies Record<RowKind, string>;

async function listCollection(pocId: string, kind: CollectionKind) {
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

async function listTasks(pocId: string, phaseId: string) {
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

