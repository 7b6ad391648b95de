import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { dispatch } from "~/modules/academy/api.server.ts";
import { enrollmentsJson } from "~/modules/academy/api/learner.server.ts";
import { requireApiUser } from "~/utils/api-auth.server.ts";
import { type Ctx, json } from "~/utils/api-request.server.ts";

/** GET /api/users/me/enrollments: the caller's courses, newest enrolment first, with progress and what is next. */
async function GET({ request }: Ctx) {
  const user = await requireApiUser(request);
  return json({ enrollments: await enrollmentsJson(user.id) });
}

const handlers = { GET };
export const loader = (args: LoaderFunctionArgs) => dispatch(args, handlers);
export const action = (args: ActionFunctionArgs) => dispatch(args, handlers);
