/**
 * Progress and overdue rules of the POC portal, pure so pages, the API and
 * tests agree. Completed counts as done; blocked counts as not done.
 */
export const ITEM_STATUSES = [
  { value: "NOT_STARTED", label: "Not started" },
  { value: "IN_PROGRESS", label: "In progress" },
  { value: "COMPLETED", label: "Completed" },
  { value: "BLOCKED", label: "Blocked" },
] as const;
export type ItemStatusValue = (typeof ITEM_STATUSES)[number]["value"];
export const statusLabel = (value: string) => ITEM_STATUSES.find((s) => s.value === value)?.label ?? value;

export const POC_STATUSES = [
  { value: "PLANNING", label: "Planning" },
  { value: "ACTIVE", label: "In progress" },
  { value: "ON_HOLD", label: "On hold" },
  { value: "WON", label: "Won" },
  { value: "LOST", label: "Lost" },
] as const;
export type PocStatusValue = (typeof POC_STATUSES)[number]["value"];
export const pocStatusLabel = (value: string) => POC_STATUSES.find((s) => s.value === value)?.label ?? value;

export const SIDES = [
  { value: "SENTRY", label: "Sentry" },
  { value: "CUSTOMER", label: "Customer" },
] as const;
export type SideValue = (typeof SIDES)[number]["value"];

export type Progress = { done: number; total: number; percent: number };

export function progressOf(items: { status: string }[]): Progress {
  return progressFrom(items.filter((i) => i.status === "COMPLETED").length, items.length);
}

/** Progress from counts (`done` of `total` completed). */
export function progressFrom(done: number, total: number): Progress {
  return { done, total, percent: total === 0 ? 0 : Math.round((100 * done) / total) };
}

/** Today as a UTC date string (YYYY-MM-DD): due dates are calendar days. */
function todayUtc(now = new Date()) {
  return now.toISOString().slice(0, 10);
}

export function isOverdue(item: { status: string; dueDate: Date | string | null }, now = new Date()) {
  if (!item.dueDate || item.status === "COMPLETED") return false;
  const due = typeof item.dueDate === "string" ? item.dueDate.slice(0, 10) : item.dueDate.toISOString().slice(0, 10);
  return due < todayUtc(now);
}

/** Overall progress: every milestone, task and success criterion counts once. */
export function overallProgress(poc: { milestones: { status: string }[]; tasks: { status: string }[]; criteria: { status: string }[] }): Progress {
  return progressOf([...poc.milestones, ...poc.tasks, ...poc.criteria]);
}
