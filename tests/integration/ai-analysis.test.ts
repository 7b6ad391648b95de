/**
 * The value-framework analysis (app/modules/poc/ai/analyze.server.ts) against the
 * fake Anthropic Messages API (fakes/anthropic) over real HTTP, through
 * @anthropic-ai/sdk: forced tool use, quote verification, chunking of long calls,
 * SDK retries of 429/529, timeouts and auth errors. No database.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  aiConfigured,
  AnalysisError,
  analyzeTranscripts,
  chunkTranscripts,
  FLAG_REASON_QUOTE_NOT_FOUND,
  formatTimestamp,
  normalizeText,
  VALUE_FRAMEWORK_SECTIONS,
  type AnalysisResult,
  type AnalyzeOptions,
  type Transcript,
} from "~/modules/poc/ai/analyze.server.ts";
import { startFakeAnthropic, type FakeAnthropic } from "../../fakes/anthropic/server.ts";

const MODEL = "claude-sonnet-4-6";

const SHORT: Transcript = {
  callId: "call-1001",
  title: "Discovery call with Northwind",
  sentences: [
    { startMs: 0, speakerName: "Sam Seller", side: "sentry", text: "Thanks for joining, let's get started." },
    { startMs: 12_000, speakerName: "Dana Dev", side: "customer", text: "Our stack traces are minified, so debugging production is slow and painful." },
    { startMs: 31_500, speakerName: "Dana Dev", side: "customer", text: "Every incident costs us about six hours of engineering time." },
    { startMs: 47_000, speakerName: "Sam Seller", side: "sentry", text: "How do you measure that today?" },
    { startMs: 58_200, speakerName: "Dana Dev", side: "customer", text: "Our MTTR is around four hours and we want it under 30 minutes." },
    { startMs: 75_000, speakerName: "Olu Ops", side: "customer", text: "Crash-free sessions are at 97% on Android." },
    { startMs: 93_000, speakerName: "Olu Ops", side: "customer", text: "Ideally we would see every error in one place with the release that caused it." },
    { startMs: 121_000, speakerName: "Olu Ops", side: "customer", text: "We need SSO with Okta before we can roll this out." },
    { startMs: 140_000, speakerName: "Dana Dev", side: "customer", text: "The alert has to go to our Slack channel." },
    { startMs: 754_000, speakerName: "Sam Seller", side: "sentry", text: "Great, I'll send a summary after the call." },
  ],
};

let fake: FakeAnthropic;

beforeAll(async () => {
  fake = await startFakeAnthropic();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

function options(overrides: Partial<AnalyzeOptions> = {}): AnalyzeOptions {
  return { apiKey: fake.apiKey, baseURL: fake.url, model: MODEL, transcripts: [SHORT], timeoutMs: 5_000, ...overrides };
}

async function analysisError(promise: Promise<unknown>): Promise<AnalysisError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AnalysisError);
  return error as AnalysisError;
}

/** Every evidence quote occurs in its call, in the sentence at its timestamp. */
function expectVerifiedEvidence(result: AnalysisResult, transcripts: Transcript[]) {
  for (const section of VALUE_FRAMEWORK_SECTIONS) {
    for (const item of result.sections[section]) {
      if (item.flagged) continue;
      expect(item.evidence.length).toBeGreaterThan(0);
      for (const ev of item.evidence) {
        const call = transcripts.find((t) => t.callId === ev.callId);
        expect(call, `call ${ev.callId}`).toBeDefined();
        const sentence = call!.sentences.find(
          (s) => formatTimestamp(s.startMs) === ev.timestamp && normalizeText(s.text).includes(normalizeText(ev.text)),
        );
        expect(sentence, `"${ev.text}" at ${ev.callId} ${ev.timestamp}`).toBeDefined();
        expect(ev.startMs).toBe(sentence!.startMs);
        expect(ev.speaker).toBe(sentence!.speakerName);
      }
    }
  }
}

describe("aiConfigured", () => {
  it("is true only with ANTHROPIC_API_KEY", () => {
    expect(aiConfigured({})).toBe(false);
    expect(aiConfigured({ ANTHROPIC_API_KEY: "  " })).toBe(false);
    expect(aiConfigured({ ANTHROPIC_API_KEY: "sk-ant-x" })).toBe(true);
  });
});

describe("analyzeTranscripts", () => {
  it("fills all five sections with verified quotes from a short transcript", async () => {
    const result = await analyzeTranscripts(options());
    expect(result.requests).toBe(1);
    expect(result.model).toBe(MODEL);
    expect(result.usage.input_tokens).toBeGreaterThan(0);
    expect(result.usage.output_tokens).toBeGreaterThan(0);
    for (const section of VALUE_FRAMEWORK_SECTIONS) {
      expect(result.sections[section].length, section).toBeGreaterThan(0);
      for (const item of result.sections[section]) {
        expect(item.flagged).toBe(false);
        expect(item.confidence).toBeGreaterThanOrEqual(0);
        expect(item.confidence).toBeLessThanOrEqual(1);
      }
    }
    expectVerifiedEvidence(result, [SHORT]);
    const sso = result.sections.requirements.find((i) => i.evidence.some((e) => e.text.includes("SSO")));
    expect(sso?.evidence[0]).toMatchObject({ callId: "call-1001", timestamp: "00:02:01", speaker: "Olu Ops", side: "customer" });

    const calls = fake.calls();
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ path: "/v1/messages", status: 200, model: MODEL, tool: "record_value_framework" });
  });

  it("retries a 429 (retry-after-ms) and succeeds: 2 requests", async () => {
    fake.injectFault({ kind: "rate_limit", retryAfterMs: 10 });
    const result = await analyzeTranscripts(options());
    expect(result.sections.metrics.length).toBeGreaterThan(0);
    expect(fake.calls().map((c) => c.status)).toEqual([429, 200]);
  });

  it("retries a 529 and succeeds: 2 requests", async () => {
    fake.injectFault({ kind: "overloaded", retryAfterMs: 10 });
    const result = await analyzeTranscripts(options());
    expect(result.sections.impact.length).toBeGreaterThan(0);
    expect(fake.calls().map((c) => c.status)).toEqual([529, 200]);
  });

  it("gives up after maxRetries: rate_limited / overloaded with a message for people", async () => {
    fake.injectFault({ kind: "rate_limit", times: 3, retryAfterMs: 10 });
    const limited = await analysisError(analyzeTranscripts(options({ maxRetries: 2 })));
    expect(limited).toMatchObject({ kind: "rate_limited", status: 429, retryable: true });
    expect(fake.calls()).toHaveLength(3);

    fake.reset();
    fake.injectFault({ kind: "overloaded", retryAfterMs: 10 });
    const overloaded = await analysisError(analyzeTranscripts(options({ maxRetries: 0 })));
    expect(overloaded).toMatchObject({ kind: "overloaded", status: 529, retryable: true });
    expect(overloaded.message).toBe("Claude is overloaded (529); the job will retry.");
    expect(overloaded.requestId).toMatch(/^req_/);
  });

  it("a hang longer than timeoutMs (no retries) → timeout", async () => {
    fake.injectFault({ kind: "hang", delayMs: 3_000 });
    const started = performance.now();
    const error = await analysisError(analyzeTranscripts(options({ timeoutMs: 300, maxRetries: 0 })));
    expect(error.kind).toBe("timeout");
    expect(error.retryable).toBe(true);
    expect(performance.now() - started).toBeLessThan(2_500);
    expect(fake.calls()).toHaveLength(1);
  });

  it("an unknown API key → unauthorized, not retried", async () => {
    const error = await analysisError(analyzeTranscripts(options({ apiKey: "sk-ant-api03-wrong" })));
    expect(error).toMatchObject({ kind: "unauthorized", status: 401, retryable: false });
    expect(error.message).toMatch(/API key/);
    expect(fake.calls().map((c) => c.status)).toEqual([401]);
  });

  it("a hallucinated quote → that item is flagged and has no evidence", async () => {
    fake.injectFault({ kind: "hallucinate" });
    const result = await analyzeTranscripts(options());
    const bad = result.sections.current_challenges.find((i) => i.statement === "Customer has never had a production incident");
    expect(bad).toMatchObject({ flagged: true, flagReason: FLAG_REASON_QUOTE_NOT_FOUND, evidence: [], unverifiedQuotes: 1 });
    // Flagged items sort last; the others are still verified.
    expect(result.sections.current_challenges.at(-1)).toBe(bad);
    expect(result.sections.current_challenges.filter((i) => !i.flagged).length).toBeGreaterThan(0);
    expectVerifiedEvidence(result, [SHORT]);
  });

  it("the fake answers 400 invalid_request_error for a body without max_tokens", async () => {
    const res = await fetch(`${fake.url}/v1/messages`, {
      method: "POST",
      headers: { "x-api-key": fake.apiKey, "anthropic-version": "2023-06-01", "content-type": "application/json" },
      body: JSON.stringify({ model: MODEL, messages: [{ role: "user", content: "hi" }] }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      type: "error",
      error: { type: "invalid_request_error", message: "max_tokens: Field required" },
      request_id: expect.stringMatching(/^req_/),
    });

    const noVersion = await fetch(`${fake.url}/v1/messages`, {
      method: "POST",
      headers: { "x-api-key": fake.apiKey, "content-type": "application/json" },
      body: JSON.stringify({ model: MODEL, max_tokens: 10, messages: [{ role: "user", content: "hi" }] }),
    });
    expect(noVersion.status).toBe(400);
    const bad = await fetch(`${fake.url}/v1/messages`, { method: "POST", headers: { "x-api-key": "nope", "anthropic-version": "2023-06-01" }, body: "{}" });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ type: "error", error: { type: "authentication_error", message: "invalid x-api-key" } });
    // The SDK's own header (1.x sends the key as a bearer token) was seen too.
    expect(fake.calls().map((c) => c.status)).toEqual([400, 400, 401]);
  });

  it("a 90-minute call (1,500 sentences) → several requests, merged results", async () => {
    const transcript = ninetyMinuteCall();
    expect(transcript.sentences).toHaveLength(1_500);
    const chunks = chunkTranscripts([transcript]);
    expect(chunks.length).toBeGreaterThan(1);

    const started = performance.now();
    const result = await analyzeTranscripts(options({ transcripts: [transcript] }));
    const ms = performance.now() - started;
    const chars = chunks.reduce((n, c) => n + c.length, 0);
    console.log(
      `[ai-analysis] 90-minute call: ${transcript.sentences.length} sentences, ${chars} chars, ${result.requests} requests, ` +
        `${Math.round(ms)} ms (result.durationMs ${result.durationMs}), usage ${JSON.stringify(result.usage)}`,
    );

    expect(result.requests).toBe(chunks.length);
    expect(fake.calls()).toHaveLength(chunks.length);
    for (const section of VALUE_FRAMEWORK_SECTIONS) expect(result.sections[section].length, section).toBeGreaterThan(0);
    expectVerifiedEvidence(result, [transcript]);
    // The same statement found in several parts is one item with evidence from each.
    const all = VALUE_FRAMEWORK_SECTIONS.flatMap((s) => result.sections[s]);
    const keys = all.map((i) => normalizeText(i.statement));
    expect(new Set(keys).size).toBe(keys.length);
    const multi = all.filter((i) => new Set(i.evidence.map((e) => e.timestamp)).size > 1);
    expect(multi.length).toBeGreaterThan(0);
    expect(Math.max(...multi.map((i) => i.evidence.length))).toBeGreaterThan(1);
    expect(ms).toBeLessThan(10_000);
  });
});

/** ~1,500 sentences over 90 minutes: filler talk plus recurring customer pain points. */
function ninetyMinuteCall(): Transcript {
  const signals = [
    "Our stack traces are minified, so debugging production is slow and painful.",
    "Every incident costs us about six hours of engineering time.",
    "Our MTTR is around four hours and we want it under 30 minutes.",
    "We need SSO with Okta before we can roll this out.",
    "Ideally we would see every error in one place with the release that caused it.",
    "Support tickets pile up whenever checkout breaks.",
    "Crash-free sessions are at 97% on Android.",
  ];
  const fillers = [
    "Let me share my screen and walk through the dashboard for part",
    "That makes sense, can you say more about topic",
    "We covered this with the platform team in session",
    "Okay, moving on to agenda item",
    "I will note that down as follow-up number",
  ];
  const people = [
    { speakerName: "Sam Seller", side: "sentry" },
    { speakerName: "Dana Dev", side: "customer" },
    { speakerName: "Olu Ops", side: "customer" },
  ];
  const sentences = [];
  for (let i = 0; i < 1_500; i++) {
    const startMs = Math.floor((i * 90 * 60_000) / 1_500);
    if (i % 25 === 7) {
      sentences.push({ startMs, ...people[1 + (i % 2)], text: signals[Math.floor(i / 25) % signals.length] });
    } else {
      const who = people[i % 3];
      sentences.push({ startMs, ...who, text: `${fillers[i % fillers.length]} ${i}, and then we can look at the details together.` });
    }
  }
  return { callId: "call-2002", title: "Technical deep dive (90 min)", sentences };
}
