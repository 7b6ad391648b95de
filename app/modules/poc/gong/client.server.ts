/**
 * The Gong API client the app uses to find a customer's calls and read their
 * transcripts (shared/reference/SOURCES.md, GONG):
 *
 * - Basic auth base64(accessKey:secret).
 * - Gong allows 3 requests per second (and 10,000 per day) per company: every client
 *   spaces its requests at least `minIntervalMs` (400 ms) apart, shared by all calls on
 *   that client, and honours 429 Retry-After (seconds) up to `maxRetries` times. Gong counts
 *   requests when they arrive: 400 ms leaves four requests 200 ms of room for the network
 *   and a busy event loop inside the 1-second window (350 ms left 50, and a late first
 *   request was answered 429 under load).
 * - 5xx, timeouts and network errors are retried with exponential backoff.
 * - /v2/calls/extensive cannot filter by email or domain, so searchCalls walks every page
 *   of the date range (same filter + cursor) and keeps calls with a party at the domain.
 * - Failures surface as GongError with a kind and a message meant for people.
 */

export type GongErrorKind = "unauthorized" | "rate_limited" | "not_found" | "unavailable" | "bad_request";

export class GongError extends Error {
  readonly kind: GongErrorKind;
  readonly status: number | null;
  /** Gong's own error strings and request id, for troubleshooting. */
  readonly details: string[];
  readonly requestId: string | null;
  constructor(kind: GongErrorKind, message: string, info: { status?: number | null; details?: string[]; requestId?: string | null; cause?: unknown } = {}) {
    super(message, info.cause === undefined ? undefined : { cause: info.cause });
    this.name = "GongError";
    this.kind = kind;
    this.status = info.status ?? null;
    this.details = info.details ?? [];
    this.requestId = info.requestId ?? null;
  }
}

type GongSide = "sentry" | "customer" | "unknown";
export type GongCallParty = { name: string; email: string | null; affiliation: "Internal" | "External" | "Unknown"; side: GongSide; speakerId: string | null };
type GongCallSummary = { id: string; title: string; started: string; durationSeconds: number; url: string; parties: GongCallParty[] };
type GongTranscriptSentence = { speakerId: string; speakerName: string; side: GongSide; startMs: number; endMs: number; topic: string | null; text: string };
type GongTranscript = { callId: string; sentences: GongTranscriptSentence[] };
type GongClientStats = { requests: number; retries: number; rateLimited: number };

export type GongClientOptions = {
  baseUrl: string;
  accessKey: string;
  secret: string;
  /** Injected for tests; defaults to a real timer. */
  sleep?: (ms: number) => Promise<void>;
  /** Retries per request for 429s, 5xx and network errors (default 4). */
  maxRetries?: number;
  /** Minimum spacing between request starts (default 400 ms: 3 per second, with room for jitter). */
  minIntervalMs?: number;
  /** Per-request timeout (default 30 s). */
  timeoutMs?: number;
  /** First backoff for 5xx/timeouts, doubled each retry (default 500 ms). */
  backoffMs?: number;
  /** A Retry-After longer than this (e.g. the daily limit) is not waited out (default 60 s). */
  maxRetryAfterSeconds?: number;
  fetch?: typeof fetch;
};

export type GongClient = {
  searchCalls(input: { domain: string; from: Date | string; to: Date | string }): Promise<GongCallSummary[]>;
  fetchTranscripts(callIds: string[], partiesByCall?: Record<string, GongCallParty[]> | Map<string, GongCallParty[]>): Promise<GongTranscript[]>;
  /** HTTP requests made so far (including retries). */
  readonly requests: number;
  stats(): GongClientStats;
};

type RawParty = { id?: string; emailAddress?: string; name?: string; title?: string; userId?: string; speakerId?: string; affiliation?: string };
type RawCall = { metaData: { id: string; url: string; title?: string; started: string; duration?: number }; parties?: RawParty[] };
type Records = { totalRecords?: number; currentPageSize?: number; currentPageNumber?: number; cursor?: string };
type ExtensiveResponse = { requestId?: string; records?: Records; calls?: RawCall[] };
type TranscriptResponse = {
  requestId?: string;
  records?: Records;
  callTranscripts?: { callId: string; transcript?: { speakerId?: string; topic?: string | null; sentences?: { start: number; end: number; text: string }[] }[] }[];
};

const NO_CALLS_FOUND = /no calls found/i;
const CALL_ID_BATCH = 100;
const MAX_PAGES = 10_000;

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Does this email belong to the domain (case-insensitive; subdomains count)? */
export function emailMatchesDomain(email: string | null | undefined, domain: string): boolean {
  if (!email) return false;
  const host = email.trim().toLowerCase().split("@").pop() ?? "";
  const wanted = domain.trim().toLowerCase().replace(/^@/, "").replace(/\.$/, "");
  if (!wanted || !email.includes("@")) return false;
  return host === wanted || host.endsWith(`.${wanted}`);
}

function sideOf(affiliation: string | undefined): GongSide {
  if (affiliation === "Internal") return "sentry";
  if (affiliation === "External") return "customer";
  return "unknown";
}

function toParty(p: RawParty): GongCallParty {
  const affiliation = p.affiliation === "Internal" || p.affiliation === "External" ? p.affiliation : "Unknown";
  return { name: p.name || p.emailAddress || "Unknown speaker", email: p.emailAddress ?? null, affiliation, side: sideOf(affiliation), speakerId: p.speakerId ?? null };
}

function iso(value: Date | string, name: string): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new GongError("bad_request", `Gong search needs a valid ${name} date.`);
  return date.toISOString();
}

export function createGongClient(options: GongClientOptions): GongClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const sleep = options.sleep ?? realSleep;
  const maxRetries = options.maxRetries ?? 4;
  const minInterval = options.minIntervalMs ?? 400;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const backoffMs = options.backoffMs ?? 500;
  const maxRetryAfter = options.maxRetryAfterSeconds ?? 60;
  const doFetch = options.fetch ?? fetch;
  const authorization = `Basic ${Buffer.from(`${options.accessKey}:${options.secret}`).toString("base64")}`;
  const stats: GongClientStats = { requests: 0, retries: 0, rateLimited: 0 };

  /**
   * Requests start one at a time, at least `minInterval` after the previous one really
   * started (measured after its wait, not reserved ahead): concurrent callers queue up, and
   * a stalled event loop that wakes several waits at once never releases them as a burst
   * (which Gong, at 3 requests per second, answers with 429s).
   */
  let lastStart = Number.NEGATIVE_INFINITY;
  let queue: Promise<void> = Promise.resolve();
  function throttle() {
    const turn = queue.then(async () => {
      const wait = lastStart + minInterval - Date.now();
      if (wait > 0) await sleep(wait);
      lastStart = Date.now();
    });
    queue = turn;
    return turn;
  }

  async function request<T>(method: "GET" | "POST", path: string, body?: unknown): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const canRetry = attempt < maxRetries;
      await throttle();
      stats.requests += 1;
      let response: Response;
      try {
        response = await doFetch(`${baseUrl}${path}`, {
          method,
          headers: { Authorization: authorization, Accept: "application/json", ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (cause) {
        if (canRetry) {
          stats.retries += 1;
          await sleep(backoffMs * 2 ** attempt);
          continue;
        }
        const timedOut = cause instanceof Error && (cause.name === "TimeoutError" || cause.name === "AbortError");
        throw new GongError("unavailable", timedOut ? `Gong did not answer within ${Math.round(timeoutMs / 1000)} seconds; try again later.` : `Could not reach Gong at ${baseUrl}; check GONG_BASE_URL and the network.`, { cause });
      }

      if (response.ok) return (await response.json()) as T;

      const text = await response.text().catch(() => "");
      let parsed: { requestId?: string; errors?: unknown } = {};
      try {
        parsed = JSON.parse(text) as typeof parsed;
      } catch {
        // not JSON: keep the raw text below
      }
      const details = Array.isArray(parsed.errors) ? parsed.errors.map(String) : text ? [text.slice(0, 300)] : [];
      const info = { status: response.status, details, requestId: parsed.requestId ?? null };
      const status = response.status;

      if (status === 429) {
        stats.rateLimited += 1;
        const header = Number(response.headers.get("retry-after"));
        const retryAfter = Number.isFinite(header) && header >= 0 ? header : 1;
        if (canRetry && retryAfter <= maxRetryAfter) {
          stats.retries += 1;
          await sleep(retryAfter * 1000);
          continue;
        }
        throw new GongError(
          "rate_limited",
          retryAfter > maxRetryAfter
            ? `Gong's API limit is used up (3 requests per second, 10,000 per day); it asks to wait ${Math.ceil(retryAfter / 60)} minutes before trying again.`
            : `Gong kept answering "too many requests" (limit: 3 per second) after ${maxRetries} retries; try again in a minute.`,
          info,
        );
      }
      if (status >= 500 || status === 408) {
        if (canRetry) {
          stats.retries += 1;
          await sleep(backoffMs * 2 ** attempt);
          continue;
        }
        throw new GongError("unavailable", `Gong is not available right now (HTTP ${status}); try again later.`, info);
      }
      if (status === 401 || status === 403) {
        throw new GongError("unauthorized", "Gong rejected the access key: check GONG_ACCESS_KEY and GONG_ACCESS_KEY_SECRET.", info);
      }
      if (status === 404) {
        throw new GongError("not_found", details[0] ?? "Gong found nothing for this request.", info);
      }
      throw new GongError("bad_request", `Gong refused the request (HTTP ${status}): ${details.join("; ") || "no details"}.`, info);
    }
  }

  /** POST a paged endpoint with the same inputs and each returned cursor until there is none. */
  async function walk<T extends { records?: Records }>(path: string, input: Record<string, unknown>): Promise<T[]> {
    const pages: T[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < MAX_PAGES; i++) {
      let page: T;
      try {
        page = await request<T>("POST", path, cursor ? { ...input, cursor } : input);
      } catch (error) {
        if (error instanceof GongError && error.kind === "not_found" && error.details.some((d) => NO_CALLS_FOUND.test(d))) return pages;
        throw error;
      }
      pages.push(page);
      cursor = page.records?.cursor || undefined;
      if (!cursor) return pages;
    }
    throw new GongError("unavailable", "Gong kept returning more pages than expected; stopping.");
  }

  async function callsExtensive(filter: Record<string, unknown>): Promise<RawCall[]> {
    const pages = await walk<ExtensiveResponse>("/v2/calls/extensive", { filter, contentSelector: { exposedFields: { parties: true } } });
    return pages.flatMap((p) => p.calls ?? []);
  }

  function batches(ids: string[]) {
    const unique = [...new Set(ids.map(String))];
    const out: string[][] = [];
    for (let i = 0; i < unique.length; i += CALL_ID_BATCH) out.push(unique.slice(i, i + CALL_ID_BATCH));
    return out;
  }

  return {
    get requests() {
      return stats.requests;
    },
    stats: () => ({ ...stats }),

    async searchCalls({ domain, from, to }) {
      if (!domain.trim()) throw new GongError("bad_request", "Gong search needs a customer email domain.");
      const calls = await callsExtensive({ fromDateTime: iso(from, "from"), toDateTime: iso(to, "to") });
      const seen = new Set<string>();
      return calls
        .filter((c) => (c.parties ?? []).some((p) => emailMatchesDomain(p.emailAddress, domain)))
        .filter((c) => !seen.has(c.metaData.id) && seen.add(c.metaData.id))
        .map((c) => ({
          id: c.metaData.id,
          title: c.metaData.title ?? "Untitled call",
          started: c.metaData.started,
          durationSeconds: c.metaData.duration ?? 0,
          url: c.metaData.url,
          parties: (c.parties ?? []).map(toParty),
        }))
        .sort((a, b) => a.started.localeCompare(b.started));
    },

    async fetchTranscripts(callIds, partiesByCall) {
      if (callIds.length === 0) return [];
      const known = partiesByCall instanceof Map ? partiesByCall : new Map(Object.entries(partiesByCall ?? {}));
      const speakers = new Map<string, Map<string, GongCallParty>>();
      const index = (callId: string, parties: GongCallParty[]) =>
        speakers.set(callId, new Map(parties.filter((p) => p.speakerId).map((p) => [p.speakerId as string, p])));
      for (const [callId, parties] of known) index(callId, parties);

      const missing = callIds.filter((id) => !speakers.has(id));
      for (const batch of batches(missing)) {
        for (const call of await callsExtensive({ callIds: batch })) index(call.metaData.id, (call.parties ?? []).map(toParty));
      }

      const byCall = new Map<string, GongTranscriptSentence[]>();
      for (const batch of batches(callIds)) {
        const pages = await walk<TranscriptResponse>("/v2/calls/transcript", { filter: { callIds: batch } });
        for (const entry of pages.flatMap((p) => p.callTranscripts ?? [])) {
          const people = speakers.get(entry.callId) ?? new Map<string, GongCallParty>();
          const sentences = byCall.get(entry.callId) ?? [];
          for (const monologue of entry.transcript ?? []) {
            const speakerId = monologue.speakerId ?? "";
            const party = people.get(speakerId);
            for (const s of monologue.sentences ?? []) {
              sentences.push({
                speakerId,
                speakerName: party?.name ?? "Unknown speaker",
                side: party?.side ?? "unknown",
                startMs: s.start,
                endMs: s.end,
                topic: monologue.topic ?? null,
                text: s.text,
              });
            }
          }
          byCall.set(entry.callId, sentences);
        }
      }
      const order = [...new Set(callIds.map(String))];
      return order.map((callId) => ({ callId, sentences: (byCall.get(callId) ?? []).sort((a, b) => a.startMs - b.startMs) }));
    },
  };
}
