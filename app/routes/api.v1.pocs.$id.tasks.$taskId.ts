import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { dispatch } from "~/modules/poc/api.server.ts";
import { deleteRowHandler, patchRowHandler } from "~/modules/poc/api/handlers.server.ts";
import { type Ctx } from "~/utils/api-request.server.ts";

/** PATCH, DELETE /api/v1/pocs/{id}/tasks/{taskId}: edit one task (versioned: 409 with the current row when stale) or remove it (staff). */
const handlers = { PATCH: (ctx: Ctx) => patchRowHandler(ctx, "task"), DELETE: (ctx: Ctx) => deleteRowHandler(ctx, "task") };

export const loader = (args: LoaderFunctionArgs) => dispatch(args, handlers);
export const action = (args: ActionFunctionArgs) => dispatch(args, handlers);
