/**
 * The customer portal's reading view of milestones (plan page) and tasks
 * (phases page): a timeline of rows, each with a marker (✓ when completed),
 * its title, who owns it ("Sentry" / "Your team" pills), the due date, and the
 * status: a badge for Sentry's rows, the status form for the customer's own.
 * A completed row reads as done (check mark, muted text, "Completed"); its form
 * sits behind "Change status" instead of looking like an open select. Each row
 * is the anchor a save returns to (`#task-<id>`, `#milestone-<id>`), highlighted
 * while it is the URL's target. Decision 031.
 */
import { OverdueBadge, SideBadge, StatusBadge } from "~/components/poc/badges.tsx";
import { formatDay } from "~/utils/dates.ts";
import { StatusRefusal, StatusSelect, useStatusResult } from "./status-select.tsx";

export type CustomerItem = { id: string; title: string; owner: string | null; side: string; dueDate: Date | string | null; status: string; version: number; updatedBy: string | null };

/** Customer changes are stored with updatedBy "customer". */
export function UpdatedByYou({ updatedBy }: { updatedBy: string | null }) {
  if (updatedBy !== "customer") return null;
  return <span className="text-xs text-ink-700 italic">Updated by you</span>;
}

const MARKER: Record<string, { icon: string; className: string }> = {
  COMPLETED: { icon: "✓", className: "border-emerald-700 bg-emerald-700 text-white" },
  IN_PROGRESS: { icon: "◐", className: "border-sky-700 bg-white text-sky-800" },
  BLOCKED: { icon: "!", className: "border-red-700 bg-white text-red-800" },
  NOT_STARTED: { icon: "", className: "border-ink-300 bg-white text-ink-700" },
};

/** The timeline's list: an ordered line of markers (milestones) or a plain list (a phase's tasks). */
export function CustomerTimeline({ kind, children, label }: { kind: "milestone" | "task"; children: React.ReactNode; label: string }) {
  const List = kind === "milestone" ? "ol" : "ul";
  return (
    <List aria-label={label} className="mt-6 space-y-1">
      {children}
    </List>
  );
}

/** A list item of its page's timeline: milestones are numbered h3 rows, tasks h4 rows under their phase's h3. */
export function CustomerItemRow({ kind, item, number }: { kind: "milestone" | "task"; item: CustomerItem; number?: number }) {
  const Heading = kind === "milestone" ? "h3" : "h4";
  const done = item.status === "COMPLETED";
  const marker = MARKER[item.status] ?? MARKER.NOT_STARTED;
  const justSaved = useStatusResult(item.id) !== undefined;
  return (
    <li
      id={`${kind}-${item.id}`}
      data-status={item.status}
      className="group relative scroll-mt-6 pb-2 pl-11 before:absolute before:top-9 before:bottom-0 before:left-[15px] before:w-0.5 before:bg-ink-100 last:before:hidden"
    >
      <span aria-hidden="true" className={`absolute top-2 left-0 grid h-8 w-8 place-items-center rounded-full border-2 text-sm font-bold ${marker.className}`}>
        {marker.icon}
      </span>
      <div className={`rounded-lg px-3 py-2 group-target:bg-brand-300/20 group-target:ring-2 group-target:ring-brand-500 ${done ? "bg-ink-100/40" : ""}`}>
        <div className="flex flex-wrap items-start justify-between gap-x-3 gap-y-1">
          <Heading className={`min-w-0 font-semibold break-words ${done ? "text-ink-700" : "text-ink-950"}`}>
            {number !== undefined ? <span className="text-ink-700">{number}. </span> : null}
            {item.title}
            {done ? <span className="sr-only"> (completed)</span> : null}
          </Heading>
          <StatusBadge status={item.status} variant="customer" />
        </div>
        <div className="mt-1 flex flex-wrap items-center gap-2 text-sm text-ink-800">
          <SideBadge side={item.side} />
          {item.owner ? <span>Owner: {item.owner}</span> : null}
          <span>{item.dueDate ? `Due ${formatDay(item.dueDate)}` : "No due date"}</span>
          <OverdueBadge item={item} variant="customer" />
          <UpdatedByYou updatedBy={item.updatedBy} />
        </div>
        {item.side === "CUSTOMER" ? (
          done ? (
            <details className="mt-2 text-sm" open={justSaved || undefined}>
              <summary className="cursor-pointer font-semibold text-brand-700">Change status</summary>
              <div className="mt-2">
                <StatusSelect kind={kind} row={item} label={`Status of “${item.title}”`} />
              </div>
            </details>
          ) : (
            <div className="mt-2">
              <StatusSelect kind={kind} row={item} label={`Status of “${item.title}”`} />
            </div>
          )
        ) : (
          <>
            <p className="mt-1 text-xs text-ink-700">Updated by Sentry</p>
            <StatusRefusal rowId={item.id} />
          </>
        )}
      </div>
    </li>
  );
}
