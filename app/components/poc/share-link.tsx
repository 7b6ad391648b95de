/**
 * The customer link of a POC: the link itself (read-only, with a Copy button
 * once JavaScript runs), create or regenerate it with an optional expiry day,
 * and revoke it. All plain POST forms.
 */
import { Form, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { ErrorList } from "~/components/ui/field.tsx";
import { useHydrated } from "~/components/use-hydrated.ts";
import { useFormResult } from "./row-forms.tsx";
import { formatDay } from "~/utils/dates.ts";

function CopyLink({ value }: { value: string }) {
  const hydrated = useHydrated();
  const [copied, setCopied] = useState(false);
  return (
    <div className="mt-2 flex gap-2">
      <label className="sr-only" htmlFor="customer-link">
        Customer portal link
      </label>
      <input id="customer-link" className="input font-mono text-sm" readOnly value={value} onFocus={(e) => e.currentTarget.select()} data-testid="customer-link" />
      {hydrated ? (
        <button
          type="button"
          className="btn btn-secondary"
          onClick={() => {
            void navigator.clipboard?.writeText(value).then(() => setCopied(true));
          }}
        >
          {copied ? "Copied" : "Copy"}
        </button>
      ) : null}
      <span className="sr-only" aria-live="polite">
        {copied ? "Link copied" : ""}
      </span>
    </div>
  );
}

export function ShareLinkSection({ url, expiresAt, expired }: { url: string | null; expiresAt: Date | null; expired: boolean }) {
  const result = useFormResult("share-link");
  const navigation = useNavigation();
  const intent = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
  const errors = result?.errors.expiresOn;
  const typed = result?.values.expiresOn;
  return (
    <section className="card" aria-labelledby="share-title">
      <h2 id="share-title" className="text-xl font-bold">
        Customer link
      </h2>
      {url ? (
        <>
          <p className="mt-2 text-sm text-ink-800">
            Whoever has this link sees the plan, phases, success criteria, team and documentation links (never the internal notes, Gong calls or AI drafts), and can
            update the status of customer-owned items. No login needed.
          </p>
          <CopyLink value={url} />
          <p className={`mt-2 text-sm ${expired ? "font-semibold text-red-800" : "text-ink-700"}`}>
            {expiresAt ? (expired ? `This link expired on ${formatDay(expiresAt)}: create a new one.` : `Works until the end of ${formatDay(expiresAt)} (UTC).`) : "No expiry date."}
          </p>
        </>
      ) : (
        <p className="mt-2 text-sm text-ink-800">No customer link yet. Create one to share the plan with the customer: they don't need an account.</p>
      )}
      <Form method="post" preventScrollReset className="mt-4 flex flex-wrap items-end gap-3">
        <input type="hidden" name="intent" value="share-link" />
        <div>
          <label htmlFor="share-expires" className="label text-xs">
            Expires on (optional)
          </label>
          <input
            id="share-expires"
            name="expiresOn"
            type="date"
            defaultValue={typeof typed === "string" ? typed : ""}
            className="input px-2 py-1 text-sm"
            aria-invalid={errors ? true : undefined}
            aria-describedby={["share-help", errors ? "share-expires-error" : ""].filter(Boolean).join(" ")}
          />
        </div>
        <button type="submit" className={url ? "btn btn-secondary" : "btn btn-primary"} disabled={intent === "share-link"}>
          {url ? "Regenerate link" : "Create link"}
        </button>
        <p id="share-help" className="w-full text-xs text-ink-700">
          {url ? "Regenerating replaces the link: the current one stops working at once." : "Leave the date empty for a link without expiry."}
        </p>
        <ErrorList id="share-expires-error" errors={errors} />
      </Form>
      {url ? (
        <Form method="post" preventScrollReset className="mt-3">
          <input type="hidden" name="intent" value="revoke-link" />
          <button type="submit" className="btn btn-danger" disabled={intent === "revoke-link"}>
            Revoke link
          </button>
        </Form>
      ) : null}
    </section>
  );
}
