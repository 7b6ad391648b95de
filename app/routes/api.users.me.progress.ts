import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { dispatch, json, progressJson, type Ctx } from "~/modules/academy/api.server.ts";
import { requireApiUser } from "~/utils/api-auth.server.ts";

/** GET /api/users/me/progress: the caller's totals, streaks, badges and, per enrolled course, what is done. */
async function GET({ request }: Ctx) {
  const user = await requireApiUser(request);
  return json(request, await progressJson(user.id));
}

const handlers = { GET };
export const loader = (args: LoaderFunctionArgs) => dispatch(args, handlers);
export const action = (args: ActionFunctionArgs) => dispatch(args, handlers);
