import { formatDateTime } from "~/utils/dates.ts";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { AdoptionMatrix, AdoptionProgress, MatrixLegend, Recommendations } from "~/components/sentry/setup.tsx";
import { connectAvailability, sentryOAuthConfigured } from "~/modules/sentry-connect/connection.server.ts";
import { assignVariant } from "~/modules/sentry-connect/experiments.server.ts";
import { setupPageData, setupPageView } from "~/modules/sentry-connect/setup.server.ts";
import { findExperiment, SENTRY_VALUE_PROP } from "~/data/experiments.ts";
import { getOptionalUser } from "~/utils/auth.server.ts";

export const meta: MetaFunction = () => [{ title: "Your Sentry Setup · Sentry Academy" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const availability = connectAvailability();
  const data = user ? await setupPageData(user.id) : null;
  const setup = data ? setupPageView(data) : null;
  const fallback = findExperiment(SENTRY_VALUE_PROP)!.variants[0];
  const variant = user && !setup ? await assignVariant(user.id, SENTRY_VALUE_PROP) : fallback;
  return {
    signedIn: Boolean(user),
    availability,
    oauth: sentryOAuthConfigured(),
    variant: {
      headline: variant.headline,
      body: variant.body,
      cta: variant.cta,
    },
    setup,
  };
}

export default function SentrySetupPage() {
  const { setup } = useLoaderData<typeof loader>();
  return setup ? <Connected /> : <ValueProposition />;
}

function ValueProposition() {
  const { signedIn, availability, oauth, variant } = useLoaderData<typeof loader>();
  return (
    <div className="max-w-3xl space-y-6">
      <header>
        <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">Sentry Connect · optional</p>
        <h1 className="mt-1 text-3xl font-bold">{variant.headline}</h1>
        <p className="mt-3 text-lg text-ink-800">{variant.body}</p>
      </header>
      <section className="card" aria-labelledby="before-after">
        <h2 id="before-after" className="text-xl font-bold">
          What changes when you connect
        </h2>
        <div className="mt-3 grid gap-4 sm:grid-cols-2">
          <div className="rounded-lg bg-ink-100 p-4">
            <p className="font-semibold">Without a connection</p>
            <p className="mt-1 text-ink-800">The whole catalogue, ordered for everyone. Nothing is lost: every course stays open to you.</p>
          </div>
          <div className="rounded-lg bg-brand-300/20 p-4">
            <p className="font-semibold">With a connection</p>
            <p className="mt-1 text-ink-800">
              “2 of your 3 projects send no transactions”, “Enable Session Replay on your React project <code>web-frontend</code>”, with the docs for your platform and
              the courses that teach it.
            </p>
          </div>
        </div>
      </section>
      <section className="card" aria-labelledby="what-we-read">
        <h2 id="what-we-read" className="text-xl font-bold">
          What we read, why, and what we never do
        </h2>
        <ul className="mt-3 list-disc space-y-1 pl-5 text-ink-800">
          <li>
            <strong>We read</strong> your organizations, projects and their settings flags (has replays, sends transactions...), cron monitors, alert and uptime monitors,
            integrations and releases, with the read-only scopes <code>org:read</code> and <code>project:read</code>.
          </li>
          <li>
            <strong>Why:</strong> to see which features each project already uses and recommend the next step and the course that teaches it.
          </li>
          <li>
            <strong>We never</strong> change anything in Sentry, read your events, issues or source code, or share the data. Tokens are stored encrypted and never shown
            again.
          </li>
          <li>You can export everything we stored, see every API call we made, and disconnect (which deletes it all) at any time.</li>
        </ul>
      </section>
      {!availability.ok ? (
        <p role="status" className="card border-amber-600 bg-amber-50">
          {availability.message}
        </p>
      ) : !signedIn ? (
        <p className="card">
          <Link to="/login?redirectTo=/sentry" className="btn btn-primary">
            Log in to connect
          </Link>{" "}
          <Link to="/courses" className="btn btn-tertiary">
            Skip for now
          </Link>
        </p>
      ) : (
        <section className="card" aria-labelledby="connect">
          <h2 id="connect" className="text-xl font-bold">
            {variant.cta}
          </h2>
          <div className="mt-4 flex flex-wrap items-center gap-3">
            {oauth ? (
              <Form method="post" action="/api/sentry/oauth">
                <button type="submit" className="btn btn-primary">
                  Connect with Sentry (OAuth)
                </button>
              </Form>
            ) : null}
            <Link to="/sentry/token" className={oauth ? "btn btn-secondary" : "btn btn-primary"}>
              Use an auth token
            </Link>
            <Link to="/dashboard" className="btn btn-tertiary">
              Skip for now
            </Link>
          </div>
          <p className="mt-3 text-sm text-ink-700">
            {oauth
              ? "OAuth is one click: you approve read-only access on Sentry and come straight back. The token option is for people who prefer to create and paste a token themselves."
              : "OAuth isn't configured on this server (SENTRY_CLIENT_ID and SENTRY_CLIENT_SECRET), so connect with a personal auth token."}
          </p>
        </section>
      )}
    </div>
  );
}

const dateTime = formatDateTime;

/** How often the page asks again while a sync is queued or running. */
const POLL_MS = 1500;

function SyncStatus() {
  const { setup } = useLoaderData<typeof loader>();
  const status = setup!.status;
  const running = status.syncStatus === "RUNNING" || status.syncStatus === "QUEUED";
  const { revalidate, state: revalidation } = useRevalidator();
  const navigation = useNavigation();
  // One new request POLL_MS after the page last settled: each answer (or an idle router after a
  // navigation) re-arms it, so nothing captured by an old closure can stop the polling, and a
  // request that fails is simply followed by the next one.
  useEffect(() => {
    if (!running || revalidation !== "idle" || navigation.state !== "idle") return;
    const timer = setTimeout(() => void revalidate(), POLL_MS);
    return () => clearTimeout(timer);
  }, [running, revalidation, navigation.state, revalidate, status]);
  const syncing = navigation.formAction === "/api/sentry/sync";
  return (
    <section className="card" aria-labelledby="sync-status">
      {running ? (
        <noscript>
          <meta httpEquiv="refresh" content="2" />
        </noscript>
      ) : null}
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h2 id="sync-status" className="text-xl font-bold">
            Connection
          </h2>
          <p className="mt-1 text-ink-800">
            Connected {status.method === "OAUTH" ? "with OAuth" : "with a personal token"}
            {status.sentryUserName ? ` as ${status.sentryUserName}` : ""} since {dateTime(status.createdAt)} · scopes <code>{status.scopes.join(" ")}</code>
          </p>
          <p className="mt-1" role="status" data-testid="sync-status">
            {running
              ? "Syncing with Sentry now… this page refreshes by itself."
              : status.lastSyncedAt
              ? `Last synced ${dateTime(status.lastSyncedAt)}.`
              : "Not synced yet."}
          </p>
          {status.status === "NEEDS_RECONNECT" ? (
            <p className="mt-2 rounded-lg bg-red-50 p-3 text-red-900" role="alert">
              {status.statusReason} <Link to="/sentry/token">Connect with a new token</Link>
            </p>
          ) : status.lastSyncError && status.syncStatus === "FAILED" ? (
            <p className="mt-2 rounded-lg bg-amber-50 p-3 text-amber-950" role="alert">
              The last sync failed: {status.lastSyncError}
            </p>
          ) : null}
        </div>
        <div className="flex flex-wrap gap-2">
          {status.status === "ACTIVE" ? (
            <Form method="post" action="/api/sentry/sync">
              <button type="submit" className="btn btn-primary" disabled={running || syncing}>
                {running || syncing ? "Syncing…" : "Sync now"}
              </button>
            </Form>
          ) : null}
          <Link to="/sentry/audit" className="btn btn-secondary">
            API call log
          </Link>
          <a href="/sentry/export" className="btn btn-secondary" download>
            Export my data (JSON)
          </a>
        </div>
      </div>
    </section>
  );
}

function Connected() {
  const { setup } = useLoaderData<typeof loader>();
  const data = setup!;
  return (
    <div className="space-y-8">
      <header>
        <h1 className="text-3xl font-bold">Your Sentry Setup</h1>
        <p className="mt-1 text-ink-800">
          {data.organizations.length} organization
          {data.organizations.length === 1 ? "" : "s"} · {data.projectCount} project{data.projectCount === 1 ? "" : "s"}
          {data.platforms.length ? ` · ${data.platforms.map((p) => p.name).join(", ")}` : ""}
        </p>
      </header>
      <SyncStatus />
      {data.status.lastSyncedAt ? (
        <>
          <section aria-labelledby="next-steps">
            <h2 id="next-steps" className="text-2xl font-bold">
              Recommended next steps
            </h2>
            <div className="mt-3">
              <Recommendations groups={data.groups} />
            </div>
          </section>
          <section aria-labelledby="adoption">
            <h2 id="adoption" className="text-2xl font-bold">
              Feature adoption
            </h2>
            <div className="mt-3">
              <AdoptionProgress done={data.done} history={data.history} />
            </div>
          </section>
          <section aria-labelledby="matrix">
            <h2 id="matrix" className="text-2xl font-bold">
              Features by project
            </h2>
            <div className="mt-3 space-y-4">
              <MatrixLegend />
              <AdoptionMatrix organizations={data.organizations} features={data.matrixFeatures} />
            </div>
          </section>
          <section aria-labelledby="stack-courses">
            <h2 id="stack-courses" className="text-2xl font-bold">
              Courses for your stack
            </h2>
            {data.stackCourses.length ? (
              <ul className="mt-3 grid gap-4 md:grid-cols-2">
                {data.stackCourses.map((c) => (
                  <li key={c.slug} className="card">
                    <Link to={`/courses/${c.slug}`} className="text-lg font-bold">
                      {c.title}
                    </Link>
                    <p className="mt-1 text-ink-800">{c.summary}</p>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="card mt-3">
                No course is specific to your platforms yet; the <Link to="/courses">whole catalogue</Link> applies.
              </p>
            )}
          </section>
        </>
      ) : (
        <p className="card" data-testid="first-sync">
          {data.status.syncStatus === "FAILED"
            ? "The first sync didn't finish, so there is nothing to show yet. See the message above."
            : "We're reading your organizations and projects. The first sync usually takes a few seconds; your matrix and next steps appear here."}
        </p>
      )}
      <section className="card border-red-200" aria-labelledby="disconnect">
        <h2 id="disconnect" className="text-xl font-bold">
          Disconnect
        </h2>
        <p className="mt-1 text-ink-800">Deletes the stored tokens and everything synced from Sentry, at once. You keep all your Academy progress.</p>
        <Form method="post" action="/api/sentry/disconnect" className="mt-3">
          <button type="submit" className="btn btn-danger">
            Disconnect and delete Sentry data
          </button>
        </Form>
      </section>
    </div>
  );
}
