/**
 * The form kit: labelled fields with their errors next to them (wired with
 * aria-describedby and aria-invalid), the submit button with its pending label,
 * and per-form replies for pages with several forms. Every form is a POST that
 * works without JavaScript; the fields take Conform's field metadata.
 *
 * Several forms on one page: each form sends an `intent`, and when the server
 * refuses one it answers `{ form, result }` (the form's key and Conform's reply:
 * errors and what was typed, made with `formReply` in utils/form-reply.server.ts),
 * and only the form with that key shows it (`useFormReply`).
 */
import { getInputProps, getSelectProps, getTextareaProps, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { useActionData, useNavigation } from "@remix-run/react";
import { ErrorList } from "~/components/ui/field.tsx";

export { ErrorList, Field, FormErrors } from "~/components/ui/field.tsx";

// ───────────── several forms on one page ─────────────

/** An action's answer to one of the page's forms: its key, and Conform's reply. */
type FormReply<Extra extends object = object> = { form: string; result: SubmissionResult<string[]> } & Extra;

/** The server's answer to the form with this key, if the last submission was that form. */
export function useFormReply<Extra extends object = object>(formKey: string) {
  const reply = useActionData() as FormReply<Extra> | undefined;
  return reply?.form === formKey ? reply : undefined;
}

// ───────────── pending state ─────────────

/** Is this page's form with this intent (and these hidden values) being sent right now? */
export function useSending(intent: string, match: Record<string, string> = {}) {
  const sent = useNavigation().formData;
  return sent?.get("intent") === intent && Object.entries(match).every(([k, v]) => sent.get(k) === v);
}

/** Is a form posting to this URL being submitted right now (a page with one form and no intent)? */
export function useIsPending(formAction: string) {
  const navigation = useNavigation();
  return navigation.state === "submitting" && navigation.formAction === formAction;
}

/**
 * A submit button that says it is busy while its form is sent. With `intent`, the
 * button itself sends `intent=<intent>` and is busy while that intent is sent; a
 * form that sends its intent in a hidden input (or has none) passes `pending`.
 */
export function SubmitButton({
  intent,
  match,
  pending,
  label,
  busyLabel,
  className = "btn btn-primary",
}: {
  intent?: string;
  match?: Record<string, string>;
  pending?: boolean;
  label: string;
  busyLabel: string;
  className?: string;
}) {
  const sending = useSending(intent ?? "", match);
  const busy = pending ?? (intent !== undefined && sending);
  return (
    <button type="submit" name={intent ? "intent" : undefined} value={intent} className={className} disabled={busy}>
      {busy ? busyLabel : label}
    </button>
  );
}

// ───────────── fields (Conform metadata) ─────────────

const describedBy = (meta: FieldMetadata<unknown>, help?: boolean) => [meta.errors ? meta.errorId : null, help ? meta.descriptionId : null].filter(Boolean).join(" ") || undefined;

export function TextareaField({
  label,
  meta,
  rows = 4,
  help,
  className,
  placeholder,
  wrapperClassName = "mb-4",
}: {
  label: React.ReactNode;
  meta: FieldMetadata<string>;
  rows?: number;
  help?: React.ReactNode;
  className?: string;
  placeholder?: string;
  /** The wrapper's classes: its margin by default, "" where the form spaces its own parts. */
  wrapperClassName?: string;
}) {
  return (
    <div className={wrapperClassName || undefined}>
      <label htmlFor={meta.id} className="label">
        {label}
      </label>
      <textarea
        {...getTextareaProps(meta)}
        rows={rows}
        placeholder={placeholder}
        className={className ? `input ${className}` : "input"}
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

export function SelectField({ label, meta, options }: { label: React.ReactNode; meta: FieldMetadata<string>; options: readonly { value: string; label: string }[] }) {
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

export function CheckboxField({ label, meta, help }: { label: React.ReactNode; meta: FieldMetadata<boolean>; help?: React.ReactNode }) {
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
