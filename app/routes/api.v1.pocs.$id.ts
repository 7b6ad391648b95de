import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { checkOwner, conflict, deletePoc, dispatch, patchPocSchema, pocPatchFields, staffPoc } from "~/modules/poc/api.server.ts";
import { loadPocJson, workspaceJson } from "~/modules/poc/api/serializers.server.ts";
import { type Ctx, invalid, json, jsonBody } from "~/utils/api-request.server.ts";
import { datesProblem, editPoc } from "~/modules/poc/poc.server.ts";

/** GET /api/v1/pocs/{id}: the workspace (the POC, milestones, phases with tasks, criteria, team, tech stack, progress, recent activity). */
async function GET(ctx: Ctx) {
  const { pocId } = await staffPoc(ctx);
  return json(await workspaceJson(pocId));
}

/** PATCH /api/v1/pocs/{id}: overview fields, guarded by `version` (409 with the current POC when stale). */
async function PATCH(ctx: Ctx) {
  const { pocId, actor } = await staffPoc(ctx);
  const body = await jsonBody(ctx.request, patchPocSchema);
  const fields = pocPatchFields(body) as Parameters<typeof editPoc>[2];
  if (fields.ownerId) await checkOwner(fields.ownerId);
  const dates = await datesProblem(pocId, fields);
  if (dates) throw invalid({ [dates.field]: [dates.message] });
  const result = await editPoc(pocId, body.version, fields, actor);
  if (!result.ok) return conflict(await loadPocJson(pocId));
  return json(await loadPocJson(pocId));
}

/** DELETE /api/v1/pocs/{id}: removes the POC and everything in it (an admin or the POC's owner). */
async function DELETE(ctx: Ctx) {
  const { pocId, user } = await staffPoc(ctx);
  await deletePoc(pocId, user);
  return json({ deleted: true, id: pocId });
}

const handlers = { GET, PATCH, DELETE };
export const loader = (args: LoaderFunctionArgs) => dispatch(args, handlers);
export const action = (args: ActionFunctionArgs) => dispatch(args, handlers);
