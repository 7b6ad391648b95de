import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { dispatch, enrollIn, enrollmentSchema, requireWriter } from "~/modules/academy/api.server.ts";
import { type Ctx, json, jsonBody } from "~/utils/api-request.server.ts";

/** POST /api/enrollments `{ courseId }`: enrols the caller in a published course; 201, or 200 when already enrolled. */
async function POST({ request }: Ctx) {
  const user = await requireWriter(request);
  const { courseId } = await jsonBody(request, enrollmentSchema);
  const { created, enrollment } = await enrollIn(user, courseId);
  return json(enrollment, created ? 201 : 200, { Location: "/api/users/me/enrollments" });
}

const handlers = { POST };
export const loader = (args: LoaderFunctionArgs) => dispatch(args, handlers);
export const action = (args: ActionFunctionArgs) => dispatch(args, handlers);
