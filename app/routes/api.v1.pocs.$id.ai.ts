import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { aiJson } from "~/modules/poc/gong-ai-api.server.ts";
import { dispatch, staffPoc } from "~/modules/poc/api.server.ts";
import { type Ctx, json } from "~/utils/api-request.server.ts";

/** GET /api/v1/pocs/{id}/ai: whether Claude is configured, the latest analysis, and the value framework's items by section. */
async function GET(ctx: Ctx) {
  const { pocId } = await staffPoc(ctx);
  return json(await aiJson(pocId));
}

const handlers = { GET };
export const loader = (args: LoaderFunctionArgs) => dispatch(args, handlers);
export const action = (args: ActionFunctionArgs) => dispatch(args, handlers);
