/** Success criteria, read-only, each with the Sentry docs for its feature on the confirmed platforms. */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ProgressBar } from "~/components/ui/progress-bar.tsx";
import { customerPage, docsByFeature } from "~/modules/poc/customer-portal.server.ts";
import { StatusBadge } from "~/components/poc/badges.tsx";
import { POC_SECTION_LABELS } from "~/modules/poc/sections.ts";
import { customerMeta } from "~/components/poc/customer/headers-meta.ts";
import type { RenderCacheHandle } from "~/utils/render-cache.server.ts";

export const meta: MetaFunction<typeof loader> = (args) => customerMeta(POC_SECTION_LABELS.criteria, args);

/** Everyone holding the link sees the same page: its render is kept while the data stays the same (render-cache.server.ts). */
export const handle: RenderCacheHandle = { renderCacheSeconds: 60 };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { token, poc, progress } = await customerPage(request, params);
  const byFeature = docsByFeature(poc.techStack, poc.criteria);
  return {
    token,
    hasStack: poc.techStack.length > 0,
    progress: progress.criteria,
    criteria: poc.criteria.map((c) => {
      const docs = c.feature ? byFeature.get(c.feature) : undefined;
      return {
        id: c.id,
        title: c.title,
        description: c.description,
        status: c.status,
        feature: docs ? { label: docs.label, links: docs.links, notApplicable: docs.notApplicable } : null,
      };
    }),
  };
}

export default function CustomerCriteria() {
  const { token, hasStack, progress, criteria } = useLoaderData<typeof loader>();
  return (
    <section className="card" aria-labelledby="criteria-title">
      <h2 id="criteria-title" className="text-2xl font-bold">
        Success criteria
      </h2>
      <p className="mt-1 text-ink-800">What the proof of concept has to show. The Sentry team updates these as you review them together.</p>
      <div className="mt-4">
        <ProgressBar percent={progress.percent} label="Success criteria met" />
        <p className="mt-1 text-sm text-ink-700">
          {progress.done} of {progress.total} success criteria met
        </p>
      </div>
      {!hasStack ? (
        <p className="mt-4 rounded-lg border-l-4 border-brand-600 bg-brand-300/10 px-4 py-3 text-sm">
          <Link to={`/customer/${token}/tech`}>Confirm your tech stack</Link> to get the documentation pages for your platforms.
        </p>
      ) : null}
      {criteria.length === 0 ? (
        <p className="mt-6 text-ink-800">No success criteria yet.</p>
      ) : (
        <ol className="mt-6 space-y-4">
          {criteria.map((c, i) => (
            <li key={c.id} className="rounded-lg border border-ink-300/60 p-4">
              <div className="flex flex-wrap items-start justify-between gap-2">
                <h3 className="min-w-0 font-semibold break-words">
                  <span className="text-ink-700">{i + 1}.</span> {c.title}
                </h3>
                <p>
                  <span className="sr-only">Status:</span>
                  <StatusBadge status={c.status} variant="customer" />
                </p>
              </div>
              {c.description ? <p className="mt-1 text-ink-800">{c.description}</p> : null}
              {c.feature ? <FeatureDocs feature={c.feature} /> : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

type Docs = { label: string; links: { platform: string; platformName: string; url: string }[]; notApplicable: { platformName: string; reason: string }[] };

function FeatureDocs({ feature }: { feature: Docs }) {
  return (
    <div className="mt-3 text-sm">
      <p className="font-semibold">Sentry docs: {feature.label}</p>
      <ul className="mt-1 list-disc space-y-1 pl-5">
        {feature.links.map((l) => (
          <li key={`${l.platform}:${l.url}`}>
            <a href={l.url} rel="noreferrer noopener" target="_blank" className="break-words">
              {feature.label} for {l.platformName}
              <span className="sr-only"> (opens in a new tab)</span>
            </a>
          </li>
        ))}
        {feature.notApplicable.map((n) => (
          <li key={n.platformName} className="text-ink-800">
            Doesn't apply to {n.platformName}: {n.reason}
          </li>
        ))}
      </ul>
    </div>
  );
}
