import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { describeUserAgent } from "~/modules/accounts/user-agent.ts";
import { prisma } from "~/utils/db.server.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { ROLE_LABELS } from "~/utils/permissions.ts";
import { destroyAllSessions, getSessionUser } from "~/utils/session.server.ts";
import { toastHeader } from "~/utils/toast.server.ts";

export const meta: MetaFunction = () => [{ title: "Account · Sentry Academy" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const current = await getSessionUser(request);
  const [sessions, identities, hasPassword] = await Promise.all([
    prisma.session.findMany({
      where: { userId: user.id, expiresAt: { gt: new Date() } },
      orderBy: { createdAt: "desc" },
      select: { id: true, createdAt: true, expiresAt: true, userAgent: true },
    }),
    prisma.oAuthIdentity.findMany({ where: { userId: user.id }, select: { provider: true, email: true } }),
    prisma.user.findUnique({ where: { id: user.id }, select: { passwordHash: true } }).then((u) => Boolean(u?.passwordHash)),
  ]);
  return {
    user,
    hasPassword,
    identities,
    // Never send session ids to the page: only whether a row is this browser.
    sessions: sessions.map(({ id, userAgent, ...s }) => ({ ...s, device: describeUserAgent(userAgent), current: id === current?.sessionId })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  if (form.get("intent") !== "logout-everywhere") throw new Response("Unknown action", { status: 400 });
  const headers = new Headers({ "Set-Cookie": await destroyAllSessions(user.id) });
  headers.append("Set-Cookie", await toastHeader({ kind: "success", message: "You've been logged out on every device." }));
  return redirect("/login", { headers });
}

const dateTime = (iso: string | Date) =>
  new Date(iso).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC";

export default function AccountPage() {
  const { user, sessions, identities, hasPassword } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-8">
      <h1 className="text-3xl font-bold">Account settings</h1>
      <section aria-labelledby="profile" className="card">
        <h2 id="profile" className="text-xl font-bold">
          Profile
        </h2>
        <dl className="mt-4 grid gap-x-6 gap-y-2 sm:grid-cols-[10rem_1fr]">
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
      </section>
      <section aria-labelledby="sentry-setup" className="card">
        <h2 id="sentry-setup" className="text-xl font-bold">
          Your Sentry Setup
        </h2>
        <p className="mt-2 text-ink-800">
          Status: <strong>Not connected</strong>. <Link to="/sentry">Learn what connecting does</Link>.
        </p>
      </section>
      <section aria-labelledby="sessions" className="card">
        <h2 id="sessions" className="text-xl font-bold">
          Where you're logged in
        </h2>
        <ul className="mt-4 divide-y divide-ink-100">
          {sessions.map((s, i) => (
            <li key={i} className="py-3">
              <p className="font-medium">
                {s.device}
                {s.current ? <span className="ml-2 rounded bg-emerald-100 px-2 py-0.5 text-xs font-semibold text-emerald-900">This browser</span> : null}
              </p>
              <p className="text-sm text-ink-700">
                Signed in {dateTime(s.createdAt)} · expires {dateTime(s.expiresAt)}
              </p>
            </li>
          ))}
        </ul>
        <Form method="post" className="mt-4">
          <input type="hidden" name="intent" value="logout-everywhere" />
          <button type="submit" className="btn btn-danger">
            Log out everywhere
          </button>
          <p className="mt-2 text-sm text-ink-700">Ends all {sessions.length} sessions, including this one.</p>
        </Form>
      </section>
    </div>
  );
}
