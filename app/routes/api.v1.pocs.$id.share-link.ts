import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { dispatch, shareLinkSchema, staffPoc } from "~/modules/poc/api.server.ts";
import { type Ctx, json, jsonBody } from "~/utils/api-request.server.ts";
import { regenerateShareLink, revokeShareLink, shareUrl } from "~/modules/poc/poc.server.ts";

/** POST /api/v1/pocs/{id}/share-link: a new customer link (the previous one stops working at once). */
async function POST(ctx: Ctx) {
  const { pocId, actor } = await staffPoc(ctx);
  const { expiresAt = null } = await jsonBody(ctx.request, shareLinkSchema);
  const token = await regenerateShareLink(pocId, expiresAt, actor);
  return json({ url: shareUrl(token), token, expiresAt: expiresAt?.toISOString() ?? null }, 201);
}

/** DELETE /api/v1/pocs/{id}/share-link: revokes the customer link. */
async function DELETE(ctx: Ctx) {
  const { pocId, actor } = await staffPoc(ctx);
  await revokeShareLink(pocId, actor);
  return json({ revoked: true });
}

const handlers = { POST, DELETE };
export const loader = (args: LoaderFunctionArgs) => dispatch(args, handlers);
export const action = (args: ActionFunctionArgs) => dispatch(args, handlers);
