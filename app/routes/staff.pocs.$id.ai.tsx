import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useWorkspace } from "~/components/poc/workspace.tsx";

export const meta: MetaFunction = () => [{ title: "AI value framework · POC Portal · Sentry Academy" }];

export default function PocAi() {
  const { poc } = useWorkspace();
  return (
    <section aria-labelledby="ai-title" className="card max-w-3xl space-y-3">
      <h2 id="ai-title" className="text-2xl font-bold">
        AI value framework
      </h2>
      <p className="rounded-lg border-l-4 border-brand-600 bg-brand-300/15 px-4 py-3 font-semibold text-ink-900" role="note">
        Coming with part 2 of the POC Portal: Claude analysis of the Gong transcripts.
      </p>
      <p className="text-ink-800">
        This tab will read the transcripts chosen on the <Link to={`/staff/pocs/${poc.id}/gong`}>Gong calls</Link> tab and draft {poc.customerName}'s value framework:
        current challenges, their impact, the ideal future state, the metrics that matter and the requirements, each with the quotes it rests on and a confidence
        score. You review and edit every draft before it counts.
      </p>
      <h3 className="text-lg font-bold">What an admin will configure</h3>
      <ul className="list-disc space-y-1 pl-5 text-ink-800">
        <li>
          <code>ANTHROPIC_API_KEY</code>: the key for the Claude API (optionally <code>ANTHROPIC_MODEL</code> to choose the model).
        </li>
        <li>Drafts stay staff only: they never appear on the customer's page.</li>
      </ul>
    </section>
  );
}
