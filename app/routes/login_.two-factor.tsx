/**
 * The second sign-in step. Reachable only with a pending session (password or
 * OAuth done, second factor owed): a code from the app, or a recovery code; staff
 * who have not enrolled yet enrol here before reaching anything else.
 */
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { AuthCard } from "~/components/auth-card.tsx";
import { CodeForm, RecoveryCodes, TotpEnrolmentForm } from "~/components/account/two-factor.tsx";
import { FormErrors } from "~/components/ui/field.tsx";
import { finishSecondFactor } from "~/modules/accounts/sign-in.server.ts";
import {
  demoCodeFor,
  enableTwoFactor,
  newEnrolment,
  recoveryCodesLeft,
  reopenEnrolment,
  redeemRecoveryCode,
  verifyTotpCode,
} from "~/modules/accounts/two-factor.server.ts";
import { getOptionalUser } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { getEnv } from "~/utils/env.server.ts";
import { safeRedirect } from "~/utils/redirect.ts";
import { rateLimit, resetLimit } from "~/utils/rate-limit.server.ts";
import { getPendingSession } from "~/utils/session.server.ts";
import { toastHeader } from "~/utils/toast.server.ts";

export const meta: MetaFunction = () => [{ title: "Two-factor sign-in · Sentry Academy" }];

// The enrolment secret and the recovery codes are on this page: never cached.
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const h = new Headers({ "Cache-Control": "no-store" });
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) h.set("Retry-After", retryAfter);
  return h;
};

// After enrolling, the page shows the recovery codes: do not reload it (the session is now full).
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionResult, defaultShouldRevalidate }) =>
  actionResult && typeof actionResult === "object" && "recoveryCodes" in actionResult ? false : defaultShouldRevalidate;


export async function loader({ request }: LoaderFunctionArgs) {
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"));
  const pending = await getPendingSession(request);
  if (!pending) {
    if (await getOptionalUser(request)) throw redirect(redirectTo);
    // No redirect: a form post that just finished the step renders here with the old cookie.
    return { mode: "expired" as const, redirectTo, enrolment: null, demoCode: null };
  }
  const row = await prisma.user.findUniqueOrThrow({ where: { id: pending.user.id }, select: { totpSecretCipher: true } });
  if (!row.totpSecretCipher) {
    const { secret, sealed, qrSvg } = await newEnrolment(pending.user);
    return { mode: "enrol" as const, redirectTo, enrolment: { secret, sealed, qrSvg }, demoCode: null };
  }
  const demoCode = getEnv().DEMO_MODE ? await demoCodeFor(pending.user.id) : null;
  return { mode: "verify" as const, redirectTo, enrolment: null, demoCode };
}

type ActionResult = {
  intent: string;
  fieldErrors: Record<string, string[]>;
  formErrors: string[];
  enrolment?: { secret: string; sealed: string; qrSvg: string };
};

function fail(result: Omit<ActionResult, "formErrors" | "fieldErrors"> & Partial<ActionResult>, status = 400, init: ResponseInit = {}) {
  return data<ActionResult>({ fieldErrors: {}, formErrors: [], ...result }, { status, ...init });
}

export async function action({ request }: ActionFunctionArgs) {
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"));
  const pending = await getPendingSession(request);
  if (!pending) return redirect("/login");
  const { user, sessionId } = pending;
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const text = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" ? v.slice(0, 1000) : "";
  };

  if (intent === "cancel") {
    await prisma.session.deleteMany({ where: { id: sessionId } });
    return redirect("/login");
  }

  // Every code tried counts (the "two-factor" rate limit, decision 019): reserved before the code
  // is checked, so parallel guesses cannot get past it; the right code starts the count afresh.
  if (["verify", "recovery", "enable-two-factor"].includes(intent)) {
    const limited = await rateLimit("two-factor", user.id);
    if (limited) return fail({ intent, formErrors: [limited.message] }, 429, { headers: limited.headers });
  }

  const finish = async (headers = new Headers()) => {
    await resetLimit("two-factor", user.id);
    return finishSecondFactor(request, sessionId, user.id, redirectTo, headers);
  };

  switch (intent) {
    case "verify": {
      const code = text("code");
      if (!code.trim()) return fail({ intent, fieldErrors: { code: ["Enter the 6-digit code from your authenticator app"] } });
      if (!(await verifyTotpCode(user.id, code))) {
        return fail({ intent, fieldErrors: { code: ["That code didn't work. Enter the current code from your app (each code works once)."] } });
      }
      const done = await finish();
      return done ? redirect(done.to, { headers: done.headers }) : redirect("/login");
    }
    case "recovery": {
      const code = text("recoveryCode");
      if (!code.trim()) return fail({ intent, fieldErrors: { recoveryCode: ["Enter one of your recovery codes, like abcde-fghjk"] } });
      if (!(await redeemRecoveryCode(user.id, code))) {
        return fail({ intent, fieldErrors: { recoveryCode: ["That recovery code didn't work: it is wrong or was already used."] } });
      }
      const left = await recoveryCodesLeft(user.id);
      const headers = new Headers({
        "Set-Cookie": await toastHeader({
          kind: "info",
          message: `You used a recovery code: ${left} left. Make new ones on your account page if you are running low.`,
        }),
      });
      const done = await finish(headers);
      return done ? redirect(done.to, { headers: done.headers }) : redirect("/login");
    }
    case "enable-two-factor": {
      const codes = await enableTwoFactor(user.id, text("sealed"), text("code"));
      if (!codes) {
        const { secret, sealed: resealed, qrSvg } = await reopenEnrolment(user, text("sealed"));
        return fail({
          intent,
          enrolment: { secret, sealed: resealed, qrSvg },
          fieldErrors: { code: ["That code didn't match. Check the key in your app and enter the current code."] },
        });
      }
      const done = await finish();
      if (!done) return redirect("/login");
      // Answered, not redirected: the only response that shows the recovery codes.
      return data({ recoveryCodes: codes, continueTo: done.to }, { headers: done.headers });
    }
    default:
      return fail({ intent, formErrors: ["Unknown action"] });
  }
}

export default function TwoFactorStep() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  if (actionData && "recoveryCodes" in actionData) {
    return (
      <AuthCard title="Two-factor authentication is on">
        <RecoveryCodes codes={actionData.recoveryCodes} continueTo={actionData.continueTo} />
      </AuthCard>
    );
  }
  const result = actionData && "fieldErrors" in actionData ? actionData : null;
  const errorsFor = (intent: string, field: string) => (result?.intent === intent ? result.fieldErrors[field] : undefined);
  if (loaderData.mode === "expired") {
    return (
      <AuthCard title="Sign-in expired">
        <p>This sign-in step has expired or was already completed.</p>
        <Link to="/login" className="btn btn-primary mt-4 inline-block">
          Log in again
        </Link>
      </AuthCard>
    );
  }
  const cancel = (
    <Form method="post" className="mt-6 border-t border-ink-100 pt-4">
      <input type="hidden" name="intent" value="cancel" />
      <button type="submit" className="btn btn-secondary">
        Cancel and log out
      </button>
    </Form>
  );
  if (loaderData.mode === "enrol") {
    const enrolment = result?.enrolment ?? loaderData.enrolment;
    return (
      <AuthCard
        title="Set up two-factor authentication"
        intro="Your role (instructor, admin or solutions engineer) requires a second factor. Set it up now to continue."
      >
        <FormErrors errors={result?.formErrors} />
        <TotpEnrolmentForm enrolment={enrolment} errors={errorsFor("enable-two-factor", "code")} submitLabel="Turn on and continue" />
        {cancel}
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Two-factor authentication" intro="Enter the 6-digit code from your authenticator app.">
      <FormErrors errors={result?.formErrors} />
      {loaderData.demoCode ? (
        <p className="mb-4 rounded bg-sky-50 px-3 py-2 text-sm text-sky-900" data-testid="demo-code">
          Demo account: the current code is <strong className="font-mono">{loaderData.demoCode}</strong> (shown in demo mode only; its key is in
          the start-up banner).
        </p>
      ) : null}
      <CodeForm intent="verify" label="Authentication code" submitLabel="Verify" errors={errorsFor("verify", "code")} />
      <details className="mt-6" open={result?.intent === "recovery"}>
        <summary className="cursor-pointer font-medium">Lost your phone? Use a recovery code</summary>
        <div className="mt-3">
          <CodeForm intent="recovery" name="recoveryCode" label="Recovery code" submitLabel="Use recovery code" errors={errorsFor("recovery", "recoveryCode")} />
        </div>
      </details>
      {cancel}
    </AuthCard>
  );
}
