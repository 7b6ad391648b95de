import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { EditableCell } from "~/components/poc/editable-cell.tsx";
import { AddItemForm, ItemTable } from "~/components/poc/item-table.tsx";
import { AddRowForm, RowControls, SmallField } from "~/components/poc/row-forms.tsx";
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
          <section key={phase.id} id={`phase-${phase.id}`} aria-labelledby={headingId} className="card scroll-mt-24 space-y-3 p-4 sm:p-6">
            <div className="flex flex-wrap items-start justify-between gap-3">
              <div className="min-w-0">
                <h3 id={headingId} className="text-xl font-bold">
                  Phase {index + 1}: {phase.name}
                </h3>
                {phase.description ? <p className="mt-1 text-sm text-ink-800">{phase.description}</p> : null}
              </div>
              <RowControls kind="phase" id={phase.id} name={`Phase ${phase.name}`} first={index === 0} last={index === phases.length - 1} />
            </div>
            <div className="max-w-md">
              <p className="text-sm font-semibold">
                {p.done} of {p.total} tasks completed
              </p>
              <ProgressBar percent={p.percent} label={`Progress of phase ${phase.name}`} size="sm" />
            </div>
            <details className="rounded-lg bg-ink-100/60 p-3">
              <summary className="cursor-pointer text-sm font-semibold">Rename or describe this phase</summary>
              <div className="mt-2 grid gap-3 sm:grid-cols-2">
                <div>
                  <p className="label text-xs" aria-hidden="true">
                    Name
                  </p>
                  <EditableCell kind="phase" id={phase.id} version={phase.version} field="name" value={phase.name} label={`Name of phase ${phase.name}`} />
                </div>
                <div>
                  <p className="label text-xs" aria-hidden="true">
                    Description
                  </p>
                  <EditableCell kind="phase" id={phase.id} version={phase.version} field="description" value={phase.description} label={`Description of phase ${phase.name}`} type="textarea" />
                </div>
              </div>
            </details>
            <ItemTable kind="task" noun="task" caption={`Tasks of phase ${phase.name}`} rows={phase.tasks} />
            <AddItemForm kind="task" formId={`add-task:${phase.id}`} legend={`Add a task to ${phase.name}`} submitLabel="Add task" resetKey={phase.tasks.length} phaseId={phase.id} />
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
