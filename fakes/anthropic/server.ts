/**
 * A local fake of Anthropic's Messages API for tests and demo mode, speaking the
 * wire format of shared/reference/anthropic/messages-fixtures.json.
 *
 * - POST /v1/messages: checks the API key (`x-api-key`, or `Authorization: Bearer` as
 *   @anthropic-ai/sdk 1.x sends it; unknown → 401 authentication_error) and that an
 *   `anthropic-version` (YYYY-MM-DD) is sent, validates the body minimally (model, max_tokens, messages →
 *   400 invalid_request_error). A request forcing the tool `record_value_framework`
 *   gets a `tool_use` block whose items quote sentences that really occur in the
 *   transcript lines of the user message (`[call:<id> HH:MM:SS] Name (side): text`,
 *   see app/modules/poc/ai/analyze.server.ts), picked by keywords per section.
 *   Other forced tools get a minimal input following their input_schema; requests
 *   without a forced tool get a short text answer.
 * - Faults (in-process `injectFault`, or POST /__fake/faults): the next N requests
 *   answer 429 (with `retry-after` and `retry-after-ms`), 529, hang for D ms, or
 *   carry one extra item whose quote is NOT in the transcript.
 * - GET /__fake/calls (request log), POST /__fake/reset.
 */
import { createHash, randomBytes } from "node:crypto";
import http from "node:http";
import { listen, readBody, sendJson, type FakeServer } from "../http.ts";

export const FAKE_ANTHROPIC_API_KEY = "sk-ant-api03-fake-test-key-000000000000";

type FaultKind = "rate_limit" | "overloaded" | "hang" | "hallucinate";
type AnthropicFault = {
  kind: FaultKind;
  /** How many requests to affect (default 1). */
  times?: number;
  /** hang: wait this long before answering normally (default 5000). */
  delayMs?: number;
  /** rate_limit / overloaded: send `retry-after-ms` (rate_limit defaults to 10; `retry-after` is always sent for 429). */
  retryAfterMs?: number;
};

type AnthropicCallLog = {
  at: string;
  path: string;
  status: number;
  model: string | null;
  tool: string | null;
  /** First 12 hex chars of sha256(key); never the key itself. */
  apiKey: string | null;
  /** The `anthropic-version` header (SDK 0.x: 2023-06-01; SDK 1.12: 2026-10-21). */
  version: string | null;
  inputChars: number;
  fault: FaultKind | null;
  durationMs: number;
};

export type FakeAnthropicOptions = { port?: number; host?: string; apiKeys?: string[] };

export type FakeAnthropic = FakeServer & {
  env: Record<string, string>;
  apiKey: string;
  calls(): AnthropicCallLog[];
  clearCalls(): void;
  injectFault(fault: AnthropicFault): void;
  clearFaults(): void;
  reset(): void;
};

// ---------------------------------------------------------------------------
// Wire shapes (fixtures)
// ---------------------------------------------------------------------------

function requestId() {
  return `req_011${randomBytes(9).toString("base64url")}`;
}

function errorBody(type: string, message: string, id: string) {
  return { type: "error", error: { type, message }, request_id: id };
}

function usage(input: number, output: number) {
  return {
    input_tokens: input,
    output_tokens: output,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
    cache_creation: null,
    server_tool_use: null,
    service_tier: "standard",
    inference_geo: null,
    output_tokens_details: null,
  };
}

// ---------------------------------------------------------------------------
// The "model": keyword extraction from transcript lines
// ---------------------------------------------------------------------------

const LINE_RE = /^\[call:(\S+) (\d{2,}:\d{2}:\d{2})\] (.+?) \(([^()]*)\): (.*)$/;
type Line = { callId: string; timestamp: string; speaker: string; side: string; text: string };

function parseTranscriptLines(text: string): Line[] {
  const lines: Line[] = [];
  for (const raw of text.split("\n")) {
    const m = LINE_RE.exec(raw.trim());
    if (m) lines.push({ callId: m[1], timestamp: m[2], speaker: m[3], side: m[4], text: m[5] });
  }
  return lines;
}

/** Section keywords, in the order a sentence is assigned (first match wins). */
const SECTION_RULES: [string, RegExp][] = [
  ["metrics", /%|\bMTTR\b|\bp9[059]\b|\bp75\b|crash[- ]free|\b\d+ (?:minutes|seconds|ms)\b/i],
  ["requirements", /\b(?:SSO|SAML|SCIM|alert(?:s|ing)?|must|required?|requirements?|compliance|GDPR|SOC ?2|Jira|Slack|data residency|budget)\b/i],
  ["impact", /\b(?:hours|revenue|churn|costs?|lost|losing|tickets|complain\w*|outages?|downtime|weekends?)\b/i],
  ["current_challenges", /\b(?:slow|minified|manual(?:ly)?|noisy|noise|struggl\w*|pain(?:ful)?|hard to|can't|cannot|blind|guess\w*)\b/i],
  ["ideal_future_state", /\b(?:want|wish|would love|ideally|instead|one place|single place|automatically|goal)\b/i],
];
// Like a real answer, a handful per section: the SE reviews every one.
const MAX_ITEMS_PER_SECTION = 3;

function statementFor(line: Line) {
  const text = line.text.replace(/[.!?]+$/, "");
  return `${line.side === "customer" ? "Customer" : line.speaker}: ${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

function valueFramework(text: string, hallucinate: boolean) {
  const lines = parseTranscriptLines(text);
  const sections: Record<string, unknown[]> = Object.fromEntries(SECTION_RULES.map(([s]) => [s, []]));
  const seen = new Set<string>();
  // Customer lines first: that's whose words the framework is about.
  const ordered = [...lines.filter((l) => l.side === "customer"), ...lines.filter((l) => l.side !== "customer")];
  for (const line of ordered) {
    const key = line.text.toLowerCase();
    if (seen.has(key)) continue;
    for (const [section, re] of SECTION_RULES) {
      if (!re.test(line.text)) continue;
      if (sections[section].length >= MAX_ITEMS_PER_SECTION) break;
      seen.add(key);
      const hits = SECTION_RULES.filter(([, r]) => r.test(line.text)).length;
      sections[section].push({
        statement: statementFor(line),
        quotes: [{ callId: line.callId, timestamp: line.timestamp, speaker: line.speaker, text: line.text }],
        confidence: Math.min(0.95, Math.round((0.6 + 0.1 * hits + (line.side === "customer" ? 0.1 : 0)) * 100) / 100),
      });
      break;
    }
  }
  if (hallucinate) {
    const anchor = lines[0] ?? { callId: "unknown", timestamp: "00:00:00", speaker: "Unknown" };
    sections.current_challenges.push({
      statement: "Customer has never had a production incident",
      quotes: [
        {
          callId: anchor.callId,
          timestamp: anchor.timestamp,
          speaker: anchor.speaker,
          text: "We have never had a single production incident in ten years.",
        },
      ],
      confidence: 0.9,
    });
  }
  return sections;
}

type JsonSchema = { type?: string; properties?: Record<string, JsonSchema>; required?: string[]; enum?: unknown[]; items?: JsonSchema };

/** A minimal value that follows a JSON schema (for tools the fake doesn't know). */
function minimalFor(schema: JsonSchema | undefined): unknown {
  if (!schema) return null;
  if (schema.enum?.length) return schema.enum[0];
  switch (schema.type) {
    case "object":
      return Object.fromEntries((schema.required ?? []).map((k) => [k, minimalFor(schema.properties?.[k])]));
    case "array":
      return [];
    case "string":
      return "";
    case "number":
    case "integer":
      return 0;
    case "boolean":
      return false;
    default:
      return null;
  }
}

function userText(messages: unknown[]): string {
  const parts: string[] = [];
  for (const m of messages) {
    if (!m || typeof m !== "object" || (m as { role?: unknown }).role !== "user") continue;
    const content = (m as { content?: unknown }).content;
    if (typeof content === "string") parts.push(content);
    else if (Array.isArray(content)) {
      for (const block of content) if (block?.type === "text" && typeof block.text === "string") parts.push(block.text);
    }
  }
  return parts.join("\n");
}

// ---------------------------------------------------------------------------
// The server
// ---------------------------------------------------------------------------

export async function startFakeAnthropic(options: FakeAnthropicOptions = {}): Promise<FakeAnthropic> {
  const apiKeys = new Set(options.apiKeys ?? [FAKE_ANTHROPIC_API_KEY]);
  let faults: (AnthropicFault & { remaining: number })[] = [];
  let log: AnthropicCallLog[] = [];
  const timers = new Set<NodeJS.Timeout>();

  function takeFault(): AnthropicFault | null {
    const fault = faults.find((f) => f.remaining > 0);
    if (!fault) return null;
    fault.remaining--;
    faults = faults.filter((f) => f.remaining > 0);
    return fault;
  }

  function injectFault(fault: AnthropicFault) {
    faults.push({ ...fault, remaining: Math.max(1, fault.times ?? 1) });
  }

  async function handleMessages(req: http.IncomingMessage, res: http.ServerResponse, entry: AnthropicCallLog) {
    const id = requestId();
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      entry.status = status;
      sendJson(res, status, body, { "request-id": id, ...headers });
    };
    const raw = await readBody(req);
    entry.inputChars = raw.length;

    // SDK 0.x sends `X-Api-Key`; SDK 1.x sends the key as `Authorization: Bearer`.
    const key = req.headers["x-api-key"];
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "")?.[1];
    const apiKey = typeof key === "string" && key ? key : (bearer ?? null);
    entry.apiKey = apiKey ? createHash("sha256").update(apiKey).digest("hex").slice(0, 12) : null;
    if (!apiKey || !apiKeys.has(apiKey)) {
      return reply(401, errorBody("authentication_error", apiKey ? "invalid x-api-key" : "x-api-key header is required", id));
    }
    const version = req.headers["anthropic-version"];
    entry.version = typeof version === "string" ? version : null;
    if (!entry.version) return reply(400, errorBody("invalid_request_error", "anthropic-version: header is required", id));
    if (!/^\d{4}-\d{2}-\d{2}$/.test(entry.version)) {
      return reply(400, errorBody("invalid_request_error", `anthropic-version: invalid version '${entry.version}'`, id));
    }

    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw);
      if (!body || typeof body !== "object" || Array.isArray(body)) throw new Error("not an object");
    } catch {
      return reply(400, errorBody("invalid_request_error", "There was an error parsing the body of your request", id));
    }
    for (const field of ["model", "max_tokens", "messages"]) {
      if (body[field] === undefined) return reply(400, errorBody("invalid_request_error", `${field}: Field required`, id));
    }
    if (typeof body.model !== "string" || !body.model) return reply(400, errorBody("invalid_request_error", "model: Input should be a valid string", id));
    if (!Number.isInteger(body.max_tokens) || (body.max_tokens as number) < 1) {
      return reply(400, errorBody("invalid_request_error", "max_tokens: Input should be a valid integer greater than 0", id));
    }
    if (!Array.isArray(body.messages) || body.messages.length === 0) {
      return reply(400, errorBody("invalid_request_error", "messages: at least one message is required", id));
    }
    entry.model = body.model;
    const toolChoice = body.tool_choice as { type?: string; name?: string } | undefined;
    const forced = toolChoice?.type === "tool" ? String(toolChoice.name ?? "") : null;
    const tools = Array.isArray(body.tools) ? (body.tools as { name?: string; input_schema?: JsonSchema }[]) : [];
    const tool = forced ? tools.find((t) => t.name === forced) : undefined;
    if (forced && !tool) {
      return reply(400, errorBody("invalid_request_error", `tool_choice: tool '${forced}' not found in tools`, id));
    }
    entry.tool = forced;

    const fault = takeFault();
    entry.fault = fault?.kind ?? null;
    if (fault?.kind === "rate_limit") {
      const ms = fault.retryAfterMs ?? 10;
      return reply(
        429,
        errorBody("rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit", id),
        { "retry-after": String(Math.max(1, Math.ceil(ms / 1000))), "retry-after-ms": String(ms) },
      );
    }
    if (fault?.kind === "overloaded") {
      return reply(529, errorBody("overloaded_error", "Overloaded", id), fault.retryAfterMs ? { "retry-after-ms": String(fault.retryAfterMs) } : {});
    }
    if (fault?.kind === "hang") {
      const gone = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          resolve(false);
        }, fault.delayMs ?? 5000);
        timers.add(timer);
        res.once("close", () => {
          clearTimeout(timer);
          timers.delete(timer);
          resolve(true);
        });
      });
      if (gone) {
        entry.status = 499; // client closed the request
        return;
      }
    }

    const text = userText(body.messages);
    const inputTokens = Math.ceil((text.length + String(body.system ?? "").length + JSON.stringify(tools).length) / 4);
    let content: unknown[];
    let stopReason: string;
    if (tool) {
      const input = tool.name === "record_value_framework" ? valueFramework(text, fault?.kind === "hallucinate") : minimalFor(tool.input_schema);
      content = [{ type: "tool_use", id: `toolu_01${randomBytes(9).toString("base64url")}`, name: tool.name, input, caller: { type: "direct" } }];
      stopReason = "tool_use";
    } else {
      content = [{ type: "text", text: "This is the fake Anthropic API.", citations: null }];
      stopReason = "end_turn";
    }
    reply(200, {
      id: `msg_01${randomBytes(9).toString("base64url")}`,
      type: "message",
      role: "assistant",
      model: body.model,
      content,
      stop_reason: stopReason,
      stop_sequence: null,
      stop_details: null,
      container: null,
      usage: usage(inputTokens, Math.max(1, Math.ceil(JSON.stringify(content).length / 4))),
    });
  }

  async function handleControl(req: http.IncomingMessage, res: http.ServerResponse, path: string) {
    if (req.method === "GET" && path === "/__fake/calls") return sendJson(res, 200, log);
    if (req.method === "POST" && path === "/__fake/faults") {
      try {
        const fault = JSON.parse((await readBody(req)) || "{}") as AnthropicFault;
        if (!["rate_limit", "overloaded", "hang", "hallucinate"].includes(fault.kind)) throw new Error("kind");
        injectFault(fault);
        return sendJson(res, 201, { faults });
      } catch {
        return sendJson(res, 400, { error: "expected {kind: rate_limit|overloaded|hang|hallucinate, times?, delayMs?, retryAfterMs?}" });
      }
    }
    if (req.method === "DELETE" && path === "/__fake/faults") {
      faults = [];
      return sendJson(res, 200, { faults });
    }
    if (req.method === "POST" && path === "/__fake/reset") {
      faults = [];
      log = [];
      return sendJson(res, 200, { ok: true });
    }
    sendJson(res, 404, { error: "unknown control endpoint" });
  }

  const server = http.createServer((req, res) => {
    const started = performance.now();
    const path = new URL(req.url ?? "/", "http://fake").pathname;
    if (path.startsWith("/__fake/")) {
      void handleControl(req, res, path).catch(() => sendJson(res, 500, { error: "fake failed" }));
      return;
    }
    const entry: AnthropicCallLog = {
      at: new Date().toISOString(),
      path,
      status: 0,
      model: null,
      tool: null,
      apiKey: null,
      version: null,
      inputChars: 0,
      fault: null,
      durationMs: 0,
    };
    log.push(entry);
    const done = () => {
      entry.durationMs = Math.round(performance.now() - started);
    };
    if (req.method === "POST" && path === "/v1/messages") {
      void handleMessages(req, res, entry)
        .catch(() => {
          entry.status = 500;
          if (!res.headersSent) sendJson(res, 500, errorBody("api_error", "Internal server error", requestId()));
        })
        .finally(done);
      return;
    }
    entry.status = 404;
    sendJson(res, 404, errorBody("not_found_error", `${req.method} ${path} not found`, requestId()));
    done();
  });

  const base = await listen(server, options.port ?? 0, options.host ?? "127.0.0.1");
  const apiKey = [...apiKeys][0] ?? FAKE_ANTHROPIC_API_KEY;
  return {
    ...base,
    close: async () => {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      await base.close();
    },
    apiKey,
    env: { ANTHROPIC_API_KEY: apiKey, ANTHROPIC_BASE_URL: base.url },
    calls: () => log.map((c) => ({ ...c })),
    clearCalls: () => {
      log = [];
    },
    injectFault,
    clearFaults: () => {
      faults = [];
    },
    reset: () => {
      faults = [];
      log = [];
    },
  };
}
