import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { dispatch } from "~/modules/poc/api.server.ts";
import { moveRowHandler } from "~/modules/poc/api/handlers.server.ts";
import { type Ctx } from "~/utils/api-request.server.ts";

/** POST /api/v1/pocs/{id}/tasks/{taskId}/move { direction: "up" | "down" }: moves one task one place among its siblings (staff). */
const handlers = { POST: (ctx: Ctx) => moveRowHandler(ctx, "task") };

export const loader = (args: LoaderFunctionArgs) => dispatch(args, handlers);
export const action = (args: ActionFunctionArgs) => dispatch(args, handlers);
