/** The customer portal's overview: goals, dates, status, progress and the Sentry contact. */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ProgressBar } from "~/components/ui/progress-bar.tsx";
import { customerPage } from "~/modules/poc/customer-portal.server.ts";
import { OverdueBadge, StatusBadge } from "~/components/poc/badges.tsx";
import { POC_SECTION_LABELS } from "~/modules/poc/sections.ts";
import { customerMeta } from "~/components/poc/customer/headers-meta.ts";
import { formatDay, formatOptionalDay } from "~/utils/dates.ts";
import { isOverdue, pocStatusLabel } from "~/modules/poc/progress.ts";
import type { RenderCacheHandle } from "~/utils/render-cache.server.ts";

export const meta: MetaFunction<typeof loader> = (args) => customerMeta(POC_SECTION_LABELS.overview, args);

/** Everyone holding the link sees the same page: its render is kept while the data stays the same (render-cache.server.ts). */
export const handle: RenderCacheHandle = { renderCacheSeconds: 60 };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { token, poc, progress } = await customerPage(request, params);
  const tasks = poc.phases.flatMap((p) => p.tasks);
  // What the customer's side has open, soonest first.
  const yours = [...poc.milestones.map((m) => ({ ...m, kind: "milestone" as const })), ...tasks.map((t) => ({ ...t, kind: "task" as const }))]
    .filter((i) => i.side === "CUSTOMER" && i.status !== "COMPLETED")
    .sort((a, b) => (a.dueDate?.getTime() ?? Infinity) - (b.dueDate?.getTime() ?? Infinity))
    .slice(0, 5)
    .map((i) => ({ id: i.id, kind: i.kind, title: i.title, status: i.status, dueDate: i.dueDate }));
  const overdue = [...poc.milestones, ...tasks].filter((i) => isOverdue(i)).length;
  return {
    token,
    goals: poc.goals,
    status: poc.status,
    startDate: poc.startDate,
    endDate: poc.endDate,
    se: poc.owner,
    progress: {
      overall: progress.overall,
      milestones: progress.milestones,
      criteria: progress.criteria,
      phases: poc.phases.map((p) => ({ id: p.id, name: p.name, ...progress.phases[p.id] })),
    },
    yours,
    overdue,
  };
}

export default function CustomerOverview() {
  const { token, goals, status, startDate, endDate, se, progress, yours, overdue } = useLoaderData<typeof loader>();
  const base = `/customer/${token}`;
  return (
    <div className="grid gap-6 lg:grid-cols-3">
      <div className="space-y-6 lg:col-span-2">
        <section className="card" aria-labelledby="goals-title">
          <h2 id="goals-title" className="text-xl font-bold">
            Goals
          </h2>
          {goals ? <p className="mt-2 whitespace-pre-line text-ink-900">{goals}</p> : <p className="mt-2 text-ink-700">Your Sentry contact will add the goals after the kick-off call.</p>}
          <dl className="mt-4 grid gap-4 text-sm sm:grid-cols-3">
            <div>
              <dt className="font-semibold text-ink-800">Status</dt>
              <dd className="mt-1">{pocStatusLabel(status)}</dd>
            </div>
            <div>
              <dt className="font-semibold text-ink-800">Starts</dt>
              <dd className="mt-1">{formatOptionalDay(startDate) ?? "Not set yet"}</dd>
            </div>
            <div>
              <dt className="font-semibold text-ink-800">Ends</dt>
              <dd className="mt-1">{formatOptionalDay(endDate) ?? "Not set yet"}</dd>
            </div>
          </dl>
        </section>

        <section className="card" aria-labelledby="progress-title">
          <h2 id="progress-title" className="text-xl font-bold">
            Progress
          </h2>
          <p className="mt-1 text-sm text-ink-800">
            {progress.overall.done} of {progress.overall.total} milestones, tasks and success criteria are completed.
            {overdue > 0 ? ` ${overdue} ${overdue === 1 ? "item is" : "items are"} overdue.` : ""}
          </p>
          <ul className="mt-4 space-y-4">
            <ProgressRow label="Overall" progress={progress.overall} />
            <ProgressRow label={`${POC_SECTION_LABELS.plan} milestones`} progress={progress.milestones} href={`${base}/plan`} />
            {progress.phases.map((p) => (
              <ProgressRow key={p.id} label={`Phase: ${p.name}`} progress={p} href={`${base}/phases#phase-${p.id}`} />
            ))}
            <ProgressRow label="Success criteria" progress={progress.criteria} href={`${base}/criteria`} />
          </ul>
        </section>
      </div>

      <div className="space-y-6">
        <section className="card" aria-labelledby="contact-title">
          <h2 id="contact-title" className="text-xl font-bold">
            Your Sentry contact
          </h2>
          <p className="mt-2 font-semibold">{se.name}</p>
          <p className="text-sm text-ink-800">Solutions engineer</p>
          <p className="mt-2 text-sm break-all">
            <a href={`mailto:${se.email}`}>{se.email}</a>
          </p>
        </section>

        <section className="card" aria-labelledby="yours-title">
          <h2 id="yours-title" className="text-xl font-bold">
            Next up for your team
          </h2>
          {yours.length === 0 ? (
            <p className="mt-2 text-sm text-ink-800">Nothing open on your side right now.</p>
          ) : (
            <ul className="mt-3 space-y-3">
              {yours.map((item) => (
                <li key={item.id} className="text-sm">
                  <Link to={`${base}/${item.kind === "milestone" ? "plan" : "phases"}#${item.kind}-${item.id}`} className="font-semibold">
                    {item.title}
                  </Link>
                  <div className="mt-1 flex flex-wrap items-center gap-2">
                    <StatusBadge status={item.status} variant="customer" />
                    <OverdueBadge item={item} variant="customer" />
                    {item.dueDate ? <span className="text-ink-700">Due {formatDay(item.dueDate)}</span> : null}
                  </div>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </div>
  );
}

function ProgressRow({ label, progress, href }: { label: string; progress: { done: number; total: number; percent: number }; href?: string }) {
  return (
    <li>
      <div className="mb-1 flex flex-wrap justify-between gap-2 text-sm">
        <span className="font-semibold">{href ? <Link to={href}>{label}</Link> : label}</span>
        <span className="text-ink-700">
          {progress.done} of {progress.total} completed
        </span>
      </div>
      <ProgressBar percent={progress.percent} label={`${label}: progress`} size="sm" />
    </li>
  );
}
