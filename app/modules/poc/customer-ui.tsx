/**
 * The customer share portal's shared pieces: response headers and meta (no
 * caching, no indexing, no referrer so the token never leaks to docs.sentry.io),
 * status badges with words, the auto-saving status select, and the error
 * boundary. Client-safe: nothing here imports a .server module.
 */
import type { HeadersFunction, MetaDescriptor } from "@remix-run/node";
import { isRouteErrorResponse, useActionData, useFetcher, useRouteError } from "@remix-run/react";
import { useId } from "react";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import { StatusPage } from "~/components/ui/status-page.tsx";
import { useHydrated } from "~/components/use-hydrated.ts";
import { isStatusResult } from "./customer-schemas.ts";
import { isOverdue, ITEM_STATUSES, statusLabel } from "./progress.ts";

export const CUSTOMER_LAYOUT_ID = "routes/customer.$token";

/**
 * On every customer page and data request: the token is a secret in the URL.
 * "same-origin", not "no-referrer": no referrer ever goes to another site, but the
 * page's own form posts keep their Origin (with Origin: null Remix refuses them).
 */
export const CUSTOMER_HEADERS = {
  "Cache-Control": "no-store",
  "X-Robots-Tag": "noindex, nofollow",
  "Referrer-Policy": "same-origin",
} as const;

/** With the Retry-After of a refused change (the link's rate limit, customer-portal.server.ts). */
export const customerHeaders: HeadersFunction = ({ errorHeaders }) => {
  const retryAfter = errorHeaders?.get("Retry-After");
  return { ...CUSTOMER_HEADERS, ...(retryAfter ? { "Retry-After": retryAfter } : {}) };
};

const ROBOTS: MetaDescriptor[] = [
  { name: "robots", content: "noindex, nofollow" },
  { name: "referrer", content: "same-origin" },
];

type MetaArgs = { matches: { id: string; data: unknown; meta: MetaDescriptor[] }[] };

/** "<view> · <customer> · Proof of concept with Sentry", and never indexed. */
export function customerMeta(view: string | null, { matches }: MetaArgs): MetaDescriptor[] {
  const layout = matches.find((m) => m.id === CUSTOMER_LAYOUT_ID)?.data as { customerName?: string } | undefined;
  // A bad token renders the ordinary not-found page: the root's title, nothing about the POC.
  if (!layout?.customerName) return [...(matches.find((m) => m.id === "root")?.meta ?? []), ...ROBOTS];
  return [{ title: `${view ? `${view} · ` : ""}${layout.customerName} · Proof of concept with Sentry` }, ...ROBOTS];
}

// ───────────── dates and badges ─────────────

const dateFormat = new Intl.DateTimeFormat("en-US", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

/** Due and start dates are calendar days stored at UTC midnight. */
export function formatDay(value: Date | string | null | undefined) {
  if (!value) return null;
  const date = typeof value === "string" ? new Date(value) : value;
  return Number.isNaN(date.getTime()) ? null : dateFormat.format(date);
}

const STATUS_STYLE: Record<string, { icon: string; className: string }> = {
  NOT_STARTED: { icon: "○", className: "border-ink-300 bg-ink-100 text-ink-800" },
  IN_PROGRESS: { icon: "◐", className: "border-sky-700/40 bg-sky-50 text-sky-900" },
  COMPLETED: { icon: "✓", className: "border-emerald-700/40 bg-emerald-50 text-emerald-900" },
  BLOCKED: { icon: "!", className: "border-red-700/40 bg-red-50 text-red-900" },
};

const badge = "inline-flex items-center gap-1 rounded-full border px-2 py-0.5 text-xs font-semibold whitespace-nowrap";

/** A status in words with an icon: colour is never the only signal. */
export function StatusBadge({ status }: { status: string }) {
  const style = STATUS_STYLE[status] ?? STATUS_STYLE.NOT_STARTED;
  return (
    <span className={`${badge} ${style.className}`}>
      <span aria-hidden="true">{style.icon}</span>
      {statusLabel(status)}
    </span>
  );
}

export function OverdueBadge({ item }: { item: { status: string; dueDate: Date | string | null } }) {
  if (!isOverdue(item)) return null;
  return (
    <span className={`${badge} border-amber-700/50 bg-amber-50 text-amber-900`}>
      <span aria-hidden="true">!</span>
      Overdue
    </span>
  );
}

export function SideBadge({ side }: { side: string }) {
  return side === "CUSTOMER" ? (
    <span className={`${badge} border-brand-600/40 bg-brand-300/20 text-brand-700`}>Your team</span>
  ) : (
    <span className={`${badge} border-ink-300 bg-white text-ink-800`}>Sentry</span>
  );
}

/** Customer changes are stored with updatedBy "customer". */
export function UpdatedByYou({ updatedBy }: { updatedBy: string | null }) {
  if (updatedBy !== "customer") return null;
  return <span className="text-xs text-ink-700 italic">Updated by you</span>;
}

/** Who made a conflicting change, in the customer's words. */
export const changedBy = (by: string) => (by === "customer" || by === "" ? "someone on your team" : by);

// ───────────── the status select ─────────────

/**
 * The status of a customer-owned milestone or task. Without JavaScript it is a
 * POST form with a Save button; with JavaScript a fetcher saves on change and
 * says so. A version conflict keeps the person's choice and shows the newer value.
 */
export function StatusSelect({ kind, row, label }: { kind: "milestone" | "task"; row: { id: string; version: number; status: string }; label: string }) {
  const fetcher = useFetcher();
  const actionData = useActionData();
  const hydrated = useHydrated();
  const id = useId();
  const result = isStatusResult(fetcher.data, row.id) ? fetcher.data : isStatusResult(actionData, row.id) ? actionData : undefined;
  const conflict = result && "conflict" in result ? result.conflict : undefined;
  const error = result && "error" in result ? result.error : undefined;
  // A 409 is not followed by a reload, so the newer version comes with the answer.
  const version = Math.max(row.version, conflict?.version ?? 0);
  const pending = fetcher.state !== "idle";
  const messageId = `${id}-message`;
  return (
    <fetcher.Form method="post" className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="intent" value="status" />
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="id" value={row.id} />
      <input type="hidden" name="version" value={version} />
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <select
        key={`${version}:${conflict?.chosen ?? ""}`}
        id={id}
        name="status"
        defaultValue={conflict?.chosen ?? row.status}
        className="input w-auto py-1.5 text-sm"
        aria-describedby={messageId}
        aria-invalid={conflict || error ? true : undefined}
        onChange={(event) => fetcher.submit(event.currentTarget.form)}
      >
        {ITEM_STATUSES.map((s) => (
          <option key={s.value} value={s.value}>
            {s.label}
          </option>
        ))}
      </select>
      {hydrated ? null : (
        <button type="submit" className="btn btn-secondary py-1.5">
          Save
        </button>
      )}
      <span id={messageId} role="status" className="text-sm">
        {pending ? (
          <span className="text-ink-700">Saving…</span>
        ) : conflict ? (
          <span className="field-error mt-0 block">
            Changed meanwhile by {changedBy(conflict.by)}: {statusLabel(conflict.value)}. Your choice is kept; save again to use it.
          </span>
        ) : error ? (
          <span className="field-error mt-0 block">{error}</span>
        ) : result?.ok ? (
          <span className="text-emerald-800">✓ Saved</span>
        ) : null}
      </span>
    </fetcher.Form>
  );
}

/**
 * Next to a read-only status: why a change was refused (only reachable by a stale
 * page or a hand-made request, since no select is shown for these rows).
 */
export function StatusRefusal({ rowId }: { rowId: string }) {
  const actionData = useActionData();
  if (!isStatusResult(actionData, rowId) || !("error" in actionData)) return null;
  return (
    <p role="alert" className="field-error">
      {actionData.error}
    </p>
  );
}

// ───────────── errors ─────────────

/** 403s in the customer's words; everything else as anywhere in the app. */
export function CustomerErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 403) {
    return (
      <StatusPage code={403} title="That change isn't open to you">
        <p>{typeof error.data === "string" && error.data ? error.data : "The Sentry team owns this item, so only they can change it."}</p>
      </StatusPage>
    );
  }
  return <GeneralErrorBoundary />;
}
