import { z } from "zod";
import {
  AI_ANALYSIS_QUEUE,
  GONG_SEARCH_QUEUE,
  GONG_TRANSCRIPTS_QUEUE,
  interruptedRun,
  GONG_AI_QUEUE_OPTIONS,
  runAnalysis,
  runGongSearch,
  runTranscriptFetch,
} from "~/modules/poc/gong-ai-runs.server.ts";
import { defineJob } from "./definition.ts";

const data = z.object({ runId: z.string().min(1) });
const options = { retryLimit: GONG_AI_QUEUE_OPTIONS.retryLimit, retryBackoff: GONG_AI_QUEUE_OPTIONS.retryBackoff, retryDelay: GONG_AI_QUEUE_OPTIONS.retryDelay, expireInSeconds: GONG_AI_QUEUE_OPTIONS.expireInSeconds };

/**
 * POC part 2 runs (app/modules/poc/gong-ai-runs.server.ts): the handlers throw only on
 * errors worth retrying (Gong 429/5xx, Claude overloaded...), so pg-boss retries
 * those with backoff; a wrong key marks the run FAILED without retrying.
 */
export const pocGongSearchJob = defineJob<z.infer<typeof data>>({
  queue: GONG_SEARCH_QUEUE,
  options,
  handle: async (raw) => runGongSearch(data.parse(raw).runId),
  onInterrupted: async (raw, outcome) => interruptedRun(data.parse(raw).runId, outcome),
});

export const pocGongTranscriptsJob = defineJob<z.infer<typeof data>>({
  queue: GONG_TRANSCRIPTS_QUEUE,
  options,
  handle: async (raw) => runTranscriptFetch(data.parse(raw).runId),
  onInterrupted: async (raw, outcome) => interruptedRun(data.parse(raw).runId, outcome),
});

export const pocAiAnalysisJob = defineJob<z.infer<typeof data>>({
  queue: AI_ANALYSIS_QUEUE,
  options,
  handle: async (raw) => runAnalysis(data.parse(raw).runId),
  onInterrupted: async (raw, outcome) => interruptedRun(data.parse(raw).runId, outcome),
});
