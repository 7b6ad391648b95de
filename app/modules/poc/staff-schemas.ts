/**
 * The staff POC portal's forms, as Zod schemas shared by the server actions and
 * (for the create form) Conform in the browser: one schema per form, and one per
 * editable cell, so a cell's value is checked the same way wherever it is saved.
 * Also the shapes the workspace action answers with, so the pages can render a
 * cell's saved / conflict / invalid state with or without JavaScript.
 */
import { z } from "zod";
import { FEATURE_SLUGS } from "~/modules/academy/taxonomy.ts";
import { ITEM_STATUSES, POC_STATUSES, SIDES, type ItemStatusValue, type PocStatusValue, type SideValue } from "./progress.ts";

// ───────────── small pieces ─────────────

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
/** A real calendar day written YYYY-MM-DD (2026-02-30 is not one). */
export function isIsoDate(value: string) {
  if (!DATE_RE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}
/** A calendar day as the database stores it (a DATE column: midnight UTC). */
export const dateFromIso = (value: string) => new Date(`${value}T00:00:00Z`);

const DATE_MESSAGE = "Use a date like 2026-03-31, or leave it empty";
const statusValues = ITEM_STATUSES.map((s) => s.value) as [ItemStatusValue, ...ItemStatusValue[]];
const pocStatusValues = POC_STATUSES.map((s) => s.value) as [PocStatusValue, ...PocStatusValue[]];
const sideValues = SIDES.map((s) => s.value) as [SideValue, ...SideValue[]];

const requiredText = (what: string, max: number) =>
  z
    .string({ error: `Enter a ${what}` })
    .trim()
    .min(1, `Enter a ${what}`)
    .max(max, `Keep the ${what} under ${max} characters`);
const optionalText = (what: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `Keep the ${what} under ${max} characters`);

/** "" means no date (null); anything else must be a real YYYY-MM-DD day. */
const cellDate = z
  .string()
  .trim()
  .refine((s) => s === "" || isIsoDate(s), DATE_MESSAGE)
  .transform((s) => (s === "" ? null : dateFromIso(s)));
const itemStatus = z.enum(statusValues, { error: "Choose Not started, In progress, Completed or Blocked" });
const side = z.enum(sideValues, { error: "Choose Sentry or Customer" });
const email = z
  .string()
  .trim()
  .max(200, "Keep the email under 200 characters")
  .refine((s) => s === "" || z.email().safeParse(s).success, "Enter an email address like name@example.com");
const feature = z
  .string()
  .trim()
  .refine((s) => s === "" || (FEATURE_SLUGS as string[]).includes(s), "Choose one of the Sentry features, or none")
  .transform((s) => (s === "" ? null : s));

const DOMAIN_RE = /^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
/** "https://www.Acme.com/" is read as "www.acme.com". */
const domain = z
  .string({ error: "Enter the account's domain, like acme.com" })
  .trim()
  .toLowerCase()
  .overwrite((s) => s.replace(/^https?:\/\//, "").replace(/\/.*$/, ""))
  .min(1, "Enter the account's domain, like acme.com")
  .regex(DOMAIN_RE, "Enter a domain like acme.com (no https:// or path)");

// ───────────── create a POC ─────────────

/** Conform turns empty fields into undefined: optional fields are optional here. */
export const CreatePocSchema = z
  .object({
    customerName: requiredText("customer name", 120),
    accountDomain: domain,
    ownerId: z.string({ error: "Choose the SE who owns this POC" }).min(1, "Choose the SE who owns this POC"),
    startDate: z.string().trim().refine(isIsoDate, DATE_MESSAGE).optional(),
    endDate: z.string().trim().refine(isIsoDate, DATE_MESSAGE).optional(),
    goals: optionalText("goals", 5000).optional(),
  })
  .refine((value) => !(value.startDate && value.endDate && isIsoDate(value.startDate) && isIsoDate(value.endDate) && value.endDate < value.startDate), {
    path: ["endDate"],
    message: "The end date is before the start date",
    // Checked even when another field is wrong, so every problem shows at once.
    when: ({ value }) => typeof value === "object" && value !== null,
  });

// ───────────── one cell ─────────────

export const CELL_KINDS = ["milestone", "phase", "task", "criterion", "member", "poc"] as const;
export type CellKind = (typeof CELL_KINDS)[number];

/** The schema of every editable field (the same lists as EDITABLE in poc.server.ts, plus the POC's own fields). */
export const FIELD_SCHEMAS: Record<CellKind, Record<string, z.ZodType>> = {
  milestone: { title: requiredText("title", 200), owner: optionalText("owner", 120), side, dueDate: cellDate, status: itemStatus },
  task: { title: requiredText("title", 200), owner: optionalText("owner", 120), side, dueDate: cellDate, status: itemStatus },
  phase: { name: requiredText("phase name", 120), description: optionalText("description", 1000) },
  criterion: { title: requiredText("title", 200), description: optionalText("description", 1000), feature, status: itemStatus },
  member: { name: requiredText("name", 120), email, role: optionalText("role", 120), side },
  poc: {
    customerName: requiredText("customer name", 120),
    accountDomain: domain,
    ownerId: z.string().min(1, "Choose the SE who owns this POC"),
    status: z.enum(pocStatusValues, { error: "Choose one of the POC statuses" }),
    startDate: cellDate,
    endDate: cellDate,
    goals: optionalText("goals", 5000),
    internalNotes: optionalText("internal notes", 5000),
  },
};

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
const sideOr = (fallback: string) => z.preprocess((v) => (v === undefined || v === "" ? fallback : v), side);

export const ADD_SCHEMAS = {
  milestone: z.object({ title: requiredText("title", 200), owner: orEmpty(optionalText("owner", 120)), side: sideOr("SENTRY"), dueDate: orEmpty(cellDate) }),
  task: z.object({
    phaseId: z.string({ error: "Missing phase" }).min(1, "Missing phase"),
    title: requiredText("title", 200),
    owner: orEmpty(optionalText("owner", 120)),
    side: sideOr("SENTRY"),
    dueDate: orEmpty(cellDate),
  }),
  phase: z.object({ name: requiredText("phase name", 120), description: orEmpty(optionalText("description", 1000)) }),
  criterion: z.object({ title: requiredText("title", 200), description: orEmpty(optionalText("description", 1000)), feature: orEmpty(feature) }),
  member: z.object({ name: requiredText("name", 120), email: orEmpty(email), role: orEmpty(optionalText("role", 120)), side }),
} as const;
export type AddKind = keyof typeof ADD_SCHEMAS;
export const ADD_KINDS = Object.keys(ADD_SCHEMAS) as AddKind[];

// ───────────── share link and tech stack ─────────────

export const ShareLinkSchema = z.object({
  expiresOn: orEmpty(
    z
      .string()
      .trim()
      .refine((s) => s === "" || isIsoDate(s), DATE_MESSAGE)
      .refine((s) => s === "" || s >= new Date().toISOString().slice(0, 10), "Choose today or a later day"),
  ),
});

export const TechStackSchema = z.object({
  platforms: z.array(z.string()).max(40, "Choose at most 40 platforms"),
  notes: orEmpty(optionalText("notes", 2000)),
});

// ───────────── what the workspace action answers ─────────────

/** One cell's answer. `typed` is what the person sent: the page puts it back in the input. */
export type CellResult =
  | { cell: string; status: "saved"; value: string; version: number }
  | { cell: string; status: "conflict"; typed: string; conflict: { by: string; value: string; version: number } }
  | { cell: string; status: "invalid"; typed: string; version: number; error: string };

/** A small form (add a row, share link, tech stack) that was not accepted, with what was typed. */
export type FormResult = { form: string; status: "invalid"; errors: Record<string, string[]>; values: Record<string, string | string[]> };

export type WorkspaceActionResult = CellResult | FormResult;

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
