/**
 * The studio's form pieces. Every page has several small POST forms, each with
 * an `intent`; when the server refuses one it answers `{ form, result }` (the
 * form's key and Conform's reply: errors and what was typed), and only that
 * form shows it. Everything works without JavaScript: reordering is a form per
 * row, and deleting opens a disclosure with the real button instead of a
 * confirm() dialog.
 */
import { getInputProps, getSelectProps, getTextareaProps, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { ErrorList } from "~/components/forms.tsx";

export type StudioReply = { form: string; result: SubmissionResult<string[]>; preview?: string };

/** The server's answer to the form with this key, if the last submission was that form. */
export function useStudioReply(formKey: string) {
  const reply = useActionData() as StudioReply | undefined;
  return reply?.form === formKey ? reply : undefined;
}

/** Is this page's form with this intent (and these hidden values) being sent right now? */
export function useSending(intent: string, match: Record<string, string> = {}) {
  const sent = useNavigation().formData;
  return sent?.get("intent") === intent && Object.entries(match).every(([k, v]) => sent.get(k) === v);
}

const describedBy = (meta: FieldMetadata<unknown>, help?: boolean) => [meta.errors ? meta.errorId : null, help ? meta.descriptionId : null].filter(Boolean).join(" ") || undefined;

export function TextareaField({ label, meta, rows = 4, help, className }: { label: string; meta: FieldMetadata<string>; rows?: number; help?: React.ReactNode; className?: string }) {
  return (
    <div className="mb-4">
      <label htmlFor={meta.id} className="label">
        {label}
      </label>
      <textarea
        {...getTextareaProps(meta)}
        rows={rows}
        className={`input ${className ?? ""}`}
        aria-invalid={meta.errors ? true : undefined}
        aria-describedby={describedBy(meta, Boolean(help))}
      />
      {help ? (
        <p id={meta.descriptionId} className="mt-1 text-sm text-ink-700">
          {help}
        </p>
      ) : null}
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

export function SelectField({ label, meta, options }: { label: string; meta: FieldMetadata<string>; options: readonly { value: string; label: string }[] }) {
  return (
    <div className="mb-4">
      <label htmlFor={meta.id} className="label">
        {label}
      </label>
      <select {...getSelectProps(meta)} className="input" aria-invalid={meta.errors ? true : undefined} aria-describedby={describedBy(meta)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

export function CheckboxField({ label, meta, help }: { label: string; meta: FieldMetadata<boolean>; help?: React.ReactNode }) {
  return (
    <div className="mb-4">
      <div className="flex items-start gap-2">
        <input {...getInputProps(meta, { type: "checkbox" })} className="mt-1 h-4 w-4 accent-brand-600" aria-describedby={describedBy(meta, Boolean(help))} />
        <label htmlFor={meta.id} className="text-sm font-semibold text-ink-900">
          {label}
        </label>
      </div>
      {help ? (
        <p id={meta.descriptionId} className="ml-6 mt-1 text-sm text-ink-700">
          {help}
        </p>
      ) : null}
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

/** Up and down buttons for one row: a POST form, so it works without JavaScript. */
export function MoveButtons({ intent, hidden, name, first, last }: { intent: string; hidden: Record<string, string>; name: string; first: boolean; last: boolean }) {
  const sending = useSending(intent, hidden);
  return (
    <Form method="post" preventScrollReset className="flex shrink-0 gap-1">
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <button type="submit" name="direction" value="up" className="btn btn-secondary px-2 py-1 text-xs" disabled={first || sending} aria-label={`Move “${name}” up`}>
        <span aria-hidden="true">↑</span> Up
      </button>
      <button type="submit" name="direction" value="down" className="btn btn-secondary px-2 py-1 text-xs" disabled={last || sending} aria-label={`Move “${name}” down`}>
        <span aria-hidden="true">↓</span> Down
      </button>
    </Form>
  );
}

/** A destructive action behind a disclosure: open it, read what will go, press the real button. */
export function DangerButton({
  summary,
  intent,
  hidden = {},
  button,
  children,
  action,
}: {
  summary: string;
  intent: string;
  hidden?: Record<string, string>;
  button: string;
  children: React.ReactNode;
  action?: string;
}) {
  const sending = useSending(intent, hidden);
  return (
    <details className="group">
      <summary className="btn btn-tertiary cursor-pointer list-none py-1 text-sm text-red-800 [&::-webkit-details-marker]:hidden">{summary}</summary>
      <Form method="post" action={action} className="mt-2 max-w-md rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-950">
        <input type="hidden" name="intent" value={intent} />
        {Object.entries(hidden).map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
        <div>{children}</div>
        <button type="submit" className="btn btn-danger mt-3" disabled={sending}>
          {sending ? "Deleting…" : button}
        </button>
      </Form>
    </details>
  );
}

/** The "Saving…" label of a submit button while its form is being sent. */
export function SubmitButton({ intent, match, label, busyLabel, className = "btn btn-primary" }: { intent: string; match?: Record<string, string>; label: string; busyLabel: string; className?: string }) {
  const sending = useSending(intent, match);
  return (
    <button type="submit" name="intent" value={intent} className={className} disabled={sending}>
      {sending ? busyLabel : label}
    </button>
  );
}
