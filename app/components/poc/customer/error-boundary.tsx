import { isRouteErrorResponse, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import { StatusPage } from "~/components/ui/status-page.tsx";
import { CUSTOMER_LAYOUT_ID } from "./headers-meta.ts";
import { CustomerShell } from "./shell.tsx";

type LayoutData = { token: string; customerName: string; logoUrl: string; seName: string };

/**
 * 403s in the customer's words; everything else as anywhere in the app. Inside
 * the customer's own frame when the link resolved (root.tsx then leaves out the
 * Academy's header and footer); a bad link gets the plain page of any unknown URL.
 */
export function CustomerErrorBoundary() {
  const error = useRouteError();
  const layout = useRouteLoaderData(CUSTOMER_LAYOUT_ID) as LayoutData | undefined;
  const page =
    isRouteErrorResponse(error) && error.status === 403 ? (
      <StatusPage code={403} title="That change isn't open to you">
        <p>{typeof error.data === "string" && error.data ? error.data : "The Sentry team owns this item, so only they can change it."}</p>
      </StatusPage>
    ) : (
      <GeneralErrorBoundary />
    );
  if (!layout?.customerName) return page;
  return (
    <CustomerShell customerName={layout.customerName} logoUrl={layout.logoUrl} seName={layout.seName} home={`/customer/${layout.token}`}>
      {page}
    </CustomerShell>
  );
}
