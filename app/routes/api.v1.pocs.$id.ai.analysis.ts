import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { noBody, startAnswer } from "~/modules/poc/gong-ai-api.server.ts";
import { dispatch, staffPoc } from "~/modules/poc/api.server.ts";
import { type Ctx, jsonBody } from "~/utils/api-request.server.ts";
import { startAnalysis } from "~/modules/poc/gong-ai-runs.server.ts";

/**
 * POST /api/v1/pocs/{id}/ai/analysis: queues Claude's analysis of the selected
 * calls with transcripts (202 with the run). Its items replace the suggestions
 * nobody has reviewed yet; reviewed and manual items stay.
 */
async function POST(ctx: Ctx) {
  const { pocId, actor } = await staffPoc(ctx);
  await jsonBody(ctx.request, noBody);
  return startAnswer(pocId, "ai-analysis", await startAnalysis(pocId, actor));
}

const handlers = { POST };
export const loader = (args: LoaderFunctionArgs) => dispatch(args, handlers);
export const action = (args: ActionFunctionArgs) => dispatch(args, handlers);
