import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { callWithTranscriptJson, loadCall } from "~/modules/poc/gong-ai-api.server.ts";
import { dispatch, staffPoc } from "~/modules/poc/api.server.ts";
import { type Ctx, json } from "~/utils/api-request.server.ts";

/** GET /api/v1/pocs/{id}/gong/calls/{callId}: a call with its transcript (null until fetched). */
async function GET(ctx: Ctx) {
  const { pocId } = await staffPoc(ctx);
  return json(callWithTranscriptJson(await loadCall(pocId, ctx.params.callId ?? "")));
}

const handlers = { GET };
export const loader = (args: LoaderFunctionArgs) => dispatch(args, handlers);
export const action = (args: ActionFunctionArgs) => dispatch(args, handlers);
