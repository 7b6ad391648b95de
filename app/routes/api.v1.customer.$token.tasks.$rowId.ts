import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { dispatch } from "~/modules/poc/api.server.ts";
import { customerPatchHandler } from "~/modules/poc/api/handlers.server.ts";
import { type Ctx } from "~/utils/api-request.server.ts";

/** PATCH /api/v1/customer/{token}/tasks/{rowId} (share link, no sign-in): the status of a task the customer owns (403 for Sentry's, 404 for another POC's). */
const handlers = { PATCH: (ctx: Ctx) => customerPatchHandler(ctx, "task") };

export const loader = (args: LoaderFunctionArgs) => dispatch(args, handlers, "customer");
export const action = (args: ActionFunctionArgs) => dispatch(args, handlers, "customer");
