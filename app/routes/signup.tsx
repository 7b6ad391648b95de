import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "~/utils/zod.server.ts";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { AuthCard } from "~/components/auth-card.tsx";
import { Field, FormErrors } from "~/components/forms.tsx";
import { OAuthButtons } from "~/components/oauth-buttons.tsx";
import { MailDemoNote } from "~/components/mail-demo-note.tsx";
import { configuredProviders } from "~/modules/accounts/oauth.server.ts";
import { SignupSchema } from "~/modules/accounts/auth-schemas.server.ts";
import { signUp } from "~/modules/accounts/verification.server.ts";
import { requireAnonymous } from "~/utils/auth.server.ts";
import { outboxIsPublic } from "~/utils/email.server.ts";
import { clientNetwork, rateLimit, retryAfterHeaders } from "~/utils/rate-limit.server.ts";
import type { PageCacheHandle } from "~/utils/page-cache.server.ts";

/** Guests get a public page kept for a few seconds per instance (page-cache.server.ts, docs/caching.md). */
export const handle = { pageCacheSeconds: 10 } satisfies PageCacheHandle;

export const meta: MetaFunction = () => [{ title: "Sign up · Sentry Academy" }];
export const headers = retryAfterHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  // The schema's limits as input attributes, made here so that Zod stays on the server (decision 028).
  return { providers: configuredProviders(), constraint: getZodConstraint(SignupSchema) };
}

const HIDDEN = ["password", "confirmPassword"];

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const submission = parseWithZod(await request.formData(), { schema: SignupSchema });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: HIDDEN }), { status: 400 });
  }
  const { name, email, password } = submission.value;
  const limited = await rateLimit("signup", clientNetwork(context));
  if (limited) return data(submission.reply({ hideFields: HIDDEN, formErrors: [limited.message] }), { status: 429, headers: limited.headers });
  // The same answer whether or not the address has an account: a new one gets a link to confirm
  // it, an existing one a note that someone tried (docs/auth.md, "No account enumeration").
  await signUp({ name, email, password });
  return { sentTo: email.trim(), demoMail: outboxIsPublic() };
}

export default function SignupPage() {
  const { providers, constraint } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const lastResult = actionData && "sentTo" in actionData ? undefined : actionData;
  const [searchParams] = useSearchParams();
  const redirectTo = searchParams.get("redirectTo") ?? undefined;
  const pending = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    id: "signup",
    lastResult,
    // Checked on the server only: this public page ships no validation library (decision 028).
    constraint,
  });
  if (actionData && "sentTo" in actionData) {
    return (
      <AuthCard title="Check your email">
        <p>
          We've sent a message to <strong>{actionData.sentTo}</strong>. Follow the link in it to confirm your address and finish
          creating your account, then log in. The link works for 24 hours.
        </p>
        {actionData.demoMail ? <MailDemoNote /> : null}
        <p className="mt-6 text-sm">
          <Link to="/login">Go to log in</Link>
        </p>
      </AuthCard>
    );
  }
  return (
    <AuthCard
      title="Create your account"
      intro={
        <>
          Free courses on error monitoring, tracing, replay and more. Already have an account? <Link to="/login">Log in</Link>.
        </>
      }
    >
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        {redirectTo ? <input type="hidden" name="redirectTo" value={redirectTo} /> : null}
        <Field label="Name" inputProps={{ ...getInputProps(fields.name, { type: "text" }), autoComplete: "name" }} errors={fields.name.errors} />
        <Field label="Email" inputProps={{ ...getInputProps(fields.email, { type: "email" }), autoComplete: "email" }} errors={fields.email.errors} />
        <Field
          label="Password"
          inputProps={{ ...getInputProps(fields.password, { type: "password" }), autoComplete: "new-password" }}
          errors={fields.password.errors}
          help="At least 10 characters. A short sentence works well."
        />
        <Field
          label="Repeat password"
          inputProps={{ ...getInputProps(fields.confirmPassword, { type: "password" }), autoComplete: "new-password" }}
          errors={fields.confirmPassword.errors}
        />
        <button type="submit" className="btn btn-primary w-full" disabled={pending}>
          {pending ? "Creating your account…" : "Create account"}
        </button>
      </Form>
      <OAuthButtons providers={providers} redirectTo={redirectTo} />
    </AuthCard>
  );
}
