import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { dispatch } from "~/modules/academy/api.server.ts";
import { progressJson } from "~/modules/academy/api/learner.server.ts";
import { requireApiUser } from "~/utils/api-auth.server.ts";
import { type Ctx, json } from "~/utils/api-request.server.ts";

/** GET /api/users/me/progress: the caller's totals, streaks, badges and, per enrolled course, what is done. */
async function GET({ request }: Ctx) {
  const user = await requireApiUser(request);
  return json(await progressJson(user.id));
}

const handlers = { GET };
export const loader = (args: LoaderFunctionArgs) => dispatch(args, handlers);
export const action = (args: ActionFunctionArgs) => dispatch(args, handlers);
