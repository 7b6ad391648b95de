import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { AddItemForm, ItemTimeline, PhaseHeading } from "~/components/poc/plan-view.tsx";
import { AddRowForm, SmallField } from "~/components/poc/row-forms.tsx";
import { WorkspaceErrorBoundary } from "~/components/poc/workspace-error-boundary.tsx";
import { ProgressBar } from "~/components/ui/progress-bar.tsx";
import { staffWorkspaceAction } from "~/modules/poc/staff-actions.server.ts";
import { phasesTabData } from "~/modules/poc/staff-workspace.server.ts";

export const meta: MetaFunction = () => [{ title: "POC phases and tasks · POC Portal · Sentry Academy" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return phasesTabData(request, params.id);
}

export async function action(args: ActionFunctionArgs) {
  return staffWorkspaceAction(args);
}

export default function PocPhases() {
  const { phases } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="phases-title" className="space-y-6">
      <div>
        <h2 id="phases-title" className="text-2xl font-bold">
          POC phases and tasks
        </h2>
        <p className="mt-1 text-sm text-ink-700">The work of the POC, phase by phase. A phase's progress counts its completed tasks.</p>
      </div>
      {phases.length === 0 ? <p className="card">No phases yet: add the first one below.</p> : null}
      {phases.map((phase, index) => {
        const p = phase.progress;
        const headingId = `phase-${phase.id}-title`;
        return (
          <section key={phase.id} id={`phase-${phase.id}`} aria-labelledby={headingId} className="scroll-mt-24 space-y-3 rounded-2xl bg-ink-100/50 p-3 sm:p-5">
            <PhaseHeading phase={phase} index={index} count={phases.length} headingId={headingId}>
              <div className="mt-2 max-w-md">
                <p className="text-sm font-semibold">
                  {p.done} of {p.total} tasks completed
                </p>
                <ProgressBar percent={p.percent} label={`Progress of phase ${phase.name}`} size="sm" />
              </div>
            </PhaseHeading>
            <ItemTimeline kind="task" label={`Tasks of phase ${phase.name}`} rows={phase.tasks} emptyText="No tasks yet: add the first one below." />
            <AddItemForm kind="task" formId={`add-task:${phase.id}`} legend={`Add a task to ${phase.name}`} submitLabel="Add task" resetKey={phase.tasks.length} phaseId={phase.id} collapsed />
          </section>
        );
      })}
      <AddRowForm kind="phase" formId="add-phase" legend="Add a phase" submitLabel="Add phase" resetKey={phases.length}>
        <SmallField formId="add-phase" name="name" label="Name" className="w-full sm:w-60" />
        <SmallField formId="add-phase" name="description" label="Description (optional)" className="w-full sm:w-96" />
      </AddRowForm>
    </section>
  );
}

export const ErrorBoundary = WorkspaceErrorBoundary;
