import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { dispatch, optionalCaller, visibleLesson } from "~/modules/academy/api.server.ts";
import { lessonJson } from "~/modules/academy/api/serializers.server.ts";
import { type Ctx, json } from "~/utils/api-request.server.ts";

/** GET /api/lessons/{id}: a lesson as Markdown and HTML; public for published courses, as the lesson page is (no enrolment needed). */
async function GET(ctx: Ctx) {
  const user = await optionalCaller(ctx.request);
  return json(await lessonJson(await visibleLesson(ctx, user), user));
}

const handlers = { GET };
export const loader = (args: LoaderFunctionArgs) => dispatch(args, handlers);
export const action = (args: ActionFunctionArgs) => dispatch(args, handlers);
