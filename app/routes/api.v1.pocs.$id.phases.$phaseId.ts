import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { dispatch } from "~/modules/poc/api.server.ts";
import { deleteRowHandler, patchRowHandler } from "~/modules/poc/api/handlers.server.ts";
import { type Ctx } from "~/utils/api-request.server.ts";

/** PATCH, DELETE /api/v1/pocs/{id}/phases/{phaseId}: edit one phase (versioned: 409 with the current row when stale) or remove it (staff). */
const handlers = { PATCH: (ctx: Ctx) => patchRowHandler(ctx, "phase"), DELETE: (ctx: Ctx) => deleteRowHandler(ctx, "phase") };

export const loader = (args: LoaderFunctionArgs) => dispatch(args, handlers);
export const action = (args: ActionFunctionArgs) => dispatch(args, handlers);
