/**
 * The two-factor forms shared by the sign-in step (/login/two-factor) and the
 * account page (/account/two-factor): enrolment (QR code, the secret as text,
 * a code field), entering a code, and the recovery codes shown once.
 * Plain forms with an `intent`: they work without JavaScript.
 */
import { Form, Link } from "@remix-run/react";
import { Field } from "~/components/ui/field.tsx";

export type EnrolmentView = { secret: string; sealed: string; qrSvg: string };

export function TotpEnrolmentForm({ enrolment, errors, submitLabel = "Turn on two-factor" }: { enrolment: EnrolmentView; errors?: string[]; submitLabel?: string }) {
  const grouped = enrolment.secret.replace(/(.{4})/g, "$1 ").trim();
  return (
    <div>
      <ol className="list-decimal space-y-2 pl-5 text-ink-800">
        <li>Open an authenticator app (1Password, Google Authenticator, Authy, Microsoft Authenticator…).</li>
        <li>Scan this QR code, or enter the key below by hand.</li>
        <li>Type the 6-digit code the app shows.</li>
      </ol>
      <div
        className="mx-auto my-4 w-48 max-w-full bg-white p-2"
        role="img"
        aria-label="QR code for your authenticator app"
        // Our own otpauth:// URI drawn by the qrcode library: SVG paths only.
        dangerouslySetInnerHTML={{ __html: enrolment.qrSvg }}
      />
      <p className="text-sm text-ink-800">
        Key for manual entry (time-based, 6 digits, every 30 seconds):{" "}
        <code data-testid="totp-secret" className="break-all rounded bg-ink-100 px-1 font-mono">
          {grouped}
        </code>
      </p>
      <Form method="post" className="mt-4 max-w-xs">
        <input type="hidden" name="intent" value="enable-two-factor" />
        <input type="hidden" name="sealed" value={enrolment.sealed} />
        <Field
          label="6-digit code from the app"
          inputProps={{ id: "enrol-code", name: "code", inputMode: "numeric", autoComplete: "one-time-code", required: true, maxLength: 12 }}
          errors={errors}
        />
        <button type="submit" className="btn btn-primary">
          {submitLabel}
        </button>
      </Form>
    </div>
  );
}

/** The recovery codes, once, with what they are for. */
export function RecoveryCodes({ codes, continueTo }: { codes: string[]; continueTo?: string }) {
  return (
    <div className="rounded-lg border-l-4 border-amber-600 bg-amber-50 px-4 py-3" role="status">
      <h2 className="text-lg font-bold">Save your recovery codes</h2>
      <p className="mt-1 text-sm text-ink-800">
        Each code signs you in once if you lose your authenticator app. Keep them somewhere safe (a password manager): this is the only time
        they are shown.
      </p>
      <ul data-testid="recovery-codes" className="mt-3 grid grid-cols-2 gap-2 font-mono">
        {codes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
      {continueTo ? (
        <Link to={continueTo} className="btn btn-primary mt-4 inline-block">
          I've saved them: continue
        </Link>
      ) : null}
    </div>
  );
}

/** A code field with its own intent (sign-in step, disable, new recovery codes). */
export function CodeForm({
  intent,
  label,
  name = "code",
  submitLabel,
  errors,
  danger = false,
  hidden,
}: {
  intent: string;
  label: string;
  name?: string;
  submitLabel: string;
  errors?: string[];
  danger?: boolean;
  hidden?: Record<string, string>;
}) {
  return (
    <Form method="post" className="max-w-xs">
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(hidden ?? {}).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <Field
        label={label}
        inputProps={{
          id: `${intent}-${name}`,
          name,
          required: true,
          maxLength: 40,
          autoComplete: name === "code" ? "one-time-code" : "off",
          ...(name === "code" ? { inputMode: "numeric" as const } : {}),
        }}
        errors={errors}
      />
      <button type="submit" className={danger ? "btn btn-danger" : "btn btn-primary"}>
        {submitLabel}
      </button>
    </Form>
  );
}
