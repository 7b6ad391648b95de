import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { dispatch } from "~/modules/poc/api.server.ts";
import { deleteRowHandler, patchRowHandler } from "~/modules/poc/api/handlers.server.ts";
import { type Ctx } from "~/utils/api-request.server.ts";

/** PATCH, DELETE /api/v1/pocs/{id}/success-criteria/{rowId}: edit one success criterion (versioned: 409 with the current row when stale) or remove it (staff). */
const handlers = { PATCH: (ctx: Ctx) => patchRowHandler(ctx, "criterion"), DELETE: (ctx: Ctx) => deleteRowHandler(ctx, "criterion") };

export const loader = (args: LoaderFunctionArgs) => dispatch(args, handlers);
export const action = (args: ActionFunctionArgs) => dispatch(args, handlers);
