import { isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import { StatusPage } from "~/components/ui/status-page.tsx";

/** 403s in the customer's words; everything else as anywhere in the app. */
export function CustomerErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 403) {
    return (
      <StatusPage code={403} title="That change isn't open to you">
        <p>{typeof error.data === "string" && error.data ? error.data : "The Sentry team owns this item, so only they can change it."}</p>
      </StatusPage>
    );
  }
  return <GeneralErrorBoundary />;
}
