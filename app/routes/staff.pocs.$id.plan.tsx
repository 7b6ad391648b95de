import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { AddItemForm, ItemTimeline } from "~/components/poc/plan-view.tsx";
import { WorkspaceErrorBoundary } from "~/components/poc/workspace-error-boundary.tsx";
import { ProgressBar } from "~/components/ui/progress-bar.tsx";
import { isOverdue } from "~/modules/poc/progress.ts";
import { staffWorkspaceAction } from "~/modules/poc/staff-actions.server.ts";
import { planTabData } from "~/modules/poc/staff-workspace.server.ts";

export const meta: MetaFunction = () => [{ title: "Mutual Action Plan · POC Portal · Sentry Academy" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return planTabData(request, params.id);
}

export async function action(args: ActionFunctionArgs) {
  return staffWorkspaceAction(args);
}

export default function PocPlan() {
  const { milestones, progress } = useLoaderData<typeof loader>();
  const overdue = milestones.filter((m) => isOverdue(m)).length;
  return (
    <section aria-labelledby="plan-title" className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h2 id="plan-title" className="text-2xl font-bold">
            Mutual Action Plan
          </h2>
          <p className="mt-1 text-sm text-ink-700">
            The steps both sides agreed to, with who owns each. The customer sees this plan through their link and can update the status of their own milestones.
          </p>
        </div>
        <div className="w-full sm:w-80">
          <p className="text-sm font-semibold">
            {progress.done} of {progress.total} milestones completed{overdue ? ` · ${overdue} overdue` : ""}
          </p>
          <ProgressBar percent={progress.percent} label="Mutual Action Plan progress" size="sm" />
        </div>
      </div>
      <ItemTimeline kind="milestone" label="Mutual Action Plan milestones" rows={milestones} emptyText="No milestones yet: add the first one below." />
      <AddItemForm kind="milestone" formId="add-milestone" legend="Add a milestone" submitLabel="Add milestone" resetKey={milestones.length} />
    </section>
  );
}

export const ErrorBoundary = WorkspaceErrorBoundary;
