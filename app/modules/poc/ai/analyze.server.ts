/**
 * Value-framework analysis of call transcripts with Claude (Anthropic Messages API).
 *
 * The job calls `analyzeTranscripts` with the call transcripts of a POC. The
 * transcripts are formatted as one line per sentence,
 *
 *   [call:<callId> HH:MM:SS] Speaker Name (customer|sentry|unknown): text
 *
 * cut into chunks of at most `maxCharsPerRequest` characters (a 90-minute call
 * needs several requests), and each chunk is sent with the tool
 * `record_value_framework` forced, so Claude answers with structured items for the
 * five sections. Items are merged across chunks (deduplicated by their normalized
 * statement) and every quote is checked against the transcript: a quote is kept as
 * evidence only when its text really occurs in the sentence of that call at that
 * timestamp (or runs on into the next sentences). An item without any verifiable
 * quote is returned flagged, with no evidence.
 *
 * SDK errors become an `AnalysisError` with a `kind` the job can act on and a
 * message for people. Don't call this without an API key: check `aiConfigured`.
 */
import Anthropic, {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
} from "@anthropic-ai/sdk";
import { getEnv, type Env } from "~/utils/env.server.ts";

// ---------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------

export const VALUE_FRAMEWORK_SECTIONS = [
  "current_challenges",
  "impact",
  "ideal_future_state",
  "metrics",
  "requirements",
] as const;
export type ValueFrameworkSection = (typeof VALUE_FRAMEWORK_SECTIONS)[number];

const VALUE_FRAMEWORK_TOOL_NAME = "record_value_framework";
const DEFAULT_MAX_CHARS_PER_REQUEST = 60_000;
const DEFAULT_TIMEOUT_MS = 120_000;
const DEFAULT_MAX_RETRIES = 2;
const MAX_TOKENS = 8192;
/** Quotes shorter than this (normalized) can't serve as evidence ("yes", "right"). */
const MIN_QUOTE_CHARS = 8;
/** A quote may run on from its sentence into this many following sentences. */
const QUOTE_SPAN_SENTENCES = 3;

type TranscriptSentence = {
  startMs: number;
  speakerName: string;
  /** "customer" | "sentry" (the app's affiliation), anything else is shown as given. */
  side: string;
  text: string;
};
export type Transcript = { callId: string; title: string; sentences: TranscriptSentence[] };

export type AnalyzeOptions = {
  apiKey: string;
  /** Defaults to ANTHROPIC_BASE_URL, then https://api.anthropic.com (the SDK's rule). */
  baseURL?: string;
  model: string;
  transcripts: Transcript[];
  maxCharsPerRequest?: number;
  /** Per request attempt (the SDK's `timeout`). */
  timeoutMs?: number;
  /** SDK retries of 408/409/429/5xx and timeouts (default 2). */
  maxRetries?: number;
};

export type Evidence = {
  callId: string;
  timestamp: string;
  startMs: number;
  /** The speaker as the transcript names them. */
  speaker: string;
  side: string;
  /** The quote as Claude gave it (verified to occur in the transcript). */
  text: string;
};

type ValueItem = {
  statement: string;
  confidence: number;
  evidence: Evidence[];
  /** True when none of the item's quotes could be found in the transcripts. */
  flagged: boolean;
  flagReason?: string;
  /** How many of the item's quotes were dropped as unverifiable. */
  unverifiedQuotes: number;
};

export type AnalysisResult = {
  sections: Record<ValueFrameworkSection, ValueItem[]>;
  /** Messages API requests that succeeded (one per chunk; SDK retries not counted). */
  requests: number;
  usage: { input_tokens: number; output_tokens: number };
  model: string;
  durationMs: number;
};

export type AnalysisErrorKind = "unauthorized" | "rate_limited" | "overloaded" | "timeout" | "bad_request" | "unavailable";

export class AnalysisError extends Error {
  readonly kind: AnalysisErrorKind;
  readonly status: number | null;
  /** Whether running the job again later can help. */
  readonly retryable: boolean;
  readonly requestId: string | null;
  constructor(kind: AnalysisErrorKind, message: string, opts: { status?: number | null; requestId?: string | null; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = "AnalysisError";
    this.kind = kind;
    this.status = opts.status ?? null;
    this.retryable = kind !== "unauthorized" && kind !== "bad_request";
    this.requestId = opts.requestId ?? null;
  }
}

/** Whether the AI analysis can run: ANTHROPIC_API_KEY is set (in the validated environment, getEnv). */
export function aiConfigured(env: Partial<Pick<Env, "ANTHROPIC_API_KEY">> = getEnv()): boolean {
  return Boolean(env.ANTHROPIC_API_KEY?.trim());
}

// ---------------------------------------------------------------------------
// Formatting and chunking
// ---------------------------------------------------------------------------

/** 754_000 → "00:12:34" (hours always shown, so a 90-minute call stays unambiguous). */
export function formatTimestamp(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return [h, m, s].map((n) => String(n).padStart(2, "0")).join(":");
}

function oneLine(text: string) {
  return text.replace(/\s+/g, " ").trim();
}

/** One transcript line: `[call:<id> HH:MM:SS] Name (side): text`. */
function formatTranscriptLine(callId: string, sentence: TranscriptSentence): string {
  const side = oneLine(sentence.side || "unknown").toLowerCase();
  return `[call:${callId} ${formatTimestamp(sentence.startMs)}] ${oneLine(sentence.speakerName || "Unknown")} (${side}): ${oneLine(sentence.text)}`;
}

/**
 * Cuts the transcripts into request-sized texts. Each chunk starts with a header
 * per call it covers; a sentence is never split (one longer than the limit gets a
 * chunk of its own).
 */
export function chunkTranscripts(transcripts: Transcript[], maxChars = DEFAULT_MAX_CHARS_PER_REQUEST): string[] {
  const chunks: string[] = [];
  let lines: string[] = [];
  let size = 0;
  let currentCall: string | null = null;
  const flush = () => {
    if (lines.length) chunks.push(lines.join("\n"));
    lines = [];
    size = 0;
    currentCall = null;
  };
  for (const t of transcripts) {
    let first = true;
    for (const sentence of t.sentences) {
      if (!sentence.text?.trim()) continue;
      const line = formatTranscriptLine(t.callId, sentence);
      const header =
        currentCall === t.callId ? null : `# Call ${t.callId}: ${oneLine(t.title || "Untitled call")}${first ? "" : " (continued)"}`;
      const added = line.length + 1 + (header ? header.length + 1 : 0);
      if (size > 0 && size + added > maxChars) {
        flush();
        // The call header again, now "(continued)".
        const again = `# Call ${t.callId}: ${oneLine(t.title || "Untitled call")}${first ? "" : " (continued)"}`;
        lines.push(again, line);
        size = again.length + line.length + 2;
      } else {
        if (header) lines.push(header);
        lines.push(line);
        size += added;
      }
      currentCall = t.callId;
      first = false;
    }
  }
  flush();
  return chunks;
}

// ---------------------------------------------------------------------------
// The tool
// ---------------------------------------------------------------------------

const QUOTE_SCHEMA = {
  type: "object",
  properties: {
    callId: { type: "string", description: "The call id from the line's [call:<id> ...] prefix." },
    timestamp: { type: "string", description: "The HH:MM:SS timestamp from the line's prefix." },
    speaker: { type: "string", description: "The speaker's name as written on the line." },
    text: { type: "string", description: "Words copied verbatim from that line (no paraphrase)." },
  },
  required: ["callId", "timestamp", "speaker", "text"],
} as const;

const ITEM_SCHEMA = {
  type: "object",
  properties: {
    statement: { type: "string", description: "One short sentence in your own words." },
    quotes: { type: "array", items: QUOTE_SCHEMA, description: "Verbatim supporting quotes (at least one)." },
    confidence: { type: "number", minimum: 0, maximum: 1, description: "How well the quotes support the statement, 0 to 1." },
  },
  required: ["statement", "quotes", "confidence"],
} as const;

const SECTION_DESCRIPTIONS: Record<ValueFrameworkSection, string> = {
  current_challenges: "Problems the customer has today (debugging, performance, visibility, tooling).",
  impact: "What those problems cost: time, money, customers, incidents, team morale.",
  ideal_future_state: "What the customer wants their world to look like.",
  metrics: "Numbers and measurable goals the customer mentions (MTTR, %, minutes, crash-free rate).",
  requirements: "Must-haves to buy: SSO/SAML, alerting, integrations, compliance, data residency, budget, timeline.",
};

const VALUE_FRAMEWORK_TOOL: Anthropic.Tool = {
  name: VALUE_FRAMEWORK_TOOL_NAME,
  description:
    "Record the value framework of a Sentry proof of concept, extracted from sales call transcripts. Every item must be backed by verbatim quotes from the transcript lines.",
  input_schema: {
    type: "object",
    properties: Object.fromEntries(
      VALUE_FRAMEWORK_SECTIONS.map((s) => [s, { type: "array", items: ITEM_SCHEMA, description: SECTION_DESCRIPTIONS[s] }]),
    ),
    required: [...VALUE_FRAMEWORK_SECTIONS],
  },
};

const SYSTEM_PROMPT = [
  "You analyse sales call transcripts for a Sentry proof of concept and fill in the value framework:",
  "current challenges, impact, ideal future state, metrics and requirements.",
  "Each transcript line looks like `[call:<callId> HH:MM:SS] Speaker Name (side): text`; side is customer or sentry.",
  "Prefer what the customer says. Back every item with quotes copied verbatim from the lines (exact words, no paraphrase),",
  "each with the callId, timestamp and speaker of the line it comes from. Leave a section empty rather than guess.",
  `Answer only by calling the ${VALUE_FRAMEWORK_TOOL_NAME} tool.`,
].join(" ");

// ---------------------------------------------------------------------------
// Parsing, merging, verification
// ---------------------------------------------------------------------------

type RawQuote = { callId: string; timestamp: string; speaker: string; text: string };
type RawItem = { statement: string; quotes: RawQuote[]; confidence: number };

function str(value: unknown): string {
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : "";
}

/** Defensive reading of the tool input (the model's output is not trusted). */
function parseToolInput(input: unknown): Record<ValueFrameworkSection, RawItem[]> {
  const out = emptySections<RawItem>();
  if (!input || typeof input !== "object") return out;
  for (const section of VALUE_FRAMEWORK_SECTIONS) {
    const list = (input as Record<string, unknown>)[section];
    if (!Array.isArray(list)) continue;
    for (const raw of list) {
      if (!raw || typeof raw !== "object") continue;
      const r = raw as Record<string, unknown>;
      const statement = oneLine(str(r.statement));
      if (!statement) continue;
      const quotes = (Array.isArray(r.quotes) ? r.quotes : [])
        .filter((q): q is Record<string, unknown> => Boolean(q) && typeof q === "object")
        .map((q) => ({ callId: str(q.callId).trim(), timestamp: str(q.timestamp).trim(), speaker: oneLine(str(q.speaker)), text: str(q.text) }))
        .filter((q) => q.text.trim());
      const c = typeof r.confidence === "number" ? r.confidence : Number(r.confidence);
      out[section].push({ statement, quotes, confidence: Number.isFinite(c) ? Math.min(1, Math.max(0, c)) : 0 });
    }
  }
  return out;
}

function emptySections<T>(): Record<ValueFrameworkSection, T[]> {
  return { current_challenges: [], impact: [], ideal_future_state: [], metrics: [], requirements: [] };
}

/** Lower case, straight quotes, one space, no surrounding punctuation. */
export function normalizeText(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\u2018\u2019\u201a\u201b\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f\u2033]/g, '"')
    .replace(/[\u2013\u2014\u2212]/g, "-")
    .replace(/\u2026/g, "...")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^[\s"'.,;:!?()[\]…-]+|[\s"'.,;:!?()[\]…-]+$/g, "");
}

function statementKey(statement: string) {
  return normalizeText(statement).replace(/[^\p{L}\p{N}%]+/gu, " ").trim();
}

/** Accepts "HH:MM:SS", "MM:SS" and "H:MM:SS"; returns the canonical form or null. */
function canonicalTimestamp(value: string): string | null {
  const m = /^(?:(\d{1,3}):)?(\d{1,2}):(\d{2})$/.exec(value.trim());
  if (!m) return null;
  return formatTimestamp(((Number(m[1] ?? 0) * 60 + Number(m[2])) * 60 + Number(m[3])) * 1000);
}

type CallIndex = Map<string, { sentences: TranscriptSentence[]; byTimestamp: Map<string, number[]>; normalized: string[] }>;

function indexTranscripts(transcripts: Transcript[]): CallIndex {
  const index: CallIndex = new Map();
  for (const t of transcripts) {
    const sentences = t.sentences.filter((s) => s.text?.trim());
    const byTimestamp = new Map<string, number[]>();
    sentences.forEach((s, i) => {
      const ts = formatTimestamp(s.startMs);
      byTimestamp.set(ts, [...(byTimestamp.get(ts) ?? []), i]);
    });
    index.set(t.callId, { sentences, byTimestamp, normalized: sentences.map((s) => normalizeText(s.text)) });
  }
  return index;
}

/** The quote's evidence when its text occurs in that call at that timestamp's sentence, else null. */
function verifyQuote(index: CallIndex, quote: RawQuote): Evidence | null {
  const call = index.get(quote.callId);
  const ts = canonicalTimestamp(quote.timestamp);
  const needle = normalizeText(quote.text);
  if (!call || !ts || needle.length < MIN_QUOTE_CHARS) return null;
  for (const i of call.byTimestamp.get(ts) ?? []) {
    const haystack = call.normalized.slice(i, i + QUOTE_SPAN_SENTENCES).join(" ");
    if (haystack.includes(needle)) {
      const s = call.sentences[i];
      return { callId: quote.callId, timestamp: ts, startMs: s.startMs, speaker: s.speakerName, side: s.side, text: oneLine(quote.text) };
    }
  }
  return null;
}

export const FLAG_REASON_QUOTE_NOT_FOUND = "quote not found in the transcript";

function mergeAndVerify(parts: Record<ValueFrameworkSection, RawItem[]>[], index: CallIndex): Record<ValueFrameworkSection, ValueItem[]> {
  const sections = emptySections<ValueItem>();
  for (const section of VALUE_FRAMEWORK_SECTIONS) {
    const merged = new Map<string, RawItem>();
    for (const part of parts) {
      for (const item of part[section]) {
        const key = statementKey(item.statement);
        const existing = merged.get(key);
        if (!existing) merged.set(key, { ...item, quotes: [...item.quotes] });
        else {
          existing.quotes.push(...item.quotes);
          existing.confidence = Math.max(existing.confidence, item.confidence);
        }
      }
    }
    for (const item of merged.values()) {
      const evidence: Evidence[] = [];
      const seen = new Set<string>();
      let unverified = 0;
      for (const quote of item.quotes) {
        const ev = verifyQuote(index, quote);
        if (!ev) {
          unverified++;
          continue;
        }
        const key = `${ev.callId}|${ev.timestamp}|${normalizeText(ev.text)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        evidence.push(ev);
      }
      const flagged = evidence.length === 0;
      sections[section].push({
        statement: item.statement,
        confidence: Math.round(item.confidence * 100) / 100,
        evidence,
        flagged,
        ...(flagged ? { flagReason: FLAG_REASON_QUOTE_NOT_FOUND } : {}),
        unverifiedQuotes: unverified,
      });
    }
    // Verified items first, then by confidence.
    sections[section].sort((a, b) => Number(a.flagged) - Number(b.flagged) || b.confidence - a.confidence);
  }
  return sections;
}

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------

function toAnalysisError(error: unknown, timeoutMs: number): AnalysisError {
  if (error instanceof AnalysisError) return error;
  if (error instanceof APIConnectionTimeoutError) {
    return new AnalysisError("timeout", `Claude did not answer within ${Math.round(timeoutMs / 100) / 10} s; the job will retry.`, { cause: error });
  }
  if (error instanceof APIUserAbortError) {
    return new AnalysisError("timeout", "The request to Claude was cancelled; the job will retry.", { cause: error });
  }
  if (error instanceof APIConnectionError) {
    return new AnalysisError("unavailable", "Claude could not be reached (connection error); the job will retry.", { cause: error });
  }
  if (error instanceof APIError) {
    const status = typeof error.status === "number" ? error.status : null;
    const opts = { status, requestId: error.requestID ?? null, cause: error };
    const detail = error.apiMessage ? `: ${error.apiMessage}` : "";
    if (status === 401 || status === 403) {
      return new AnalysisError("unauthorized", `Claude rejected the API key (${status}); check ANTHROPIC_API_KEY.`, opts);
    }
    if (status === 429) return new AnalysisError("rate_limited", "Claude's rate limit was reached (429); the job will retry.", opts);
    if (status === 529 || error.type === "overloaded_error") {
      return new AnalysisError("overloaded", `Claude is overloaded (${status ?? 529}); the job will retry.`, opts);
    }
    if (status === 408 || status === 504) {
      return new AnalysisError("timeout", `Claude timed out (${status}); the job will retry.`, opts);
    }
    if (status !== null && status >= 400 && status < 500 && status !== 409) {
      return new AnalysisError("bad_request", `Claude rejected the request (${status})${detail}.`, opts);
    }
    return new AnalysisError("unavailable", `Claude is unavailable (${status ?? "no status"}); the job will retry.`, opts);
  }
  return new AnalysisError("unavailable", `The analysis failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
}

// ---------------------------------------------------------------------------
// The analysis
// ---------------------------------------------------------------------------

export async function analyzeTranscripts(options: AnalyzeOptions): Promise<AnalysisResult> {
  const started = performance.now();
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const client = new Anthropic({
    apiKey: options.apiKey,
    baseURL: options.baseURL || undefined,
    maxRetries: options.maxRetries ?? DEFAULT_MAX_RETRIES,
    timeout: timeoutMs,
  });
  const chunks = chunkTranscripts(options.transcripts, options.maxCharsPerRequest ?? DEFAULT_MAX_CHARS_PER_REQUEST);
  const usage = { input_tokens: 0, output_tokens: 0 };
  const parts: Record<ValueFrameworkSection, RawItem[]>[] = [];
  let model = options.model;

  for (const [i, chunk] of chunks.entries()) {
    const intro =
      chunks.length > 1
        ? `Transcript part ${i + 1} of ${chunks.length} (analyse this part on its own):`
        : "Transcript:";
    let message: Anthropic.Message;
    try {
      message = await client.messages.create({
        model: options.model,
        max_tokens: MAX_TOKENS,
        system: SYSTEM_PROMPT,
        tools: [VALUE_FRAMEWORK_TOOL],
        tool_choice: { type: "tool", name: VALUE_FRAMEWORK_TOOL_NAME },
        messages: [{ role: "user", content: `${intro}\n\n${chunk}` }],
      });
    } catch (error) {
      throw toAnalysisError(error, timeoutMs);
    }
    model = message.model || model;
    usage.input_tokens += message.usage?.input_tokens ?? 0;
    usage.output_tokens += message.usage?.output_tokens ?? 0;
    const block = message.content.find(
      (b): b is Anthropic.ToolUseBlock => b.type === "tool_use" && b.name === VALUE_FRAMEWORK_TOOL_NAME,
    );
    if (!block) {
      throw new AnalysisError(
        "unavailable",
        `Claude answered without the value framework (stop reason ${message.stop_reason ?? "unknown"}); the job will retry.`,
      );
    }
    parts.push(parseToolInput(block.input));
  }

  return {
    sections: mergeAndVerify(parts, indexTranscripts(options.transcripts)),
    requests: chunks.length,
    usage,
    model,
    durationMs: Math.round(performance.now() - started),
  };
}
