import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "~/utils/zod.server.ts";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { AuthCard } from "~/components/auth-card.tsx";
import { Field, FormErrors } from "~/components/forms.tsx";
import { OAuthButtons } from "~/components/oauth-buttons.tsx";
import { verifyLogin } from "~/modules/accounts/accounts.server.ts";
import { reserveLoginAttempt } from "~/modules/accounts/login-throttle.server.ts";
import { configuredProviders } from "~/modules/accounts/oauth.server.ts";
import { signInResponse, twoFactorPath } from "~/modules/accounts/sign-in.server.ts";
import { LoginSchema } from "~/modules/accounts/auth-schemas.server.ts";
import { requireAnonymous } from "~/utils/auth.server.ts";
import { retryAfterHeaders } from "~/utils/rate-limit.server.ts";
import { safeRedirect } from "~/utils/redirect.ts";
import { clientIp } from "~/utils/request-info.server.ts";
import { getPendingSession } from "~/utils/session.server.ts";
import type { PageCacheHandle } from "~/utils/page-cache.server.ts";

/** Guests get a public page kept for a few seconds per instance (page-cache.server.ts, docs/caching.md). */
export const handle = { pageCacheSeconds: 10 } satisfies PageCacheHandle;

export const meta: MetaFunction = () => [{ title: "Log in · Sentry Academy" }];

// Pass the throttle's Retry-After on to the document response.
export const headers = retryAfterHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"));
  await requireAnonymous(request, redirectTo);
  // Half signed in (password done, second factor owed): finish that first.
  if (await getPendingSession(request)) throw redirect(twoFactorPath(redirectTo));
  // The schema's limits as input attributes, made here so that Zod stays on the server (decision 028).
  return { providers: configuredProviders(), constraint: getZodConstraint(LoginSchema) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const submission = parseWithZod(await request.formData(), { schema: LoginSchema });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  }
  const { email, password, redirectTo } = submission.value;
  const ip = clientIp(context);
  // Reserved before the password is checked, so parallel guesses can't exceed the limit (decision 019).
  const attempt = await reserveLoginAttempt(email, ip);
  if (attempt.limited) {
    return data(submission.reply({ hideFields: ["password"], formErrors: [attempt.limited.message] }), { status: 429, headers: attempt.limited.headers });
  }
  const user = await verifyLogin(email, password);
  if (!user) {
    return data(submission.reply({ hideFields: ["password"], formErrors: ["That email and password don't match an account. Check both and try again."] }), {
      status: 400,
    });
  }
  await attempt.succeeded();
  return signInResponse(request, user.id, redirectTo);
}

export default function LoginPage() {
  const { providers, constraint } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const redirectTo = searchParams.get("redirectTo") ?? undefined;
  const pending = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    id: "login",
    lastResult,
    // Checked on the server only: this public page ships no validation library (decision 028).
    constraint,
  });
  return (
    <AuthCard
      title="Log in"
      intro={
        <>
          New here? <Link to={redirectTo ? `/signup?redirectTo=${encodeURIComponent(redirectTo)}` : "/signup"}>Create an account</Link>.
        </>
      }
    >
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        {redirectTo ? <input type="hidden" name="redirectTo" value={redirectTo} /> : null}
        <Field label="Email" inputProps={{ ...getInputProps(fields.email, { type: "email" }), autoComplete: "email" }} errors={fields.email.errors} />
        <Field
          label="Password"
          inputProps={{ ...getInputProps(fields.password, { type: "password" }), autoComplete: "current-password" }}
          errors={fields.password.errors}
        />
        <div className="mb-4 flex justify-end text-sm">
          <Link to="/forgot-password">Forgot your password?</Link>
        </div>
        <button type="submit" className="btn btn-primary w-full" disabled={pending}>
          {pending ? "Logging in…" : "Log in"}
        </button>
      </Form>
      <OAuthButtons providers={providers} redirectTo={redirectTo} />
    </AuthCard>
  );
}
