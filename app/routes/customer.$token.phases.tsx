/** Phases and their tasks with progress; the customer sets the status of the tasks their team owns. */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ProgressBar } from "~/components/ui/progress-bar.tsx";
import { changeStatus, customerPage, requireCustomerAccess } from "~/modules/poc/customer-portal.server.ts";
import { customerMeta } from "~/components/poc/customer/headers-meta.ts";
import { CustomerItemRow, CustomerTimeline } from "~/components/poc/customer/item-row.tsx";
import { StatusBadge } from "~/components/poc/badges.tsx";
import { POC_SECTION_LABELS } from "~/modules/poc/sections.ts";
import type { RenderCacheHandle } from "~/utils/render-cache.server.ts";

export const meta: MetaFunction<typeof loader> = (args) => customerMeta(POC_SECTION_LABELS.phases, args);

/** Everyone holding the link sees the same page: its render is kept while the data stays the same (render-cache.server.ts). */
export const handle: RenderCacheHandle = { renderCacheSeconds: 60 };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { poc, progress } = await customerPage(request, params);
  return {
    phases: poc.phases.map((p) => ({
      id: p.id,
      name: p.name,
      description: p.description,
      progress: progress.phases[p.id],
      tasks: p.tasks.map((t) => ({ id: t.id, title: t.title, owner: t.owner, side: t.side, dueDate: t.dueDate, status: t.status, version: t.version, updatedBy: t.updatedBy })),
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireCustomerAccess(params);
  const form = await request.formData();
  if (form.get("intent") === "status" && form.get("kind") === "task") return changeStatus(access, form, "phases");
  return data({ error: "Unknown action" }, { status: 400 });
}

export default function CustomerPhases() {
  const { phases } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <div>
        <h2 className="text-2xl font-bold">{POC_SECTION_LABELS.phases}</h2>
        <p className="mt-1 text-ink-800">The work of the proof of concept, phase by phase. Set the status of the tasks your team owns.</p>
      </div>
      {phases.length === 0 ? <p className="card text-ink-800">No phases yet.</p> : null}
      {phases.map((phase, index) => (
        <section key={phase.id} id={`phase-${phase.id}`} className="card" aria-labelledby={`phase-${phase.id}-title`}>
          <div className="flex flex-wrap items-start justify-between gap-2">
            <h3 id={`phase-${phase.id}-title`} className="text-xl font-bold">
              <span className="text-ink-700">Phase {index + 1}:</span> {phase.name}
            </h3>
            {phase.progress.total > 0 && phase.progress.done === phase.progress.total ? <StatusBadge status="COMPLETED" variant="customer" /> : null}
          </div>
          {phase.description ? <p className="mt-1 text-ink-800">{phase.description}</p> : null}
          <div className="mt-3">
            <ProgressBar percent={phase.progress.percent} label={`${phase.name}: tasks completed`} />
            <p className="mt-1 text-sm text-ink-700">
              {phase.progress.done} of {phase.progress.total} tasks completed
            </p>
          </div>
          {phase.tasks.length === 0 ? (
            <p className="mt-4 text-sm text-ink-800">No tasks in this phase yet.</p>
          ) : (
            <CustomerTimeline kind="task" label={`Tasks of ${phase.name}`}>
              {phase.tasks.map((t) => (
                <CustomerItemRow key={t.id} kind="task" item={t} />
              ))}
            </CustomerTimeline>
          )}
        </section>
      ))}
    </div>
  );
}
