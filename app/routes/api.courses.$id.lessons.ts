import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { courseLessonsJson, dispatch, json, optionalCaller, visibleCourse, type Ctx } from "~/modules/academy/api.server.ts";

/** GET /api/courses/{id}/lessons: the course's lessons in order (a draft's only for who may edit it). */
async function GET(ctx: Ctx) {
  const user = await optionalCaller(ctx.request);
  return json(ctx.request, await courseLessonsJson(await visibleCourse(ctx, user), user));
}

const handlers = { GET };
export const loader = (args: LoaderFunctionArgs) => dispatch(args, handlers);
export const action = (args: ActionFunctionArgs) => dispatch(args, handlers);
