/** The Gong client against the fake Gong (in-process; no database needed). */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createGongClient, emailMatchesDomain, GongError, type GongClientOptions } from "~/modules/poc/gong/client.server.ts";
import { startFakeGong, type FakeGong, type GongCallLog } from "../../fakes/gong/server.ts";

const FROM = "2025-03-01T00:00:00Z";
const TO = "2025-04-01T00:00:00Z";
const NORTHWIND_CALLS = [
  "7782342274025937001",
  "7782342274025937003",
  "7782342274025937005",
  "7782342274025937006",
  "7782342274025937008",
  "7782342274025937009",
  "7782342274025937011",
  "7782342274025937013",
];
const LONG_CALL = "7782342274025937009";

let fake: FakeGong;
const client = (overrides: Partial<GongClientOptions> = {}) =>
  createGongClient({ baseUrl: fake.url, accessKey: fake.env.GONG_ACCESS_KEY, secret: fake.env.GONG_ACCESS_KEY_SECRET, ...overrides });

/** The most requests that arrived in any 1-second window. */
function busiestSecond(log: GongCallLog[]) {
  const times = log.map((c) => c.time).sort((a, b) => a - b);
  let max = 0;
  for (let i = 0; i < times.length; i++) {
    let j = i;
    while (j + 1 < times.length && times[j + 1] - times[i] < 1000) j++;
    max = Math.max(max, j - i + 1);
  }
  return max;
}

beforeAll(async () => {
  fake = await startFakeGong();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.reset();
});

describe("Gong client", () => {
  it("searches a domain over a date range: walks every page with the same filter and keeps only that domain", async () => {
    fake.setPageSize({ pageSize: 3 });
    const gong = client();
    const calls = await gong.searchCalls({ domain: "northwind.example", from: FROM, to: TO });

    expect(calls.map((c) => c.id)).toEqual(NORTHWIND_CALLS);
    // the look-alike northwind-logistics.example and other customers are excluded
    expect(calls.some((c) => c.title.includes("Logistics"))).toBe(false);
    for (const call of calls) {
      expect(call.parties.some((p) => p.side === "customer" && emailMatchesDomain(p.email, "northwind.example"))).toBe(true);
      expect(call.url).toBe(`https://app.gong.io/call?id=${call.id}`);
    }
    const discovery = calls[0];
    expect(discovery).toMatchObject({ title: "Northwind <> Sentry: discovery", started: "2025-03-03T16:00:00Z", durationSeconds: 32 * 60 });
    expect(discovery.parties).toContainEqual(expect.objectContaining({ name: "Priya Shah", affiliation: "External", side: "customer" }));
    expect(discovery.parties).toContainEqual(expect.objectContaining({ name: "Alex Rivera", email: "alex.rivera@sentry.io", side: "sentry" }));

    const log = fake.calls();
    expect(log).toHaveLength(5); // 13 calls in March, 3 per page
    expect(gong.requests).toBe(5);
    expect(log.every((c) => c.path === "/v2/calls/extensive" && c.status === 200)).toBe(true);
    expect(log.map((c) => c.hasCursor)).toEqual([false, true, true, true, true]);
    const filters = log.map((c) => JSON.stringify((c.body as { filter: unknown }).filter));
    expect(new Set(filters).size).toBe(1);
    expect((log[0].body as { contentSelector: unknown }).contentSelector).toEqual({ exposedFields: { parties: true } });

    // subdomains match; case does not matter
    const eu = await gong.searchCalls({ domain: "EU.Northwind.Example", from: FROM, to: TO });
    expect(eu.map((c) => c.title)).toEqual(["Northwind security and compliance review"]);
  });

  it("returns [] for a range with no calls (Gong's 404 'No calls found')", async () => {
    const gong = client();
    expect(await gong.searchCalls({ domain: "northwind.example", from: "2024-01-01T00:00:00Z", to: "2024-02-01T00:00:00Z" })).toEqual([]);
    expect(fake.calls().map((c) => c.status)).toEqual([404]);
  });

  it("fetches transcripts across pages, speakers resolved to names and sides, in time order", async () => {
    const gong = client();
    const calls = await gong.searchCalls({ domain: "northwind.example", from: FROM, to: TO });
    const shortCalls = calls.filter((c) => c.id !== LONG_CALL);
    fake.clearCalls();

    const transcripts = await gong.fetchTranscripts(
      shortCalls.map((c) => c.id),
      Object.fromEntries(shortCalls.map((c) => [c.id, c.parties])),
    );
    const transcriptRequests = fake.calls();
    expect(transcriptRequests.map((c) => c.path)).toEqual(Array(3).fill("/v2/calls/transcript")); // 7 calls, 3 per page
    expect(transcriptRequests.map((c) => c.hasCursor)).toEqual([false, true, true]);

    expect(transcripts.map((t) => t.callId)).toEqual(shortCalls.map((c) => c.id));
    for (const t of transcripts) {
      expect(t.sentences.length).toBeGreaterThan(10);
      expect(t.sentences.every((s) => s.side !== "unknown" && s.speakerName !== "Unknown speaker")).toBe(true);
      const starts = t.sentences.map((s) => s.startMs);
      expect(starts).toEqual([...starts].sort((a, b) => a - b));
    }
    const discovery = transcripts[0].sentences;
    expect(discovery[0]).toMatchObject({ speakerName: "Alex Rivera", side: "sentry", text: expect.stringContaining("Thanks for making the time") });
    expect(discovery.find((s) => s.text.includes("minified"))).toMatchObject({ speakerName: "Priya Shah", side: "customer" });

    // without parties the client looks the speakers up on /v2/calls/extensive itself
    fake.clearCalls();
    const [security] = await gong.fetchTranscripts(["7782342274025937005"]);
    expect(fake.calls().map((c) => c.path)).toEqual(["/v2/calls/extensive", "/v2/calls/transcript"]);
    expect(security.sentences.find((s) => s.text.includes("data residency"))).toMatchObject({ speakerName: "Lena Fischer", side: "customer" });
    expect(security.sentences.some((s) => s.speakerName === "Mei Tanaka" && s.side === "sentry")).toBe(true);
  });

  it("returns the 90-minute recorded call whole", async () => {
    const gong = client();
    const [long] = await gong.fetchTranscripts([LONG_CALL]);
    expect(long.sentences).toHaveLength(1500);
    expect(long.sentences.at(-1)!.endMs).toBeLessThanOrEqual(90 * 60_000);
    expect(long.sentences.at(-1)!.startMs).toBeGreaterThan(85 * 60_000);
    expect(new Set(long.sentences.map((s) => s.speakerName)).size).toBe(5);
    expect(long.sentences.every((s) => s.side !== "unknown")).toBe(true);
  });

  it("stays within 3 requests per second and never gets a 429 in normal use", async () => {
    fake.setPageSize({ pageSize: 2, transcriptPageSize: 2 });
    const gong = client();
    // two searches in parallel share the client's throttle
    const [a, b] = await Promise.all([
      gong.searchCalls({ domain: "northwind.example", from: FROM, to: TO }),
      gong.searchCalls({ domain: "contoso.example", from: FROM, to: TO }),
    ]);
    expect(a).toHaveLength(8);
    expect(b.map((c) => c.id)).toEqual(["7782342274025937002", "7782342274025937010"]);
    const log = fake.calls();
    expect(log.length).toBe(14);
    expect(log.every((c) => c.status === 200)).toBe(true);
    expect(busiestSecond(log)).toBeLessThanOrEqual(3);
    expect(gong.stats()).toEqual({ requests: 14, retries: 0, rateLimited: 0 });
  });

  it("the fake enforces the limit: an unthrottled burst gets 429 with Retry-After", async () => {
    const auth = `Basic ${Buffer.from(`${fake.accessKey}:${fake.secret}`).toString("base64")}`;
    const responses = await Promise.all(
      Array.from({ length: 5 }, () =>
        fetch(`${fake.url}/v2/calls/extensive`, { method: "POST", headers: { Authorization: auth }, body: JSON.stringify({ filter: { fromDateTime: FROM, toDateTime: TO } }) }),
      ),
    );
    const limited = responses.filter((r) => r.status === 429);
    expect(limited).toHaveLength(2);
    expect(limited[0].headers.get("retry-after")).toBe("1");
    expect(await limited[0].json()).toEqual({ requestId: expect.any(String), errors: ["API request limit exceeded"] });
  });

  it("waits out an injected 429 (Retry-After: 1) and succeeds", async () => {
    fake.injectFault({ path: "/v2/calls/extensive", status: 429, retryAfter: 1, times: 1 });
    const gong = client();
    const started = Date.now();
    const calls = await gong.searchCalls({ domain: "northwind.example", from: FROM, to: TO });
    expect(calls).toHaveLength(8);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(fake.calls().map((c) => c.status)).toEqual([429, 200, 200]);
    expect(gong.stats()).toMatchObject({ retries: 1, rateLimited: 1 });
  });

  it("retries a 5xx with backoff, then gives up with an 'unavailable' GongError", async () => {
    fake.injectFault({ path: "/v2/calls/*", status: 503, times: 1 });
    const gong = client({ backoffMs: 50 });
    expect(await gong.searchCalls({ domain: "northwind.example", from: FROM, to: TO })).toHaveLength(8);

    fake.reset();
    fake.injectFault({ path: "/v2/calls/extensive", status: 500, times: 10 });
    const error = await client({ backoffMs: 20, maxRetries: 2 }).searchCalls({ domain: "northwind.example", from: FROM, to: TO }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GongError);
    expect(error).toMatchObject({ kind: "unavailable", status: 500 });
    expect(fake.calls()).toHaveLength(3);
  });

  it("gives up on a 429 whose Retry-After is too long (daily limit) with a 'rate_limited' GongError", async () => {
    fake.injectFault({ path: "/v2/calls/extensive", status: 429, retryAfter: 3600 });
    const error = await client().searchCalls({ domain: "northwind.example", from: FROM, to: TO }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "GongError", kind: "rate_limited", status: 429 });
    expect((error as Error).message).toMatch(/10,000 per day/);
    expect(fake.calls()).toHaveLength(1);
  });

  it("a wrong key → GongError 'unauthorized' with a message for people", async () => {
    const error = await client({ secret: "wrong" }).searchCalls({ domain: "northwind.example", from: FROM, to: TO }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GongError);
    expect(error).toMatchObject({
      kind: "unauthorized",
      status: 401,
      message: "Gong rejected the access key: check GONG_ACCESS_KEY and GONG_ACCESS_KEY_SECRET.",
      details: [expect.stringMatching(/access key/)],
    });
    expect(fake.calls()).toHaveLength(1); // no retries on 401
  });

  it("matches emails to domains case-insensitively, with subdomains, without look-alikes", () => {
    expect(emailMatchesDomain("Priya.Shah@Northwind.Example", "northwind.example")).toBe(true);
    expect(emailMatchesDomain("lena@eu.northwind.example", "@northwind.example")).toBe(true);
    expect(emailMatchesDomain("nora@northwind-logistics.example", "northwind.example")).toBe(false);
    expect(emailMatchesDomain("x@evilnorthwind.example", "northwind.example")).toBe(false);
    expect(emailMatchesDomain(undefined, "northwind.example")).toBe(false);
  });
});
