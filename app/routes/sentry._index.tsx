import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";

export const meta: MetaFunction = () => [{ title: "Your Sentry Setup · Sentry Academy" }];

export default function SentrySetup() {
  return (
    <div className="max-w-3xl">
      <h1 className="text-3xl font-bold">Your Sentry Setup</h1>
      <p className="mt-3 text-lg text-ink-800">See what Sentry features you're missing, and the courses that teach them.</p>
      <section className="card mt-6" aria-labelledby="what-we-read">
        <h2 id="what-we-read" className="text-xl font-bold">
          What connecting will do
        </h2>
        <ul className="mt-3 list-disc space-y-1 pl-5 text-ink-800">
          <li>We read your organizations and projects, with read-only access (org:read and project:read).</li>
          <li>We spot the features you haven't adopted, such as tracing, Session Replay, profiling or cron monitoring.</li>
          <li>We never change anything in Sentry, and you can disconnect and delete the data at any time.</li>
        </ul>
        <p className="mt-4 text-ink-800">
          Connecting your account opens in the Sentry Connect release. <Link to="/">Keep learning</Link> in the meantime.
        </p>
      </section>
    </div>
  );
}
