import { useRouteLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";

/**
 * A staff workspace tab's error boundary: under the POC's header and tabs (routes/staff.pocs.$id.tsx)
 * when the layout loaded them, as the page's own h1 when it didn't (no such POC, not staff).
 */
export function WorkspaceErrorBoundary() {
  const layout = useRouteLoaderData("routes/staff.pocs.$id") as { poc?: unknown } | undefined;
  return <GeneralErrorBoundary level={layout?.poc ? 2 : 1} />;
}
