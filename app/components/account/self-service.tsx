/**
 * The self-service sections of the account page: name, password, two-factor,
 * sessions, data export and account deletion. Each is its own form with its own
 * `intent` (handled by handleSelfServiceIntent), so it works without JavaScript
 * and shows its errors next to its fields.
 */
import { Form, Link, useActionData } from "@remix-run/react";
import { Field, FormErrors } from "~/components/ui/field.tsx";
import { formatDateTime } from "~/utils/dates.ts";

export type SelfServiceFailure = { intent: string; fieldErrors: Record<string, string[]>; formErrors: string[] };

/** This section's errors from the last post, if the last post was this section's. */
function useFailure(intent: string): SelfServiceFailure | null {
  const actionData = useActionData() as { selfService?: SelfServiceFailure } | undefined;
  return actionData?.selfService?.intent === intent ? actionData.selfService : null;
}

function Intent({ value }: { value: string }) {
  return <input type="hidden" name="intent" value={value} />;
}

export function NameSection({ name }: { name: string }) {
  const failure = useFailure("change-name");
  return (
    <section id="name" aria-labelledby="name-heading" className="card">
      <h2 id="name-heading" className="text-xl font-bold">
        Your name
      </h2>
      <p className="mt-2 text-sm text-ink-800">The name printed on your certificates (those already issued show the new name too).</p>
      <Form method="post" className="mt-4 max-w-md">
        <Intent value="change-name" />
        <FormErrors errors={failure?.formErrors} />
        <Field label="Full name" inputProps={{ id: "account-name", name: "name", defaultValue: name, autoComplete: "name", maxLength: 80 }} errors={failure?.fieldErrors.name} />
        <button type="submit" className="btn btn-primary">
          Save name
        </button>
      </Form>
    </section>
  );
}

export function PasswordSection({ hasPassword }: { hasPassword: boolean }) {
  const failure = useFailure("change-password");
  return (
    <section id="password" aria-labelledby="password-heading" className="card">
      <h2 id="password-heading" className="text-xl font-bold">
        Password
      </h2>
      {hasPassword ? (
        <Form method="post" className="mt-4 max-w-md">
          <Intent value="change-password" />
          <FormErrors errors={failure?.formErrors} />
          <Field
            label="Current password"
            inputProps={{ id: "current-password", name: "currentPassword", type: "password", autoComplete: "current-password" }}
            errors={failure?.fieldErrors.currentPassword}
          />
          <Field
            label="New password"
            inputProps={{ id: "new-password", name: "newPassword", type: "password", autoComplete: "new-password" }}
            errors={failure?.fieldErrors.newPassword}
            help="At least 10 characters."
          />
          <Field
            label="Repeat the new password"
            inputProps={{ id: "confirm-password", name: "confirmPassword", type: "password", autoComplete: "new-password" }}
            errors={failure?.fieldErrors.confirmPassword}
          />
          <p className="mb-3 text-sm text-ink-800">Changing it logs out your other browsers and revokes all your API tokens.</p>
          <button type="submit" className="btn btn-primary">
            Change password
          </button>
        </Form>
      ) : (
        <div className="mt-2">
          <FormErrors errors={failure?.formErrors} />
          <p className="text-ink-800">
            You sign in with GitHub or Google, so there is no password to change. <Link to="/forgot-password">Set a password</Link> through a
            reset link if you want one.
          </p>
        </div>
      )}
    </section>
  );
}

export function TwoFactorSummary({ enabled, required, available, recoveryCodesLeft }: { enabled: boolean; required: boolean; available: boolean; recoveryCodesLeft: number }) {
  return (
    <section id="two-factor" aria-labelledby="two-factor-heading" className="card">
      <h2 id="two-factor-heading" className="text-xl font-bold">
        Two-factor authentication
      </h2>
      <p className="mt-2 text-ink-800">
        {!available
          ? "Not available on this server (it needs ENCRYPTION_KEY)."
          : enabled
            ? `On: signing in asks for a code from your authenticator app. ${recoveryCodesLeft} recovery codes left.`
            : "Off: add a code from an authenticator app to your password."}{" "}
        {required ? "Your role requires it." : null}
      </p>
      {available ? (
        <Link to="/account/two-factor" className="btn btn-secondary mt-4 inline-block">
          {enabled ? "Manage two-factor" : "Set up two-factor"}
        </Link>
      ) : null}
    </section>
  );
}

type SessionRow = { handle: string | null; device: string; createdAt: string | Date; expiresAt: string | Date; current: boolean; twoFactorPending?: boolean };

export function SessionsSection({ sessions, apiTokenCount }: { sessions: SessionRow[]; apiTokenCount: number }) {
  const failure = useFailure("revoke-session");
  const others = sessions.filter((s) => !s.current).length;
  return (
    <section id="sessions" aria-labelledby="sessions-heading" className="card">
      <h2 id="sessions-heading" className="text-xl font-bold">
        Where you're logged in
      </h2>
      <FormErrors errors={failure?.formErrors} />
      <ul className="mt-4 divide-y divide-ink-100">
        {sessions.map((s, i) => (
          <li key={s.handle ?? `current-${i}`} className="flex flex-wrap items-center justify-between gap-2 py-3">
            <div>
              <p className="font-medium">
                {s.device}
                {s.current ? <span className="ml-2 rounded bg-emerald-100 px-2 py-0.5 text-xs font-semibold text-emerald-900">This browser</span> : null}
                {s.twoFactorPending ? (
                  <span className="ml-2 rounded bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900">Password entered, waiting for the two-factor code</span>
                ) : null}
              </p>
              <p className="text-sm text-ink-700">
                Signed in {formatDateTime(s.createdAt)} · expires {formatDateTime(s.expiresAt)}
              </p>
            </div>
            {s.handle ? (
              <Form method="post">
                <Intent value="revoke-session" />
                <input type="hidden" name="session" value={s.handle} />
                <button type="submit" className="btn btn-secondary" aria-label={`Log out ${s.device}, signed in ${formatDateTime(s.createdAt)}`}>
                  Log out
                </button>
              </Form>
            ) : null}
          </li>
        ))}
      </ul>
      <div className="mt-4 flex flex-wrap gap-3">
        {others > 0 ? (
          <Form method="post">
            <Intent value="logout-others" />
            <button type="submit" className="btn btn-secondary">
              Log out all other browsers
            </button>
          </Form>
        ) : null}
        <Form method="post">
          <Intent value="logout-everywhere" />
          <button type="submit" className="btn btn-danger">
            Log out everywhere
          </button>
        </Form>
      </div>
      <p className="mt-2 text-sm text-ink-700">
        "Log out everywhere" ends {sessions.length === 1 ? "this session" : `all ${sessions.length} sessions, including this one,`} and revokes your {apiTokenCount} API token
        {apiTokenCount === 1 ? "" : "s"}.
        "Log out all other browsers" keeps you signed in here, and keeps your API tokens.
      </p>
    </section>
  );
}

type ExportRow = { id: string; status: string; createdAt: string | Date; readyAt: string | Date | null; expiresAt: string | Date } | null;

export function DataExportSection({ latest }: { latest: ExportRow }) {
  return (
    <section id="export" aria-labelledby="export-heading" className="card">
      <h2 id="export-heading" className="text-xl font-bold">
        Export your data
      </h2>
      <p className="mt-2 text-ink-800">
        One JSON file with your profile, enrolments, progress, quiz attempts, certificates, notes, posts, bookmarks, API token names and your
        Sentry connection (never tokens or passwords). It is prepared in the background; the link works for 7 days, only for you.
      </p>
      {latest?.status === "READY" ? (
        <p className="mt-3" role="status">
          <a href={`/account/export/${latest.id}`} className="font-semibold" download>
            Download your data (prepared {formatDateTime(latest.readyAt ?? latest.createdAt)})
          </a>{" "}
          <span className="text-sm text-ink-700">· available until {formatDateTime(latest.expiresAt)}</span>
        </p>
      ) : latest?.status === "PENDING" ? (
        <p className="mt-3" role="status">
          Your export is being prepared (asked {formatDateTime(latest.createdAt)}). Reload this page in a moment for the download link.
        </p>
      ) : latest?.status === "FAILED" ? (
        <p className="mt-3 text-red-900" role="status">
          The last export failed. Please try again.
        </p>
      ) : null}
      {latest?.status !== "PENDING" ? (
        <Form method="post" className="mt-4">
          <Intent value="request-export" />
          <button type="submit" className="btn btn-secondary">
            {latest?.status === "READY" ? "Prepare a new export" : "Export my data"}
          </button>
        </Form>
      ) : null}
    </section>
  );
}

export function DeleteAccountSection({ deletionDueAt, hasPassword, graceDays }: { deletionDueAt: string | Date | null; hasPassword: boolean; graceDays: number }) {
  const failure = useFailure("delete-account");
  return (
    <section id="delete-account" aria-labelledby="delete-heading" className="card border-red-200">
      <h2 id="delete-heading" className="text-xl font-bold">
        Delete your account
      </h2>
      {deletionDueAt ? (
        <div className="mt-3 rounded-lg border-l-4 border-red-700 bg-red-50 px-4 py-3" role="status">
          <p className="font-semibold text-red-900">Your account is scheduled for deletion on {formatDateTime(deletionDueAt)}.</p>
          <Form method="post" className="mt-3">
            <Intent value="cancel-deletion" />
            <button type="submit" className="btn btn-primary">
              Cancel the deletion and keep my account
            </button>
          </Form>
        </div>
      ) : (
        <Form method="post" className="mt-4 max-w-md">
          <Intent value="delete-account" />
          <FormErrors errors={failure?.formErrors} />
          <p className="mb-3 text-ink-800">
            Your account is deleted {graceDays} days after you ask; you are logged out everywhere and your API tokens stop working now. Log in
            before then to cancel. Then your profile, progress, notes, bookmarks, sessions, tokens and Sentry data are removed, and your
            discussion posts stay as "Deleted user".
          </p>
          <fieldset className="mb-4">
            <legend className="label">Your certificates</legend>
            <label className="flex items-start gap-2">
              <input type="radio" name="keepCertificates" value="yes" /> Keep them verifiable (the verification page keeps showing the name and
              course)
            </label>
            <label className="mt-1 flex items-start gap-2">
              <input type="radio" name="keepCertificates" value="no" defaultChecked /> Remove them (their links stop working)
            </label>
            {failure?.fieldErrors.keepCertificates ? <p className="field-error">{failure.fieldErrors.keepCertificates[0]}</p> : null}
          </fieldset>
          {hasPassword ? (
            <Field
              label="Your password"
              inputProps={{ id: "delete-password", name: "password", type: "password", autoComplete: "current-password" }}
              errors={failure?.fieldErrors.password}
            />
          ) : null}
          <Field
            label="Type DELETE to confirm"
            inputProps={{ id: "delete-confirm", name: "confirm", autoComplete: "off" }}
            errors={failure?.fieldErrors.confirm}
          />
          <button type="submit" className="btn btn-danger">
            Delete my account
          </button>
        </Form>
      )}
    </section>
  );
}
