/**
 * The customer's one write on the plan and phases pages: the status of a
 * customer-owned milestone or task, and why a change was refused.
 */
import { useActionData, useFetcher } from "@remix-run/react";
import { useId } from "react";
import { useHydrated } from "~/components/use-hydrated.ts";
import { isStatusResult } from "~/modules/poc/customer-results.ts";
import { ITEM_STATUSES, statusLabel } from "~/modules/poc/progress.ts";

/** Who made a conflicting change, in the customer's words. */
export const changedBy = (by: string) => (by === "customer" || by === "" ? "someone on your team" : by);

/**
 * The status of a customer-owned milestone or task. Without JavaScript it is a
 * POST form with a Save button; with JavaScript a fetcher saves on change and
 * says so. A version conflict keeps the person's choice and shows the newer value.
 */
export function StatusSelect({ kind, row, label }: { kind: "milestone" | "task"; row: { id: string; version: number; status: string }; label: string }) {
  const fetcher = useFetcher({ key: `status-${row.id}` });
  const hydrated = useHydrated();
  const id = useId();
  const result = useStatusResult(row.id);
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
      {/* With JS the answer comes back in place; without, the save redirects to the page at this row (PRG). */}
      {hydrated ? <input type="hidden" name="stay" value="1" /> : null}
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <select
        key={`${version}:${conflict?.chosen ?? ""}`}
        id={id}
        name="status"
        defaultValue={conflict?.chosen ?? row.status}
        className="input max-w-56 py-1.5 text-sm"
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

/** This row's last status answer (the fetcher's with JS, the action's without), if any. */
export function useStatusResult(rowId: string) {
  const fetcher = useFetcher({ key: `status-${rowId}` });
  const actionData = useActionData();
  return isStatusResult(fetcher.data, rowId) ? fetcher.data : isStatusResult(actionData, rowId) ? actionData : undefined;
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
