import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { AuthCard } from "~/components/auth-card.tsx";
import { Field, FormErrors } from "~/components/forms.tsx";
import { OAuthButtons } from "~/components/oauth-buttons.tsx";
import { createUserWithPassword, EmailTakenError } from "~/modules/accounts/accounts.server.ts";
import { configuredProviders } from "~/modules/accounts/oauth.server.ts";
import { SignupSchema } from "~/modules/accounts/schemas.ts";
import { requireAnonymous } from "~/utils/auth.server.ts";
import { clientNetwork, rateLimit, retryAfterHeaders } from "~/utils/rate-limit.server.ts";
import { safeRedirect } from "~/utils/redirect.ts";
import { createSession } from "~/utils/session.server.ts";
import { toastHeader } from "~/utils/toast.server.ts";

export const meta: MetaFunction = () => [{ title: "Sign up · Sentry Academy" }];
export const headers = retryAfterHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return { providers: configuredProviders() };
}

const HIDDEN = ["password", "confirmPassword"];

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const submission = parseWithZod(await request.formData(), { schema: SignupSchema });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: HIDDEN }), { status: 400 });
  }
  const { name, email, password, redirectTo } = submission.value;
  const limited = await rateLimit("signup", clientNetwork(context));
  if (limited) return data(submission.reply({ hideFields: HIDDEN, formErrors: [limited.message] }), { status: 429, headers: limited.headers });
  try {
    const user = await createUserWithPassword({ name, email, password });
    const { setCookie } = await createSession(user.id, request.headers.get("User-Agent"));
    const headers = new Headers({ "Set-Cookie": setCookie });
    headers.append("Set-Cookie", await toastHeader({ kind: "success", message: `Welcome to Sentry Academy, ${user.name}!` }));
    return redirect(safeRedirect(redirectTo), { headers });
  } catch (error) {
    if (!(error instanceof EmailTakenError)) throw error;
    return data(
      submission.reply({ hideFields: HIDDEN, fieldErrors: { email: ["An account with this email already exists. Log in instead, or reset your password."] } }),
      { status: 400 },
    );
  }
}

const signupConstraint = getZodConstraint(SignupSchema);

export default function SignupPage() {
  const { providers } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const redirectTo = searchParams.get("redirectTo") ?? undefined;
  const pending = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    id: "signup",
    lastResult,
    constraint: signupConstraint,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SignupSchema }),
  });
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
