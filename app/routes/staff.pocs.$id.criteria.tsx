import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { CriteriaList, FEATURE_OPTIONS } from "~/components/poc/plan-view.tsx";
import { AddRowForm, SmallField } from "~/components/poc/row-forms.tsx";
import { WorkspaceErrorBoundary } from "~/components/poc/workspace-error-boundary.tsx";
import { ProgressBar } from "~/components/ui/progress-bar.tsx";
import { staffWorkspaceAction } from "~/modules/poc/staff-actions.server.ts";
import { criteriaTabData } from "~/modules/poc/staff-workspace.server.ts";

export const meta: MetaFunction = () => [{ title: "Success criteria · POC Portal · Sentry Academy" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return criteriaTabData(request, params.id);
}

export async function action(args: ActionFunctionArgs) {
  return staffWorkspaceAction(args);
}

export default function PocCriteria() {
  const { criteria, progress } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="criteria-title" className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h2 id="criteria-title" className="text-2xl font-bold">
            Success criteria
          </h2>
          <p className="mt-1 text-sm text-ink-700">
            What the POC must prove. The Sentry feature of each criterion chooses the documentation links on the tech stack tab and on the customer's page.
          </p>
        </div>
        <div className="w-full sm:w-64">
          <p className="text-sm font-semibold">
            {progress.done} of {progress.total} criteria met
          </p>
          <ProgressBar percent={progress.percent} label="Success criteria progress" size="sm" />
        </div>
      </div>
      <CriteriaList rows={criteria} />
      <AddRowForm kind="criterion" formId="add-criterion" legend="Add a success criterion" submitLabel="Add criterion" resetKey={criteria.length}>
        <SmallField formId="add-criterion" name="title" label="Criterion" className="w-full sm:w-72" />
        <SmallField formId="add-criterion" name="description" label="Description (optional)" className="w-full sm:w-72" />
        <SmallField formId="add-criterion" name="feature" label="Sentry feature" type="select" options={FEATURE_OPTIONS} className="w-48" />
      </AddRowForm>
    </section>
  );
}

export const ErrorBoundary = WorkspaceErrorBoundary;
