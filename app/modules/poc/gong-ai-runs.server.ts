/**
 * POC Portal part 2 (staff only): Gong call search, transcript fetches and the AI
 * value framework, run as pg-boss jobs (jobs/poc-gong-ai.ts) and tracked in PocJobRun
 * rows the tabs show; plus the review of the value items.
 *
 * Each run handler is idempotent (a finished run is left alone). Errors that can pass
 * (Gong rate limits and outages, Claude's retryable errors) are thrown so pg-boss
 * retries with backoff, until the last attempt marks the run FAILED; errors that
 * can't (a wrong key, a refused request) mark it FAILED at once, in plain words.
 *
 * None of these tables is read by the customer portal.
 */
import type { Prisma } from "~/generated/prisma/client.ts";
import { prisma } from "~/utils/db.server.ts";
import { safeHref } from "~/utils/safe-url.ts";
import { getEnv, type Env } from "~/utils/env.server.ts";
import { DecryptionError } from "~/utils/encryption.server.ts";
import { getBoss } from "~/utils/jobs.server.ts";
import { AnalysisError, aiConfigured, analyzeTranscripts, VALUE_FRAMEWORK_SECTIONS, type ValueFrameworkSection } from "./ai/analyze.server.ts";
import { openParties, openTranscript, sealEvidence, sealParties, sealTranscript, type StoredSentence } from "./conversation-data.server.ts";
import { createGongClient, GongError } from "./gong/client.server.ts";
import { addCriterion, NotFound, type Actor } from "./poc.server.ts";

export { aiConfigured } from "./ai/analyze.server.ts";

type StaffActor = Extract<Actor, { kind: "staff" }>;

export const GONG_SEARCH_QUEUE = "poc-gong-search";
export const GONG_TRANSCRIPTS_QUEUE = "poc-gong-transcripts";
export const AI_ANALYSIS_QUEUE = "poc-ai-analysis";
export const GONG_AI_QUEUE_OPTIONS = { retryLimit: 3, retryBackoff: true, retryDelay: 5, expireInSeconds: 1800 };
/** Attempts a run gets: the first plus pg-boss's retries. */
const MAX_ATTEMPTS = GONG_AI_QUEUE_OPTIONS.retryLimit + 1;
/** A queued or running run older than this no longer blocks a new one (its worker died). */
const STALE_RUN_MS = 30 * 60_000;

export type RunKind = "gong-search" | "gong-transcripts" | "ai-analysis";
const QUEUE_OF: Record<RunKind, string> = { "gong-search": GONG_SEARCH_QUEUE, "gong-transcripts": GONG_TRANSCRIPTS_QUEUE, "ai-analysis": AI_ANALYSIS_QUEUE };

;

// ───────────── configuration ─────────────

/**
 * Whether Gong can be used: both keys set, and ENCRYPTION_KEY to store what it
 * returns under (decision 020). From the validated environment (getEnv).
 */
export function gongConfigured(env: Partial<Pick<Env, "GONG_ACCESS_KEY" | "GONG_ACCESS_KEY_SECRET" | "ENCRYPTION_KEY">> = getEnv()): boolean {
  return Boolean(env.GONG_ACCESS_KEY?.trim() && env.GONG_ACCESS_KEY_SECRET?.trim() && env.ENCRYPTION_KEY?.trim());
}

const GONG_NOT_CONFIGURED = "Gong is not configured: set GONG_ACCESS_KEY and GONG_ACCESS_KEY_SECRET (and ENCRYPTION_KEY, which the transcripts are stored encrypted under).";

function gongClient() {
  const env = getEnv();
  return createGongClient({
    baseUrl: env.GONG_BASE_URL,
    accessKey: env.GONG_ACCESS_KEY?.trim() ?? "",
    secret: env.GONG_ACCESS_KEY_SECRET?.trim() ?? "",
  });
}

// ───────────── starting runs ─────────────

/**
 * Why a run did not start, for the JSON API's status codes: the keys are missing,
 * the input is wrong, the POC has nothing to work on yet, or such a run is going.
 */
type StartRefusal = "not_configured" | "invalid" | "not_ready" | "busy";
export type StartResult = { ok: true; runId: string } | { ok: false; reason: StartRefusal; error: string };

async function ensureQueue(name: string) {
  const boss = await getBoss();
  if (!(await boss.getQueue(name))) {
    await boss.createQueue(name, { name, ...GONG_AI_QUEUE_OPTIONS }).catch(async (error) => {
      if (!(await boss.getQueue(name))) throw error;
    });
  }
  return boss;
}

async function activeRun(pocId: string, kind: RunKind) {
  return prisma.pocJobRun.findFirst({
    where: { pocId, kind, status: { in: ["QUEUED", "RUNNING"] }, createdAt: { gt: new Date(Date.now() - STALE_RUN_MS) } },
    select: { id: true },
  });
}

async function startRun(pocId: string, kind: RunKind, params: Prisma.InputJsonValue, actor: StaffActor, busyMessage: string): Promise<StartResult> {
  if (await activeRun(pocId, kind)) return { ok: false, reason: "busy", error: busyMessage };
  const run = await prisma.pocJobRun.create({ data: { pocId, kind, params, createdBy: actor.name, progress: "Waiting for a worker…" } });
  const boss = await ensureQueue(QUEUE_OF[kind]);
  await boss.send(QUEUE_OF[kind], { runId: run.id }, { singletonKey: run.id });
  return { ok: true, runId: run.id };
}

/** A real calendar day as YYYY-MM-DD (not 2026-02-31, which Date would roll over into March). */
const isDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);

/** Queues a Gong search of the POC's account domain between two days (inclusive, UTC). */
export async function startGongSearch(pocId: string, range: { from: string; to: string }, actor: StaffActor): Promise<StartResult> {
  if (!gongConfigured()) return { ok: false, reason: "not_configured", error: GONG_NOT_CONFIGURED };
  if (!isDay(range.from) || !isDay(range.to)) return { ok: false, reason: "invalid", error: "Enter both dates as real days (YYYY-MM-DD)." };
  if (range.from > range.to) return { ok: false, reason: "invalid", error: "The start date must be on or before the end date." };
  const poc = await prisma.poc.findUnique({ where: { id: pocId }, select: { accountDomain: true } });
  if (!poc) throw new NotFound("There is no POC at this address.");
  if (!poc.accountDomain.trim()) return { ok: false, reason: "not_ready", error: "The POC has no account domain to search for: set it on the overview." };
  return startRun(pocId, "gong-search", { from: range.from, to: range.to, domain: poc.accountDomain }, actor, "A Gong search is already running for this POC.");
}

/** Marks the calls selected (and the others not) and queues their transcript fetch. */
export async function startTranscriptFetch(pocId: string, callIds: string[], actor: StaffActor): Promise<StartResult> {
  if (!gongConfigured()) return { ok: false, reason: "not_configured", error: GONG_NOT_CONFIGURED };
  const ids = [...new Set(callIds)];
  const calls = await prisma.pocCall.findMany({ where: { pocId, id: { in: ids } }, select: { id: true } });
  if (calls.length === 0) return { ok: false, reason: "invalid", error: "Tick at least one call to fetch its transcript." };
  const found = calls.map((c) => c.id);
  // A refused start changes nothing, not even which calls are picked.
  if (await activeRun(pocId, "gong-transcripts")) return { ok: false, reason: "busy", error: "Transcripts are already being fetched for this POC." };
  await prisma.$transaction([
    prisma.pocCall.updateMany({ where: { pocId, id: { in: found } }, data: { selected: true } }),
    prisma.pocCall.updateMany({ where: { pocId, id: { notIn: found } }, data: { selected: false } }),
  ]);
  return startRun(pocId, "gong-transcripts", { callIds: found }, actor, "Transcripts are already being fetched for this POC.");
}

const analysable = (pocId: string) => ({ pocId, selected: true, transcriptFetchedAt: { not: null } });

/** The ids of the selected calls whose transcript is stored: what an analysis reads (the job loads the transcripts). */
export function analysableCalls(pocId: string) {
  return prisma.pocCall.findMany({ where: analysable(pocId), orderBy: { startedAt: "asc" }, select: { id: true } });
}

/** How many calls an analysis would read, without loading their transcripts. */
export function countAnalysableCalls(pocId: string) {
  return prisma.pocCall.count({ where: analysable(pocId) });
}

/** Queues the AI analysis of the selected calls with transcripts. */
export async function startAnalysis(pocId: string, actor: StaffActor): Promise<StartResult> {
  if (!aiConfigured()) return { ok: false, reason: "not_configured", error: "The AI analysis is not configured: set ANTHROPIC_API_KEY." };
  const calls = await analysableCalls(pocId);
  if (calls.length === 0) return { ok: false, reason: "not_ready", error: "No transcript is fetched yet: pick calls on the Gong calls tab and fetch their transcripts first." };
  return startRun(pocId, "ai-analysis", { callIds: calls.map((c) => c.id) }, actor, "An analysis is already running for this POC.");
}

// ───────────── running them (the jobs) ─────────────

type Run = NonNullable<Awaited<ReturnType<typeof claim>>>;

/** Marks the run RUNNING and counts the attempt; null when it is already finished (or gone). */
async function claim(runId: string) {
  const run = await prisma.pocJobRun.findUnique({ where: { id: runId } });
  if (!run || run.status === "SUCCEEDED" || run.status === "FAILED") return null;
  return prisma.pocJobRun.update({
    where: { id: runId },
    data: { status: "RUNNING", attempts: { increment: 1 }, startedAt: run.startedAt ?? new Date(), error: null },
  });
}

const progress = (runId: string, text: string) => prisma.pocJobRun.update({ where: { id: runId }, data: { progress: text } });

async function succeed(runId: string, progressText: string, result: Prisma.InputJsonValue) {
  await prisma.pocJobRun.update({ where: { id: runId }, data: { status: "SUCCEEDED", progress: progressText, result, error: null, finishedAt: new Date() } });
}

async function fail(runId: string, message: string) {
  await prisma.pocJobRun.update({ where: { id: runId }, data: { status: "FAILED", progress: null, error: message, finishedAt: new Date() } });
}

function retryable(error: unknown) {
  // A key missing from ENCRYPTION_KEY does not come back by retrying.
  if (error instanceof DecryptionError) return false;
  if (error instanceof GongError) return error.kind === "rate_limited" || error.kind === "unavailable";
  if (error instanceof AnalysisError) return error.retryable;
  return true;
}

function plainMessage(error: unknown) {
  if (error instanceof GongError || error instanceof AnalysisError) return error.message;
  if (error instanceof DecryptionError) return `The stored transcripts can't be decrypted (${error.message}): an administrator needs to put that key back in ENCRYPTION_KEY.`;
  return `Something went wrong: ${error instanceof Error ? error.message : String(error)}`;
}

/**
 * Runs the body; a retryable error is thrown (pg-boss retries) unless this was the
 * last attempt, every other error marks the run FAILED with its message.
 */
async function guarded(run: Run, body: () => Promise<unknown>) {
  try {
    return await body();
  } catch (error) {
    const message = plainMessage(error);
    if (retryable(error) && run.attempts < MAX_ATTEMPTS) {
      await prisma.pocJobRun.update({ where: { id: run.id }, data: { status: "QUEUED", error: message, progress: `Attempt ${run.attempts} of ${MAX_ATTEMPTS} failed; trying again shortly.` } });
      throw error;
    }
    await fail(run.id, message);
    return { failed: message };
  }
}

/**
 * The process running the run died (jobs/leases.ts): the tab says so and, when
 * pg-boss runs it again, shows it queued until a worker picks it up; with no
 * attempt left it is FAILED, and a new run can start at once.
 */
export async function interruptedRun(runId: string, outcome: "retry" | "failed") {
  const unfinished = { id: runId, status: { in: ["QUEUED" as const, "RUNNING" as const] } };
  if (outcome === "retry") {
    await prisma.pocJobRun.updateMany({ where: unfinished, data: { status: "QUEUED", progress: "Interrupted (the app restarted); starting again…" } });
  } else {
    await prisma.pocJobRun.updateMany({
      where: unfinished,
      data: { status: "FAILED", progress: null, error: "The app stopped while this was running, and it has no attempts left: start it again.", finishedAt: new Date() },
    });
  }
}

const dayStart = (day: string) => new Date(`${day}T00:00:00.000Z`);
const dayEnd = (day: string) => new Date(`${day}T23:59:59.999Z`);

export async function runGongSearch(runId: string) {
  const run = await claim(runId);
  if (!run) return { skipped: true };
  return guarded(run, async () => {
    const params = run.params as { from: string; to: string; domain: string };
    await progress(run.id, `Searching Gong for calls with ${params.domain}…`);
    const calls = await gongClient().searchCalls({ domain: params.domain, from: dayStart(params.from), to: dayEnd(params.to) });
    for (const call of calls) {
      const data = { title: call.title, startedAt: new Date(call.started), durationSeconds: call.durationSeconds, url: safeHref(call.url) ?? null, partiesCipher: sealParties({ pocId: run.pocId, gongId: call.id }, call.parties) };
      await prisma.pocCall.upsert({ where: { pocId_gongId: { pocId: run.pocId, gongId: call.id } }, create: { pocId: run.pocId, gongId: call.id, ...data }, update: data });
    }
    const words = calls.length === 1 ? "1 call" : `${calls.length} calls`;
    await succeed(run.id, `Found ${words} with ${params.domain} between ${params.from} and ${params.to}.`, { found: calls.length, gongIds: calls.map((c) => c.id) });
    return { found: calls.length };
  });
}

export async function runTranscriptFetch(runId: string) {
  const run = await claim(runId);
  if (!run) return { skipped: true };
  return guarded(run, async () => {
    const { callIds } = run.params as { callIds: string[] };
    const calls = await prisma.pocCall.findMany({ where: { pocId: run.pocId, id: { in: callIds } } });
    await progress(run.id, `Fetching ${calls.length === 1 ? "1 transcript" : `${calls.length} transcripts`} from Gong…`);
    const parties = new Map(calls.map((c) => [c.gongId, openParties(c)]));
    const transcripts = await gongClient().fetchTranscripts(
      calls.map((c) => c.gongId),
      parties,
    );
    const byGongId = new Map(transcripts.map((t) => [t.callId, t.sentences]));
    let lines = 0;
    for (const call of calls) {
      const sentences: StoredSentence[] = (byGongId.get(call.gongId) ?? []).map((s) => ({ startMs: s.startMs, speakerName: s.speakerName, side: s.side, text: s.text }));
      lines += sentences.length;
      await prisma.pocCall.update({ where: { id: call.id }, data: { transcriptCipher: sealTranscript(call, sentences), transcriptFetchedAt: new Date(), transcriptDeletedAt: null } });
    }
    await succeed(run.id, `Fetched ${calls.length === 1 ? "1 transcript" : `${calls.length} transcripts`} (${lines} lines).`, { calls: calls.length, lines });
    return { calls: calls.length, lines };
  });
}

export async function runAnalysis(runId: string) {
  const run = await claim(runId);
  if (!run) return { skipped: true };
  return guarded(run, async () => {
    const { callIds } = run.params as { callIds: string[] };
    const calls = await prisma.pocCall.findMany({ where: { pocId: run.pocId, id: { in: callIds }, transcriptFetchedAt: { not: null } }, orderBy: { startedAt: "asc" } });
    if (calls.length === 0) {
      await fail(run.id, "None of the chosen calls has a transcript any more: fetch the transcripts again.");
      return { failed: true };
    }
    await progress(run.id, `Claude is reading ${calls.length === 1 ? "1 transcript" : `${calls.length} transcripts`}…`);
    const env = getEnv();
    const result = await analyzeTranscripts({
      apiKey: env.ANTHROPIC_API_KEY?.trim() ?? "",
      baseURL: env.ANTHROPIC_BASE_URL,
      model: env.ANTHROPIC_MODEL,
      transcripts: calls.map((c) => ({ callId: c.id, title: c.title, sentences: openTranscript(c) ?? [] })),
    });
    const rows: Prisma.PocValueItemCreateManyInput[] = [];
    for (const section of VALUE_FRAMEWORK_SECTIONS) {
      result.sections[section].forEach((item, i) => {
        rows.push({
          pocId: run.pocId,
          section,
          statement: item.statement,
          evidenceCipher: item.flagged ? null : sealEvidence(run.pocId, item.evidence),
          confidence: item.confidence,
          flagged: item.flagged,
          flagReason: item.flagged ? (item.flagReason ?? "quote not found in the transcript") : null,
          source: "ai",
          position: i,
          updatedBy: "AI analysis",
        });
      });
    }
    await prisma.$transaction([
      prisma.pocValueItem.deleteMany({ where: { pocId: run.pocId, source: "ai", status: "SUGGESTED" } }),
      prisma.pocValueItem.createMany({ data: rows }),
    ]);
    const flagged = rows.filter((r) => r.flagged).length;
    await succeed(
      run.id,
      `Suggested ${rows.length} items from ${calls.length === 1 ? "1 transcript" : `${calls.length} transcripts`}${flagged ? ` (${flagged} flagged: quote not found)` : ""}.`,
      { items: rows.length, flagged, requests: result.requests, model: result.model, usage: result.usage },
    );
    return { items: rows.length };
  });
}

// ───────────── what the tabs show ─────────────

const RUN_FIELDS = { id: true, kind: true, status: true, progress: true, error: true, attempts: true, createdAt: true, finishedAt: true, createdBy: true } as const;

export function latestRun(pocId: string, kind: RunKind) {
  return prisma.pocJobRun.findFirst({ where: { pocId, kind }, orderBy: { createdAt: "desc" }, select: RUN_FIELDS });
}

/** A run as latestRun shows it (the JSON API answers a started run with it). */
export function findRun(runId: string) {
  return prisma.pocJobRun.findUniqueOrThrow({ where: { id: runId }, select: RUN_FIELDS });
}

// ───────────── review ─────────────

export type ReviewResult =
  | { ok: true }
  | { ok: false; conflict: true; current: { statement: string; status: string; version: number } }
  | { ok: false; conflict: false; error: string };

export const MAX_STATEMENT = 500;
const NO_SUCH_ITEM = "There is no such item in this POC.";

export async function reviewItem(pocId: string, itemId: string, version: number, action: "accept" | "reject" | "edit", statement: string | undefined, actor: StaffActor): Promise<ReviewResult> {
  const item = await prisma.pocValueItem.findFirst({ where: { id: itemId, pocId } });
  if (!item) throw new NotFound(NO_SUCH_ITEM);
  let data: Prisma.PocValueItemUpdateManyMutationInput;
  if (action === "edit") {
    const text = (statement ?? "").replace(/\s+/g, " ").trim();
    if (!text) return { ok: false, conflict: false, error: "Enter the statement." };
    if (text.length > MAX_STATEMENT) return { ok: false, conflict: false, error: `Keep the statement under ${MAX_STATEMENT} characters.` };
    data = { statement: text, status: "EDITED" };
  } else {
    data = { status: action === "accept" ? "ACCEPTED" : "REJECTED" };
  }
  const { count } = await prisma.pocValueItem.updateMany({ where: { id: itemId, pocId, version }, data: { ...data, version: { increment: 1 }, updatedBy: actor.name } });
  if (count === 0) {
    const current = await prisma.pocValueItem.findFirst({ where: { id: itemId, pocId } });
    if (!current) throw new NotFound(NO_SUCH_ITEM);
    return { ok: false, conflict: true, current: { statement: current.statement, status: current.status, version: current.version } };
  }
  return { ok: true };
}

/** Accepts the item (an edited one stays EDITED) and adds its statement as a success criterion, once. */
export async function acceptIntoCriteria(pocId: string, itemId: string, actor: StaffActor) {
  const item = await prisma.pocValueItem.findFirst({ where: { id: itemId, pocId } });
  if (!item) throw new NotFound(NO_SUCH_ITEM);
  // Already added, unless the SE has since deleted that criterion: then it is added again.
  if (item.criterionId && (await prisma.pocCriterion.count({ where: { id: item.criterionId, pocId } }))) return { ok: true as const, criterionId: item.criterionId, created: false };
  if (item.status === "REJECTED") return { ok: false as const, error: "This item was rejected: accept it before adding it to the success criteria." };
  const criterion = await addCriterion(pocId, { title: item.statement }, actor);
  const { count } = await prisma.pocValueItem.updateMany({
    where: { id: itemId, pocId, criterionId: item.criterionId },
    data: { criterionId: criterion.id, status: item.status === "EDITED" ? "EDITED" : "ACCEPTED", version: { increment: 1 }, updatedBy: actor.name },
  });
  if (count === 0) {
    // Someone else added it meanwhile: keep theirs.
    await prisma.pocCriterion.delete({ where: { id: criterion.id } });
    const current = await prisma.pocValueItem.findFirst({ where: { id: itemId, pocId } });
    if (!current) throw new NotFound(NO_SUCH_ITEM);
    return { ok: true as const, criterionId: current.criterionId!, created: false };
  }
  return { ok: true as const, criterionId: criterion.id, created: true };
}

function isSection(value: string): value is ValueFrameworkSection {
  return (VALUE_FRAMEWORK_SECTIONS as readonly string[]).includes(value);
}

export async function addManualItem(pocId: string, section: string, statement: string, actor: StaffActor) {
  if (!isSection(section)) return { ok: false as const, error: "Choose one of the five sections." };
  const text = statement.replace(/\s+/g, " ").trim();
  if (!text) return { ok: false as const, error: "Enter the statement." };
  if (text.length > MAX_STATEMENT) return { ok: false as const, error: `Keep the statement under ${MAX_STATEMENT} characters.` };
  const { _max } = await prisma.pocValueItem.aggregate({ where: { pocId, section }, _max: { position: true } });
  const item = await prisma.pocValueItem.create({
    data: { pocId, section, statement: text, source: "manual", status: "ACCEPTED", position: (_max.position ?? -1) + 1, updatedBy: actor.name },
  });
  return { ok: true as const, item };
}
