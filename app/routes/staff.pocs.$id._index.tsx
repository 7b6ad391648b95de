import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { EditableCell } from "~/components/poc/editable-cell.tsx";
import { ShareLinkSection } from "~/components/poc/share-link.tsx";
import { RecentActivity } from "~/components/poc/activity.tsx";
import { WorkspaceErrorBoundary } from "~/components/poc/workspace-error-boundary.tsx";
import { ProgressBar } from "~/components/ui/progress-bar.tsx";
import { POC_STATUSES } from "~/modules/poc/progress.ts";
import { staffWorkspaceAction } from "~/modules/poc/staff-actions.server.ts";
import { cellValue } from "~/modules/poc/staff-schemas.ts";
import { overviewTabData } from "~/modules/poc/staff-workspace.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  return overviewTabData(request, params.id);
}

export async function action(args: ActionFunctionArgs) {
  return staffWorkspaceAction(args);
}

function DetailRow({ label, children, note }: { label: string; children: React.ReactNode; note?: string }) {
  return (
    <div className="grid gap-1 py-2 sm:grid-cols-[10rem_1fr] sm:gap-3">
      <dt className="pt-1.5 text-sm font-semibold text-ink-800">
        {label}
        {note ? <span className="block text-xs font-normal text-ink-700">{note}</span> : null}
      </dt>
      <dd className="min-w-0">{children}</dd>
    </div>
  );
}

export default function PocOverview() {
  const { poc, progress, activity, owners, share } = useLoaderData<typeof loader>();
  const cell = { kind: "poc" as const, id: poc.id, version: poc.version };
  // The current owner stays choosable even if their role changed since.
  const ownerOptions = [
    ...owners.map((o) => ({ value: o.id, label: o.name })),
    ...(owners.some((o) => o.id === poc.ownerId) ? [] : [{ value: poc.ownerId, label: `${poc.ownerName} (no longer staff)` }]),
  ];
  return (
    <div className="grid gap-6 lg:grid-cols-[3fr_2fr]">
      <div className="space-y-6">
        <section className="card" aria-labelledby="progress-title">
          <h2 id="progress-title" className="text-xl font-bold">
            Progress
          </h2>
          <div className="mt-3 space-y-3">
            <div>
              <p className="text-sm font-semibold">
                Overall: {progress.overall.done} of {progress.overall.total} milestones, tasks and criteria completed
              </p>
              <ProgressBar percent={progress.overall.percent} label="Overall progress" />
            </div>
            <div>
              <p className="text-sm">
                Mutual Action Plan: {progress.milestones.done} of {progress.milestones.total} milestones
              </p>
              <ProgressBar percent={progress.milestones.percent} label="Mutual Action Plan progress" size="sm" />
            </div>
            {progress.phases.map((phase) => (
              <div key={phase.id}>
                <p className="text-sm">
                  Phase {phase.name}: {phase.done} of {phase.total} tasks
                </p>
                <ProgressBar percent={phase.percent} label={`Progress of phase ${phase.name}`} size="sm" />
              </div>
            ))}
            <div>
              <p className="text-sm">
                Success criteria: {progress.criteria.done} of {progress.criteria.total} met
              </p>
              <ProgressBar percent={progress.criteria.percent} label="Success criteria progress" size="sm" />
            </div>
          </div>
        </section>

        <section className="card" aria-labelledby="details-title">
          <h2 id="details-title" className="text-xl font-bold">
            Details
          </h2>
          <p className="mt-1 text-sm text-ink-700">Each field saves on its own.</p>
          <dl className="mt-2 divide-y divide-ink-100">
            <DetailRow label="Customer">
              <EditableCell {...cell} field="customerName" value={poc.customerName} label="Customer name" />
            </DetailRow>
            <DetailRow label="Account domain">
              <EditableCell {...cell} field="accountDomain" value={poc.accountDomain} label="Account domain" />
            </DetailRow>
            <DetailRow label="Customer logo" note="An https:// image address; their initials show when empty. The customer's browser loads it from there.">
              <EditableCell {...cell} field="customerLogoUrl" value={poc.customerLogoUrl} label="Customer logo URL" placeholder="https://acme.com/logo.svg" />
            </DetailRow>
            <DetailRow label="Status">
              <EditableCell {...cell} field="status" value={poc.status} label="POC status" type="select" options={POC_STATUSES} />
            </DetailRow>
            <DetailRow label="SE owner">
              <EditableCell {...cell} field="ownerId" value={poc.ownerId} label="SE owner" type="select" options={ownerOptions} />
            </DetailRow>
            <DetailRow label="Start date">
              <EditableCell {...cell} field="startDate" value={cellValue(poc, "startDate")} label="Start date" type="date" inputClassName="w-44" />
            </DetailRow>
            <DetailRow label="End date">
              <EditableCell {...cell} field="endDate" value={cellValue(poc, "endDate")} label="End date" type="date" inputClassName="w-44" />
            </DetailRow>
            <DetailRow label="Goals">
              <EditableCell {...cell} field="goals" value={poc.goals} label="Goals" type="textarea" placeholder="What the customer wants to prove" />
            </DetailRow>
            <DetailRow label="Internal notes" note="Staff only: never shown to the customer.">
              <EditableCell {...cell} field="internalNotes" value={poc.internalNotes} label="Internal notes (staff only)" type="textarea" />
            </DetailRow>
          </dl>
        </section>
      </div>

      <div className="space-y-6">
        <ShareLinkSection url={share.url} expiresAt={share.expiresAt} expired={share.expired} />
        <section className="card" aria-labelledby="activity-title">
          <h2 id="activity-title" className="text-xl font-bold">
            Recent activity
          </h2>
          <RecentActivity activity={activity} />
        </section>
      </div>
    </div>
  );
}

export const ErrorBoundary = WorkspaceErrorBoundary;
