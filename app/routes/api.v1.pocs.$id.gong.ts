import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { gongJson } from "~/modules/poc/gong-ai-api.server.ts";
import { dispatch, staffPoc } from "~/modules/poc/api.server.ts";
import { type Ctx, json } from "~/utils/api-request.server.ts";

/** GET /api/v1/pocs/{id}/gong: whether Gong is configured, the latest search and transcript fetch, and the calls found (no transcripts). */
async function GET(ctx: Ctx) {
  const { pocId } = await staffPoc(ctx);
  return json(await gongJson(pocId));
}

const handlers = { GET };
export const loader = (args: LoaderFunctionArgs) => dispatch(args, handlers);
export const action = (args: ActionFunctionArgs) => dispatch(args, handlers);
