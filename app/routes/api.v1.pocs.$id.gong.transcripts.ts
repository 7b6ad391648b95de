import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { checkCalls, startAnswer, transcriptsSchema } from "~/modules/poc/gong-ai-api.server.ts";
import { dispatch, staffPoc } from "~/modules/poc/api.server.ts";
import { type Ctx, jsonBody } from "~/utils/api-request.server.ts";
import { startTranscriptFetch } from "~/modules/poc/gong-ai-runs.server.ts";

/**
 * POST /api/v1/pocs/{id}/gong/transcripts: the calls become the POC's selection
 * (the others are unselected, as on the Gong tab) and their transcripts are
 * fetched (202 with the run). The analysis reads the selected calls.
 */
async function POST(ctx: Ctx) {
  const { pocId, actor } = await staffPoc(ctx);
  const { callIds } = await jsonBody(ctx.request, transcriptsSchema);
  await checkCalls(pocId, callIds);
  return startAnswer(pocId, "gong-transcripts", await startTranscriptFetch(pocId, callIds, actor));
}

const handlers = { POST };
export const loader = (args: LoaderFunctionArgs) => dispatch(args, handlers);
export const action = (args: ActionFunctionArgs) => dispatch(args, handlers);
