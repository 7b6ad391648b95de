import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { dispatch } from "~/modules/poc/api.server.ts";
import { customerPatchHandler } from "~/modules/poc/api/handlers.server.ts";
import { type Ctx } from "~/utils/api-request.server.ts";

/** PATCH /api/v1/customer/{token}/milestones/{rowId} (share link, no sign-in): the status of a milestone the customer owns (403 for Sentry's, 404 for another POC's). */
const handlers = { PATCH: (ctx: Ctx) => customerPatchHandler(ctx, "milestone") };

export const loader = (args: LoaderFunctionArgs) => dispatch(args, handlers, "customer");
export const action = (args: ActionFunctionArgs) => dispatch(args, handlers, "customer");
