/**
 * The staff Overview's recent activity: each stored line worded when shown,
 * from its data (modules/poc/activity.ts: field and status words, the same for
 * a change made on a page, by the customer or through the API).
 */
import { Tag } from "~/components/poc/badges.tsx";
import { formatDateTime } from "~/utils/dates.ts";
import { activityWords } from "~/modules/poc/activity.ts";

export type ActivityLine = { id: string; at: Date | string; actor: string; byCustomer: boolean; summary: string; data: unknown };

/** Who did what, as people read it: "The customer set the status of task “Install the SDK” to Completed". */
function ActivityText({ line }: { line: ActivityLine }) {
  return (
    <>
      <span className="font-semibold">{line.byCustomer ? "The customer" : line.actor}</span> {activityWords(line)}
    </>
  );
}

export function RecentActivity({ activity }: { activity: ActivityLine[] }) {
  if (activity.length === 0) return <p className="mt-2 text-sm text-ink-700">Nothing yet.</p>;
  return (
    <ol className="mt-3 space-y-3" data-testid="activity">
      {activity.map((a) => (
        <li key={a.id} className={`border-l-4 pl-3 text-sm ${a.byCustomer ? "border-amber-500" : "border-ink-300"}`}>
          <p>
            <ActivityText line={a} />
          </p>
          <p className="mt-0.5 flex flex-wrap items-center gap-2 text-xs text-ink-700">
            <time dateTime={new Date(a.at).toISOString()}>{formatDateTime(a.at)}</time>
            {a.byCustomer ? <Tag tone="customer">updated by the customer</Tag> : null}
          </p>
        </li>
      ))}
    </ol>
  );
}
