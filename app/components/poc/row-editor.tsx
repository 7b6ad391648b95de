/**
 * The editor of one whole row of the workspace (a milestone, task, phase,
 * criterion, team member, or the POC's details): every field of the row.
 *
 * Without JavaScript it is ONE form with ONE Save (intent `edit-row`): the
 * server checks every field, writes the changed ones in one versioned write
 * (updateRow / editPoc) and redirects back to the row. A refused value comes
 * back next to its field (400), a stale save as a conflict (409): their value
 * under each field both changed, the person's own values still in the fields,
 * and the next Save based on the newer version, so keeping one's own is a choice.
 *
 * With JavaScript the same fields are EditableCells: each saves when it loses
 * focus (selects on change), with the cell's own version check and conflict
 * message, as the workspace did before. A person editing a row then never loses
 * a field by forgetting a button, and two people editing different fields of
 * one row don't collide (the cell merge of decision 021).
 */
import { Form } from "@remix-run/react";
import { useId } from "react";
import { ErrorList } from "~/components/ui/field.tsx";
import { useHydrated } from "~/components/use-hydrated.ts";
import { isCellResult, isRowResult, rowKey, wasName, type CellKind, type RowResult } from "~/modules/poc/staff-schemas.ts";
import { EditableCell } from "./editable-cell.tsx";
import { useWorkspaceActionData } from "./workspace.tsx";

type Option = { value: string; label: string };

export type EditorField = {
  name: string;
  /** The visible short label ("Owner"). */
  caption: string;
  /** The accessible name, the same in both modes ("Owner of “Kick-off…”"). */
  label: string;
  type?: "text" | "email" | "date" | "select" | "textarea";
  options?: readonly Option[];
  placeholder?: string;
  /** Spans the editor's two columns (long texts). */
  wide?: boolean;
  /** A line under the caption ("Staff only: never shown to the customer."). */
  note?: string;
};

type Props = {
  kind: CellKind;
  id: string;
  version: number;
  /** The stored values as forms write them (cellValue). */
  values: Record<string, string>;
  fields: readonly EditorField[];
  /** What the form edits, e.g. Edit milestone “Kick-off call…”. */
  legend: string;
  /** The read view's address (no-JS Cancel), e.g. /staff/pocs/1/plan#milestone-1. */
  cancelHref?: string;
  /** This editor freshly drawn from the stored row (after a conflict: "start again from theirs"). */
  reopenHref?: string;
  /** With JS: close the editor. */
  onDone?: () => void;
  saveLabel?: string;
};

/** What the server said about this row's form, if the last post was it. */
function useRowResult(kind: string, id: string): RowResult | undefined {
  const action = useWorkspaceActionData();
  return isRowResult(action, rowKey(kind, id)) ? action : undefined;
}

export function RowEditor({ kind, id, version, values, fields, legend, cancelHref, reopenHref, onDone, saveLabel = "Save" }: Props) {
  const hydrated = useHydrated();
  const result = useRowResult(kind, id);
  const action = useWorkspaceActionData();
  // A no-JS answer to one cell's form of this row (a page that posted one field) shows the cells, with that cell's state.
  const cellAnswer = isCellResult(action) && action.cell.startsWith(`${rowKey(kind, id)}:`);
  if ((hydrated || cellAnswer) && !result) {
    return (
      <div role="group" aria-label={legend} className="space-y-3">
        <p className="text-sm text-ink-700">
          <span className="font-bold text-ink-900">{legend}</span> · each field saves when you leave it.
        </p>
        <div className="grid gap-3 sm:grid-cols-2">
          {fields.map((f) => (
            <div key={f.name} className={f.wide ? "sm:col-span-2" : undefined}>
              <EditableCell kind={kind} id={id} version={version} field={f.name} value={values[f.name] ?? ""} label={f.label} caption={f.caption} type={f.type} options={f.options} placeholder={f.placeholder} />
              {f.note ? <p className="mt-1 text-xs text-ink-700">{f.note}</p> : null}
            </div>
          ))}
        </div>
        {onDone ? (
          <button type="button" className="btn btn-secondary py-1.5 text-sm" onClick={onDone}>
            Done
          </button>
        ) : null}
      </div>
    );
  }
  return <OneSaveForm {...{ kind, id, version, values, fields, legend, cancelHref, reopenHref, saveLabel, result }} />;
}

function OneSaveForm({ kind, id, version, values, fields, legend, cancelHref, reopenHref, saveLabel, result }: Omit<Props, "onDone"> & { result: RowResult | undefined }) {
  const uid = useId();
  const conflict = result?.status === "conflict" ? result : undefined;
  const errors = result?.status === "invalid" ? result.errors : undefined;
  const alertId = `${uid}-alert`;
  return (
    <Form method="post" preventScrollReset key={`${version}:${result?.status ?? ""}`} aria-label={legend} className="space-y-3">
      <input type="hidden" name="intent" value="edit-row" />
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="version" value={result?.version ?? version} />
      <p className="text-sm font-bold text-ink-900">{legend}</p>
      {conflict ? (
        <div id={alertId} role="alert" data-conflict className="rounded-lg border-l-4 border-amber-600 bg-amber-50 px-3 py-2 text-sm text-amber-950">
          Not saved: {conflict.by} changed {Object.keys(conflict.theirs).length === 1 ? "this field" : "these fields"} meanwhile. Their value is under each field; yours are still in the
          fields. Save again to keep yours{reopenHref ? (
            <>
              , or <a href={reopenHref}>start again from theirs</a>
            </>
          ) : null}
          .
        </div>
      ) : null}
      {errors?.form ? <ErrorList errors={errors.form} /> : null}
      <div className="grid gap-3 sm:grid-cols-2">
        {fields.map((f) => {
          const inputId = `${uid}-${f.name}`;
          const fieldErrors = errors?.[f.name];
          const theirs = conflict && f.name in conflict.theirs ? conflict.theirs[f.name] : undefined;
          const describedBy = [fieldErrors ? `${inputId}-error` : null, theirs !== undefined ? `${inputId}-theirs` : null].filter(Boolean).join(" ") || undefined;
          const props = {
            id: inputId,
            name: f.name,
            defaultValue: result?.values[f.name] ?? values[f.name] ?? "",
            className: "input px-2 py-1 text-sm",
            "aria-invalid": fieldErrors ? true : undefined,
            "aria-describedby": describedBy,
          };
          const shown = (v: string) => (v === "" ? "(empty)" : (f.options?.find((o) => o.value === v)?.label ?? v));
          return (
            <div key={f.name} className={f.wide ? "sm:col-span-2" : undefined}>
              <input type="hidden" name={wasName(f.name)} value={conflict ? (conflict.current[f.name] ?? "") : (values[f.name] ?? "")} />
              {/* The caption is what the eye reads; the label (the same words and the row's name) what a screen reader and getByLabel read. */}
              <p className="label text-xs" aria-hidden="true">
                {f.caption}
              </p>
              <label htmlFor={inputId} className="sr-only">
                {f.label}
              </label>
              {f.note ? <p className="-mt-1 mb-1 text-xs text-ink-700">{f.note}</p> : null}
              {f.type === "select" ? (
                <select {...props}>
                  {f.options?.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
              ) : f.type === "textarea" ? (
                <textarea {...props} rows={3} placeholder={f.placeholder} />
              ) : (
                <input {...props} type={f.type ?? "text"} placeholder={f.placeholder} />
              )}
              <ErrorList id={`${inputId}-error`} errors={fieldErrors} />
              {theirs !== undefined && conflict ? (
                <p id={`${inputId}-theirs`} className="mt-1 text-xs text-amber-950" data-theirs={f.name}>
                  Changed by {conflict.by} meanwhile: <strong className="break-words">{shown(theirs)}</strong>
                </p>
              ) : null}
            </div>
          );
        })}
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className="btn btn-primary py-1.5 text-sm">
          {conflict ? "Save mine" : saveLabel}
        </button>
        {cancelHref ? (
          <a href={cancelHref} className="text-sm">
            Cancel
          </a>
        ) : null}
      </div>
    </Form>
  );
}
