import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { dispatch } from "~/modules/poc/api.server.ts";
import { moveRowHandler } from "~/modules/poc/api/handlers.server.ts";
import { type Ctx } from "~/utils/api-request.server.ts";

/** POST /api/v1/pocs/{id}/milestones/{rowId}/move { direction: "up" | "down" }: moves one milestone one place among its siblings (staff). */
const handlers = { POST: (ctx: Ctx) => moveRowHandler(ctx, "milestone") };

export const loader = (args: LoaderFunctionArgs) => dispatch(args, handlers);
export const action = (args: ActionFunctionArgs) => dispatch(args, handlers);
