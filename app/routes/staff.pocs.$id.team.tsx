import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { SIDE_OPTIONS, TeamList } from "~/components/poc/plan-view.tsx";
import { AddRowForm, SmallField } from "~/components/poc/row-forms.tsx";
import { WorkspaceErrorBoundary } from "~/components/poc/workspace-error-boundary.tsx";
import { staffWorkspaceAction } from "~/modules/poc/staff-actions.server.ts";
import { teamTabData } from "~/modules/poc/staff-workspace.server.ts";

export const meta: MetaFunction = () => [{ title: "Team · POC Portal · Sentry Academy" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return teamTabData(request, params.id);
}

export async function action(args: ActionFunctionArgs) {
  return staffWorkspaceAction(args);
}

export default function PocTeam() {
  const { team } = useLoaderData<typeof loader>();
  const sentry = team.filter((m) => m.side === "SENTRY");
  const customer = team.filter((m) => m.side === "CUSTOMER");
  return (
    <section aria-labelledby="team-title" className="space-y-6">
      <div>
        <h2 id="team-title" className="text-2xl font-bold">
          Team
        </h2>
        <p className="mt-1 text-sm text-ink-700">Who works on the POC on each side. The customer can add and edit their own team members through their link.</p>
      </div>
      <section aria-labelledby="team-sentry" className="space-y-2">
        <h3 id="team-sentry" className="text-lg font-bold">
          Sentry team
        </h3>
        <TeamList label="Sentry team members" rows={sentry} emptyText="No one from Sentry is listed yet." />
      </section>
      <section aria-labelledby="team-customer" className="space-y-2">
        <h3 id="team-customer" className="text-lg font-bold">
          Customer team
        </h3>
        <TeamList label="Customer team members" rows={customer} emptyText="No one from the customer is listed yet." />
      </section>
      <AddRowForm kind="member" formId="add-member" legend="Add a team member" submitLabel="Add member" resetKey={team.length}>
        <SmallField formId="add-member" name="name" label="Name" className="w-full sm:w-56" />
        <SmallField formId="add-member" name="email" label="Email (optional)" type="email" className="w-full sm:w-64" />
        <SmallField formId="add-member" name="role" label="Role (optional)" className="w-48" />
        <SmallField formId="add-member" name="side" label="Side" type="select" options={SIDE_OPTIONS} defaultValue="CUSTOMER" className="w-32" />
      </AddRowForm>
    </section>
  );
}

export const ErrorBoundary = WorkspaceErrorBoundary;
