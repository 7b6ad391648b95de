/**
 * The one action behind every tab of the staff POC workspace. Each form posts an
 * `intent`: edit (one cell, versioned), edit-row (every field of one row, one
 * versioned write), add, remove, move, share-link,
 * revoke-link, tech-stack. Reads straight down: who may do this (staff), does
 * the POC exist (404), parse with the form's Zod schema (invalid → 400 with what
 * was typed), then write through poc.server.ts.
 *
 * A cell answers with data, never a redirect, so a fetcher stays on the page and
 * a browser without JavaScript gets the page back with that cell's state
 * (saved, invalid, or changed meanwhile with both values). The other forms
 * redirect back to the tab they came from, with a flash message.
 */
import { data, redirect, type ActionFunctionArgs } from "@remix-run/node";
import { prisma } from "~/utils/db.server.ts";
import { toPageResponse, UNKNOWN_INTENT } from "~/utils/errors.ts";
import { redirectWithToast } from "~/utils/toast.server.ts";
import { isKnownPlatform } from "./doc-links.ts";
import {
  addCriterion,
  addMember,
  addMilestone,
  addPhase,
  addTask,
  datesProblem,
  editPoc,
  moveRow,
  regenerateShareLink,
  removeRow,
  revokeShareLink,
  ROW_KINDS,
  setTechStack,
  type StaffActor,
  type RowKind,
  updateRow,
} from "./poc.server.ts";
import { staffOwners } from "./poc-queries.server.ts";
import {
  ADD_KINDS,
  ADD_SCHEMAS,
  CELL_KINDS,
  cellKey,
  cellValue,
  FIELD_SCHEMAS,
  fieldErrors,
  ShareLinkSchema,
  TechStackSchema,
  type AddKind,
  type CellKind,
  type CellResult,
  type FormResult,
  type RowResult,
  rowKey,
  wasName,
} from "./staff-schemas.ts";
import { version as rowVersion } from "./row-version.ts";
import { notFound, requirePoc, requireStaff } from "./staff-workspace.server.ts";

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};
const badRequest = (message: string) => new Response(message, { status: 400 });

const KIND_LABELS: Record<CellKind, string> = { milestone: "Milestone", phase: "Phase", task: "Task", criterion: "Success criterion", member: "Team member", poc: "POC" };

/** The tab the form was posted from (single fetch posts to `<path>.data`), so the redirect lands back there. */
function backTo(request: Request, pocId: string) {
  const path = new URL(request.url).pathname.replace(/\.data$/, "").replace(/\/$/, "");
  const base = `/staff/pocs/${encodeURIComponent(pocId)}`;
  return path === base || path.startsWith(`${base}/`) ? path : base;
}

export async function staffWorkspaceAction({ request, params }: ActionFunctionArgs) {
  const { actor } = await requireStaff(request);
  const pocId = await requirePoc(params.id);
  const form = await request.formData();
  const intent = text(form, "intent");
  const back = backTo(request, pocId);
  try {
    switch (intent) {
      case "edit":
        return await editCell(pocId, form, actor);
      case "edit-row":
        return await editWholeRow(pocId, form, actor, back);
      case "add":
        return await addRow(pocId, form, actor, back);
      case "remove":
        return await removeOne(pocId, form, actor, back);
      case "move":
        return await moveOne(pocId, form, actor, back);
      case "share-link":
        return await createShareLink(pocId, form, actor, back);
      case "revoke-link":
        await revokeShareLink(pocId, actor);
        return redirectWithToast(back, { kind: "success", message: "Customer link revoked: it no longer opens the portal." });
      case "tech-stack":
        return await confirmTechStack(pocId, form, actor, back);
      default:
        throw badRequest(UNKNOWN_INTENT);
    }
  } catch (error) {
    throw toPageResponse(error);
  }
}

// ───────────── one cell ─────────────

async function editCell(pocId: string, form: FormData, actor: StaffActor) {
  const kind = text(form, "kind") as CellKind;
  const id = text(form, "id");
  const field = text(form, "field");
  const typed = text(form, "value");
  const parsedVersion = rowVersion.safeParse(Number(text(form, "version") || Number.NaN));
  const original = form.has("original") ? text(form, "original") : null;
  if (!CELL_KINDS.includes(kind) || !id || !field || !parsedVersion.success) throw badRequest("That edit is missing its row, field or version.");
  const version = parsedVersion.data;
  if (kind === "poc" && id !== pocId) throw notFound();
  const cell = cellKey(kind, id, field);
  const invalid = (error: string) => data({ cell, status: "invalid", typed, version, error } satisfies CellResult, { status: 400 });

  // Own keys only: `constructor`, `__proto__`… are no field.
  const schema = Object.hasOwn(FIELD_SCHEMAS[kind], field) ? FIELD_SCHEMAS[kind][field] : undefined;
  if (!schema) return invalid(`The ${field} of a ${kind} can't be edited.`);
  const parsed = schema.safeParse(typed);
  if (!parsed.success) return invalid(parsed.error.issues[0]?.message ?? "That value isn't valid.");
  const value = parsed.data;
  if (kind === "poc") {
    const problem = await pocFieldProblem(pocId, field, value);
    if (problem) return invalid(problem);
  }

  const save = (atVersion: number) =>
    kind === "poc" ? editPoc(pocId, atVersion, { [field]: value }, actor) : updateRow(pocId, kind as RowKind, id, atVersion, { [field]: value }, actor);
  let outcome = await save(version);
  // Someone changed another field of this row meanwhile, not this one: nothing of
  // theirs is overwritten, so save on top of their version.
  if (!outcome.ok && outcome.conflict && original !== null && cellValue(outcome.current, field) === original) {
    outcome = await save(Number(outcome.current.version));
  }
  if (!outcome.ok && !outcome.conflict) return invalid(outcome.error);
  if (!outcome.ok) {
    const current = outcome.current as Record<string, unknown>;
    const newer = cellValue(current, field);
    // They saved exactly what this person typed: nothing to choose between.
    if (newer === cellValue({ [field]: value }, field)) {
      return data({ cell, status: "saved", value: newer, version: Number(current.version) } satisfies CellResult);
    }
    const by = await changedBy(pocId, current);
    return data({ cell, status: "conflict", typed, conflict: { by, value: newer, version: Number(current.version) } } satisfies CellResult, { status: 409 });
  }
  const row = ("row" in outcome ? outcome.row : outcome.current) as Record<string, unknown>;
  return data({ cell, status: "saved", value: cellValue(row, field), version: Number(row.version) } satisfies CellResult);
}

// ───────────── one whole row ─────────────

/**
 * The row editor's one Save: every field of the row, checked with the same field
 * rules as a cell, then ONE versioned write (updateRow, or editPoc for the
 * details) of the fields the person changed (each field carries the value it
 * had when the form was drawn, `was:<field>`). When someone saved the row
 * meanwhile, their changes and these are merged field by field; a field both
 * changed, differently, is a conflict: 409 with both values, nothing written,
 * what was typed kept. Saved → back to the row (PRG), so a reload posts nothing.
 */
async function editWholeRow(pocId: string, form: FormData, actor: StaffActor, back: string) {
  const kind = text(form, "kind") as CellKind;
  const id = text(form, "id");
  const parsedVersion = rowVersion.safeParse(Number(text(form, "version") || Number.NaN));
  if (!CELL_KINDS.includes(kind) || !id || !parsedVersion.success) throw badRequest("That form is missing its row or version.");
  if (kind === "poc" && id !== pocId) throw notFound();
  const row = rowKey(kind, id);
  const schemas = FIELD_SCHEMAS[kind];
  const names = Object.keys(schemas).filter((name) => form.has(name));
  if (names.length === 0) throw badRequest("That form has none of the row's fields.");

  const values: Record<string, string> = {};
  const parsed: Record<string, unknown> = {};
  const errors: Record<string, string[]> = {};
  for (const name of names) {
    values[name] = text(form, name);
    const result = schemas[name].safeParse(values[name]);
    if (result.success) parsed[name] = result.data;
    else errors[name] = [result.error.issues[0]?.message ?? "That value isn't valid."];
  }
  if (kind === "poc") {
    if ("ownerId" in parsed && !errors.ownerId) {
      const problem = await pocFieldProblem(pocId, "ownerId", parsed.ownerId);
      if (problem) errors.ownerId = [problem];
    }
    const dates = Object.fromEntries(["startDate", "endDate"].filter((f) => f in parsed).map((f) => [f, parsed[f] as Date | null]));
    const problem = await datesProblem(pocId, dates);
    if (problem && !errors[problem.field]) errors[problem.field] = [problem.message];
  }
  const invalid = (version: number) => data({ row, status: "invalid", errors, values, version } satisfies RowResult, { status: 400 });
  if (Object.keys(errors).length) return invalid(parsedVersion.data);

  const typed = (name: string) => cellValue(parsed, name);
  // What this person changed: every field whose value differs from what the form showed (all of them if the form didn't say).
  const changed = names.filter((name) => !form.has(wasName(name)) || text(form, wasName(name)).trim() !== typed(name));
  const done = () => redirectWithToast(`${back}#${row.replace(":", "-")}`, { kind: "success", message: changed.length ? `${KIND_LABELS[kind]} saved.` : "Nothing changed." });
  if (changed.length === 0) return done();

  const save = (atVersion: number, fields: string[]) => {
    const update = Object.fromEntries(fields.map((f) => [f, parsed[f]]));
    return kind === "poc" ? editPoc(pocId, atVersion, update, actor) : updateRow(pocId, kind as RowKind, id, atVersion, update, actor);
  };
  let outcome = await save(parsedVersion.data, changed);
  if (!outcome.ok && outcome.conflict) {
    const current = outcome.current as Record<string, unknown>;
    const was = (name: string) => (form.has(wasName(name)) ? text(form, wasName(name)).trim() : null);
    // Both changed it, to different values: theirs is not overwritten without this person seeing it.
    const clash = changed.filter((name) => cellValue(current, name) !== was(name) && cellValue(current, name) !== typed(name));
    if (clash.length) {
      const by = await changedBy(pocId, current);
      const theirs = Object.fromEntries(clash.map((name) => [name, cellValue(current, name)]));
      const now = Object.fromEntries(names.map((name) => [name, cellValue(current, name)]));
      return data({ row, status: "conflict", values, version: Number(current.version), theirs, current: now, by } satisfies RowResult, { status: 409 });
    }
    // Different fields (or the same values): save this person's changes on top of theirs.
    const mine = changed.filter((name) => cellValue(current, name) !== typed(name));
    if (mine.length === 0) return done();
    outcome = await save(Number(current.version), mine);
    if (!outcome.ok && outcome.conflict) {
      const by = await changedBy(pocId, outcome.current as Record<string, unknown>);
      const latest = outcome.current as Record<string, unknown>;
      const now = Object.fromEntries(names.map((name) => [name, cellValue(latest, name)]));
      const theirs = Object.fromEntries(mine.map((name) => [name, cellValue(latest, name)]));
      return data({ row, status: "conflict", values, version: Number(latest.version), theirs, current: now, by } satisfies RowResult, { status: 409 });
    }
  }
  if (!outcome.ok) {
    errors.form = [outcome.error];
    return invalid(parsedVersion.data);
  }
  return done();
}

/** Checks a POC field against the rest of the POC: the owner must be staff, the end not before the start. */
async function pocFieldProblem(pocId: string, field: string, value: unknown) {
  if (field === "ownerId") {
    const owners = await staffOwners();
    if (!owners.some((o) => o.id === value)) return "Choose one of the solutions engineers or admins";
  }
  if (field === "startDate" || field === "endDate") return (await datesProblem(pocId, { [field]: value as Date | null }))?.message ?? null;
  return null;
}

/** Who made the newer change: the row's updatedBy, else (phases, the POC itself) the latest activity's actor. */
async function changedBy(pocId: string, row: Record<string, unknown>) {
  const by = typeof row.updatedBy === "string" && row.updatedBy ? row.updatedBy : (await prisma.pocActivity.findFirst({ where: { pocId }, orderBy: { at: "desc" }, select: { actor: true } }))?.actor;
  if (!by) return "someone else";
  return by === "customer" ? "the customer" : by;
}

// ───────────── add, remove, move ─────────────

async function addRow(pocId: string, form: FormData, actor: StaffActor, back: string) {
  const kind = text(form, "kind") as AddKind;
  if (!ADD_KINDS.includes(kind)) throw badRequest("Unknown kind of row.");
  const values: Record<string, string> = {};
  for (const [name, value] of form) if (typeof value === "string" && name !== "intent" && name !== "kind") values[name] = value;
  const formId = kind === "task" ? `add-task:${values.phaseId ?? ""}` : `add-${kind}`;
  const parsed = ADD_SCHEMAS[kind].safeParse(values);
  if (!parsed.success) {
    return data({ form: formId, status: "invalid", errors: fieldErrors(parsed.error), values } satisfies FormResult, { status: 400 });
  }
  let name: string;
  switch (kind) {
    case "milestone": {
      const v = ADD_SCHEMAS.milestone.parse(values);
      await addMilestone(pocId, v, actor);
      name = v.title;
      break;
    }
    case "task": {
      const { phaseId, ...v } = ADD_SCHEMAS.task.parse(values);
      await addTask(pocId, phaseId, v, actor);
      name = v.title;
      break;
    }
    case "phase": {
      const v = ADD_SCHEMAS.phase.parse(values);
      await addPhase(pocId, v, actor);
      name = v.name;
      break;
    }
    case "criterion": {
      const v = ADD_SCHEMAS.criterion.parse(values);
      await addCriterion(pocId, v, actor);
      name = v.title;
      break;
    }
    case "member": {
      const v = ADD_SCHEMAS.member.parse(values);
      await addMember(pocId, v, actor);
      name = v.name;
      break;
    }
  }
  return redirectWithToast(back, { kind: "success", message: `${KIND_LABELS[kind]} “${name}” added.` });
}

function rowTarget(form: FormData) {
  const kind = text(form, "kind") as RowKind;
  const id = text(form, "id");
  if (!ROW_KINDS.includes(kind) || !id) throw badRequest("That form is missing its row.");
  return { kind, id };
}

async function removeOne(pocId: string, form: FormData, actor: StaffActor, back: string) {
  const { kind, id } = rowTarget(form);
  await removeRow(pocId, kind, id, actor);
  return redirectWithToast(back, { kind: "success", message: `${KIND_LABELS[kind]} removed.` });
}

async function moveOne(pocId: string, form: FormData, actor: StaffActor, back: string) {
  const { kind, id } = rowTarget(form);
  const direction = text(form, "direction");
  if (direction !== "up" && direction !== "down") throw badRequest("Move up or down.");
  await moveRow(pocId, kind, id, direction, actor);
  // Back to the row that moved, so a reader without JavaScript doesn't lose their place.
  return redirect(`${back}#${kind}-${id}`);
}

// ───────────── share link, tech stack ─────────────

async function createShareLink(pocId: string, form: FormData, actor: StaffActor, back: string) {
  const values = { expiresOn: text(form, "expiresOn") };
  const parsed = ShareLinkSchema.safeParse(values);
  if (!parsed.success) return data({ form: "share-link", status: "invalid", errors: fieldErrors(parsed.error), values } satisfies FormResult, { status: 400 });
  const had = await prisma.poc.findUniqueOrThrow({ where: { id: pocId }, select: { shareToken: true } });
  const expiresOn = parsed.data.expiresOn;
  // The link works until the end of the chosen day (UTC).
  await regenerateShareLink(pocId, expiresOn ? new Date(`${expiresOn}T23:59:59.999Z`) : null, actor);
  return redirectWithToast(back, {
    kind: "success",
    message: had.shareToken ? "New customer link created. The previous link no longer works." : "Customer link created. Send it to your contacts at the customer.",
  });
}

async function confirmTechStack(pocId: string, form: FormData, actor: StaffActor, back: string) {
  const values = { platforms: form.getAll("platforms").filter((p): p is string => typeof p === "string"), notes: text(form, "notes") };
  const parsed = TechStackSchema.safeParse(values);
  const unknown = values.platforms.filter((p) => !isKnownPlatform(p));
  if (!parsed.success || unknown.length) {
    const errors = parsed.success ? {} : fieldErrors(parsed.error);
    if (unknown.length) (errors.platforms ??= []).push(`Unknown platform${unknown.length === 1 ? "" : "s"}: ${unknown.join(", ")}`);
    return data({ form: "tech-stack", status: "invalid", errors, values } satisfies FormResult, { status: 400 });
  }
  await setTechStack(pocId, [...new Set(parsed.data.platforms)], parsed.data.notes, actor);
  return redirectWithToast(back, { kind: "success", message: "Tech stack confirmed. The documentation links below follow it." });
}
