/**
 * The staff POC workspace's shared state: the layout's header data and the
 * layout action's answer, for every tab. The tabs are in workspace-tabs.tsx,
 * the badges in badges.tsx, dates in utils/dates.ts. Each tab loads its own rows.
 */
import { useActionData, useRouteLoaderData } from "@remix-run/react";
import { createContext, useContext } from "react";
import type { WorkspaceActionResult } from "~/modules/poc/staff-schemas.ts";
import type { workspaceHeaderData } from "~/modules/poc/staff-workspace.server.ts";

/** The layout route's id (its file name): routes/staff.pocs.$id.tsx. A test checks that the file exists. */
export const WORKSPACE_ROUTE_ID = "routes/staff.pocs.$id";

/**
 * The workspace layout's loader data (the POC's name, domain, status, owner, dates and overall progress), for the tabs.
 * Typed from the layout loader's data function, not from the route module, so this file imports no route.
 */
export function useWorkspace() {
  const data = useRouteLoaderData<typeof workspaceHeaderData>(WORKSPACE_ROUTE_ID);
  if (!data) throw new Error("useWorkspace() is only available inside /staff/pocs/:id");
  return data;
}

/** The layout route's action answer (a form posted to /staff/pocs/:id without ?index), handed down to the tabs. */
export const LayoutActionContext = createContext<WorkspaceActionResult | undefined>(undefined);

/** What the workspace action answered to the last form this page posted, whichever of its routes received it. */
export function useWorkspaceActionData() {
  const own = useActionData<WorkspaceActionResult>();
  const layout = useContext(LayoutActionContext);
  return own ?? layout;
}
