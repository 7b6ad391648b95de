import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Outlet, useActionData, useLoaderData } from "@remix-run/react";
import { WorkspaceErrorBoundary } from "~/components/poc/workspace-error-boundary.tsx";
import { LayoutActionContext } from "~/components/poc/workspace.tsx";
import { WorkspaceTabs } from "~/components/poc/workspace-tabs.tsx";
import { formatRange } from "~/utils/dates.ts";
import { ProgressBar } from "~/components/ui/progress-bar.tsx";
import { pocStatusLabel } from "~/modules/poc/progress.ts";
import { staffWorkspaceAction } from "~/modules/poc/staff-actions.server.ts";
import { workspaceHeaderData } from "~/modules/poc/staff-workspace.server.ts";
import { Breadcrumb } from "~/components/ui/breadcrumb.tsx";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.poc.customerName ?? "POC"} · POC Portal · Sentry Academy` }];

/** The header every tab shows; each tab loads its own rows. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return workspaceHeaderData(request, params.id);
}

export async function action(args: ActionFunctionArgs) {
  return staffWorkspaceAction(args);
}

export default function PocWorkspace() {
  const { poc, overall } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="space-y-6">
      <header className="space-y-3">
        <Breadcrumb trail={[{ to: "/staff", label: "POC Portal" }]} current={poc.customerName} />
        <div className="flex flex-wrap items-end justify-between gap-4">
          <div>
            <h1 className="text-3xl font-bold">{poc.customerName}</h1>
            <p className="mt-1 text-ink-700">
              {poc.accountDomain} · {pocStatusLabel(poc.status)} · owned by {poc.ownerName} · {formatRange(poc.startDate, poc.endDate)}
            </p>
          </div>
          <div className="w-full sm:w-72">
            <p className="text-sm font-semibold text-ink-800">
              Overall progress: {overall.done} of {overall.total} done
            </p>
            <ProgressBar percent={overall.percent} label={`Overall progress of the ${poc.customerName} POC`} />
          </div>
        </div>
      </header>
      <WorkspaceTabs pocId={poc.id} />
      <LayoutActionContext.Provider value={actionData}>
        <Outlet />
      </LayoutActionContext.Provider>
    </div>
  );
}

export const ErrorBoundary = WorkspaceErrorBoundary;
