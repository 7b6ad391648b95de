import type { MetaFunction } from "@remix-run/node";
import { useWorkspace } from "~/components/poc/workspace.tsx";

export const meta: MetaFunction = () => [{ title: "Gong calls · POC Portal · Sentry Academy" }];

export default function PocGong() {
  const { poc } = useWorkspace();
  return (
    <section aria-labelledby="gong-title" className="card max-w-3xl space-y-3">
      <h2 id="gong-title" className="text-2xl font-bold">
        Gong calls
      </h2>
      <p className="rounded-lg border-l-4 border-brand-600 bg-brand-300/15 px-4 py-3 font-semibold text-ink-900" role="note">
        Coming with part 2 of the POC Portal: Gong call search.
      </p>
      <p className="text-ink-800">
        This tab will find the calls recorded with {poc.customerName} by their account domain (<strong>{poc.accountDomain}</strong>), list them with date, title and
        participants, and fetch the transcripts you pick for the AI value framework.
      </p>
      <h3 className="text-lg font-bold">What an admin will configure</h3>
      <ul className="list-disc space-y-1 pl-5 text-ink-800">
        <li>
          <code>GONG_ACCESS_KEY</code> and <code>GONG_ACCESS_KEY_SECRET</code>: a Gong API key pair with read access to calls and transcripts.
        </li>
        <li>Transcripts stay staff only: they never appear on the customer's page.</li>
      </ul>
    </section>
  );
}
