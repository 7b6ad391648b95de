/**
 * The plain half of the form kit (no Conform): an input with its label and errors,
 * error lists and form-level errors. Import it from components/forms.tsx, unless the
 * page has no Conform form: this file does not load Conform, forms.tsx does
 * (its Conform fields), and a chunk is loaded whole (decision 027).
 */
import { useId } from "react";

export function ErrorList({ id, errors }: { id?: string; errors?: (string | null | undefined)[] | null }) {
  const list = errors?.filter(Boolean);
  if (!list?.length) return null;
  return (
    <ul id={id} className="field-error space-y-1">
      {list.map((e) => (
        <li key={e}>{e}</li>
      ))}
    </ul>
  );
}

type InputProps = React.InputHTMLAttributes<HTMLInputElement> & { key?: string | undefined };

/** A labelled input with its errors next to it, wired with aria-describedby. */
export function Field({
  label,
  inputProps,
  errors,
  help,
}: {
  label: string;
  inputProps: InputProps;
  errors?: string[] | null;
  help?: React.ReactNode;
}) {
  const fallbackId = useId();
  const { key, ...props } = inputProps;
  const id = props.id ?? fallbackId;
  const errorId = errors?.length ? `${id}-error` : undefined;
  const helpId = help ? `${id}-help` : undefined;
  return (
    <div className="mb-4">
      <label htmlFor={id} className="label">
        {label}
      </label>
      <input
        key={key}
        {...props}
        id={id}
        className="input"
        aria-invalid={errorId ? true : undefined}
        aria-describedby={[errorId, helpId].filter(Boolean).join(" ") || undefined}
      />
      {help ? (
        <p id={helpId} className="mt-1 text-sm text-ink-700">
          {help}
        </p>
      ) : null}
      <ErrorList id={errorId} errors={errors} />
    </div>
  );
}

/** Form-level errors (not tied to one field), announced when they appear. */
export function FormErrors({ id, errors }: { id?: string; errors?: string[] | null }) {
  if (!errors?.length) return null;
  return (
    <div id={id} role="alert" className="mb-4 rounded-lg border-l-4 border-red-700 bg-red-50 px-4 py-3 text-sm text-red-900">
      <ErrorList errors={errors} />
    </div>
  );
}
