import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { dispatch } from "~/modules/poc/api.server.ts";
import { addRowHandler, listRowsHandler } from "~/modules/poc/api/handlers.server.ts";
import { type Ctx } from "~/utils/api-request.server.ts";

/** GET, POST /api/v1/pocs/{id}/phases: the POC's phases, each with its tasks in order, or add one at the end (staff). */
const handlers = { GET: (ctx: Ctx) => listRowsHandler(ctx, "phase"), POST: (ctx: Ctx) => addRowHandler(ctx, "phase") };

export const loader = (args: LoaderFunctionArgs) => dispatch(args, handlers);
export const action = (args: ActionFunctionArgs) => dispatch(args, handlers);
