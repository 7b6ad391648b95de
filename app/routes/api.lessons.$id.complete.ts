import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { completeLessonJson, dispatch, requireWriter, visibleLesson } from "~/modules/academy/api.server.ts";
import { refuseManualCompletion } from "~/modules/exercises/submissions.server.ts";
import { type Ctx, json } from "~/utils/api-request.server.ts";

/**
 * POST /api/lessons/{id}/complete: marks the lesson done for the caller (enrolling them if needed, as the lesson page does).
 * An exercise lesson is refused (409 `conflict`): passing its tests completes it (decision 041).
 */
async function POST(ctx: Ctx) {
  const user = await requireWriter(ctx.request);
  const lesson = await visibleLesson(ctx, user);
  await refuseManualCompletion(lesson.id);
  return json(await completeLessonJson(lesson, user));
}

const handlers = { POST };
export const loader = (args: LoaderFunctionArgs) => dispatch(args, handlers);
export const action = (args: ActionFunctionArgs) => dispatch(args, handlers);
