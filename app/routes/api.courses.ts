import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { courseById, createCourse, createCourseSchema, dispatch, listCourses, requireAuthor } from "~/modules/academy/api.server.ts";
import { courseDetailJson } from "~/modules/academy/api/serializers.server.ts";
import { type Ctx, json, jsonBody } from "~/utils/api-request.server.ts";

/** GET /api/courses?q&category&level&platform&feature&tag&status&mine&page&limit: published courses for everyone, an instructor's own on request. */
const GET = ({ request }: Ctx) => listCourses(request);

/** POST /api/courses: a new draft authored by the caller (instructors and admins); 201 with the course. */
async function POST({ request }: Ctx) {
  const user = await requireAuthor(request);
  const body = await jsonBody(request, createCourseSchema);
  const { id } = await createCourse(body, user);
  return json(await courseDetailJson(await courseById(id), user), 201, { Location: `/api/courses/${id}` });
}

const handlers = { GET, POST };
export const loader = (args: LoaderFunctionArgs) => dispatch(args, handlers);
export const action = (args: ActionFunctionArgs) => dispatch(args, handlers);
