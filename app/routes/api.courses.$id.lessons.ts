import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { dispatch, optionalCaller, visibleCourse } from "~/modules/academy/api.server.ts";
import { courseLessonsJson } from "~/modules/academy/api/serializers.server.ts";
import { type Ctx, json } from "~/utils/api-request.server.ts";

/** GET /api/courses/{id}/lessons: the course's lessons in order (a draft's only for who may edit it). */
async function GET(ctx: Ctx) {
  const user = await optionalCaller(ctx.request);
  return json(await courseLessonsJson(await visibleCourse(ctx, user), user));
}

const handlers = { GET };
export const loader = (args: LoaderFunctionArgs) => dispatch(args, handlers);
export const action = (args: ActionFunctionArgs) => dispatch(args, handlers);
