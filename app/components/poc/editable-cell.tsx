/**
 * One editable value of the POC workspace as its own small form: hidden
 * intent/kind/id/field/version, the input, and a Save button. Without
 * JavaScript the button posts the form and the page comes back with this
 * cell's state; with JavaScript the button is hidden and the value saves on
 * blur (selects on change) through a fetcher.
 *
 * No silent overwrites: the form carries the version the person saw. When
 * someone else saved first, the cell says who and what, keeps what this person
 * typed, and takes the newer version, so pressing Save again overwrites on
 * purpose.
 */
import { useFetcher } from "@remix-run/react";
import { useId, useState } from "react";
import { useHydrated } from "~/components/use-hydrated.ts";
import { useWorkspaceActionData } from "./workspace.tsx";
import { cellKey, isCellResult, type CellKind, type CellResult, type WorkspaceActionResult } from "~/modules/poc/staff-schemas.ts";

type CellOption = { value: string; label: string };

type Props = {
  kind: CellKind;
  id: string;
  field: string;
  version: number;
  /** The stored value as a form writes it ("" for none, YYYY-MM-DD for days). */
  value: string;
  /** The accessible name, e.g. Status of “Kick-off call…”. */
  label: string;
  type?: "text" | "email" | "date" | "select" | "textarea";
  options?: readonly CellOption[];
  /** Width and extra classes of the input. */
  inputClassName?: string;
  placeholder?: string;
  /** Shown inside the cell before the input (e.g. the Overdue badge). */
  after?: React.ReactNode;
  /** A visible short label ("Owner") above the input; the accessible name stays `label`. */
  caption?: string;
};

type CellState = {
  draft: string;
  /** The stored value the draft started from (sent as `original`). */
  base: string;
  /** The version the draft is based on (sent as `version`). */
  version: number;
  /** A newer value arrived while this person edited: no auto-save until they choose. */
  conflict: boolean;
  /** The draft last sent and not yet superseded (so leaving an unchanged, rejected value doesn't post it again). */
  sent: string | null;
  seenValue: string;
  seenVersion: number;
  seenResult: CellResult | undefined;
};

function initialState(result: CellResult | undefined, value: string, version: number): CellState {
  const seen = { seenValue: value, seenVersion: version, seenResult: result };
  if (result?.status === "conflict") return { draft: result.typed, base: result.conflict.value, version: result.conflict.version, conflict: true, sent: null, ...seen };
  if (result?.status === "invalid") return { draft: result.typed, base: value, version: result.version, conflict: false, sent: result.typed, ...seen };
  return { draft: value, base: value, version, conflict: false, sent: null, ...seen };
}

/** The next state when the server answered this cell, or the loader brought a newer row. */
function reconcile(state: CellState, result: CellResult | undefined, value: string, version: number): CellState {
  const seen = { seenValue: value, seenVersion: version, seenResult: result };
  if (result && result !== state.seenResult) {
    if (result.status === "saved") return { ...state, draft: result.value, base: result.value, version: result.version, conflict: false, sent: null, ...seen };
    if (result.status === "conflict") return { ...state, draft: result.typed, base: result.conflict.value, version: result.conflict.version, conflict: true, sent: null, ...seen };
    return { ...state, ...seen };
  }
  const editing = state.conflict || state.draft !== state.base;
  // Someone's newer value replaces the shown one, unless this person is editing it.
  if (editing) return { ...state, ...seen };
  return { ...state, draft: value, base: value, version, sent: null, ...seen };
}

export function EditableCell({ kind, id, field, version, value, label, type = "text", options, inputClassName = "", placeholder, after, caption }: Props) {
  const cell = cellKey(kind, id, field);
  const fetcher = useFetcher<WorkspaceActionResult>();
  const actionData = useWorkspaceActionData();
  const hydrated = useHydrated();
  const result = isCellResult(fetcher.data, cell) ? fetcher.data : isCellResult(actionData, cell) ? actionData : undefined;

  const [state, setState] = useState(() => initialState(result, value, version));
  if (result !== state.seenResult || value !== state.seenValue || version !== state.seenVersion) {
    setState(reconcile(state, result, value, version));
  }

  const uid = useId();
  const inputId = `cell-${uid}`;
  const statusId = `${inputId}-status`;
  const busy = fetcher.state !== "idle";
  const display = (v: string) => (v === "" ? "(empty)" : (options?.find((o) => o.value === v)?.label ?? v));
  const invalid = result?.status === "invalid" && state.draft === result.typed ? result : undefined;
  const saved = result?.status === "saved" && !state.conflict && state.draft === state.base;

  const submit = (form: HTMLFormElement | null, draft: string) => {
    if (!form || state.conflict || draft === state.base || draft === state.sent) return;
    setState((s) => ({ ...s, sent: draft }));
    fetcher.submit(form);
  };
  const onChange = (event: React.ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) => {
    const draft = event.currentTarget.value;
    setState((s) => ({ ...s, draft }));
    if (type === "select") submit(event.currentTarget.form, draft);
  };
  const onBlur = (event: React.FocusEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    if (type !== "select") submit(event.currentTarget.form, state.draft);
  };

  const common = {
    id: inputId,
    name: "value",
    value: state.draft,
    onChange,
    "aria-invalid": invalid ? true : undefined,
    "aria-describedby": statusId,
    className: `input px-2 py-1 text-sm ${inputClassName}`,
  };
  const control =
    type === "select" ? (
      <select {...common}>
        {options?.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    ) : type === "textarea" ? (
      <textarea {...common} onBlur={onBlur} rows={3} placeholder={placeholder} />
    ) : (
      <input {...common} onBlur={onBlur} type={type} placeholder={placeholder} />
    );

  return (
    <fetcher.Form method="post" className="min-w-0" data-cell={cell}>
      <input type="hidden" name="intent" value="edit" />
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="field" value={field} />
      <input type="hidden" name="version" value={state.version} />
      <input type="hidden" name="original" value={state.base} />
      {caption ? (
        <p className="label text-xs" aria-hidden="true">
          {caption}
        </p>
      ) : null}
      <label htmlFor={inputId} className="sr-only">
        {label}
      </label>
      <div className="flex flex-wrap items-center gap-1">
        {control}
        {after}
        <button
          type="submit"
          className="btn btn-secondary px-2 py-1 text-xs"
          hidden={hydrated && !state.conflict}
          aria-label={`${state.conflict ? "Save mine for" : "Save"} ${label.charAt(0).toLowerCase()}${label.slice(1)}`}
        >
          {state.conflict ? "Save mine" : "Save"}
        </button>
        {hydrated && state.conflict ? (
          <button type="button" className="btn btn-tertiary py-1 text-xs" onClick={() => setState((s) => ({ ...s, draft: s.base, conflict: false }))}>
            Use theirs
          </button>
        ) : null}
      </div>
      <p id={statusId} aria-live="polite" className="text-xs empty:hidden">
        {busy ? (
          <span className="text-ink-700">Saving…</span>
        ) : state.conflict && result?.status === "conflict" ? (
          <span className="mt-1 block rounded border-l-4 border-amber-600 bg-amber-50 px-2 py-1 text-amber-950" data-conflict>
            Changed by {result.conflict.by} meanwhile: <strong>{display(result.conflict.value)}</strong>. Yours is still in the field: Save to overwrite it.
          </span>
        ) : invalid ? (
          <span className="field-error block">Not saved: {invalid.error}</span>
        ) : saved ? (
          <span className="text-emerald-800">✓ Saved</span>
        ) : null}
      </p>
    </fetcher.Form>
  );
}
