import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { manualItemSchema, valueItemJson } from "~/modules/poc/gong-ai-api.server.ts";
import { dispatch, staffPoc } from "~/modules/poc/api.server.ts";
import { type Ctx, invalid, json, jsonBody } from "~/utils/api-request.server.ts";
import { addManualItem } from "~/modules/poc/gong-ai-runs.server.ts";

/** POST /api/v1/pocs/{id}/ai/items: an item written by hand, accepted, at the end of its section (no keys needed). */
async function POST(ctx: Ctx) {
  const { pocId, actor } = await staffPoc(ctx);
  const { section, statement } = await jsonBody(ctx.request, manualItemSchema);
  const result = await addManualItem(pocId, section, statement, actor);
  if (!result.ok) return invalid({ "": [result.error] });
  return json(valueItemJson(result.item), 201);
}

const handlers = { POST };
export const loader = (args: LoaderFunctionArgs) => dispatch(args, handlers);
export const action = (args: ActionFunctionArgs) => dispatch(args, handlers);
