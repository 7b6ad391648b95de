import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { gongSearchSchema, startAnswer } from "~/modules/poc/gong-ai-api.server.ts";
import { dispatch, staffPoc } from "~/modules/poc/api.server.ts";
import { type Ctx, jsonBody } from "~/utils/api-request.server.ts";
import { startGongSearch } from "~/modules/poc/gong-ai-runs.server.ts";

/** POST /api/v1/pocs/{id}/gong/search: queues a search of Gong for the calls with the POC's account domain between two days (202 with the run). */
async function POST(ctx: Ctx) {
  const { pocId, actor } = await staffPoc(ctx);
  const range = await jsonBody(ctx.request, gongSearchSchema);
  return startAnswer(pocId, "gong-search", await startGongSearch(pocId, range, actor));
}

const handlers = { POST };
export const loader = (args: LoaderFunctionArgs) => dispatch(args, handlers);
export const action = (args: ActionFunctionArgs) => dispatch(args, handlers);
