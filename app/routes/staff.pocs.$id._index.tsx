import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { RowEditor, type EditorField } from "~/components/poc/row-editor.tsx";
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

/** The POC's own fields: one form and one Save without JavaScript, each field saving on blur with it. */
const DETAIL_FIELDS: EditorField[] = [
  { name: "customerName", caption: "Customer", label: "Customer name" },
  { name: "accountDomain", caption: "Account domain", label: "Account domain" },
  {
    name: "customerLogoUrl",
    caption: "Customer logo",
    label: "Customer logo URL",
    placeholder: "https://acme.com/logo.svg",
    note: "An https:// image address; their initials show when empty. The customer's browser loads it from there.",
  },
  { name: "status", caption: "Status", label: "POC status", type: "select", options: POC_STATUSES },
  { name: "ownerId", caption: "SE owner", label: "SE owner", type: "select" },
  { name: "startDate", caption: "Start date", label: "Start date", type: "date" },
  { name: "endDate", caption: "End date", label: "End date", type: "date" },
  { name: "goals", caption: "Goals", label: "Goals", type: "textarea", placeholder: "What the customer wants to prove", wide: true },
  { name: "internalNotes", caption: "Internal notes", label: "Internal notes (staff only)", type: "textarea", wide: true, note: "Staff only: never shown to the customer." },
];

export default function PocOverview() {
  const { poc, progress, activity, owners, share } = useLoaderData<typeof loader>();
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

        <section id={`poc-${poc.id}`} className="card scroll-mt-24" aria-labelledby="details-title">
          <h2 id="details-title" className="text-xl font-bold">
            Details
          </h2>
          <div className="mt-3">
            <RowEditor
              kind="poc"
              id={poc.id}
              version={poc.version}
              values={Object.fromEntries(DETAIL_FIELDS.map((f) => [f.name, cellValue(poc, f.name).slice(0, f.type === "date" ? 10 : undefined)]))}
              fields={DETAIL_FIELDS.map((f) => (f.name === "ownerId" ? { ...f, options: ownerOptions } : f))}
              legend="The POC's details"
              saveLabel="Save details"
            />
          </div>
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
