import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field, FormErrors } from "~/components/forms.tsx";
import { useHydrated } from "~/components/use-hydrated.ts";
import { SentryApiError } from "~/modules/sentry-connect/client.server.ts";
import { checkToken, connectAvailability, saveTokenConnection } from "~/modules/sentry-connect/connection.server.ts";
import { markConverted } from "~/modules/sentry-connect/experiments.server.ts";
import { clearPendingToken, readPendingToken, setPendingToken } from "~/modules/sentry-connect/pending-token.server.ts";
import { requestSync } from "~/modules/sentry-connect/queue.server.ts";
import { TokenSchema } from "~/modules/sentry-connect/schemas.ts";
import { SENTRY_TOKEN_SETTINGS_PATH } from "~/modules/sentry-connect/token-format.ts";
import { requireUser, requireVerifiedUser } from "~/utils/auth.server.ts";
import { getEnv } from "~/utils/env.server.ts";
import { redirectWithToast } from "~/utils/toast.server.ts";
import { rateLimit, retryAfterHeaders } from "~/utils/rate-limit.server.ts";

export const headers = retryAfterHeaders;
export const meta: MetaFunction = () => [{ title: "Connect with an auth token · Sentry Academy" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const availability = connectAvailability();
  const pending = availability.ok ? await readPendingToken(request, user.id) : null;
  return {
    availability,
    settingsUrl: `${getEnv().SENTRY_URL.replace(/\/$/, "")}${SENTRY_TOKEN_SETTINGS_PATH}`,
    // Only what the check found: the token itself stays in the sealed cookie.
    pending: pending
      ? {
          user: pending.check.user,
          scopes: pending.check.scopes,
          organizations: pending.check.organizations,
        }
      : null,
  };
}

/** The token is never written back into the page, even next to an error. */
const HIDDEN = ["token"];

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireVerifiedUser(request);
  const availability = connectAvailability();
  if (!availability.ok)
    return redirectWithToast("/sentry", {
      kind: "error",
      message: availability.message,
    });
  const form = await request.formData();
  const intent = form.get("intent");

  if (intent === "cancel") {
    return redirect("/sentry/token", {
      headers: { "Set-Cookie": await clearPendingToken() },
    });
  }
  if (intent === "save") {
    const pending = await readPendingToken(request, user.id);
    if (!pending) {
      return redirectWithToast("/sentry/token", {
        kind: "error",
        message: "That check expired (after 10 minutes). Paste the token again.",
      });
    }
    await saveTokenConnection(user.id, pending.token, pending.check);
    await markConverted(user.id, "sentry-value-prop");
    await requestSync(user.id);
    const headers = new Headers({ "Set-Cookie": await clearPendingToken() });
    return redirectWithToast(
      "/sentry",
      {
        kind: "success",
        message: "Connected to Sentry. We're reading your setup now.",
      },
      { headers }
    );
  }

  const submission = parseWithZod(form, { schema: TokenSchema });
  if (submission.status !== "success") return data(submission.reply({ hideFields: HIDDEN }), { status: 400 });
  const token = submission.value.token.trim();
  const limited = await rateLimit("sentry-token", user.id); // each check calls Sentry's API
  if (limited) return data(submission.reply({ hideFields: HIDDEN, fieldErrors: { token: [limited.message] } }), { status: 429, headers: limited.headers });
  try {
    const check = await checkToken(user.id, token);
    return redirect("/sentry/token", {
      headers: { "Set-Cookie": await setPendingToken(user.id, token, check) },
    });
  } catch (error) {
    if (!(error instanceof SentryApiError)) throw error;
    return data(
      submission.reply({
        hideFields: HIDDEN,
        fieldErrors: { token: [error.message] },
      }),
      { status: 422 }
    );
  }
}

function CopyField({ value, label }: { value: string; label: string }) {
  const hydrated = useHydrated();
  return (
    <div className="mt-2 flex gap-2">
      <label className="sr-only" htmlFor="settings-url">
        {label}
      </label>
      <input id="settings-url" className="input font-mono text-sm" readOnly value={value} onFocus={(e) => e.currentTarget.select()} />
      {hydrated ? (
        <button type="button" className="btn btn-secondary" onClick={() => void navigator.clipboard?.writeText(value)}>
          Copy
        </button>
      ) : null}
    </div>
  );
}

export default function TokenPage() {
  const { availability, settingsUrl, pending } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formAction === "/sentry/token";
  const [form, fields] = useForm({
    id: "sentry-token",
    lastResult,
    shouldValidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: TokenSchema }),
  });

  if (!availability.ok) {
    return (
      <div className="max-w-2xl">
        <h1 className="text-3xl font-bold">Connect with an auth token</h1>
        <p className="card mt-4" role="status">
          {availability.message}
        </p>
      </div>
    );
  }

  if (pending) {
    return (
      <div className="max-w-2xl space-y-6">
        <h1 className="text-3xl font-bold">Is this the right Sentry account?</h1>
        <section className="card" aria-labelledby="found">
          <h2 id="found" className="text-xl font-bold">
            The token works
          </h2>
          <p className="mt-2 text-ink-800">
            It belongs to {pending.user.name ?? "a Sentry user"}
            {pending.user.email ? ` (${pending.user.email})` : ""}, with the scopes <code>{pending.scopes.join(" ")}</code>.
          </p>
          <p className="mt-3 font-semibold">
            {pending.organizations.length === 0
              ? "It can't see any organization yet: we'd have nothing to analyse."
              : `We found ${pending.organizations.length} organization${pending.organizations.length === 1 ? "" : "s"}:`}
          </p>
          <ul className="mt-1 list-disc pl-5" data-testid="organizations-found">
            {pending.organizations.map((o) => (
              <li key={o.slug}>
                {o.name} <code>{o.slug}</code>
              </li>
            ))}
          </ul>
          <div className="mt-4 flex flex-wrap gap-3">
            <Form method="post">
              <button type="submit" name="intent" value="save" className="btn btn-primary" disabled={busy}>
                {busy ? "Connecting…" : "Save and analyse my setup"}
              </button>
            </Form>
            <Form method="post">
              <button type="submit" name="intent" value="cancel" className="btn btn-secondary">
                Use a different token
              </button>
            </Form>
          </div>
          <p className="mt-3 text-sm text-ink-700">Nothing is stored until you save. The token is kept encrypted and never shown again.</p>
        </section>
      </div>
    );
  }

  return (
    <div className="max-w-2xl space-y-6">
      <header>
        <h1 className="text-3xl font-bold">Connect with an auth token</h1>
        <p className="mt-2 text-ink-800">
          For people who'd rather create a token themselves. <Link to="/sentry">Prefer one click? Use OAuth</Link>, or <Link to="/dashboard">skip for now</Link>.
        </p>
      </header>
      <section className="card" aria-labelledby="steps">
        <h2 id="steps" className="text-xl font-bold">
          Create a read-only token in Sentry
        </h2>
        <ol className="mt-3 list-decimal space-y-3 pl-5 text-ink-800">
          <li>
            Open <strong>User settings → Personal tokens</strong> in Sentry:
            <CopyField value={settingsUrl} label="Sentry personal tokens settings URL" />
          </li>
          <li>
            Choose <strong>Create New Token</strong> and name it “Sentry Academy”.
          </li>
          <li>
            Under scopes, choose <strong>Read</strong> for <strong>Organization</strong> (<code>org:read</code>) and <strong>Project</strong> (<code>project:read</code>),
            and no access for everything else. We only read; these scopes can't change anything.
          </li>
          <li>
            Copy the token. A personal token starts with <code>sntryu_</code>; tokens made before 2024 are 64 letters and digits. Organization tokens (
            <code>sntrys_</code>) won't work: they can't list projects.
          </li>
        </ol>
      </section>
      <section className="card" aria-labelledby="paste">
        <h2 id="paste" className="text-xl font-bold">
          Paste and check it
        </h2>
        <Form method="post" {...getFormProps(form)} className="mt-3">
          <FormErrors id={form.errorId} errors={form.errors} />
          <Field
            label="Sentry auth token"
            inputProps={{
              ...getInputProps(fields.token, { type: "password" }),
              autoComplete: "off",
              spellCheck: false,
            }}
            errors={fields.token.errors}
            help="We check the format as you type, then ask Sentry which organizations the token can see before saving anything."
          />
          <button type="submit" name="intent" value="check" className="btn btn-primary" disabled={busy}>
            {busy ? "Checking with Sentry…" : "Check token"}
          </button>
        </Form>
      </section>
    </div>
  );
}
