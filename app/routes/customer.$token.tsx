/**
 * The customer share portal's layout: /customer/:token, no login. The token is
 * resolved first (unknown, revoked and expired tokens are the same plain 404);
 * nothing staff-only is loaded (customerView has no internal notes, activity,
 * Gong or AI data).
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { ProgressBar } from "~/components/ui/progress-bar.tsx";
import { customerPage } from "~/modules/poc/customer-portal.server.ts";
import { CustomerErrorBoundary } from "~/components/poc/customer/error-boundary.tsx";
import { customerHeaders, customerMeta } from "~/components/poc/customer/headers-meta.ts";
import { pocStatusLabel } from "~/modules/poc/progress.ts";

export const headers = customerHeaders;
export const meta: MetaFunction<typeof loader> = (args) => customerMeta(null, args);
/** Read by the root layout to leave out the Academy's (and staff) navigation. */
export const handle = { customerPortal: true };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { token, poc, progress } = await customerPage(request, params);
  return {
    token,
    customerName: poc.customerName,
    status: poc.status,
    seName: poc.owner.name,
    overall: progress.overall,
  };
}

const VIEWS = [
  { path: "", label: "Overview" },
  { path: "plan", label: "Action plan" },
  { path: "phases", label: "Phases & tasks" },
  { path: "criteria", label: "Success criteria" },
  { path: "tech", label: "Tech stack & docs" },
  { path: "team", label: "Team" },
] as const;

const navClass = ({ isActive }: { isActive: boolean }) =>
  `block rounded-lg px-3 py-2 text-sm font-semibold no-underline hover:no-underline ${
    isActive ? "bg-ink-950 text-white" : "text-ink-900 hover:bg-ink-100"
  }`;

export default function CustomerPortalLayout() {
  const { token, customerName, status, seName, overall } = useLoaderData<typeof loader>();
  const base = `/customer/${token}`;
  return (
    <div className="space-y-6">
      <div className="card">
        <p className="text-sm font-semibold tracking-wide text-brand-700 uppercase">Proof of concept with Sentry</p>
        <h1 className="mt-1 text-3xl font-bold break-words">{customerName}</h1>
        <div className="mt-4 flex flex-wrap items-center gap-x-6 gap-y-2 text-sm text-ink-800">
          <p>
            Status: <span className="font-semibold text-ink-950">{pocStatusLabel(status)}</span>
          </p>
          <p>
            {overall.done} of {overall.total} items completed
          </p>
        </div>
        <div className="mt-2">
          <ProgressBar percent={overall.percent} label="Overall progress of the proof of concept" />
        </div>
        <nav aria-label="Proof of concept" className="mt-5 border-t border-ink-100 pt-4">
          <ul className="flex flex-wrap gap-1">
            {VIEWS.map((view) => (
              <li key={view.path}>
                <NavLink to={view.path ? `${base}/${view.path}` : base} end className={navClass} prefetch="intent">
                  {view.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </div>
      <Outlet />
      <p className="border-t border-ink-300/50 pt-4 text-sm text-ink-700">
        Shared by {seName} · this page needs no login. Anyone with this link can see and update it, so share it only with your team.
      </p>
    </div>
  );
}

export const ErrorBoundary = CustomerErrorBoundary;
