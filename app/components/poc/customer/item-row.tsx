/**
 * One milestone (plan page) or task (phases page) on the customer portal: title,
 * who owns it, due date, overdue, and either the status select (customer-owned)
 * or the status as Sentry set it.
 */
import { OverdueBadge, SideBadge, StatusBadge } from "~/components/poc/badges.tsx";
import { formatDay } from "~/utils/dates.ts";
import { StatusRefusal, StatusSelect } from "./status-select.tsx";

export type CustomerItem = { id: string; title: string; owner: string | null; side: string; dueDate: Date | string | null; status: string; version: number; updatedBy: string | null };

/** Customer changes are stored with updatedBy "customer". */
export function UpdatedByYou({ updatedBy }: { updatedBy: string | null }) {
  if (updatedBy !== "customer") return null;
  return <span className="text-xs text-ink-700 italic">Updated by you</span>;
}

/** A list item of its page's list: milestones are numbered h3 rows, tasks h4 rows under their phase's h3. */
export function CustomerItemRow({ kind, item, number }: { kind: "milestone" | "task"; item: CustomerItem; number?: number }) {
  const Heading = kind === "milestone" ? "h3" : "h4";
  return (
    <li id={`${kind}-${item.id}`} className={`grid gap-3 ${kind === "milestone" ? "py-4" : "py-3"} sm:grid-cols-[1fr_auto] sm:items-center`}>
      <div className="min-w-0">
        <Heading className="font-semibold break-words">
          {number !== undefined ? <span className="text-ink-700">{number}.</span> : null}
          {number !== undefined ? " " : null}
          {item.title}
        </Heading>
        <div className="mt-1 flex flex-wrap items-center gap-2 text-sm text-ink-800">
          <SideBadge side={item.side} />
          {item.owner ? <span>Owner: {item.owner}</span> : null}
          <span>{item.dueDate ? `Due ${formatDay(item.dueDate)}` : "No due date"}</span>
          <OverdueBadge item={item} variant="customer" />
          <UpdatedByYou updatedBy={item.updatedBy} />
        </div>
      </div>
      <div>
        {item.side === "CUSTOMER" ? (
          <StatusSelect kind={kind} row={item} label={`Status of “${item.title}”`} />
        ) : (
          <>
            <p className="flex flex-wrap items-center gap-2 text-sm">
              <span className="sr-only">Status:</span>
              <StatusBadge status={item.status} variant="customer" />
              <span className="text-ink-700">Updated by Sentry</span>
            </p>
            <StatusRefusal rowId={item.id} />
          </>
        )}
      </div>
    </li>
  );
}
