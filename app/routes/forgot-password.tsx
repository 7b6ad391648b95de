import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "~/utils/zod.server.ts";
import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { AuthCard } from "~/components/auth-card.tsx";
import { Field, FormErrors } from "~/components/forms.tsx";
import { MailDemoNote } from "~/components/mail-demo-note.tsx";
import { requestPasswordReset } from "~/modules/accounts/password-reset.server.ts";
import { normalizeEmail } from "~/modules/accounts/accounts.server.ts";
import { ForgotPasswordSchema } from "~/modules/accounts/auth-schemas.server.ts";
import { outboxIsPublic } from "~/utils/email.server.ts";
import { clientNetwork, rateLimitAll, retryAfterHeaders } from "~/utils/rate-limit.server.ts";

export const meta: MetaFunction = () => [{ title: "Reset your password · Sentry Academy" }];
export const headers = retryAfterHeaders;

/** The schema's limits as input attributes, made here so that Zod stays on the server (decision 028). */
export const loader = () => ({ constraint: getZodConstraint(ForgotPasswordSchema) });

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: ForgotPasswordSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), sentTo: null }, { status: 400 });
  // Counted for any address, known or not: the answer reveals nothing about accounts.
  const limited = await rateLimitAll([["forgot-password-ip", clientNetwork(context)], ["forgot-password-address", normalizeEmail(submission.value.email)]]);
  if (limited) return data({ result: submission.reply({ formErrors: [limited.message] }), sentTo: null }, { status: 429, headers: limited.headers });
  // Only queues a job that looks the address up: the same answer, in the same time, whether or not
  // the account exists, so this form can't be used to probe for accounts.
  await requestPasswordReset(submission.value.email);
  return { result: submission.reply({ resetForm: true }), sentTo: submission.value.email, outbox: outboxIsPublic() };
}

export default function ForgotPasswordPage() {
  const { constraint } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const pending = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    id: "forgot-password",
    lastResult: actionData?.result,
    // Checked on the server only: this public page ships no validation library (decision 028).
    constraint,
  });
  if (actionData?.sentTo) {
    return (
      <AuthCard title="Check your email">
        <p>
          If an account exists for <strong>{actionData.sentTo}</strong>, we've sent it a link to choose a new password. The link
          works once, for one hour, and replaces any earlier link.
        </p>
        {"outbox" in actionData && actionData.outbox ? <MailDemoNote /> : null}
        <p className="mt-6 text-sm">
          <Link to="/login">Back to log in</Link>
        </p>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Forgot your password?" intro="Enter the email you signed up with and we'll send you a link to choose a new one.">
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field label="Email" inputProps={{ ...getInputProps(fields.email, { type: "email" }), autoComplete: "email" }} errors={fields.email.errors} />
        <button type="submit" className="btn btn-primary w-full" disabled={pending}>
          {pending ? "Sending…" : "Send reset link"}
        </button>
      </Form>
      <p className="mt-6 text-sm">
        Remembered it? <Link to="/login">Log in</Link>
      </p>
    </AuthCard>
  );
}
