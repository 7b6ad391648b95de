/**
 * A POC's activity log as data (decision 021): each line stores what happened
 * (`PocActivity.data`: the action, the row and its kind, the changed fields with
 * their old and new values), and is worded only when it is shown, here, in one
 * place: "In progress" rather than IN_PROGRESS, "due date" rather than dueDate,
 * whether the change came from a page, the customer portal or the API.
 * Client-safe (the staff Overview words it in components/poc/activity.tsx).
 */
import type { RowKind } from "./fields.ts";
import { ITEM_STATUSES, POC_STATUSES, SIDES } from "./progress.ts";
import { formatIsoDay } from "~/utils/dates.ts";

/** A stored value: text, a calendar day as YYYY-MM-DD, or null for nothing. */
type ActivityValue = string | null;
/** One changed field; `old` and `new` are left out for long texts (goals, notes). */
type ActivityChange = { field: string; old?: ActivityValue; new?: ActivityValue };
export type ActivityRow = { kind: RowKind; title: string };

export type ActivityData =
  | { action: "created-poc" }
  | { action: "edited-poc"; changes: ActivityChange[] }
  | { action: "edited"; row: ActivityRow; changes: ActivityChange[] }
  | { action: "added"; row: ActivityRow; phase?: string; side?: string }
  | { action: "removed"; row: ActivityRow }
  | { action: "moved"; row: ActivityRow; direction: "up" | "down" }
  | { action: "confirmed-tech-stack"; platforms: string[] }
  | { action: "created-link"; expiresOn: ActivityValue }
  | { action: "revoked-link" }
  | { action: "deleted-conversation-data" };

/** A value as the log stores it: dates as their calendar day, nothing as null. */
export function activityValue(value: unknown): ActivityValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return formatIsoDay(value);
  return String(value);
}

// ───────────── words ─────────────

const ENUM_WORDS: Record<string, string> = {
  ...Object.fromEntries(POC_STATUSES.map((s) => [s.value, s.label])),
  ...Object.fromEntries(ITEM_STATUSES.map((s) => [s.value, s.label])),
  ...Object.fromEntries(SIDES.map((s) => [s.value, s.label])),
};

const FIELD_WORDS: Record<string, string> = {
  customerName: "customer name",
  accountDomain: "account domain",
  customerLogoUrl: "customer logo",
  ownerId: "SE owner",
  startDate: "start date",
  endDate: "end date",
  internalNotes: "internal notes",
  dueDate: "due date",
};

const KIND_WORDS: Record<RowKind, string> = { milestone: "milestone", phase: "phase", task: "task", criterion: "success criterion", member: "team member" };

const fieldWord = (field: string) => FIELD_WORDS[field] ?? field;
const valueWord = (value: ActivityValue | undefined) => (value === null || value === undefined || value === "" ? "(empty)" : (ENUM_WORDS[value] ?? value));
const rowWords = (row: ActivityRow) => `${KIND_WORDS[row.kind]} “${row.title}”`;

/** What happened, as people read it after the actor's name ("set the status of task “Install the SDK” to Completed"). */
export function activitySentence(data: ActivityData): string {
  switch (data.action) {
    case "created-poc":
      return "created the POC from the templates";
    case "edited-poc":
      return `updated ${data.changes.map((c) => fieldWord(c.field)).join(", ")}`;
    case "edited": {
      const [only] = data.changes;
      if (data.changes.length === 1) return `set the ${fieldWord(only.field)} of ${rowWords(data.row)} to ${valueWord(only.new)}`;
      return `updated ${rowWords(data.row)}: ${data.changes.map((c) => `${fieldWord(c.field)} ${valueWord(c.new)}`).join(", ")}`;
    }
    case "added":
      if (data.row.kind === "member") return `added ${data.side === "CUSTOMER" ? "customer" : "Sentry"} team member ${data.row.title}`;
      return `added ${rowWords(data.row)}${data.phase ? ` to ${data.phase}` : ""}`;
    case "removed":
      return `removed ${rowWords(data.row)}`;
    case "moved":
      return `moved ${data.row.kind === "criterion" ? "a success criterion" : data.row.kind === "member" ? "a team member" : `a ${data.row.kind}`} ${data.direction}`;
    case "confirmed-tech-stack":
      return `confirmed the tech stack: ${data.platforms.join(", ") || "(none)"}`;
    case "created-link":
      return data.expiresOn ? `created a new customer link (expires ${data.expiresOn})` : "created a new customer link";
    case "revoked-link":
      return "revoked the customer link";
    case "deleted-conversation-data":
      return "deleted the Gong transcripts, call participants and AI quotes";
  }
}

/**
 * A stored line's words: from its data; lines written before the log stored
 * data (and left as text by the migration) keep the words they were stored with.
 */
export function activityWords(line: { data: unknown; summary: string }): string {
  return isActivityData(line.data) ? activitySentence(line.data) : line.summary;
}

function isActivityData(value: unknown): value is ActivityData {
  return typeof value === "object" && value !== null && typeof (value as { action?: unknown }).action === "string";
}
