import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { loadValueItem, reviewSchema, valueItemJson } from "~/modules/poc/gong-ai-api.server.ts";
import { conflict, dispatch, staffPoc } from "~/modules/poc/api.server.ts";
import { type Ctx, invalid, json, jsonBody } from "~/utils/api-request.server.ts";
import { reviewItem } from "~/modules/poc/gong-ai-runs.server.ts";

/**
 * PATCH /api/v1/pocs/{id}/ai/items/{itemId}: accept, reject or edit (reword) an
 * item, if it is still at `version` (otherwise 409 with the current item, nothing written).
 */
async function PATCH(ctx: Ctx) {
  const { pocId, actor } = await staffPoc(ctx);
  const body = await jsonBody(ctx.request, reviewSchema);
  const itemId = ctx.params.itemId ?? "";
  const result = await reviewItem(pocId, itemId, body.version, body.action, body.statement, actor);
  if (!result.ok && !result.conflict) return invalid({ "": [result.error] });
  const item = valueItemJson(await loadValueItem(pocId, itemId));
  return result.ok ? json(item) : conflict(item);
}

const handlers = { PATCH };
export const loader = (args: LoaderFunctionArgs) => dispatch(args, handlers);
export const action = (args: ActionFunctionArgs) => dispatch(args, handlers);
