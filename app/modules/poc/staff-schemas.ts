/**
 * The staff POC portal's forms, as Zod schemas shared by the server actions and
 * (for the create form) Conform in the browser: one schema per form, and one per
 * editable cell, so a cell's value is checked the same way wherever it is saved.
 * The fields' rules themselves (limits, formats, messages) are fields.ts's.
 * Also the shapes the workspace action answers with, so the pages can render a
 * cell's saved / conflict / invalid state with or without JavaScript.
 */
import { z } from "zod";
import {
  OPTIONAL_DAY_MESSAGE,
  END_BEFORE_START,
  endNotBeforeStart,
  isIsoDate,
  POC_FIELDS,
  ROW_FIELDS,
  TECH_FIELDS,
} from "./fields.ts";

// ───────────── create a POC ─────────────

/** Conform turns empty fields into undefined: optional fields are optional here. */
export const CreatePocSchema = z
  .object({
    customerName: POC_FIELDS.customerName,
    accountDomain: POC_FIELDS.accountDomain,
    ownerId: POC_FIELDS.ownerId,
    startDate: POC_FIELDS.startDate.optional(),
    endDate: POC_FIELDS.endDate.optional(),
    goals: POC_FIELDS.goals.optional(),
  })
  .refine((value) => !(value.startDate instanceof Date && value.endDate instanceof Date) || endNotBeforeStart(value), {
    path: ["endDate"],
    message: END_BEFORE_START,
    // Checked even when another field is wrong, so every problem shows at once.
    when: ({ value }) => typeof value === "object" && value !== null,
  });

// ───────────── one cell ─────────────

export const CELL_KINDS = ["milestone", "phase", "task", "criterion", "member", "poc"] as const;
export type CellKind = (typeof CELL_KINDS)[number];

/** The schema of every editable field: the rows' fields and the POC's own (fields.ts, the one definition). */
export const FIELD_SCHEMAS: Record<CellKind, Record<string, z.ZodType>> = { ...ROW_FIELDS, poc: POC_FIELDS };

/** How a stored field is written in a form: dates as YYYY-MM-DD, nothing as "". */
export function cellValue(row: Record<string, unknown>, field: string): string {
  const value = row[field];
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
}

export const cellKey = (kind: string, id: string, field: string) => `${kind}:${id}:${field}`;

// ───────────── adding rows ─────────────

/** A field left out of the form counts as empty. */
const orEmpty = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === undefined || v === null ? "" : v), schema);
const sideOr = (fallback: string) => z.preprocess((v) => (v === undefined || v === "" ? fallback : v), ROW_FIELDS.milestone.side);

const { milestone, task, phase, criterion, member } = ROW_FIELDS;
export const ADD_SCHEMAS = {
  milestone: z.object({ title: milestone.title, owner: orEmpty(milestone.owner), side: sideOr("SENTRY"), dueDate: orEmpty(milestone.dueDate) }),
  task: z.object({
    phaseId: z.string({ error: "Missing phase" }).min(1, "Missing phase"),
    title: task.title,
    owner: orEmpty(task.owner),
    side: sideOr("SENTRY"),
    dueDate: orEmpty(task.dueDate),
  }),
  phase: z.object({ name: phase.name, description: orEmpty(phase.description) }),
  criterion: z.object({ title: criterion.title, description: orEmpty(criterion.description), feature: orEmpty(criterion.feature) }),
  member: z.object({ name: member.name, email: orEmpty(member.email), role: orEmpty(member.role), side: member.side }),
} as const;
export type AddKind = keyof typeof ADD_SCHEMAS;
export const ADD_KINDS = Object.keys(ADD_SCHEMAS) as AddKind[];

// ───────────── share link and tech stack ─────────────

export const ShareLinkSchema = z.object({
  expiresOn: orEmpty(
    z
      .string()
      .trim()
      .refine((s) => s === "" || isIsoDate(s), OPTIONAL_DAY_MESSAGE)
      .refine((s) => s === "" || s >= new Date().toISOString().slice(0, 10), "Choose today or a later day"),
  ),
});

export const TechStackSchema = z.object({ platforms: TECH_FIELDS.platforms, notes: orEmpty(TECH_FIELDS.notes) });

// ───────────── what the workspace action answers ─────────────

/** One cell's answer. `typed` is what the person sent: the page puts it back in the input. */
export type CellResult =
  | { cell: string; status: "saved"; value: string; version: number }
  | { cell: string; status: "conflict"; typed: string; conflict: { by: string; value: string; version: number } }
  | { cell: string; status: "invalid"; typed: string; version: number; error: string };

/** A small form (add a row, share link, tech stack) that was not accepted, with what was typed. */
export type FormResult = { form: string; status: "invalid"; errors: Record<string, string[]>; values: Record<string, string | string[]> };

/**
 * A whole row's form (intent `edit-row`: every field of a milestone, task, phase,
 * criterion, team member or the POC's details, one Save) that was not saved: refused
 * values with their messages, or a conflict: someone saved the same field(s) meanwhile.
 * `values` is what the person typed (put back in the fields), `version` the version the
 * next Save is based on, `theirs` the newer stored value of each field both changed.
 */
export type RowResult =
  | { row: string; status: "invalid"; errors: Record<string, string[]>; values: Record<string, string>; version: number }
  | { row: string; status: "conflict"; values: Record<string, string>; version: number; theirs: Record<string, string>; current: Record<string, string>; by: string };

export type WorkspaceActionResult = CellResult | FormResult | RowResult;

export const rowKey = (kind: string, id: string) => `${kind}:${id}`;
/** The hidden input that carries the value a field had when the form was rendered. */
export const wasName = (field: string) => `was:${field}`;

export function isRowResult(value: unknown, row?: string): value is RowResult {
  return typeof value === "object" && value !== null && "row" in value && (row === undefined || (value as RowResult).row === row);
}

export function isCellResult(value: unknown, cell?: string): value is CellResult {
  return typeof value === "object" && value !== null && "cell" in value && (cell === undefined || (value as CellResult).cell === cell);
}
export function isFormResult(value: unknown, form?: string): value is FormResult {
  return typeof value === "object" && value !== null && "form" in value && (form === undefined || (value as FormResult).form === form);
}

/** Zod issues as { field: [messages] }, the first message per field first. */
export function fieldErrors(error: z.ZodError): Record<string, string[]> {
  const errors: Record<string, string[]> = Object.create(null);
  for (const issue of error.issues) {
    const key = issue.path.length ? String(issue.path[0]) : "form";
    (errors[key] ??= []).push(issue.message);
  }
  return errors;
}
