/**
 * The staff POC workspace's shared pieces: the layout's header data, the tab
 * navigation, badges and date formats. Each tab loads its own rows.
 */
import { formatDay as formatUtcDay } from "~/utils/dates.ts";
import { useActionData, useRouteLoaderData } from "@remix-run/react";
import { SectionTabs } from "~/components/ui/section-tabs.tsx";
import { createContext, useContext } from "react";
import { statusLabel } from "~/modules/poc/progress.ts";
import type { WorkspaceActionResult } from "~/modules/poc/staff-schemas.ts";
import type { loader as workspaceLoader } from "~/routes/staff.pocs.$id.tsx";

export const WORKSPACE_ROUTE_ID = "routes/staff.pocs.$id";

/** The workspace layout's loader data (the POC's name, domain, status, owner, dates and overall progress), for the tabs. */
export function useWorkspace() {
  const data = useRouteLoaderData<typeof workspaceLoader>(WORKSPACE_ROUTE_ID);
  if (!data) throw new Error("useWorkspace() is only available inside /staff/pocs/:id");
  return data;
}

/** The layout route's action answer (a form posted to /staff/pocs/:id without ?index), handed down to the tabs. */
export const LayoutActionContext = createContext<WorkspaceActionResult | undefined>(undefined);

/** What the workspace action answered to the last form this page posted, whichever of its routes received it. */
export function useWorkspaceActionData() {
  const own = useActionData<WorkspaceActionResult>();
  const layout = useContext(LayoutActionContext);
  return own ?? layout;
}

export const WORKSPACE_TABS = [
  { to: "", label: "Overview" },
  { to: "plan", label: "Mutual Action Plan" },
  { to: "phases", label: "Phases and tasks" },
  { to: "criteria", label: "Success criteria" },
  { to: "team", label: "Team" },
  { to: "gong", label: "Gong calls" },
  { to: "ai", label: "AI value framework" },
  { to: "tech", label: "Tech stack and docs" },
] as const;

export function WorkspaceTabs({ pocId }: { pocId: string }) {
  return <SectionTabs label="POC sections" base={`/staff/pocs/${pocId}`} tabs={WORKSPACE_TABS} prefetch="intent" />;
}

// ───────────── badges ─────────────

const STATUS_STYLES: Record<string, { className: string; icon: string }> = {
  NOT_STARTED: { className: "bg-ink-100 text-ink-800", icon: "○" },
  IN_PROGRESS: { className: "bg-sky-100 text-sky-900", icon: "◐" },
  COMPLETED: { className: "bg-emerald-100 text-emerald-900", icon: "✓" },
  BLOCKED: { className: "bg-red-100 text-red-900", icon: "✕" },
};

/** A status as a word with an icon: colour is never the only signal. */
export function StatusBadge({ status }: { status: string }) {
  const style = STATUS_STYLES[status] ?? STATUS_STYLES.NOT_STARTED;
  return (
    <span className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-semibold ${style.className}`}>
      <span aria-hidden="true">{style.icon}</span>
      {statusLabel(status)}
    </span>
  );
}

/** The left border of a status select, by status (the select itself shows the word). */
export const statusAccent = (status: string) =>
  ({ NOT_STARTED: "border-l-ink-300", IN_PROGRESS: "border-l-sky-600", COMPLETED: "border-l-emerald-600", BLOCKED: "border-l-red-700" })[status] ?? "border-l-ink-300";

export function OverdueBadge() {
  return (
    <span className="inline-flex items-center gap-1 rounded-full bg-red-100 px-2 py-0.5 text-xs font-bold text-red-900">
      <span aria-hidden="true">!</span>
      Overdue
    </span>
  );
}

export function Tag({ children, tone = "neutral" }: { children: React.ReactNode; tone?: "neutral" | "customer" | "staff" }) {
  const styles = { neutral: "bg-ink-100 text-ink-800", customer: "bg-amber-100 text-amber-900", staff: "bg-brand-300/30 text-brand-700" };
  return <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-semibold ${styles[tone]}`}>{children}</span>;
}

// ───────────── dates ─────────────

/** A calendar day, the same text on the server and in the browser (UTC). */
export function formatDay(date: Date | string | null | undefined) {
  if (!date) return "not set";
  return formatUtcDay(date);
}

/** "6 Jan 2030 to 6 Feb 2030", "from 6 Jan 2030", "until …" or "no dates set". */
export function formatRange(start: Date | string | null, end: Date | string | null) {
  if (start && end) return `${formatDay(start)} to ${formatDay(end)}`;
  if (start) return `from ${formatDay(start)}`;
  if (end) return `until ${formatDay(end)}`;
  return "no dates set";
}

export function formatWhen(date: Date | string) {
  const d = new Date(date);
  return `${formatDay(d)}, ${d.toISOString().slice(11, 16)} UTC`;
}

/** "Kick-off call: goals, scope…": short enough for an accessible name. */
export function shortTitle(title: string, max = 40) {
  return title.length > max ? `${title.slice(0, max - 1).trimEnd()}…` : title;
}
