/**
 * Two-factor settings of the signed-in user: turn it on (QR code + code), make
 * new recovery codes, or turn it off (a current code; staff cannot).
 */
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { CodeForm, RecoveryCodes, TotpEnrolmentForm } from "~/components/account/two-factor.tsx";
import { FormErrors } from "~/components/ui/field.tsx";
import {
  disableTwoFactor,
  enableTwoFactor,
  newEnrolment,
  regenerateRecoveryCodes,
  reopenEnrolment,
  TwoFactorRequiredError,
  twoFactorStatus,
} from "~/modules/accounts/two-factor.server.ts";
import { isSharedDemoAccount, SHARED_DEMO_MESSAGE } from "~/modules/accounts/demo-accounts.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { formatDateTime } from "~/utils/dates.ts";
import { redirectWithToast } from "~/utils/toast.server.ts";

export const meta: MetaFunction = () => [{ title: "Two-factor authentication · Sentry Academy" }];
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const status = await twoFactorStatus(user);
  const enrolment = !status.enabled && status.available ? await newEnrolment(user) : null;
  return { status, enrolment: enrolment ? { secret: enrolment.secret, sealed: enrolment.sealed, qrSvg: enrolment.qrSvg } : null };
}

type Failure = { intent: string; fieldErrors: Record<string, string[]>; formErrors: string[]; enrolment?: { secret: string; sealed: string; qrSvg: string } };
const fail = (f: Omit<Failure, "formErrors"> & { formErrors?: string[] }, status = 400) => data<Failure>({ formErrors: [], ...f }, { status });

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const text = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" ? v.slice(0, 1000) : "";
  };
  const code = text("code");
  if (isSharedDemoAccount(user.email)) return fail({ intent, fieldErrors: {}, formErrors: [SHARED_DEMO_MESSAGE] }, 403);
  switch (intent) {
    case "enable-two-factor": {
      const codes = await enableTwoFactor(user.id, text("sealed"), code);
      if (!codes) {
        const status = await twoFactorStatus(user);
        if (status.enabled) return redirectWithToast("/account/two-factor", { kind: "info", message: "Two-factor authentication is already on." });
        const { secret, sealed, qrSvg } = await reopenEnrolment(user, text("sealed"));
        return fail({
          intent,
          enrolment: { secret, sealed, qrSvg },
          fieldErrors: { code: [code.trim() ? "That code didn't match. Check the key in your app and enter the current code." : "Enter the 6-digit code from your app"] },
        });
      }
      return { recoveryCodes: codes, message: "Two-factor authentication is on. From now on, signing in asks for a code from your app." };
    }
    case "regenerate-recovery-codes": {
      if (!code.trim()) return fail({ intent, fieldErrors: { code: ["Enter the current code from your app"] } });
      const codes = await regenerateRecoveryCodes(user.id, code);
      if (!codes) return fail({ intent, fieldErrors: { code: ["That code didn't work. Enter the current code from your app (each code works once)."] } });
      return { recoveryCodes: codes, message: "New recovery codes: the old ones no longer work." };
    }
    case "disable-two-factor": {
      if (!code.trim()) return fail({ intent, fieldErrors: { code: ["Enter the current code from your app"] } });
      try {
        if (!(await disableTwoFactor(user, code))) {
          return fail({ intent, fieldErrors: { code: ["That code didn't work. Enter the current code from your app (each code works once)."] } });
        }
      } catch (error) {
        if (!(error instanceof TwoFactorRequiredError)) throw error;
        return fail({ intent, fieldErrors: {}, formErrors: ["Your role requires two-factor authentication: it cannot be turned off."] }, 403);
      }
      return redirectWithToast("/account#two-factor", { kind: "success", message: "Two-factor authentication is off." });
    }
    default:
      return fail({ intent, fieldErrors: {}, formErrors: ["Unknown action"] });
  }
}

export default function TwoFactorSettings() {
  const { status, enrolment } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = actionData && "fieldErrors" in actionData ? actionData : null;
  const errorsFor = (intent: string) => (failure?.intent === intent ? failure.fieldErrors.code : undefined);
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <p>
        <Link to="/account">← Account settings</Link>
      </p>
      <h1 className="text-3xl font-bold">Two-factor authentication</h1>
      <FormErrors errors={failure?.formErrors} />
      {actionData && "recoveryCodes" in actionData ? (
        <>
          <p role="status" className="font-semibold text-emerald-900">
            {actionData.message}
          </p>
          <RecoveryCodes codes={actionData.recoveryCodes} />
        </>
      ) : null}
      {!status.available ? (
        <p className="card">Two-factor authentication is switched off on this server: an administrator needs to set ENCRYPTION_KEY.</p>
      ) : status.enabled ? (
        <>
          <section className="card space-y-2" aria-labelledby="tf-on">
            <h2 id="tf-on" className="text-xl font-bold">
              On{status.enabledAt ? ` since ${formatDateTime(status.enabledAt)}` : ""}
            </h2>
            <p>
              {status.recoveryCodesLeft} of 10 recovery codes left.{" "}
              {status.required ? "Your role requires two-factor authentication, so it stays on." : null}
            </p>
          </section>
          <section className="card space-y-3" aria-labelledby="tf-codes">
            <h2 id="tf-codes" className="text-xl font-bold">
              New recovery codes
            </h2>
            <p className="text-sm text-ink-800">Makes 10 new codes; the old ones stop working.</p>
            <CodeForm intent="regenerate-recovery-codes" label="Current code from your app" submitLabel="Make new recovery codes" errors={errorsFor("regenerate-recovery-codes")} />
          </section>
          {!status.required ? (
            <section className="card space-y-3" aria-labelledby="tf-off">
              <h2 id="tf-off" className="text-xl font-bold">
                Turn off
              </h2>
              <CodeForm intent="disable-two-factor" label="Current code to turn it off" submitLabel="Turn off two-factor" danger errors={errorsFor("disable-two-factor")} />
            </section>
          ) : null}
        </>
      ) : (
        <section className="card" aria-labelledby="tf-setup">
          <h2 id="tf-setup" className="mb-3 text-xl font-bold">
            Set up
          </h2>
          <TotpEnrolmentForm enrolment={failure?.enrolment ?? enrolment!} errors={errorsFor("enable-two-factor")} />
        </section>
      )}
    </div>
  );
}
