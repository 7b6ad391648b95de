/**
 * POC Portal part 2 over the JSON API (build/index.js), against the fake Gong and
 * the fake Claude: a Gong search, the calls, a transcript fetch and a call's
 * transcript with a bearer token; the analysis and the review of its items (edit,
 * a stale edit, reject, accept, into the success criteria) with the session
 * cookie; the customer's JSON with the new criterion and nothing else of part 2;
 * field errors, runs already going, 401/403/404 on every endpoint, 503 without
 * keys (manual items still work); each answer checked against the OpenAPI document
 * (tests/support/api-client.ts). The runs are executed
 * by calling the job handlers, as no worker runs in tests.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VALUE_FRAMEWORK_SECTIONS } from "~/modules/poc/ai/analyze.server.ts";
import { MAX_STATEMENT, runAnalysis, runGongSearch, runTranscriptFetch } from "~/modules/poc/gong-ai-runs.server.ts";
import { prisma } from "~/utils/db.server.ts";
import type { RoleName } from "~/utils/permissions.ts";
import { startFakeAnthropic, type FakeAnthropic } from "../../fakes/anthropic/server.ts";
import { startFakeGong, type FakeGong } from "../../fakes/gong/server.ts";
import { changeEnv } from "../support/env.ts";
import { Browser } from "../support/app.ts";
import { apiClient, type Client, expectJson as expectApiJson, send } from "../support/api-client.ts";
import { GONG_AI_ENDPOINTS, type Endpoint } from "../support/api-endpoints.ts";

// ───────────── clients (tests/support/api-client.ts: each answer is checked against the OpenAPI document) ─────────────

const cookieClient = (role: RoleName, name = "Casey Cookie") => apiClient({ auth: "cookie", role, name });
const bearerClient = (role: RoleName, name = "Bea Bearer") => apiClient({ auth: "bearer", role, name });
const anonymous: Client = (method, pathname, body) => send(new Browser(), method, pathname, body);

/** JSON with the status, never cached (every answer of this API is `no-store`). */
async function expectJson(response: Response, status: number) {
  const json = await expectApiJson(response, status);
  expect(response.headers.get("Cache-Control")).toBe("no-store");
  return json;
}

async function fieldsOf(response: Response) {
  const json = await expectJson(response, 400);
  expect(json.error).toBe("invalid_request");
  return json.fields as Record<string, string[]>;
}

// ───────────── the endpoints ─────────────


const fill = (template: string, ids: Record<string, string>) => template.replace(/\{(\w+)\}/g, (_, name: string) => ids[name]);
const bodyOf = (e: Endpoint, ids: Record<string, string>) => (e.body === undefined ? undefined : JSON.parse(fill(JSON.stringify(e.body), ids)));
const call = (client: Client, e: Endpoint, ids: Record<string, string>) => client(e.method, fill(e.path, ids), bodyOf(e, ids));

// ───────────── shapes ─────────────

type Run = { id: string; kind: string; status: string; progress: string | null; error: string | null; attempts: number; createdBy: string; createdAt: string; finishedAt: string | null };
type Call = { id: string; gongId: string; title: string; startedAt: string; parties: { name: string; side: string }[]; selected: boolean; transcriptFetchedAt: string | null; lines: number | null };
type Sentence = { startMs: number; timestamp: string; speakerName: string; side: string; text: string };
type Item = {
  id: string;
  section: string;
  statement: string;
  evidence: { callId: string; timestamp: string; speaker: string; text: string }[];
  confidence: number | null;
  flagged: boolean;
  flagReason: string | null;
  status: string;
  source: string;
  criterionId: string | null;
  version: number;
};
type Ai = { configured: boolean; callsToAnalyse: number; analysis: Run | null; sections: Record<string, Item[]> };

// ───────────── setup ─────────────

let gong: FakeGong;
let claude: FakeAnthropic;
let script: Client; // an SE with a personal API token
let browser: Client; // another SE, signed in
let pocId: string;
let otherPocId: string;
const base = () => `/api/v1/pocs/${pocId}`;
const itemsOf = (ai: Ai) => VALUE_FRAMEWORK_SECTIONS.flatMap((s) => ai.sections[s]);

beforeAll(async () => {
  gong = await startFakeGong();
  claude = await startFakeAnthropic();
  await changeEnv({ ...gong.env, ...claude.env });
  script = (await bearerClient("SE", "Sam Script")).client;
  browser = (await cookieClient("SE", "Casey Cookie")).client;
  const created = await expectJson(await script("POST", "/api/v1/pocs", { customerName: "Northwind", accountDomain: "northwind.example", goals: "Faster debugging" }), 201);
  pocId = created.poc.id;
  otherPocId = (await expectJson(await script("POST", "/api/v1/pocs", { customerName: "Contoso", accountDomain: "contoso.example" }), 201)).poc.id;
});
afterAll(async () => {
  await gong.close();
  await claude.close();
});

describe("POC part 2 API: Gong", () => {
  it("searches the domain's calls, fetches transcripts and reads a call, with a bearer token", async () => {
    const empty = await expectJson(await script("GET", `${base()}/gong`), 200);
    expect(empty).toEqual({ configured: true, accountDomain: "northwind.example", search: null, transcripts: null, calls: [] });

    const started = await expectJson(await script("POST", `${base()}/gong/search`, { from: "2025-03-01", to: "2025-03-31" }), 202);
    expect(started.run).toMatchObject({ kind: "gong-search", status: "QUEUED", error: null, attempts: 0, createdBy: "Sam Script", finishedAt: null });
    // One search at a time: the second is refused with the one going.
    const busy = await expectJson(await browser("POST", `${base()}/gong/search`, {}), 409);
    expect(busy).toMatchObject({ error: "run_in_progress", run: { id: started.run.id, status: "QUEUED" } });
    expect(await prisma.pocJobRun.count({ where: { pocId, kind: "gong-search" } })).toBe(1);

    await runGongSearch(started.run.id);
    const found = await expectJson(await script("GET", `${base()}/gong`), 200);
    expect(found.search).toMatchObject({ id: started.run.id, status: "SUCCEEDED", attempts: 1, progress: "Found 8 calls with northwind.example between 2025-03-01 and 2025-03-31." });
    expect(found.search.finishedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const calls: Call[] = found.calls;
    expect(calls).toHaveLength(8);
    expect(calls.map((c) => c.startedAt)).toEqual(calls.map((c) => c.startedAt).sort().reverse());
    expect(calls.every((c) => c.lines === null && c.transcriptFetchedAt === null && !c.selected && !("transcript" in c))).toBe(true);
    expect(calls.map((c) => c.title)).not.toContain("Contoso quarterly business review");
    expect(calls.flatMap((c) => c.parties)).toContainEqual(expect.objectContaining({ name: "Dana Whitfield", side: "customer" }));

    const picked = calls.filter((c) => c.title === "Northwind <> Sentry: discovery" || c.title === "Northwind technical deep dive");
    expect(picked).toHaveLength(2);
    const fetch = await expectJson(await script("POST", `${base()}/gong/transcripts`, { callIds: picked.map((c) => c.id) }), 202);
    expect(fetch.run).toMatchObject({ kind: "gong-transcripts", status: "QUEUED" });
    await runTranscriptFetch(fetch.run.id);

    const fetched = await expectJson(await script("GET", `${base()}/gong`), 200);
    expect(fetched.transcripts).toMatchObject({ id: fetch.run.id, status: "SUCCEEDED" });
    for (const c of fetched.calls as Call[]) {
      const chosen = picked.some((p) => p.id === c.id);
      expect(c.selected, c.title).toBe(chosen);
      if (chosen) expect(c.lines).toBeGreaterThan(5);
    }

    const discovery = picked.find((c) => c.title.includes("discovery"))!;
    const one = await expectJson(await script("GET", `${base()}/gong/calls/${discovery.id}`), 200);
    const transcript: Sentence[] = one.transcript;
    expect(one).toMatchObject({ id: discovery.id, gongId: discovery.gongId, selected: true, lines: transcript.length });
    expect(transcript.map((s) => s.speakerName)).toEqual(expect.arrayContaining(["Alex Rivera", "Dana Whitfield"]));
    expect(transcript.map((s) => s.text)).toContain("Thanks for making the time today, Dana.");
    expect(transcript.every((s) => /^\d{2}:\d{2}:\d{2}$/.test(s.timestamp))).toBe(true);
    const unfetched = calls.find((c) => !picked.includes(c))!;
    expect((await expectJson(await script("GET", `${base()}/gong/calls/${unfetched.id}`), 200)).transcript).toBeNull();
  });
});

describe("POC part 2 API: the AI value framework", () => {
  it("analyses the transcripts, and reviews the items with the session cookie; the customer sees only the criteria", async () => {
    let ai: Ai = await expectJson(await browser("GET", `${base()}/ai`), 200);
    expect(ai).toMatchObject({ configured: true, callsToAnalyse: 2, analysis: null });
    expect(Object.keys(ai.sections)).toEqual([...VALUE_FRAMEWORK_SECTIONS]);
    expect(itemsOf(ai)).toEqual([]);

    claude.injectFault({ kind: "hallucinate" });
    const started = await expectJson(await browser("POST", `${base()}/ai/analysis`), 202);
    expect(started.run).toMatchObject({ kind: "ai-analysis", status: "QUEUED", createdBy: "Casey Cookie" });
    expect((await expectJson(await script("POST", `${base()}/ai/analysis`, {}), 409)).run.id).toBe(started.run.id);
    await runAnalysis(started.run.id);

    ai = await expectJson(await browser("GET", `${base()}/ai`), 200);
    expect(ai.analysis).toMatchObject({ id: started.run.id, status: "SUCCEEDED" });
    const items = itemsOf(ai);
    expect(items.length).toBeGreaterThan(3);
    for (const section of VALUE_FRAMEWORK_SECTIONS) expect(ai.sections[section].every((i) => i.section === section)).toBe(true);
    expect(items.every((i) => i.status === "SUGGESTED" && i.source === "ai" && i.version === 1 && i.criterionId === null)).toBe(true);
    const flagged = items.find((i) => i.flagged)!;
    expect(flagged).toMatchObject({ statement: "Customer has never had a production incident", evidence: [] });
    expect(flagged.flagReason).toBeTruthy();
    // Every quote of a verified item is a sentence (or part of one) of the call it names, at its timestamp.
    const verified = items.filter((i) => !i.flagged);
    expect(verified.every((i) => i.evidence.length > 0)).toBe(true);
    const quote = verified[0].evidence[0];
    const quoted = await expectJson(await browser("GET", `${base()}/gong/calls/${quote.callId}`), 200);
    const at = (quoted.transcript as Sentence[]).filter((s) => s.timestamp === quote.timestamp);
    expect(at.map((s) => s.speakerName)).toContain(quote.speaker);

    const [toEdit, toReject, toAccept] = verified;
    // Edit (whitespace folded), then the same edit again on the version it read: 409 with what is stored.
    const edited: Item = await expectJson(await browser("PATCH", `${base()}/ai/items/${toEdit.id}`, { version: toEdit.version, action: "edit", statement: "  Checkout   errors reach\ncustomers first " }), 200);
    expect(edited).toMatchObject({ id: toEdit.id, statement: "Checkout errors reach customers first", status: "EDITED", version: toEdit.version + 1 });
    const stale = await expectJson(await script("PATCH", `${base()}/ai/items/${toEdit.id}`, { version: toEdit.version, action: "edit", statement: "A second, older edit" }), 409);
    expect(stale.error).toBe("conflict");
    expect(stale.current).toEqual(edited);
    expect((await prisma.pocValueItem.findUniqueOrThrow({ where: { id: toEdit.id } })).statement).toBe("Checkout errors reach customers first");

    const rejected = await expectJson(await browser("PATCH", `${base()}/ai/items/${toReject.id}`, { version: toReject.version, action: "reject" }), 200);
    expect(rejected).toMatchObject({ status: "REJECTED", version: 2 });
    const refused = await expectJson(await browser("POST", `${base()}/ai/items/${toReject.id}/criterion`), 409);
    expect(refused).toMatchObject({ error: "item_rejected", current: { id: toReject.id, status: "REJECTED", criterionId: null } });

    const accepted = await expectJson(await browser("PATCH", `${base()}/ai/items/${toAccept.id}`, { version: toAccept.version, action: "accept" }), 200);
    expect(accepted).toMatchObject({ status: "ACCEPTED", version: 2 });
    const added = await expectJson(await browser("POST", `${base()}/ai/items/${toAccept.id}/criterion`), 201);
    expect(added).toMatchObject({ created: true, criterion: { id: added.criterionId, title: toAccept.statement, status: "NOT_STARTED" }, item: { id: toAccept.id, status: "ACCEPTED", criterionId: added.criterionId } });
    const again = await expectJson(await script("POST", `${base()}/ai/items/${toAccept.id}/criterion`, {}), 200);
    expect(again).toMatchObject({ created: false, criterionId: added.criterionId });
    // Deleted from the success criteria by mistake: one more click adds it back.
    expect((await script("DELETE", `${base()}/success-criteria/${added.criterionId}`)).status).toBe(200);
    const readded = await expectJson(await browser("POST", `${base()}/ai/items/${toAccept.id}/criterion`), 201);
    expect(readded).toMatchObject({ created: true, criterion: { title: toAccept.statement } });
    expect(readded.criterionId).not.toBe(added.criterionId);
    added.criterionId = readded.criterionId;
    // An edited item goes in with its new wording and stays EDITED.
    const fromEdit = await expectJson(await browser("POST", `${base()}/ai/items/${toEdit.id}/criterion`), 201);
    expect(fromEdit).toMatchObject({ criterion: { title: "Checkout errors reach customers first" }, item: { status: "EDITED" } });
    const workspace = await expectJson(await script("GET", base()), 200);
    expect(workspace.criteria.map((c: { id: string }) => c.id)).toEqual(expect.arrayContaining([added.criterionId, fromEdit.criterionId]));

    // The customer's JSON: the two criteria, and nothing of the calls, transcripts or items.
    const link = await expectJson(await script("POST", `${base()}/share-link`, {}), 201);
    const customer = await expectJson(await anonymous("GET", `/api/v1/customer/${link.token}`), 200);
    expect(Object.keys(customer).sort()).toEqual(["criteria", "milestones", "phases", "poc", "progress", "team", "techStack"]);
    expect(customer.criteria.map((c: { title: string }) => c.title)).toEqual(expect.arrayContaining([toAccept.statement, "Checkout errors reach customers first"]));
    const text = JSON.stringify(customer);
    const calls: Call[] = (await expectJson(await script("GET", `${base()}/gong`), 200)).calls;
    const criteria = [toAccept.statement, "Checkout errors reach customers first"];
    const quotes = verified.flatMap((i) => i.evidence.map((e) => e.text)).filter((q) => !criteria.some((c) => c.includes(q)));
    expect(quotes.length).toBeGreaterThan(0);
    for (const secret of [...quotes, ...calls.flatMap((c) => [c.id, c.gongId, c.title]), toReject.statement, flagged.statement, "Thanks for making the time today, Dana.", "Dana Whitfield"]) {
      expect(text, secret).not.toContain(secret);
    }
    for (const key of ["evidence", "transcript", "callId", "gongId", "flagged", "confidence", "sections", "analysis"]) expect(text).not.toContain(`"${key}"`);
  });
});

describe("POC part 2 API: refusals", () => {
  it("names each bad field, and writes nothing", async () => {
    const before = { runs: await prisma.pocJobRun.count(), items: await prisma.pocValueItem.count(), selected: await prisma.pocCall.count({ where: { pocId, selected: true } }) };
    const callId = (await prisma.pocCall.findFirstOrThrow({ where: { pocId } })).id;
    const item = await prisma.pocValueItem.findFirstOrThrow({ where: { pocId, status: "SUGGESTED" } });
    const cases: [string, string, unknown, Record<string, RegExp>][] = [
      ["POST", "gong/search", { from: "2025-02-30", to: "2025-03-31" }, { from: /date as YYYY-MM-DD/ }],
      ["POST", "gong/search", { from: "2025-03-31", to: "2025-03-01" }, { to: /before from/ }],
      ["POST", "gong/search", { from: 20250301 }, { from: /./ }],
      ["POST", "gong/search", { since: "2025-03-01" }, { since: /Unknown field/ }],
      ["POST", "gong/transcripts", {}, { callIds: /Required/ }],
      ["POST", "gong/transcripts", { callIds: [] }, { callIds: /at least one/ }],
      ["POST", "gong/transcripts", { callIds: callId }, { callIds: /list of call ids/ }],
      ["POST", "gong/transcripts", { callIds: [callId, "no-such-call"] }, { "callIds[1]": /No call of this POC/ }],
      ["POST", "ai/analysis", { force: true }, { force: /Unknown field/ }],
      ["POST", "ai/items", { section: "risks", statement: "x" }, { section: /current_challenges/ }],
      ["POST", "ai/items", { section: "metrics" }, { statement: /Required/ }],
      ["POST", "ai/items", { section: "metrics", statement: " \n " }, { statement: /empty/ }],
      ["POST", "ai/items", { section: "metrics", statement: "x".repeat(MAX_STATEMENT + 1) }, { statement: /At most 500/ }],
      ["PATCH", `ai/items/${item.id}`, { action: "accept" }, { version: /Required/ }],
      ["PATCH", `ai/items/${item.id}`, { version: item.version, action: "approve" }, { action: /accept, reject, edit/ }],
      ["PATCH", `ai/items/${item.id}`, { version: item.version, action: "edit" }, { statement: /Required to edit/ }],
      ["PATCH", `ai/items/${item.id}`, { version: item.version, action: "accept", statement: "Reworded" }, { statement: /Only sent with the action edit/ }],
      ["POST", `ai/items/${item.id}/criterion`, { title: "x" }, { title: /Unknown field/ }],
    ];
    for (const [method, target, body, expected] of cases) {
      const fields = await fieldsOf(await script(method, `${base()}/${target}`, body));
      expect(Object.keys(fields), `${method} ${target} ${JSON.stringify(body).slice(0, 80)}`).toEqual(Object.keys(expected));
      for (const [name, pattern] of Object.entries(expected)) expect(fields[name].join(" ")).toMatch(pattern);
    }
    const after = { runs: await prisma.pocJobRun.count(), items: await prisma.pocValueItem.count(), selected: await prisma.pocCall.count({ where: { pocId, selected: true } }) };
    expect(after).toEqual(before);
    expect(await prisma.pocValueItem.findUniqueOrThrow({ where: { id: item.id } })).toEqual(item);
  });

  it("answers 409 when the POC has nothing to work on yet", async () => {
    const nothing = await expectJson(await script("POST", `/api/v1/pocs/${otherPocId}/ai/analysis`), 409);
    expect(nothing).toMatchObject({ error: "not_ready", message: expect.stringContaining("No transcript is fetched yet") });
    await prisma.poc.update({ where: { id: otherPocId }, data: { accountDomain: "" } });
    try {
      const noDomain = await expectJson(await script("POST", `/api/v1/pocs/${otherPocId}/gong/search`, {}), 409);
      expect(noDomain).toMatchObject({ error: "not_ready", message: expect.stringContaining("no account domain") });
    } finally {
      await prisma.poc.update({ where: { id: otherPocId }, data: { accountDomain: "contoso.example" } });
    }
    expect(await prisma.pocJobRun.count({ where: { pocId: otherPocId } })).toBe(0);
  });

  it("answers 401 without auth, 403 to students and instructors, 404 for unknown POCs, calls and items", async () => {
    const ids = {
      id: pocId,
      callId: (await prisma.pocCall.findFirstOrThrow({ where: { pocId } })).id,
      itemId: (await prisma.pocValueItem.findFirstOrThrow({ where: { pocId, status: "SUGGESTED" } })).id,
    };
    const snapshot = async () => [await expectJson(await script("GET", `${base()}/gong`), 200), await expectJson(await script("GET", `${base()}/ai`), 200)];
    const before = await snapshot();

    for (const e of GONG_AI_ENDPOINTS) {
      const response = await call(anonymous, e, ids);
      expect((await expectJson(response, 401)).error, `${e.method} ${e.path}`).toBe("unauthorized");
      expect(response.headers.get("WWW-Authenticate")).toMatch(/^Bearer/);
    }
    const outsiders = [(await cookieClient("STUDENT")).client, (await bearerClient("STUDENT")).client, (await bearerClient("INSTRUCTOR")).client];
    for (const outsider of outsiders) {
      for (const e of GONG_AI_ENDPOINTS) expect((await expectJson(await call(outsider, e, ids), 403)).error, `${e.method} ${e.path}`).toBe("forbidden");
    }
    for (const e of GONG_AI_ENDPOINTS) expect((await expectJson(await call(script, e, { ...ids, id: "no-such-poc" }), 404)).error, `${e.method} ${e.path}`).toBe("not_found");
    // Another POC in the path, this POC's call or item as the row.
    for (const e of GONG_AI_ENDPOINTS.filter((x) => /\{(callId|itemId)\}/.test(x.path))) {
      expect((await expectJson(await call(script, e, { ...ids, id: otherPocId }), 404)).error, `${e.method} ${e.path}`).toBe("not_found");
    }
    expect(await snapshot()).toEqual(before);
  });

  it("answers 503 without keys, and still takes items by hand", async () => {
    const saved = { ...process.env };
    await changeEnv({ GONG_ACCESS_KEY: undefined, GONG_ACCESS_KEY_SECRET: undefined, ANTHROPIC_API_KEY: undefined });
    try {
      const gongView = await expectJson(await script("GET", `${base()}/gong`), 200);
      expect(gongView.configured).toBe(false);
      expect(gongView.calls).toHaveLength(8); // what was found stays readable
      const search = await expectJson(await script("POST", `${base()}/gong/search`, { from: "2025-03-01", to: "2025-03-31" }), 503);
      expect(search).toMatchObject({ error: "not_configured", message: expect.stringContaining("GONG_ACCESS_KEY") });
      const callId = gongView.calls[0].id;
      expect((await expectJson(await script("POST", `${base()}/gong/transcripts`, { callIds: [callId] }), 503)).error).toBe("not_configured");

      const aiView: Ai = await expectJson(await browser("GET", `${base()}/ai`), 200);
      expect(aiView.configured).toBe(false);
      const analysis = await expectJson(await browser("POST", `${base()}/ai/analysis`), 503);
      expect(analysis).toMatchObject({ error: "not_configured", message: expect.stringContaining("ANTHROPIC_API_KEY") });

      const manual: Item = await expectJson(await browser("POST", `${base()}/ai/items`, { section: "metrics", statement: " Cut MTTR from 4 hours\tto 30 minutes " }), 201);
      expect(manual).toMatchObject({ section: "metrics", statement: "Cut MTTR from 4 hours to 30 minutes", source: "manual", status: "ACCEPTED", evidence: [], confidence: null, flagged: false, version: 1, criterionId: null });
      const metrics = ((await expectJson(await browser("GET", `${base()}/ai`), 200)) as Ai).sections.metrics;
      expect(metrics.at(-1)).toEqual(manual);
    } finally {
      await changeEnv({ GONG_ACCESS_KEY: saved.GONG_ACCESS_KEY, GONG_ACCESS_KEY_SECRET: saved.GONG_ACCESS_KEY_SECRET, ANTHROPIC_API_KEY: saved.ANTHROPIC_API_KEY });
    }
  });
});
