import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "~/utils/zod.server.ts";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { AuthCard } from "~/components/auth-card.tsx";
import { Field, FormErrors } from "~/components/forms.tsx";
import { checkResetToken, resetPassword, type ResetTokenState } from "~/modules/accounts/password-reset.server.ts";
import { ResetPasswordSchema } from "~/modules/accounts/auth-schemas.server.ts";
import { clientNetwork, rateLimit, retryAfterHeaders } from "~/utils/rate-limit.server.ts";
import { redirectWithToast } from "~/utils/toast.server.ts";

export const meta: MetaFunction = () => [{ title: "Choose a new password · Sentry Academy" }];
export const headers = retryAfterHeaders;

const PROBLEMS: Record<Exclude<ResetTokenState, "valid">, string> = {
  invalid: "This reset link isn't valid. Check that you copied the whole link, or ask for a new one: only the newest link works.",
  expired: "This reset link has expired: links work for one hour. Ask for a new one below.",
  used: "This reset link has already been used. If you still can't log in, ask for a new one.",
};

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const state = token ? await checkResetToken(token) : "invalid";
  // The schema's limits as input attributes, made here so that Zod stays on the server (decision 028).
  return { token, problem: state === "valid" ? null : PROBLEMS[state], constraint: getZodConstraint(ResetPasswordSchema) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: ResetPasswordSchema });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: ["password", "confirmPassword"] }), { status: 400 });
  }
  // Each submit hashes the new password (argon2) before the token is checked: limited like sign-up.
  const limited = await rateLimit("reset-password", clientNetwork(context));
  if (limited) return data(submission.reply({ hideFields: ["password", "confirmPassword"], formErrors: [limited.message] }), { status: 429, headers: limited.headers });
  const state = await resetPassword(submission.value.token, submission.value.password);
  if (state !== "valid") {
    return data(submission.reply({ hideFields: ["password", "confirmPassword"], formErrors: [PROBLEMS[state]] }), { status: 400 });
  }
  return redirectWithToast("/login", { kind: "success", message: "Your password has been changed: you are logged out everywhere and your API tokens are revoked. Log in with your new password." });
}

export default function ResetPasswordPage() {
  const { token, problem, constraint } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const pending = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    id: "reset-password",
    lastResult,
    // Checked on the server only: this public page ships no validation library (decision 028).
    constraint,
  });
  if (problem && !lastResult) {
    return (
      <AuthCard title="This link can't be used">
        <p role="alert">{problem}</p>
        <p className="mt-6">
          <Link to="/forgot-password" className="btn btn-primary">
            Send me a new link
          </Link>
        </p>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Choose a new password" intro="After this, you'll be logged out on every device, your API tokens will stop working, and you can log in with the new password.">
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="token" value={token} />
        <Field
          label="New password"
          inputProps={{ ...getInputProps(fields.password, { type: "password" }), autoComplete: "new-password" }}
          errors={fields.password.errors}
          help="At least 10 characters."
        />
        <Field
          label="Repeat new password"
          inputProps={{ ...getInputProps(fields.confirmPassword, { type: "password" }), autoComplete: "new-password" }}
          errors={fields.confirmPassword.errors}
        />
        <button type="submit" className="btn btn-primary w-full" disabled={pending}>
          {pending ? "Saving…" : "Save new password"}
        </button>
      </Form>
    </AuthCard>
  );
}
