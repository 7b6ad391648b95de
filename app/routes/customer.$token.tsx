/**
 * The customer share portal's layout: /customer/:token, no login. The token is
 * resolved first (unknown, revoked and expired tokens are the same plain 404);
 * nothing staff-only is loaded (customerView has no internal notes, activity,
 * Gong or AI data). Co-branded: the customer's name and logo (or initials)
 * "with Sentry", not the Academy's header and footer (decision 031).
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { ProgressBar } from "~/components/ui/progress-bar.tsx";
import { customerPage } from "~/modules/poc/customer-portal.server.ts";
import { CustomerErrorBoundary } from "~/components/poc/customer/error-boundary.tsx";
import { customerHeaders, customerMeta } from "~/components/poc/customer/headers-meta.ts";
import { CustomerShell } from "~/components/poc/customer/shell.tsx";
import { CUSTOMER_VIEWS } from "~/components/poc/customer/views.ts";
import { PocStatusBadge } from "~/components/poc/badges.tsx";
import { httpsImageOrigin, IMAGE_ORIGIN_HEADER } from "~/utils/image-origin.ts";

export const headers = customerHeaders;
export const meta: MetaFunction<typeof loader> = (args) => customerMeta(null, args);
/** Read by the root layout to leave out the Academy's (and staff) header, navigation and footer. */
export const handle = { customerPortal: true };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { token, poc, progress } = await customerPage(request, params);
  const logoOrigin = httpsImageOrigin(poc.customerLogoUrl);
  return data(
    {
      token,
      customerName: poc.customerName,
      logoUrl: logoOrigin ? poc.customerLogoUrl : "",
      status: poc.status,
      seName: poc.owner.name,
      overall: progress.overall,
    },
    // The logo's origin joins this page's CSP img-src (security-headers.server.ts); no logo, no widening.
    logoOrigin ? { headers: { [IMAGE_ORIGIN_HEADER]: logoOrigin } } : undefined,
  );
}

const navClass = ({ isActive }: { isActive: boolean }) =>
  `inline-block border-b-4 px-3 py-2 text-sm font-semibold no-underline hover:no-underline ${
    isActive ? "border-brand-600 text-ink-950" : "border-transparent text-ink-700 hover:border-ink-300 hover:text-ink-950"
  }`;

export default function CustomerPortalLayout() {
  const { token, customerName, logoUrl, status, seName, overall } = useLoaderData<typeof loader>();
  const base = `/customer/${token}`;
  return (
    <CustomerShell customerName={customerName} logoUrl={logoUrl} seName={seName} home={base}>
      <div className="space-y-6">
        <div className="card">
          <p className="text-sm font-semibold tracking-wide text-brand-700 uppercase">Proof of concept with Sentry</p>
          <h1 className="mt-1 text-3xl font-bold break-words">{customerName}</h1>
          <div className="mt-3 flex flex-wrap items-center gap-x-6 gap-y-2 text-sm text-ink-800">
            <p className="flex items-center gap-2">
              <span>Status:</span> <PocStatusBadge status={status} />
            </p>
            <p>
              {overall.done} of {overall.total} items completed
            </p>
          </div>
          <div className="mt-2">
            <ProgressBar percent={overall.percent} label="Overall progress of the proof of concept" />
          </div>
          {/* Wrapping rather than scrolling (components/ui/section-tabs.tsx scrolls): all six stay visible at 320 px, the current one too. */}
          <nav aria-label="Proof of concept" className="mt-5 border-t border-ink-100 pt-3">
            <ul className="flex flex-wrap gap-x-1 gap-y-1">
              {CUSTOMER_VIEWS.map((view) => (
                <li key={view.to}>
                  <NavLink to={view.to ? `${base}/${view.to}` : base} end={!view.to} prefetch="intent" className={navClass}>
                    {view.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        </div>
        <Outlet />
      </div>
    </CustomerShell>
  );
}

export const ErrorBoundary = CustomerErrorBoundary;
