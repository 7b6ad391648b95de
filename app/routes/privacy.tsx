import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { retentionDays } from "~/modules/poc/conversation-data.server.ts";

export const meta: MetaFunction = () => [{ title: "Privacy and data · Sentry Academy" }];

/**
 * What the app stores, how it protects it and for how long (the seeds' "transparent
 * privacy policy", decision 020). Only what the code does: keep it in step with it.
 */
export async function loader() {
  return { retentionDays: retentionDays() };
}

export default function Privacy() {
  const { retentionDays } = useLoaderData<typeof loader>();
  return (
    <article className="card max-w-3xl space-y-5">
      <h1 className="text-3xl font-bold">Privacy and data</h1>
      <p className="text-ink-800">What Sentry Academy stores about you, how it is protected, and how long it is kept.</p>

      <section aria-labelledby="privacy-account" className="space-y-2">
        <h2 id="privacy-account" className="text-xl font-bold">
          Your account
        </h2>
        <ul className="list-disc space-y-1 pl-5 text-ink-800">
          <li>Your name and email address, your course progress, quiz results, notes, discussion posts, exercise code, code reviews and their comments, notifications and certificates.</li>
          <li>Your password only as a slow one-way hash, your API tokens and recovery codes only as hashes, and your two-factor key encrypted.</li>
          <li>Cookies only to keep you signed in and to carry a sign-in or message between two pages: no advertising or tracking cookies.</li>
          <li>
            Your sessions and API tokens are listed, and can be revoked, in <Link to="/account">Account settings</Link>.
          </li>
          <li>
            In <Link to="/account">Account settings</Link> you can also download everything stored about you (a JSON file, kept for 7 days), and delete your
            account: it is deleted 14 days after you ask (you can cancel until then); your posts stay as "Deleted user", and your certificates stay
            verifiable only if you choose so.
          </li>
        </ul>
      </section>

      <section aria-labelledby="privacy-sentry" className="space-y-2">
        <h2 id="privacy-sentry" className="text-xl font-bold">
          Sentry Connect (optional)
        </h2>
        <ul className="list-disc space-y-1 pl-5 text-ink-800">
          <li>
            Read-only: we ask for <code>org:read</code> and <code>project:read</code> and refuse a pasted token that could change anything in Sentry. We read
            your organizations, projects and which features they use; never your events, issues or source code.
          </li>
          <li>Tokens are stored encrypted (AES-256-GCM) and never shown again, not even to you.</li>
          <li>
            Every call we make to Sentry for you is listed in the <Link to="/sentry/audit">audit log</Link>; <Link to="/sentry/export">export</Link> downloads
            everything stored about the connection; disconnecting deletes it.
          </li>
        </ul>
      </section>

      <section aria-labelledby="privacy-poc" className="space-y-2">
        <h2 id="privacy-poc" className="text-xl font-bold">
          Proofs of concept (customers of Sentry)
        </h2>
        <ul className="list-disc space-y-1 pl-5 text-ink-800">
          <li>
            Call transcripts from Gong, the calls' participants (names and email addresses) and the quotes taken from them are visible to Sentry staff only,
            stored encrypted (AES-256-GCM), and deleted {retentionDays} days after the proof of concept is marked won or lost (or sooner, on request).
          </li>
          <li>When the AI analysis is used, the transcripts are sent to Anthropic's Claude to draft the value framework; nothing else is.</li>
          <li>The customer's share link shows the plan, the success criteria, the tech stack and the team: never the calls or internal notes.</li>
        </ul>
      </section>

      <section aria-labelledby="privacy-ops" className="space-y-2">
        <h2 id="privacy-ops" className="text-xl font-bold">
          Operations
        </h2>
        <ul className="list-disc space-y-1 pl-5 text-ink-800">
          <li>Our own error reports (when enabled) are sent to Sentry without personal data; tokens are scrubbed from them.</li>
          <li>Email is sent for account matters (for example a password reset) and for announcements in the courses you are enrolled in.</li>
        </ul>
      </section>
    </article>
  );
}
