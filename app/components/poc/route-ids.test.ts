import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CUSTOMER_LAYOUT_ID } from "./customer/headers-meta.ts";
import { WORKSPACE_ROUTE_ID } from "./workspace.tsx";

// useRouteLoaderData and meta's `matches` find a layout by its route id, which Remix derives from
// the file name: moving the file (to a route folder, say) changes the id and breaks them only at run time.
describe("hard-coded layout route ids", () => {
  it.each([
    ["the staff workspace", WORKSPACE_ROUTE_ID],
    ["the customer portal", CUSTOMER_LAYOUT_ID],
  ])("%s's id names its route file", (_, id) => {
    expect(existsSync(path.join(import.meta.dirname, "../../", `${id}.tsx`))).toBe(true);
  });
});
