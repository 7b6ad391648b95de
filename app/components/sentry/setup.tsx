/** Pieces of the "Your Sentry Setup" page: the adoption matrix and the ranked next steps. */
import { Link } from "@remix-run/react";
import { formatDateTime, formatLongDay } from "~/utils/dates.ts";
import { ScrollRegion } from "~/components/ui/scroll-region.tsx";

type Project = {
  slug: string;
  name: string;
  platformName: string;
  values: (boolean | null)[];
};
type Organization = {
  slug: string;
  name: string;
  integrations: string[];
  notes: string[];
  projects: Project[];
};
type MatrixFeature = { slug: string; label: string; notApplicable: string };

/** In use, not yet, doesn't apply: told apart by shape and text, not by colour alone (a filled disc, a dashed ring, a dash). */
function CellMark({ value, feature, project }: { value: boolean | null; feature: MatrixFeature; project: string }) {
  if (value === null) {
    return (
      <span className="text-ink-700">
        <span aria-hidden="true">–</span>
        <span className="sr-only">{`${feature.label} doesn't apply to ${project}: ${feature.notApplicable}`}</span>
      </span>
    );
  }
  return value ? (
    <span className="inline-flex size-6 items-center justify-center rounded-full bg-green-800 text-sm font-bold text-white">
      <span aria-hidden="true">✓</span>
      <span className="sr-only">{`${feature.label}: in use`}</span>
    </span>
  ) : (
    <span className="inline-flex size-6 items-center justify-center rounded-full border-2 border-dashed border-red-800 text-xs font-bold text-red-800">
      <span aria-hidden="true">✗</span>
      <span className="sr-only">{`${feature.label}: not yet`}</span>
    </span>
  );
}

/** The key to the matrix, shown before it. */
export function MatrixLegend() {
  return (
    <p className="flex flex-wrap items-center gap-x-5 gap-y-2 text-sm text-ink-800" data-testid="matrix-legend">
      <span className="inline-flex items-center gap-2">
        <CellMark value={true} feature={{ slug: "", label: "", notApplicable: "" }} project="" /> in use
      </span>
      <span className="inline-flex items-center gap-2">
        <CellMark value={false} feature={{ slug: "", label: "", notApplicable: "" }} project="" /> not yet (see the next steps above)
      </span>
      <span className="inline-flex items-center gap-2">
        <span aria-hidden="true" className="font-bold">
          –
        </span>{" "}
        doesn&apos;t apply to that platform (why: below the table)
      </span>
    </p>
  );
}

export function AdoptionMatrix({ organizations, features }: { organizations: Organization[]; features: MatrixFeature[] }) {
  const notApplicable = features.filter((f) => organizations.some((o) => o.projects.some((p) => p.values[features.indexOf(f)] === null)));
  return (
    <div className="space-y-6">
      {organizations.map((org) => (
        <div key={org.slug}>
          <h3 className="text-lg font-bold">
            {org.name} <span className="font-mono text-sm font-normal text-ink-700">{org.slug}</span>
          </h3>
          <p className="text-sm text-ink-700">
            {org.projects.length} project{org.projects.length === 1 ? "" : "s"}
            {org.integrations.length ? ` · Integrations: ${org.integrations.join(", ")}` : " · No integrations"}
          </p>
          {org.notes.map((note) => (
            <p key={note} className="text-sm text-ink-700">
              {note}
            </p>
          ))}
          {org.projects.length ? (
            <ScrollRegion label={`Feature adoption by project in ${org.name}`} className="mt-2 rounded-lg border border-ink-300/60">
              <table className="min-w-full text-sm" data-testid={`matrix-${org.slug}`}>
                <caption className="sr-only">{`Feature adoption by project in ${org.name}`}</caption>
                <thead className="bg-ink-100">
                  <tr>
                    <th scope="col" className="px-3 py-2 text-left">
                      Project
                    </th>
                    {features.map((f) => (
                      <th key={f.slug} scope="col" className="px-2 py-2 text-center text-xs font-semibold">
                        {f.label}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {org.projects.map((p) => (
                    <tr key={p.slug} className="border-t border-ink-300/60" data-project={p.slug}>
                      <th scope="row" className="px-3 py-2 text-left font-normal">
                        {/* Slugs are names: never broken at their hyphens. */}
                        <code className="font-semibold whitespace-nowrap">{p.slug}</code>
                        <span className="block text-xs whitespace-nowrap text-ink-700">{p.platformName}</span>
                      </th>
                      {features.map((f, i) => (
                        <td key={f.slug} className="px-2 py-2 text-center" data-feature={f.slug}>
                          <CellMark value={p.values[i] ?? null} feature={f} project={p.slug} />
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          ) : null}
        </div>
      ))}
      {notApplicable.length ? (
        <details className="text-sm text-ink-800">
          <summary className="cursor-pointer font-semibold">Why a feature doesn&apos;t apply (–)</summary>
          <dl className="mt-2 space-y-1">
            {notApplicable.map((f) => (
              <div key={f.slug}>
                <dt className="inline font-semibold">{f.label}: </dt>
                <dd className="inline">{f.notApplicable}</dd>
              </div>
            ))}
          </dl>
        </details>
      ) : null}
    </div>
  );
}

type Group = {
  feature: string;
  featureLabel: string;
  title: string;
  single: { before: string; projectSlug: string } | null;
  why: string;
  effort: string;
  impact: string;
  /** The docs once per platform, with the projects on it. */
  docs: { url: string; platformName: string; action: string; projects: string[] }[];
  courses: { slug: string; title: string; url: string }[];
  lessons: { title: string; url: string; courseTitle: string }[];
};

const SHOWN_FIRST = 3;

/** The ranked next steps: the first few open, the rest behind a <details> that works without JS. */
export function Recommendations({ groups }: { groups: Group[] }) {
  if (groups.length === 0) {
    return <p className="card">Nothing left to recommend: every feature that applies to your projects is in use. Nice work.</p>;
  }
  const first = groups.slice(0, SHOWN_FIRST);
  const rest = groups.slice(SHOWN_FIRST);
  return (
    <div className="space-y-4">
      <ol className="space-y-4" aria-label="Recommended next steps, most valuable first">
        {first.map((g, index) => (
          <RecommendationCard key={g.feature} group={g} rank={index + 1} />
        ))}
      </ol>
      {rest.length ? (
        <details className="group">
          <summary className="btn btn-secondary cursor-pointer list-none">Show {rest.length} more next steps</summary>
          <ol start={SHOWN_FIRST + 1} className="mt-4 space-y-4" aria-label="More next steps">
            {rest.map((g, index) => (
              <RecommendationCard key={g.feature} group={g} rank={SHOWN_FIRST + index + 1} />
            ))}
          </ol>
        </details>
      ) : null}
    </div>
  );
}

function RecommendationCard({ group: g, rank }: { group: Group; rank: number }) {
  return (
    <li className="card grid gap-3 p-5 md:grid-cols-[1fr_17rem]" data-testid="recommendation" data-feature={g.feature}>
      <div className="min-w-0">
        <p className="text-sm font-semibold text-brand-700">
          {rank}. {g.featureLabel} · {g.impact} impact · takes {g.effort}
        </p>
        <h3 className="mt-1 text-lg font-bold">
          {g.single ? (
            <>
              {g.single.before} <code className="whitespace-nowrap">{g.single.projectSlug}</code>
            </>
          ) : (
            g.title
          )}
        </h3>
        <p className="mt-1 text-ink-800">{g.why}</p>
        <ul className="mt-2 space-y-1 text-sm">
          {g.docs.map((d) => (
            <li key={d.url}>
              {g.single ? null : (
                <>
                  {d.action}{" "}
                  {d.projects.map((slug, i) => (
                    <span key={slug}>
                      {i ? ", " : ""}
                      <code className="font-semibold whitespace-nowrap">{slug}</code>
                    </span>
                  ))}
                  {" · "}
                </>
              )}
              <a href={d.url} target="_blank" rel="noreferrer" className="underline">
                {`Sentry docs${d.platformName ? ` for ${d.platformName}` : ""}`}
                <span className="sr-only"> (opens in a new tab)</span>
              </a>
            </li>
          ))}
        </ul>
      </div>
      {g.courses.length || g.lessons.length ? (
        <div className="self-start rounded-lg bg-ink-100 p-3 text-sm">
          <p className="font-semibold">Learn it in the Academy</p>
          <ul className="mt-1 space-y-1">
            {g.courses.map((c) => (
              <li key={c.slug}>
                Course: <Link to={c.url} className="underline">{c.title}</Link>
              </li>
            ))}
            {g.lessons.map((l) => (
              <li key={l.url}>
                Lesson: <Link to={l.url} className="underline">{l.title}</Link> <span className="text-ink-700">in {l.courseTitle}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </li>
  );
}

export function AdoptionProgress({
  done,
  history,
}: {
  done: {
    id: string;
    featureLabel: string;
    projectSlug: string | null;
    adoptedAt: string | Date | null;
  }[];
  history: { takenAt: string | Date; adopted: number; applicable: number }[];
}) {
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <div className="card">
        <h3 className="font-bold">Adopted since you connected</h3>
        {done.length ? (
          <ul className="mt-2 space-y-1" data-testid="adopted">
            {done.map((d) => (
              <li key={d.id}>
                <span aria-hidden="true" className="text-green-800">
                  ✓{" "}
                </span>
                {d.featureLabel} on <code>{d.projectSlug}</code>
                {d.adoptedAt ? <span className="text-ink-700"> · done {formatLongDay(d.adoptedAt)}</span> : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-2 text-ink-700">Nothing yet. When a sync sees a recommended feature in use, it shows up here with the date.</p>
        )}
      </div>
      <div className="card">
        <h3 className="font-bold">Adoption over time</h3>
        {history.length ? (
          <table className="mt-2 w-full text-sm">
            <caption className="sr-only">Features in use out of those that apply, per sync</caption>
            <thead>
              <tr className="text-left">
                <th scope="col">Sync</th>
                <th scope="col">In use</th>
                <th scope="col">Share</th>
              </tr>
            </thead>
            <tbody>
              {history.map((h) => (
                <tr key={String(h.takenAt)}>
                  <td>
                    {formatDateTime(h.takenAt)}
                  </td>
                  <td>
                    {h.adopted} of {h.applicable}
                  </td>
                  <td>{h.applicable ? Math.round((100 * h.adopted) / h.applicable) : 0}%</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="mt-2 text-ink-700">The first sync will start the history.</p>
        )}
      </div>
    </div>
  );
}
