/**
 * The workspace's row forms that work the same with JavaScript off: move up or
 * down and remove (one small POST form each), and the "Add …" form at the
 * bottom of a table, which keeps what was typed and shows errors next to the
 * fields when the server refuses it.
 */
import { Form, useNavigation } from "@remix-run/react";
import { useId } from "react";
import { ErrorList } from "~/components/ui/field.tsx";
import { isFormResult, type FormResult } from "~/modules/poc/staff-schemas.ts";
import { shortTitle } from "~/utils/text.ts";
import { useWorkspaceActionData } from "./workspace.tsx";

/** What the server said about one of the page's small forms (errors, typed values), if it was that form. */
export function useFormResult(formId: string): FormResult | undefined {
  const actionData = useWorkspaceActionData();
  return isFormResult(actionData, formId) ? actionData : undefined;
}

export function RowControls({ kind, id, name, first, last }: { kind: string; id: string; name: string; first: boolean; last: boolean }) {
  const short = shortTitle(name);
  return (
    <div className="flex flex-wrap items-center gap-1">
      <Form method="post" preventScrollReset className="flex gap-1">
        <input type="hidden" name="intent" value="move" />
        <input type="hidden" name="kind" value={kind} />
        <input type="hidden" name="id" value={id} />
        <button type="submit" name="direction" value="up" className="btn btn-secondary px-2 py-1 text-xs" disabled={first} aria-label={`Move “${short}” up`}>
          <span aria-hidden="true">↑</span> Up
        </button>
        <button type="submit" name="direction" value="down" className="btn btn-secondary px-2 py-1 text-xs" disabled={last} aria-label={`Move “${short}” down`}>
          <span aria-hidden="true">↓</span> Down
        </button>
      </Form>
      <Form
        method="post"
        preventScrollReset
        onSubmit={(event) => {
          if (!window.confirm(`Remove “${name}”? This can't be undone.`)) event.preventDefault();
        }}
      >
        <input type="hidden" name="intent" value="remove" />
        <input type="hidden" name="kind" value={kind} />
        <input type="hidden" name="id" value={id} />
        <button type="submit" className="btn btn-tertiary py-1 text-xs text-red-800" aria-label={`Remove “${short}”`}>
          Remove
        </button>
      </Form>
    </div>
  );
}

/** A POST form with hidden intent=add and kind; its fields come as children. */
export function AddRowForm({
  kind,
  formId,
  legend,
  submitLabel,
  resetKey,
  hidden,
  collapsed,
  children,
}: {
  kind: string;
  formId: string;
  legend: string;
  submitLabel: string;
  /** Changes when a row was added, so the fields empty again. */
  resetKey: string | number;
  hidden?: Record<string, string>;
  /** Behind a "+ legend" disclosure (open again when the server refused it): for the add forms repeated per phase. */
  collapsed?: boolean;
  children: React.ReactNode;
}) {
  const navigation = useNavigation();
  const sent = navigation.state === "submitting" ? navigation.formData : undefined;
  const busy = sent?.get("intent") === "add" && sent.get("kind") === kind && Object.entries(hidden ?? {}).every(([name, value]) => sent.get(name) === value);
  const result = useFormResult(formId);
  const form = (
    <Form key={resetKey} method="post" preventScrollReset className="mt-3 rounded-lg border border-dashed border-ink-300 bg-ink-100/40 p-3">
      <fieldset>
        <legend className="text-sm font-bold text-ink-900">{legend}</legend>
        <input type="hidden" name="intent" value="add" />
        <input type="hidden" name="kind" value={kind} />
        {Object.entries(hidden ?? {}).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <div className="mt-2 flex flex-wrap items-start gap-3">
          {children}
          <button type="submit" className="btn btn-secondary mt-6 py-1.5" disabled={busy}>
            {busy ? "Adding…" : submitLabel}
          </button>
        </div>
        {result?.errors.form ? <ErrorList errors={result.errors.form} /> : null}
      </fieldset>
    </Form>
  );
  if (!collapsed) return form;
  return (
    <details className="mt-3" open={result ? true : undefined}>
      <summary className="cursor-pointer text-sm font-semibold text-brand-700">+ {legend}</summary>
      {form}
    </details>
  );
}

type SmallFieldProps = {
  formId: string;
  name: string;
  label: string;
  type?: "text" | "email" | "date" | "select";
  options?: readonly { value: string; label: string }[];
  defaultValue?: string;
  className?: string;
};

/** A labelled input of an add form, with the server's error under it and the typed value kept. */
export function SmallField({ formId, name, label, type = "text", options, defaultValue = "", className = "w-48" }: SmallFieldProps) {
  const result = useFormResult(formId);
  const id = `${useId()}-${name}`;
  const errors = result?.errors[name];
  const typed = result?.values[name];
  const value = typeof typed === "string" ? typed : defaultValue;
  const props = {
    id,
    name,
    defaultValue: value,
    className: "input px-2 py-1 text-sm",
    "aria-invalid": errors ? true : undefined,
    "aria-describedby": errors ? `${id}-error` : undefined,
  };
  return (
    <div className={className}>
      <label htmlFor={id} className="label text-xs">
        {label}
      </label>
      {type === "select" ? (
        <select {...props}>
          {options?.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      ) : (
        <input {...props} type={type} />
      )}
      <ErrorList id={`${id}-error`} errors={errors} />
    </div>
  );
}
