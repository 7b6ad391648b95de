/**
 * The JSON API of POC Portal part 2 (app/routes/api.v1.pocs.$id.gong*.ts and
 * api.v1.pocs.$id.ai*.ts): Gong call search and transcripts, the AI value
 * framework and its review. Request schemas, serialisers, and the mapping of
 * gong-ai-runs.server.ts's answers to statuses. Staff only (staffPoc, like the rest of
 * /api/v1/pocs); the customer's endpoints never read these tables.
 *
 * Runs are started here and executed by the pg-boss workers: a start answers 202
 * with the queued run, whose progress the GET of /gong or /ai then shows.
 */
import { z } from "zod";
import type { PocCall, PocValueItem } from "~/generated/prisma/client.ts";
import { apiError, closedObject, invalid, json, must, oneOf } from "~/utils/api-request.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { formatTimestamp, VALUE_FRAMEWORK_SECTIONS } from "./ai/analyze.server.ts";
import type { aiSchema, callSchema, callWithTranscriptSchema, gongSchema, runSchema, valueItemSchema } from "./api/gong-ai-schemas.ts";
import { calendarDay } from "./fields.ts";
import { version } from "./row-version.ts";
import { openEvidence, openParties, openTranscript } from "./conversation-data.server.ts";
import {
  aiConfigured,
  countAnalysableCalls,
  findRun,
  gongConfigured,
  latestRun,
  MAX_STATEMENT,
  type RunKind,
  type StartResult,
} from "./gong-ai-runs.server.ts";
import { NotFound } from "./poc.server.ts";
import { safeHref } from "~/utils/safe-url.ts";

// ───────────── request schemas ─────────────

/** What a Gong search covers when the body leaves the dates out (as the Gong tab proposes). */
const DEFAULT_SEARCH_DAYS = 90;
const MAX_CALLS_PER_FETCH = 100;

const today = () => new Date().toISOString().slice(0, 10);
const daysBefore = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

/** `to` defaults to today, `from` to 90 days before `to`. */
export const gongSearchSchema = closedObject({ from: calendarDay.optional(), to: calendarDay.optional() })
  .transform(({ from, to }) => {
    const end = to ?? today();
    return { from: from ?? daysBefore(end, DEFAULT_SEARCH_DAYS), to: end };
  })
  .refine((range) => range.from <= range.to, { path: ["to"], message: "Can't be before from (to is today when left out)." });

export const transcriptsSchema = closedObject({
  callIds: z
    .array(z.string(must("a call id")).min(1, "Can't be empty."), must("a list of call ids"))
    .min(1, "Pick at least one call.")
    .max(MAX_CALLS_PER_FETCH, `At most ${MAX_CALLS_PER_FETCH} calls at once.`),
});

/** A statement the way gong-ai-runs.server.ts stores it: on one line, with its length checked after that. */
const statement = z
  .string(must("text"))
  .transform((s) => s.replace(/\s+/g, " ").trim())
  .pipe(z.string().min(1, "Can't be empty.").max(MAX_STATEMENT, `At most ${MAX_STATEMENT} characters.`));

const REVIEW_ACTIONS = ["accept", "reject", "edit"] as const;

/** `statement` goes with `edit` only, so an accept never silently drops a new wording. */
export const reviewSchema = closedObject({ version, action: z.enum(REVIEW_ACTIONS, oneOf(REVIEW_ACTIONS)), statement: statement.optional() }).superRefine((body, ctx) => {
  if (body.action === "edit" && body.statement === undefined) ctx.addIssue({ code: "custom", path: ["statement"], message: "Required to edit." });
  if (body.action !== "edit" && body.statement !== undefined) ctx.addIssue({ code: "custom", path: ["statement"], message: "Only sent with the action edit." });
});

export const manualItemSchema = closedObject({ section: z.enum(VALUE_FRAMEWORK_SECTIONS, oneOf(VALUE_FRAMEWORK_SECTIONS)), statement });

/** For the endpoints that take no input: any field is a 400 naming it. */
export const noBody = closedObject({});

/** Every id must be a call of this POC (found by a search): otherwise a 400 naming each other one (`callIds[1]`). */
export async function checkCalls(pocId: string, callIds: string[]) {
  const found = new Set((await prisma.pocCall.findMany({ where: { pocId, id: { in: callIds } }, select: { id: true } })).map((c) => c.id));
  const fields: Record<string, string[]> = {};
  callIds.forEach((id, i) => {
    if (!found.has(id)) fields[`callIds[${i}]`] = ["No call of this POC has this id: search Gong first, then use the ids GET /gong lists."];
  });
  if (Object.keys(fields).length) throw invalid(fields);
}

// ───────────── serialisers ─────────────

type Run = NonNullable<Awaited<ReturnType<typeof latestRun>>>;
type RunOut = z.infer<typeof runSchema>;
type ItemOut = z.infer<typeof valueItemSchema>;
type GongSide = z.infer<typeof callWithTranscriptSchema>["parties"][number]["side"];

function runJson(run: Run): z.infer<typeof runSchema> {
  return {
    id: run.id,
    kind: run.kind as RunOut["kind"],
    status: run.status,
    progress: run.progress,
    error: run.error,
    attempts: run.attempts,
    createdBy: run.createdBy,
    createdAt: run.createdAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
  };
}

/** A call without its transcript (`lines` counts it; null when it was never fetched, or deleted: `transcriptDeletedAt`). */
function callJson(call: PocCall): z.infer<typeof callSchema> {
  return callFields(call, openTranscript(call));
}

function callFields(call: PocCall, transcript: ReturnType<typeof openTranscript>): z.infer<typeof callSchema> {
  return {
    id: call.id,
    gongId: call.gongId,
    title: call.title,
    startedAt: call.startedAt.toISOString(),
    durationSeconds: call.durationSeconds,
    url: safeHref(call.url) ?? null,
    parties: openParties(call).map((p) => ({ name: p.name, email: p.email, affiliation: p.affiliation, side: p.side })),
    selected: call.selected,
    transcriptFetchedAt: call.transcriptFetchedAt?.toISOString() ?? null,
    lines: transcript ? transcript.length : null,
    transcriptDeletedAt: call.transcriptDeletedAt?.toISOString() ?? null,
  };
}

/** A call with its transcript; `timestamp` is written the way evidence quotes cite it. */
export function callWithTranscriptJson(call: PocCall): z.infer<typeof callWithTranscriptSchema> {
  const transcript = openTranscript(call);
  return {
    ...callFields(call, transcript),
    transcript: transcript ? transcript.map((s) => ({ startMs: s.startMs, timestamp: formatTimestamp(s.startMs), speakerName: s.speakerName, side: s.side as GongSide, text: s.text })) : null,
  };
}

export function valueItemJson(item: PocValueItem): z.infer<typeof valueItemSchema> {
  return {
    id: item.id,
    section: item.section as ItemOut["section"],
    position: item.position,
    statement: item.statement,
    evidence: openEvidence(item).map((e) => ({ callId: e.callId, timestamp: e.timestamp || formatTimestamp(e.startMs), startMs: e.startMs, speaker: e.speaker, side: e.side, text: e.text })),
    confidence: item.confidence,
    flagged: item.flagged,
    flagReason: item.flagReason,
    status: item.status,
    source: item.source as ItemOut["source"],
    criterionId: item.criterionId,
    version: item.version,
    createdAt: item.createdAt.toISOString(),
    updatedAt: item.updatedAt.toISOString(),
    updatedBy: item.updatedBy,
  };
}

// ───────────── whole views ─────────────

/** GET /gong: whether Gong is configured, the latest search and transcript fetch, and the calls found (newest first). */
export async function gongJson(pocId: string): Promise<z.infer<typeof gongSchema>> {
  const [poc, search, transcripts, calls] = await Promise.all([
    prisma.poc.findUniqueOrThrow({ where: { id: pocId }, select: { accountDomain: true } }),
    latestRun(pocId, "gong-search"),
    latestRun(pocId, "gong-transcripts"),
    prisma.pocCall.findMany({ where: { pocId }, orderBy: [{ startedAt: "desc" }, { id: "asc" }] }),
  ]);
  return {
    configured: gongConfigured(),
    accountDomain: poc.accountDomain,
    search: search ? runJson(search) : null,
    transcripts: transcripts ? runJson(transcripts) : null,
    calls: calls.map(callJson),
  };
}

/** GET /ai: whether Claude is configured, the latest analysis, and the items of each of the five sections in order. */
export async function aiJson(pocId: string): Promise<z.infer<typeof aiSchema>> {
  const [callsToAnalyse, analysis, items] = await Promise.all([
    countAnalysableCalls(pocId),
    latestRun(pocId, "ai-analysis"),
    prisma.pocValueItem.findMany({ where: { pocId }, orderBy: [{ position: "asc" }, { createdAt: "asc" }, { id: "asc" }] }),
  ]);
  return {
    configured: aiConfigured(),
    callsToAnalyse,
    analysis: analysis ? runJson(analysis) : null,
    sections: Object.fromEntries(VALUE_FRAMEWORK_SECTIONS.map((section) => [section, items.filter((i) => i.section === section).map(valueItemJson)])) as z.infer<typeof aiSchema>["sections"],
  };
}

export async function loadCall(pocId: string, callId: string) {
  const call = await prisma.pocCall.findFirst({ where: { id: callId, pocId } });
  if (!call) throw new NotFound();
  return call;
}

export async function loadValueItem(pocId: string, itemId: string) {
  const item = await prisma.pocValueItem.findFirst({ where: { id: itemId, pocId } });
  if (!item) throw new NotFound();
  return item;
}

// ───────────── starting runs ─────────────

/**
 * A started run: 202 with it. Refused: 503 when the keys are missing, 409 when
 * such a run is going (with it, to poll) or the POC has nothing to work on yet,
 * 400 for input gong-ai-runs.server.ts refused.
 */
export async function startAnswer(pocId: string, kind: RunKind, result: StartResult) {
  if (result.ok) return json({ run: runJson(await findRun(result.runId)) }, 202);
  switch (result.reason) {
    case "not_configured":
      return apiError(503, "not_configured", result.error);
    case "busy": {
      const run = await latestRun(pocId, kind);
      return apiError(409, "run_in_progress", result.error, { run: run ? runJson(run) : null });
    }
    case "not_ready":
      return apiError(409, "not_ready", result.error);
    case "invalid":
      return invalid({ "": [result.error] });
  }
}
