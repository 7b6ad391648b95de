/**
 * The studio's own form pieces: reordering is a form per row, and deleting opens
 * a disclosure with the real button instead of a confirm() dialog, so both work
 * without JavaScript. The general fields, submit button and per-form replies are
 * in components/forms.tsx.
 */
import { Form } from "@remix-run/react";
import { useSending } from "~/components/forms.tsx";

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
