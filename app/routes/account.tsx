import { formatDateTime } from "~/utils/dates.ts";
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { Field } from "~/components/forms.tsx";
import { useHydrated } from "~/components/use-hydrated.ts";
import { createApiToken, listApiTokens, revokeApiToken } from "~/modules/accounts/api-tokens.server.ts";
import { configuredProviders, PROVIDER_LABELS } from "~/modules/accounts/oauth.server.ts";
import { emailField } from "~/modules/accounts/schemas.ts";
import { pendingEmailChange, requestEmailChange } from "~/modules/accounts/verification.server.ts";
import { verifyPassword } from "~/utils/password.server.ts";
import { describeUserAgent } from "~/modules/accounts/user-agent.ts";
import { SentrySetupSection } from "~/components/sentry/account-section.tsx";
import { prisma } from "~/utils/db.server.ts";
import { rateLimit, withRetryAfter } from "~/utils/rate-limit.server.ts";
import { requireUser, unverifiedResponse } from "~/utils/auth.server.ts";
import { ROLE_LABELS } from "~/utils/permissions.ts";
import { getSessionUser } from "~/utils/session.server.ts";
import { redirectWithToast } from "~/utils/toast.server.ts";
import { DataExportSection, DeleteAccountSection, NameSection, PasswordSection, SessionsSection, TwoFactorSummary } from "~/components/account/self-service.tsx";
import { handleSelfServiceIntent } from "~/modules/accounts/self-service-actions.server.ts";
import { DELETION_GRACE_DAYS, latestExport, sessionHandle } from "~/modules/accounts/self-service.server.ts";
import { twoFactorStatus } from "~/modules/accounts/two-factor.server.ts";

const CreateApiTokenSchema = z.object({
  name: z
    .string({ error: "Give the token a name, like “CI” or “my laptop”" })
    .trim()
    .min(1, "Give the token a name, like “CI” or “my laptop”")
    .max(60, "Use at most 60 characters"),
});

const RevokeApiTokenSchema = z.object({ tokenId: z.string().min(1).max(100) });

const ChangeEmailSchema = z.object({
  email: emailField,
  currentPassword: z.string().max(200).optional(),
});

export const meta: MetaFunction = () => [{ title: "Account · Sentry Academy" }];

// Personal data, and once a new API token in plain text: never kept by a cache.
export const headers: HeadersFunction = (args) => withRetryAfter(args, { "Cache-Control": "no-store" });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const current = await getSessionUser(request);
  const [sessions, identities, hasPassword, apiTokens, sentry, pendingEmail, twoFactor, exportRow, deletion] = await Promise.all([
    prisma.session.findMany({
      where: { userId: user.id, expiresAt: { gt: new Date() } },
      orderBy: { createdAt: "desc" },
      select: { id: true, createdAt: true, expiresAt: true, userAgent: true, twoFactorPending: true },
    }),
    prisma.oAuthIdentity.findMany({ where: { userId: user.id }, select: { provider: true, email: true } }),
    prisma.user.findUnique({ where: { id: user.id }, select: { passwordHash: true } }).then((u) => Boolean(u?.passwordHash)),
    listApiTokens(user.id),
    prisma.sentryConnection.findUnique({
      where: { userId: user.id },
      select: { method: true, status: true, statusReason: true, syncStatus: true, lastSyncedAt: true, createdAt: true, _count: { select: { organizations: true } } },
    }),
    pendingEmailChange(user.id),
    twoFactorStatus(user),
    latestExport(user.id),
    prisma.user.findUnique({ where: { id: user.id }, select: { deletionDueAt: true } }),
  ]);
  return {
    user,
    hasPassword,
    identities,
    apiTokens,
    sentry,
    pendingEmail,
    providers: configuredProviders().map((p) => ({ id: p, label: PROVIDER_LABELS[p] })),
    twoFactor,
    latestExport: exportRow,
    deletionDueAt: deletion?.deletionDueAt ?? null,
    // A .server constant is not in the browser's bundle: the page gets it as data (else hydration differs).
    deletionGraceDays: DELETION_GRACE_DAYS,
    // Never send session ids to the page: whether a row is this browser, and a hash to log the others out by.
    sessions: sessions.map(({ id, userAgent, ...s }) => ({
      ...s,
      device: describeUserAgent(userAgent),
      current: id === current?.sessionId,
      handle: id === current?.sessionId ? null : sessionHandle(id),
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  const intent = form.get("intent");
  switch (intent) {
    case "create-api-token": {
      if (!user.emailVerified) throw unverifiedResponse();
      const submission = parseWithZod(form, { schema: CreateApiTokenSchema });
      if (submission.status !== "success") return data({ result: submission.reply(), created: null }, { status: 400 });
      const limited = await rateLimit("api-token", user.id);
      if (limited) return data({ result: submission.reply({ fieldErrors: { name: [limited.message] } }), created: null }, { status: 429, headers: limited.headers });
      const { token, apiToken } = await createApiToken(user.id, submission.value.name);
      // The only response that ever holds the token: answered (not redirected), and not cached (see headers).
      return { result: submission.reply({ resetForm: true }), created: { name: apiToken.name, token } };
    }
    case "revoke-api-token": {
      const submission = parseWithZod(form, { schema: RevokeApiTokenSchema });
      // Only the owner's own live tokens match: anyone else's id is "not found".
      const revoked = submission.status === "success" ? await revokeApiToken(user.id, submission.value.tokenId) : null;
      if (!revoked) throw new Response("API token not found", { status: 404 });
      return redirectWithToast("/account#api-tokens", { kind: "success", message: `The API token “${revoked.name}” no longer works.` });
    }
    case "change-email": {
      const submission = parseWithZod(form, { schema: ChangeEmailSchema });
      const reply = (errors?: Record<string, string[]>) =>
        data(
          { emailResult: submission.reply({ hideFields: ["currentPassword"], ...(errors ? { fieldErrors: errors } : {}) }), result: undefined, created: null },
          { status: 400 },
        );
      if (submission.status !== "success") return reply();
      const account = await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } });
      // Password accounts confirm with the current password, so an unattended browser can't move the account away.
      if (account.passwordHash && !(await verifyPassword(account.passwordHash, submission.value.currentPassword ?? ""))) {
        return reply({ currentPassword: ["That isn't your current password"] });
      }
      await requestEmailChange(user, submission.value.email);
      return redirectWithToast("/account#email", {
        kind: "success",
        message: `If ${submission.value.email} can be used, we've sent it a link. Your address changes when you follow it.`,
      });
    }
    default: {
      // Name, password, sessions, "log out everywhere", export and deletion (self-service.tsx).
      const sessionId = (await getSessionUser(request))!.sessionId;
      const handled = typeof intent === "string" ? await handleSelfServiceIntent(intent, form, { user, sessionId }) : null;
      if (handled) return handled;
      throw new Response("Unknown action", { status: 400 });
    }
  }
}

const dateTime = formatDateTime;

export default function AccountPage() {
  const { user, sessions, identities, hasPassword, apiTokens, sentry, pendingEmail, providers, twoFactor, latestExport, deletionDueAt, deletionGraceDays } = useLoaderData<typeof loader>();
  const unlinked = providers.filter((p) => !identities.some((i) => i.provider === p.id));
  return (
    <div className="space-y-8">
      <h1 className="text-3xl font-bold">Account settings</h1>
      <section aria-labelledby="profile" className="card">
        <h2 id="profile" className="text-xl font-bold">
          Profile
        </h2>
        <dl className="mt-4 grid gap-x-6 gap-y-2 [overflow-wrap:anywhere] sm:grid-cols-[10rem_minmax(0,1fr)]">
          <dt className="font-semibold">Name</dt>
          <dd>{user.name}</dd>
          <dt className="font-semibold">Email</dt>
          <dd>{user.email}</dd>
          <dt className="font-semibold">Role</dt>
          <dd>{ROLE_LABELS[user.role]}</dd>
          <dt className="font-semibold">Sign-in methods</dt>
          <dd>
            {[hasPassword ? "Password" : null, ...identities.map((i) => (i.provider === "github" ? "GitHub" : "Google"))].filter(Boolean).join(", ")}
          </dd>
        </dl>
        {unlinked.length ? (
          <div className="mt-4">
            <p className="text-sm text-ink-700">
              {user.emailVerified
                ? "Connecting an account lets you sign in with it. It ends your other sessions and revokes your API tokens."
                : "Confirm your email address first: then you can connect an account to sign in with it."}
            </p>
            <div className="mt-2 flex flex-wrap gap-2">
              {unlinked.map((p) => (
                <Form key={p.id} method="post" action={`/auth/${p.id}`}>
                  <input type="hidden" name="intent" value="link" />
                  <input type="hidden" name="redirectTo" value="/account" />
                  <button type="submit" className="btn btn-secondary" disabled={!user.emailVerified}>
                    Connect {p.label}
                  </button>
                </Form>
              ))}
            </div>
          </div>
        ) : null}
      </section>
      <NameSection name={user.name} />
      <ChangeEmailSection email={user.email} pendingEmail={pendingEmail} needsPassword={hasPassword} />
      <PasswordSection hasPassword={hasPassword} />
      <TwoFactorSummary {...twoFactor} />
      <SessionsSection sessions={sessions} apiTokenCount={apiTokens.length} />
      <ApiTokensSection tokens={apiTokens} />
      <SentrySetupSection connection={sentry} />
      <DataExportSection latest={latestExport} />
      <DeleteAccountSection deletionDueAt={deletionDueAt} hasPassword={hasPassword} graceDays={deletionGraceDays} />
    </div>
  );
}

const changeEmailConstraint = getZodConstraint(ChangeEmailSchema);

/** A new address is used only once the link sent to it is followed. */
function ChangeEmailSection({ email, pendingEmail, needsPassword }: { email: string; pendingEmail: string | null; needsPassword: boolean }) {
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const saving = navigation.state === "submitting" && navigation.formData?.get("intent") === "change-email";
  const [form, fields] = useForm({
    id: "change-email",
    lastResult: actionData && "emailResult" in actionData ? actionData.emailResult : undefined,
    constraint: changeEmailConstraint,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ChangeEmailSchema }),
  });
  return (
    <section id="email" aria-labelledby="email-heading" className="card">
      <h2 id="email-heading" className="text-xl font-bold">
        Email address
      </h2>
      <p className="mt-2 text-ink-800 [overflow-wrap:anywhere]">
        You use <strong>{email}</strong>. To change it, we send a link to the new address: it changes when you follow that link.
      </p>
      {pendingEmail ? (
        <p className="mt-2 text-sm text-ink-700 [overflow-wrap:anywhere]" role="status">
          Waiting for you to follow the link we sent to {pendingEmail}.
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="mt-4 max-w-md">
        <input type="hidden" name="intent" value="change-email" />
        <Field label="New email address" inputProps={{ ...getInputProps(fields.email, { type: "email" }), autoComplete: "email" }} errors={fields.email.errors} />
        {needsPassword ? (
          <Field
            label="Current password"
            inputProps={{ ...getInputProps(fields.currentPassword, { type: "password" }), autoComplete: "current-password" }}
            errors={fields.currentPassword.errors}
          />
        ) : null}
        <button type="submit" className="btn btn-primary" disabled={saving}>
          {saving ? "Sending…" : "Send confirmation link"}
        </button>
      </Form>
    </section>
  );
}

type ApiTokenRow = { id: string; name: string; prefix: string; createdAt: string | Date; lastUsedAt: string | Date | null };

const createApiTokenConstraint = getZodConstraint(CreateApiTokenSchema);

function ApiTokensSection({ tokens }: { tokens: ApiTokenRow[] }) {
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const creating = navigation.state === "submitting" && navigation.formData?.get("intent") === "create-api-token";
  const [form, fields] = useForm({
    id: "create-api-token",
    lastResult: actionData?.result,
    constraint: createApiTokenConstraint,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CreateApiTokenSchema }),
  });
  const created = actionData?.created ?? null;
  return (
    <section id="api-tokens" aria-labelledby="api-tokens-heading" className="card">
      <h2 id="api-tokens-heading" className="text-xl font-bold">
        API tokens
      </h2>
      <p className="mt-2 text-ink-800">
        Personal tokens let scripts call the <Link to="/api/docs">Sentry Academy API</Link> as you: send one as{" "}
        <code className="rounded bg-ink-100 px-1">Authorization: Bearer sa_…</code>. Revoke a token as soon as you no longer need it.
      </p>
      {created ? <NewToken name={created.name} token={created.token} /> : null}
      <Form method="post" {...getFormProps(form)} className="mt-4 max-w-md">
        <input type="hidden" name="intent" value="create-api-token" />
        <Field
          label="Token name"
          inputProps={{ ...getInputProps(fields.name, { type: "text" }), autoComplete: "off" }}
          errors={fields.name.errors}
          help="What the token is for, so you recognise it later."
        />
        <button type="submit" className="btn btn-primary" disabled={creating}>
          {creating ? "Creating…" : "Create token"}
        </button>
      </Form>
      {tokens.length ? (
        <table className="mt-6 w-full text-left text-sm">
          <caption className="sr-only">Your API tokens</caption>
          <thead className="border-b border-ink-300/60">
            <tr>
              <th scope="col" className="py-2 pr-4">
                Name
              </th>
              <th scope="col" className="py-2 pr-4">
                Token
              </th>
              <th scope="col" className="py-2 pr-4">
                Created
              </th>
              <th scope="col" className="py-2 pr-4">
                Last used
              </th>
              <th scope="col" className="py-2">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-ink-100">
            {tokens.map((t) => (
              <tr key={t.id}>
                <td className="py-3 pr-4 font-medium">{t.name}</td>
                <td className="py-3 pr-4 font-mono">{t.prefix}…</td>
                <td className="py-3 pr-4">{dateTime(t.createdAt)}</td>
                <td className="py-3 pr-4">{t.lastUsedAt ? dateTime(t.lastUsedAt) : "Never"}</td>
                <td className="py-3 text-right">
                  <Form method="post">
                    <input type="hidden" name="intent" value="revoke-api-token" />
                    <input type="hidden" name="tokenId" value={t.id} />
                    <button type="submit" className="btn btn-secondary" aria-label={`Revoke the token ${t.name}`}>
                      Revoke
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="mt-6 text-sm text-ink-700">You have no API tokens.</p>
      )}
    </section>
  );
}

/** The new token, shown once: in a read-only field to select and copy. */
function NewToken({ name, token }: { name: string; token: string }) {
  const hydrated = useHydrated();
  return (
    <div className="mt-4 rounded-lg border-l-4 border-amber-600 bg-amber-50 px-4 py-3" role="status">
      <label htmlFor="new-api-token" className="label">
        Your new token “{name}”
      </label>
      <div className="flex gap-2">
        <input
          id="new-api-token"
          className="input font-mono"
          readOnly
          value={token}
          aria-describedby="new-api-token-warning"
          onFocus={(e) => e.currentTarget.select()}
        />
        {hydrated ? (
          <button type="button" className="btn btn-secondary" onClick={() => void navigator.clipboard?.writeText(token)}>
            Copy
          </button>
        ) : null}
      </div>
      <p id="new-api-token-warning" className="mt-2 text-sm font-semibold text-amber-900">
        Copy it now: this is the only time it is shown. We keep only a hash of it, so if you lose it, revoke it and create a new one.
      </p>
    </div>
  );
}
