import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { dispatch } from "~/modules/poc/api.server.ts";
import { addTaskHandler, listTasksHandler } from "~/modules/poc/api/handlers.server.ts";

/** GET, POST /api/v1/pocs/{id}/phases/{phaseId}/tasks: a phase's tasks in order, or add one at its end (staff). */
const handlers = { GET: listTasksHandler, POST: addTaskHandler };

export const loader = (args: LoaderFunctionArgs) => dispatch(args, handlers);
export const action = (args: ActionFunctionArgs) => dispatch(args, handlers);
