/**
 * A local fake of the Gong API for tests, demo mode and benchmarks, speaking
 * Gong's wire format as described in shared/reference/SOURCES.md (GONG) and
 * shared/reference/gong/gong-endpoints-derefed.json:
 *
 * - POST /v2/calls/extensive (filter {fromDateTime,toDateTime,workspaceId,callIds,primaryUserIds};
 *   parties only when contentSelector.exposedFields.parties is true), POST /v2/calls/transcript,
 *   GET /v2/calls, GET /v2/users: all paged with `records` + an opaque `cursor` that must be sent
 *   back with identical inputs.
 * - Basic auth base64(accessKey:secret); 401 {requestId, errors:[...]}.
 * - Rate limit: more than N (3) requests in any 1-second window → 429 + Retry-After (seconds);
 *   an optional daily limit.
 * - 404 {requestId, errors:["No calls found for the specified period"]}.
 * - Control: in-process methods and the same under /__fake/ (calls, reset, rate-limit, faults).
 *
 * The data comes from scenario.json; the long recorded call's transcript is generated from
 * sentence templates (generateLongTranscript) so the file stays small.
 */
import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import http from "node:http";
import { fileURLToPath } from "node:url";
import { listen, readBody, sendJson, type FakeServer } from "../http.ts";
import { prng } from "../prng.ts";

// ---------------------------------------------------------------------------
// Scenario
// ---------------------------------------------------------------------------

type RawPerson = { id?: string; name: string; email: string; title: string };
type RawLine = [speaker: string, text: string];
type RawCall = {
  id: string;
  title: string;
  started: string;
  durationMinutes: number;
  primaryUser: string;
  direction: string;
  media: string;
  language?: string;
  parties: string[];
  transcript?: { topic: string; lines: RawLine[] }[];
  generated?: { sentences: number; seed: number };
};
type RawScenario = {
  name: string;
  workspaceId: string;
  baseCallUrl: string;
  users: Record<string, RawPerson & { id: string }>;
  contacts: Record<string, RawPerson>;
  calls: RawCall[];
};

type GongParty = {
  id: string;
  emailAddress: string;
  name: string;
  title: string;
  userId?: string;
  speakerId: string;
  affiliation: "Internal" | "External" | "Unknown";
  methods: string[];
};
type GongSentence = { start: number; end: number; text: string };
type GongMonologue = { speakerId: string; topic: string; sentences: GongSentence[] };
type GongCall = {
  metaData: {
    id: string;
    url: string;
    title: string;
    scheduled: string;
    started: string;
    duration: number;
    primaryUserId: string;
    direction: string;
    system: string;
    scope: "Internal" | "External" | "Unknown";
    media: string;
    language: string;
    workspaceId: string;
    purpose: string | null;
    meetingUrl: string;
    isPrivate: boolean;
    calendarEventId: string;
  };
  parties: GongParty[];
};
type GongUser = {
  id: string;
  emailAddress: string;
  created: string;
  active: boolean;
  emailAliases: string[];
  firstName: string;
  lastName: string;
  title: string;
  managerId: string | null;
  spokenLanguages: { language: string; primary: boolean }[];
};
export type Scenario = {
  name: string;
  calls: GongCall[];
  transcripts: Map<string, GongMonologue[]>;
  users: GongUser[];
};

/** A stable numeric id (Gong ids are 15–19 digit strings). */
function numericId(...parts: string[]) {
  const hex = createHash("sha256").update(parts.join("/")).digest("hex").slice(0, 15);
  return BigInt(`0x${hex}`).toString().padStart(18, "1").slice(0, 18);
}

const WORKSHOP_TOPICS = [
  { topic: "Agenda", subjects: ["the agenda", "today's session", "the POC plan"] },
  { topic: "Source maps", subjects: ["the source map upload", "the Vite plugin", "the release name", "the CI step", "the debug IDs"] },
  { topic: "Issue grouping", subjects: ["issue grouping", "the fingerprint rules", "the stack trace rules", "the merged issues"] },
  { topic: "Alert tuning", subjects: ["the alert rules", "the ownership rules", "the PagerDuty routing", "the on-call rotation", "the error rate alert"] },
  { topic: "Tracing", subjects: ["the checkout trace", "the payments span", "the sample rate", "the slow database query", "the trace propagation headers"] },
  { topic: "Metrics", subjects: ["mean time to resolution", "the crash-free session rate", "the weekly page count", "the affected user count"] },
  { topic: "Rollout", subjects: ["the rollout plan", "the remaining teams", "the mobile apps", "the staging environment", "the training session"] },
  { topic: "Q&A", subjects: ["the data scrubbing rules", "the SSO setup", "the quota", "the spike protection setting"] },
];
const PREDICATES = [
  "looks right in staging now",
  "still needs a small change before production",
  "is what we should check first after every deploy",
  "saved us a lot of time on the last incident",
  "should be owned by the payments team",
  "needs a second look when Marco is back",
  "is configured per project, not per organization",
  "cut the noise for on-call noticeably",
  "shows up on the issue page right away",
  "is documented in the runbook we shared",
  "works the same way for the Go service",
  "is the part the leadership team asked about",
];
const OPENERS = ["So", "Right, and", "Okay,", "I think", "From what I see,", "Just to confirm,", "Honestly,", "In our case", "Good point:", "Yes,"];
const QUESTIONS = [
  "Can you show me where {s} is configured?",
  "What happens to {s} when we deploy twice in an hour?",
  "How would {s} look for the mobile team?",
  "Is {s} something we can automate in CI?",
  "Who should own {s} after the POC?",
];

/** A recorded workshop: `count` sentences spread evenly over `durationMs`, from templates. */
function generateLongTranscript(speakerIds: string[], count: number, durationMs: number, seed: number): GongMonologue[] {
  const rand = prng(seed);
  const pick = <T,>(items: T[]) => items[Math.floor(rand() * items.length)];
  const slot = Math.floor(durationMs / count);
  const monologues: GongMonologue[] = [];
  let speaker = speakerIds[0];
  for (let i = 0; i < count; i++) {
    const section = WORKSHOP_TOPICS[Math.min(WORKSHOP_TOPICS.length - 1, Math.floor((i / count) * WORKSHOP_TOPICS.length))];
    if (i > 0 && rand() < 0.35) speaker = pick(speakerIds.filter((s) => s !== speaker));
    const subject = pick(section.subjects);
    const text =
      rand() < 0.2
        ? pick(QUESTIONS).replace("{s}", subject)
        : `${pick(OPENERS)} ${subject} ${pick(PREDICATES)}.`.replace(/^(\w)/, (c) => c.toUpperCase());
    const start = i * slot + 150;
    const sentence = { start, end: start + slot - 300, text };
    const last = monologues.at(-1);
    if (last && last.speakerId === speaker && last.topic === section.topic) last.sentences.push(sentence);
    else monologues.push({ speakerId: speaker, topic: section.topic, sentences: [sentence] });
  }
  return monologues;
}

/** Hand-written lines → Gong monologues with ms timings stretched over the call. */
function timeTranscript(sections: { topic: string; lines: RawLine[] }[], speakerOf: (key: string) => string, durationMs: number): GongMonologue[] {
  const sentences: { speakerId: string; topic: string; text: string; length: number; gapBefore: number }[] = [];
  let previous = "";
  for (const section of sections) {
    for (const [key, text] of section.lines) {
      const speakerId = speakerOf(key);
      for (const sentence of text.split(/(?<=[.?!])\s+/)) {
        const words = sentence.split(/\s+/).length;
        sentences.push({ speakerId, topic: section.topic, text: sentence, length: Math.max(1200, words * 380), gapBefore: speakerId === previous ? 250 : 800 });
        previous = speakerId;
      }
    }
  }
  const natural = sentences.reduce((sum, s) => sum + s.length + s.gapBefore, 0);
  const stretch = Math.max(1, (durationMs * 0.95) / natural);
  const monologues: GongMonologue[] = [];
  let clock = 4000;
  for (const s of sentences) {
    clock += Math.round(s.gapBefore * stretch + (s.length * (stretch - 1)));
    const sentence = { start: clock, end: clock + s.length, text: s.text };
    clock += s.length;
    const last = monologues.at(-1);
    if (last && last.speakerId === s.speakerId && last.topic === s.topic) last.sentences.push(sentence);
    else monologues.push({ speakerId: s.speakerId, topic: s.topic, sentences: [sentence] });
  }
  return monologues;
}

const DEFAULT_SCENARIO_PATH = fileURLToPath(new URL("./scenario.json", import.meta.url));

export function loadScenario(file: string = DEFAULT_SCENARIO_PATH): Scenario {
  const raw = JSON.parse(readFileSync(file, "utf8")) as RawScenario;
  const person = (key: string) => {
    const user = raw.users[key];
    if (user) return { ...user, internal: true };
    const contact = raw.contacts[key];
    if (contact) return { ...contact, internal: false };
    throw new Error(`Gong scenario: unknown person "${key}"`);
  };
  const calls: GongCall[] = [];
  const transcripts = new Map<string, GongMonologue[]>();
  for (const c of raw.calls) {
    if (!raw.users[c.primaryUser]) throw new Error(`Gong scenario: call ${c.id} has unknown primaryUser ${c.primaryUser}`);
    const parties: GongParty[] = c.parties.map((key) => {
      const p = person(key);
      return {
        id: numericId(c.id, key, "party"),
        emailAddress: p.email,
        name: p.name,
        title: p.title,
        ...(p.internal ? { userId: p.id } : {}),
        speakerId: numericId(c.id, key, "speaker"),
        affiliation: p.internal ? "Internal" : "External",
        methods: ["Invitee", "Attendee"],
      };
    });
    const speakerOf = (key: string) => {
      const index = c.parties.indexOf(key);
      if (index < 0) throw new Error(`Gong scenario: call ${c.id} has a line by "${key}", who is not a party`);
      return parties[index].speakerId;
    };
    const durationMs = c.durationMinutes * 60_000;
    const monologues = c.generated
      ? generateLongTranscript(parties.map((p) => p.speakerId), c.generated.sentences, durationMs, c.generated.seed)
      : timeTranscript(c.transcript ?? [], speakerOf, durationMs);
    transcripts.set(c.id, monologues);
    calls.push({
      metaData: {
        id: c.id,
        url: `${raw.baseCallUrl}${c.id}`,
        title: c.title,
        scheduled: c.started,
        started: c.started,
        duration: c.durationMinutes * 60,
        primaryUserId: raw.users[c.primaryUser].id,
        direction: c.direction,
        system: "Zoom",
        scope: parties.some((p) => p.affiliation === "External") ? "External" : "Internal",
        media: c.media,
        language: c.language ?? "eng",
        workspaceId: raw.workspaceId,
        purpose: null,
        meetingUrl: `https://zoom.us/j/${c.id.slice(-10)}`,
        isPrivate: false,
        calendarEventId: `${c.id}@calendar.example`,
      },
      parties,
    });
  }
  calls.sort((a, b) => a.metaData.started.localeCompare(b.metaData.started));
  const users: GongUser[] = Object.values(raw.users).map((u) => {
    const [firstName, ...rest] = u.name.split(" ");
    return {
      id: u.id,
      emailAddress: u.email,
      created: "2023-01-09T10:00:00Z",
      active: true,
      emailAliases: [],
      firstName,
      lastName: rest.join(" "),
      title: u.title,
      managerId: null,
      spokenLanguages: [{ language: "en-US", primary: true }],
    };
  });
  return { name: raw.name, calls, transcripts, users };
}

/**
 * The scenario moved in time so its last call started `lastCallDaysAgo` days before
 * `now` (same times of day, same gaps): demo mode uses it so the demo POC's Gong
 * search over recent weeks finds the calls. Ids and transcripts are unchanged.
 */
export function recentScenario(scenario: Scenario, now = new Date(), lastCallDaysAgo = 2): Scenario {
  const last = Math.max(...scenario.calls.map((c) => Date.parse(c.metaData.started)));
  const target = now.getTime() - lastCallDaysAgo * 86_400_000;
  const shiftDays = Math.floor((target - last) / 86_400_000);
  const shift = (iso: string) => new Date(Date.parse(iso) + shiftDays * 86_400_000).toISOString().replace(".000Z", "Z");
  return {
    ...scenario,
    calls: scenario.calls.map((c) => ({ ...c, metaData: { ...c.metaData, started: shift(c.metaData.started), scheduled: shift(c.metaData.scheduled) } })),
  };
}

// ---------------------------------------------------------------------------
// Server
// ---------------------------------------------------------------------------

type RateLimitSettings = {
  /** Requests allowed in any sliding window of `windowMs` (Gong: 3 per second). */
  perSecond: number;
  windowMs: number;
  /** Requests allowed per day (Gong: 10,000); counted since start/reset. */
  daily: number;
  enabled: boolean;
};

type FaultSpec = {
  /** Exact path (/v2/calls/extensive) or with `*` wildcards. */
  path: string;
  method?: string;
  status: number;
  /** Seconds, sent as Retry-After (429s default to 1). */
  retryAfter?: number;
  body?: unknown;
  /** Wait before answering (for client timeout tests). */
  delayMs?: number;
  /** How many matching requests to affect (default 1). */
  times?: number;
};

export type GongCallLog = {
  at: string;
  /** Epoch ms when the request arrived. */
  time: number;
  method: string;
  path: string;
  status: number;
  /** The parsed JSON body (POST) or query (GET). */
  body: unknown;
  hasCursor: boolean;
};

export type FakeGongOptions = {
  port?: number;
  host?: string;
  scenario?: Scenario;
  accessKey?: string;
  secret?: string;
  /** Calls per page on /v2/calls/extensive and GET /v2/calls (default 10). */
  pageSize?: number;
  /** Call transcripts per page on /v2/calls/transcript (default 3). */
  transcriptPageSize?: number;
  rateLimit?: Partial<RateLimitSettings>;
};

export type FakeGong = FakeServer & {
  readonly scenario: Scenario;
  env: { GONG_BASE_URL: string; GONG_ACCESS_KEY: string; GONG_ACCESS_KEY_SECRET: string };
  accessKey: string;
  secret: string;
  calls(): GongCallLog[];
  clearCalls(): void;
  setRateLimit(limits: Partial<RateLimitSettings>): RateLimitSettings;
  injectFault(fault: FaultSpec): void;
  clearFaults(): void;
  setPageSize(sizes: { pageSize?: number; transcriptPageSize?: number }): void;
  /** Clear the log, faults and rate-limit history; restore the starting settings. */
  reset(): void;
};

const NO_CALLS_FOUND = "No calls found for the specified period";
const DEFAULT_RATE_LIMIT: RateLimitSettings = { perSecond: 3, windowMs: 1000, daily: 10_000, enabled: true };

const requestId = () => randomBytes(12).toString("base64url").toLowerCase().replace(/[^a-z0-9]/g, "").slice(0, 19).padEnd(19, "0");
const errorBody = (...errors: string[]) => ({ requestId: requestId(), errors });

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function inputKey(input: unknown) {
  return createHash("sha256").update(JSON.stringify(input ?? null)).digest("hex").slice(0, 16);
}
function encodeCursor(offset: number, key: string) {
  return Buffer.from(JSON.stringify({ o: offset, k: key })).toString("base64url");
}
function decodeCursor(cursor: unknown, key: string): number {
  if (cursor === undefined || cursor === null || cursor === "") return 0;
  try {
    const parsed = JSON.parse(Buffer.from(String(cursor), "base64url").toString("utf8")) as { o: number; k: string };
    if (typeof parsed.o !== "number" || parsed.k !== key) throw new Error("mismatch");
    return parsed.o;
  } catch {
    throw new HttpError(400, "Invalid cursor: pass back the cursor from the previous page with the same request inputs");
  }
}
function page<T>(items: T[], offset: number, size: number, key: string) {
  const rows = items.slice(offset, offset + size);
  const next = offset + size < items.length ? encodeCursor(offset + size, key) : undefined;
  return {
    rows,
    records: {
      totalRecords: items.length,
      currentPageSize: rows.length,
      currentPageNumber: Math.floor(offset / size),
      ...(next ? { cursor: next } : {}),
    },
  };
}

function parseDate(value: unknown, name: string): number | null {
  if (value === undefined || value === null) return null;
  const ms = typeof value === "string" ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) throw new HttpError(400, `${name} must be an ISO-8601 date-time, e.g. 2018-02-18T02:30:00-07:00`);
  return ms;
}

type CallFilter = { fromDateTime?: string; toDateTime?: string; workspaceId?: string; callIds?: string[]; primaryUserIds?: string[] };

function filterCalls(calls: GongCall[], filter: CallFilter): GongCall[] {
  const allowed = new Set(["fromDateTime", "toDateTime", "workspaceId", "callIds", "primaryUserIds"]);
  for (const key of Object.keys(filter)) if (!allowed.has(key)) throw new HttpError(400, `Unrecognized field "filter.${key}"`);
  const from = parseDate(filter.fromDateTime, "fromDateTime");
  const to = parseDate(filter.toDateTime, "toDateTime");
  if (from !== null && to !== null && from > to) throw new HttpError(400, "fromDateTime must be before toDateTime");
  const ids = filter.callIds ? new Set(filter.callIds.map(String)) : null;
  const hosts = filter.primaryUserIds ? new Set(filter.primaryUserIds.map(String)) : null;
  return calls.filter((c) => {
    const started = Date.parse(c.metaData.started);
    if (from !== null && started < from) return false;
    if (to !== null && started >= to) return false;
    if (filter.workspaceId && c.metaData.workspaceId !== filter.workspaceId) return false;
    if (ids && !ids.has(c.metaData.id)) return false;
    if (hosts && !hosts.has(c.metaData.primaryUserId)) return false;
    return true;
  });
}

function pathMatches(pattern: string, path: string) {
  const regex = new RegExp(`^${pattern.split("*").map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("[^/]*")}$`);
  return regex.test(path);
}

export async function startFakeGong(options: FakeGongOptions = {}): Promise<FakeGong> {
  const scenario = options.scenario ?? loadScenario();
  const accessKey = options.accessKey ?? "fake-gong-access-key";
  const secret = options.secret ?? "fake-gong-access-key-secret";
  const startSizes = { pageSize: options.pageSize ?? 10, transcriptPageSize: options.transcriptPageSize ?? 3 };
  const startLimits = { ...DEFAULT_RATE_LIMIT, ...options.rateLimit };
  let sizes = { ...startSizes };
  let limits = { ...startLimits };
  let log: GongCallLog[] = [];
  let faults: (FaultSpec & { times: number })[] = [];
  /** Arrival times of admitted (rate-counted) requests. */
  let admitted: number[] = [];
  let dailyCount = 0;

  const expected = `Basic ${Buffer.from(`${accessKey}:${secret}`).toString("base64")}`;

  function extensive(body: Record<string, unknown>) {
    const filter = (body.filter ?? null) as CallFilter | null;
    if (!filter || typeof filter !== "object") throw new HttpError(400, "filter is required");
    const key = inputKey({ filter, contentSelector: body.contentSelector ?? null });
    const offset = decodeCursor(body.cursor, key);
    const matching = filterCalls(scenario.calls, filter);
    if (matching.length === 0) throw new HttpError(404, NO_CALLS_FOUND);
    const exposed = (body.contentSelector as { exposedFields?: { parties?: boolean } } | undefined)?.exposedFields;
    const { rows, records } = page(matching, offset, sizes.pageSize, key);
    return {
      requestId: requestId(),
      records,
      calls: rows.map((c) => (exposed?.parties ? { metaData: c.metaData, parties: c.parties } : { metaData: c.metaData })),
    };
  }

  function transcript(body: Record<string, unknown>) {
    const filter = (body.filter ?? {}) as CallFilter;
    if ("primaryUserIds" in filter) throw new HttpError(400, 'Unrecognized field "filter.primaryUserIds"');
    const key = inputKey({ filter });
    const offset = decodeCursor(body.cursor, key);
    const matching = filterCalls(scenario.calls, filter);
    if (matching.length === 0) throw new HttpError(404, NO_CALLS_FOUND);
    const { rows, records } = page(matching, offset, sizes.transcriptPageSize, key);
    return {
      requestId: requestId(),
      records,
      callTranscripts: rows.map((c) => ({ callId: c.metaData.id, transcript: scenario.transcripts.get(c.metaData.id) ?? [] })),
    };
  }

  function listCalls(url: URL) {
    const filter: CallFilter = {};
    const from = url.searchParams.get("fromDateTime");
    const to = url.searchParams.get("toDateTime");
    if (from) filter.fromDateTime = from;
    if (to) filter.toDateTime = to;
    const key = inputKey(filter);
    const matching = filterCalls(scenario.calls, filter);
    if (matching.length === 0) throw new HttpError(404, NO_CALLS_FOUND);
    const { rows, records } = page(matching, decodeCursor(url.searchParams.get("cursor"), key), sizes.pageSize, key);
    return { requestId: requestId(), records, calls: rows.map((c) => c.metaData) };
  }

  function listUsers(url: URL) {
    const key = inputKey("users");
    const { rows, records } = page(scenario.users, decodeCursor(url.searchParams.get("cursor"), key), 100, key);
    return { requestId: requestId(), records, users: rows };
  }

  async function control(req: http.IncomingMessage, res: http.ServerResponse, path: string, body: string) {
    const json = body ? (JSON.parse(body) as Record<string, unknown>) : {};
    if (path === "/__fake/calls" && req.method === "GET") return sendJson(res, 200, { calls: log });
    if (path === "/__fake/calls" && req.method === "DELETE") return (api.clearCalls(), sendJson(res, 200, { ok: true }));
    if (path === "/__fake/reset" && req.method === "POST") return (api.reset(), sendJson(res, 200, { ok: true }));
    if (path === "/__fake/rate-limit" && req.method === "POST") return sendJson(res, 200, api.setRateLimit(json as Partial<RateLimitSettings>));
    if (path === "/__fake/faults" && req.method === "POST") return (api.injectFault(json as unknown as FaultSpec), sendJson(res, 200, { ok: true }));
    if (path === "/__fake/faults" && req.method === "DELETE") return (api.clearFaults(), sendJson(res, 200, { ok: true }));
    return sendJson(res, 404, { error: "unknown control endpoint" });
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const time = Date.now();
    const url = new URL(req.url ?? "/", "http://fake-gong");
    const path = url.pathname;
    const method = req.method ?? "GET";
    const raw = await readBody(req);
    if (path.startsWith("/__fake/")) return control(req, res, path, raw);

    let body: Record<string, unknown> = {};
    const entry: GongCallLog = { at: new Date(time).toISOString(), time, method, path, status: 0, body: null, hasCursor: false };
    log.push(entry);
    const reply = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      entry.status = status;
      sendJson(res, status, payload, headers);
    };
    try {
      if (method === "POST") {
        try {
          body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
        } catch {
          return reply(400, errorBody("Request body is not valid JSON"));
        }
        entry.body = body;
        entry.hasCursor = typeof body.cursor === "string" && body.cursor !== "";
      } else {
        entry.body = Object.fromEntries(url.searchParams);
        entry.hasCursor = url.searchParams.has("cursor");
      }

      const fault = faults.find((f) => pathMatches(f.path, path) && (!f.method || f.method.toUpperCase() === method));
      if (fault) {
        fault.times -= 1;
        if (fault.times <= 0) faults = faults.filter((f) => f !== fault);
        if (fault.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
        const headers: Record<string, string> = {};
        if (fault.status === 429 || fault.retryAfter !== undefined) headers["Retry-After"] = String(fault.retryAfter ?? 1);
        const message = fault.status === 429 ? "API request limit exceeded" : fault.status >= 500 ? "An error has occurred" : `Injected fault (${fault.status})`;
        return reply(fault.status, fault.body ?? errorBody(message), headers);
      }

      if (req.headers.authorization !== expected) {
        return reply(401, errorBody(req.headers.authorization ? "Invalid credentials: the access key or access key secret is wrong" : "Missing Authorization header: use Basic base64(accessKey:accessKeySecret)"));
      }

      if (limits.enabled) {
        admitted = admitted.filter((t) => t > time - limits.windowMs);
        if (dailyCount >= limits.daily) {
          const midnight = new Date(time);
          midnight.setUTCHours(24, 0, 0, 0);
          return reply(429, errorBody("API daily request limit exceeded"), { "Retry-After": String(Math.ceil((midnight.getTime() - time) / 1000)) });
        }
        if (admitted.length >= limits.perSecond) {
          const wait = Math.max(1, Math.ceil((admitted[0] + limits.windowMs - time) / 1000));
          return reply(429, errorBody("API request limit exceeded"), { "Retry-After": String(wait) });
        }
        admitted.push(time);
        dailyCount += 1;
      }

      if (method === "POST" && path === "/v2/calls/extensive") return reply(200, extensive(body));
      if (method === "POST" && path === "/v2/calls/transcript") return reply(200, transcript(body));
      if (method === "GET" && path === "/v2/calls") return reply(200, listCalls(url));
      if (method === "GET" && path === "/v2/users") return reply(200, listUsers(url));
      return reply(404, errorBody(`No route for ${method} ${path}`));
    } catch (error) {
      if (error instanceof HttpError) return reply(error.status, errorBody(error.message));
      return reply(500, errorBody("An error has occurred"));
    }
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) sendJson(res, 500, errorBody("An error has occurred"));
    });
  });
  const base = await listen(server, options.port ?? 0, options.host);

  const api: FakeGong = {
    ...base,
    scenario,
    accessKey,
    secret,
    env: { GONG_BASE_URL: base.url, GONG_ACCESS_KEY: accessKey, GONG_ACCESS_KEY_SECRET: secret },
    calls: () => log.map((entry) => ({ ...entry })),
    clearCalls: () => {
      log = [];
    },
    setRateLimit: (patch) => {
      limits = { ...limits, ...patch };
      return { ...limits };
    },
    injectFault: (fault) => {
      faults.push({ ...fault, times: fault.times ?? 1 });
    },
    clearFaults: () => {
      faults = [];
    },
    setPageSize: (patch) => {
      sizes = { ...sizes, ...patch };
    },
    reset: () => {
      log = [];
      faults = [];
      admitted = [];
      dailyCount = 0;
      limits = { ...startLimits };
      sizes = { ...startSizes };
    },
  };
  return api;
}
