import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { applyCourseUpdate, courseById, courseForWrite, deleteCourse, dispatch, optionalCaller, updateCourseSchema, visibleCourse } from "~/modules/academy/api.server.ts";
import { courseDetailJson } from "~/modules/academy/api/serializers.server.ts";
import { type Ctx, json, jsonBody } from "~/utils/api-request.server.ts";

/** GET /api/courses/{id}: a course by id or slug, with its description and syllabus (a draft only for who may edit it). */
async function GET(ctx: Ctx) {
  const user = await optionalCaller(ctx.request);
  return json(await courseDetailJson(await visibleCourse(ctx, user), user));
}

/** PUT /api/courses/{id}: changes some fields and/or publishes (`status`); the author or an admin. */
async function PUT(ctx: Ctx) {
  const { user, course } = await courseForWrite(ctx);
  const body = await jsonBody(ctx.request, updateCourseSchema);
  await applyCourseUpdate(course.id, body, user, course.status);
  return json(await courseDetailJson(await courseById(course.id), user));
}

/** DELETE /api/courses/{id}: only while nobody is enrolled (409 otherwise: unpublish it instead). */
async function DELETE(ctx: Ctx) {
  const { user, course } = await courseForWrite(ctx);
  await deleteCourse(course.id, user);
  return json({ deleted: true, id: course.id });
}

const handlers = { GET, PUT, DELETE };
export const loader = (args: LoaderFunctionArgs) => dispatch(args, handlers);
export const action = (args: ActionFunctionArgs) => dispatch(args, handlers);
