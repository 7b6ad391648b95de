import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { customerPoc, dispatch, techStackSchema } from "~/modules/poc/api.server.ts";
import { loadTechStackJson } from "~/modules/poc/api/serializers.server.ts";
import { type Ctx, json, jsonBody } from "~/utils/api-request.server.ts";
import { setTechStack } from "~/modules/poc/poc.server.ts";

/** PUT /api/v1/customer/{token}/tech-stack: the customer confirms their platforms (known ids only) and notes. */
async function PUT(ctx: Ctx) {
  const { pocId, actor } = await customerPoc(ctx);
  const { platforms, notes } = await jsonBody(ctx.request, techStackSchema);
  await setTechStack(pocId, [...new Set(platforms)], notes ?? "", actor);
  return json(await loadTechStackJson(pocId));
}

const handlers = { PUT };
export const loader = (args: LoaderFunctionArgs) => dispatch(args, handlers, "customer");
export const action = (args: ActionFunctionArgs) => dispatch(args, handlers, "customer");
