import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { loadValueItem, noBody, valueItemJson } from "~/modules/poc/gong-ai-api.server.ts";
import { dispatch, staffPoc } from "~/modules/poc/api.server.ts";
import { criterionJson } from "~/modules/poc/api/serializers.server.ts";
import { apiError, type Ctx, json, jsonBody } from "~/utils/api-request.server.ts";
import { acceptIntoCriteria } from "~/modules/poc/gong-ai-runs.server.ts";
import { prisma } from "~/utils/db.server.ts";

/**
 * POST /api/v1/pocs/{id}/ai/items/{itemId}/criterion: accepts the item (an edited
 * one stays EDITED) and adds its statement to the success criteria, once: 201 when
 * added now, 200 when it already was. A rejected item is a 409 (accept it first).
 */
async function POST(ctx: Ctx) {
  const { pocId, actor } = await staffPoc(ctx);
  await jsonBody(ctx.request, noBody);
  const itemId = ctx.params.itemId ?? "";
  const result = await acceptIntoCriteria(pocId, itemId, actor);
  const item = valueItemJson(await loadValueItem(pocId, itemId));
  if (!result.ok) return apiError(409, "item_rejected", result.error, { current: item });
  // Null when the criterion was removed from the success criteria since.
  const criterion = await prisma.pocCriterion.findFirst({ where: { id: result.criterionId, pocId } });
  return json({ created: result.created, criterionId: result.criterionId, criterion: criterion && criterionJson(criterion), item }, result.created ? 201 : 200);
}

const handlers = { POST };
export const loader = (args: LoaderFunctionArgs) => dispatch(args, handlers);
export const action = (args: ActionFunctionArgs) => dispatch(args, handlers);
