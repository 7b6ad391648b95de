import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "~/utils/zod.server.ts";
import { AuthCard } from "~/components/auth-card.tsx";
import type { TokenState } from "~/modules/accounts/one-time-token.server.ts";
import {
  checkEmailToken,
  confirmEmailChange,
  confirmEmailVerification,
  emailLinkPurpose,
  resendVerificationEmail,
} from "~/modules/accounts/verification.server.ts";
import { getOptionalUser, requireUser } from "~/utils/auth.server.ts";
import { rateLimit } from "~/utils/rate-limit.server.ts";
import { safeRedirect } from "~/utils/redirect.ts";
import { redirectWithToast } from "~/utils/toast.server.ts";

export const meta: MetaFunction = () => [{ title: "Confirm your email address · Sentry Academy" }, { name: "referrer", content: "same-origin" }];

// The page carries a live token in its URL: never cached, and (the meta tag) never sent to another site as a
// Referer. same-origin, not no-referrer: under no-referrer Chromium posts the form with Origin: null, which Remix refuses.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

const PROBLEMS: Record<Exclude<TokenState, "valid"> | "taken", string> = {
  invalid: "This link isn't valid: check that you copied the whole link. A newer link, or a change of address, replaces older ones.",
  expired: "This link has expired: links work for 24 hours.",
  used: "This link has already been used.",
  taken: "Another account uses this address now, so yours stays as it was.",
};

/** GET never uses the token up (mail scanners open links): it shows what the link does, and a button. */
export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const user = await getOptionalUser(request);
  const purpose = token ? await emailLinkPurpose(token) : null;
  const { state, row } = purpose ? await checkEmailToken(token, purpose) : { state: "invalid" as const, row: null };
  return {
    token,
    purpose,
    email: state === "valid" ? (row?.email ?? null) : null,
    problem: state === "valid" ? null : PROBLEMS[state],
    canResend: Boolean(user && !user.emailVerified),
  };
}

// Functions, not a module-level value: checked on the server only, so Zod stays out of this page's JS (decision 028).
const confirmSchema = () => z.object({ intent: z.literal("confirm"), token: z.string().min(10).max(200) });
const resendSchema = () => z.object({ intent: z.literal("resend"), redirectTo: z.string().max(2000).optional() });

export async function action({ request }: ActionFunctionArgs) {
  const form = Object.fromEntries(await request.formData());
  const resend = resendSchema().safeParse(form);
  if (resend.success) {
    const user = await requireUser(request);
    const back = safeRedirect(resend.data.redirectTo, "/dashboard");
    // Each resend mails the address: counted per account (decision 019); the banner's page says when to try again.
    const limited = await rateLimit("verification-email", user.id);
    if (limited) return redirectWithToast(back, { kind: "error", message: limited.message });
    if (!(await resendVerificationEmail(user.id))) return redirectWithToast(back, { kind: "info", message: "Your email address is already confirmed." });
    return redirectWithToast(back, { kind: "success", message: `We've sent a new link to ${user.email}. Older links no longer work.` });
  }
  const confirm = confirmSchema().safeParse(form);
  if (!confirm.success) throw new Response("This form is incomplete.", { status: 400 });
  const purpose = await emailLinkPurpose(confirm.data.token);
  const result =
    purpose === "CHANGE_EMAIL"
      ? await confirmEmailChange(confirm.data.token)
      : purpose === "VERIFY_EMAIL"
        ? await confirmEmailVerification(confirm.data.token)
        : { state: "invalid" as const };
  const user = await getOptionalUser(request);
  if (result.state !== "valid") {
    return redirectWithToast(`/verify-email?token=${encodeURIComponent(confirm.data.token)}`, { kind: "error", message: PROBLEMS[result.state] });
  }
  const signedInHere = user?.id === result.userId;
  const message =
    purpose === "CHANGE_EMAIL" ? `Your account now uses ${result.email}.` : `Thanks: ${result.email} is confirmed.${signedInHere ? "" : " Log in to continue."}`;
  return redirectWithToast(signedInHere ? (purpose === "CHANGE_EMAIL" ? "/account" : "/dashboard") : user ? "/dashboard" : "/login", { kind: "success", message });
}

export default function VerifyEmailPage() {
  const { token, purpose, email, problem, canResend } = useLoaderData<typeof loader>();
  if (problem || !email) {
    return (
      <AuthCard title="This link can't be used">
        <p role="alert">{problem}</p>
        {canResend ? (
          <Form method="post" className="mt-6">
            <input type="hidden" name="intent" value="resend" />
            <button type="submit" className="btn btn-primary">
              Send me a new link
            </button>
          </Form>
        ) : (
          <p className="mt-6 text-sm">
            <Link to="/login">Log in</Link> to ask for a new link.
          </p>
        )}
      </AuthCard>
    );
  }
  const change = purpose === "CHANGE_EMAIL";
  return (
    <AuthCard title={change ? "Confirm your new email address" : "Confirm your email address"}>
      <p>
        {change ? "Use " : "Confirm that "}
        <strong>{email}</strong>
        {change ? " for your Sentry Academy account from now on." : " is your address."}
      </p>
      <Form method="post" className="mt-6">
        <input type="hidden" name="intent" value="confirm" />
        <input type="hidden" name="token" value={token} />
        <button type="submit" className="btn btn-primary w-full">
          {change ? "Use this address" : "Confirm my email address"}
        </button>
      </Form>
    </AuthCard>
  );
}
