import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { dispatch } from "~/modules/poc/api.server.ts";
import { customerPatchHandler } from "~/modules/poc/api/handlers.server.ts";
import { type Ctx } from "~/utils/api-request.server.ts";

/** PATCH /api/v1/customer/{token}/team/{rowId} (share link, no sign-in): the name, email or role of one of the customer's own team members (403 for Sentry's). */
const handlers = { PATCH: (ctx: Ctx) => customerPatchHandler(ctx, "member") };

export const loader = (args: LoaderFunctionArgs) => dispatch(args, handlers, "customer");
export const action = (args: ActionFunctionArgs) => dispatch(args, handlers, "customer");
