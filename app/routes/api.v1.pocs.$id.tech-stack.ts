import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { dispatch, staffPoc, techStackSchema } from "~/modules/poc/api.server.ts";
import { loadTechStackJson } from "~/modules/poc/api/serializers.server.ts";
import { type Ctx, json, jsonBody } from "~/utils/api-request.server.ts";
import { setTechStack } from "~/modules/poc/poc.server.ts";

/** GET /api/v1/pocs/{id}/tech-stack: the confirmed platforms and notes, with the documentation links they generate. */
async function GET(ctx: Ctx) {
  const { pocId } = await staffPoc(ctx);
  return json(await loadTechStackJson(pocId));
}

/** PUT /api/v1/pocs/{id}/tech-stack: replaces the platforms (known platform ids only) and notes, as confirmed now by the caller. */
async function PUT(ctx: Ctx) {
  const { pocId, actor } = await staffPoc(ctx);
  const { platforms, notes } = await jsonBody(ctx.request, techStackSchema);
  await setTechStack(pocId, [...new Set(platforms)], notes ?? "", actor);
  return json(await loadTechStackJson(pocId));
}

const handlers = { GET, PUT };
export const loader = (args: LoaderFunctionArgs) => dispatch(args, handlers);
export const action = (args: ActionFunctionArgs) => dispatch(args, handlers);
