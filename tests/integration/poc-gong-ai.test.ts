/**
 * POC Portal part 2 without JavaScript, over the built app, against the fake Gong
 * and the fake Claude: search a domain's calls, fetch transcripts, analyse them,
 * review the items (accept into the success criteria, reject, a stale edit), a
 * rejected Gong key, and the tabs without keys. The runs are started through the
 * tabs' forms (or the start* functions) and executed by calling the job handlers.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { regenerateShareLink } from "~/modules/poc/poc.server.ts";
import { gongConfigured, runAnalysis, runGongSearch, runTranscriptFetch, startGongSearch } from "~/modules/poc/gong-ai-runs.server.ts";
import { aiConfigured } from "~/modules/poc/ai/analyze.server.ts";
import { openEvidence, openTranscript } from "~/modules/poc/conversation-data.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { changeEnv } from "../support/env.ts";
import { Browser, inputValues, visibleText } from "../support/app.ts";
import { northwindWithFakes } from "../support/gong-ai.ts";
import type { FakeAnthropic } from "../../fakes/anthropic/server.ts";

let claude: FakeAnthropic;
let browser: Browser;
let actor: { kind: "staff"; userId: string; name: string };
let pocId: string;

let fakes: Awaited<ReturnType<typeof northwindWithFakes>>;

beforeAll(async () => {
  fakes = await northwindWithFakes("Faster debugging");
  ({ claude, browser, actor, pocId } = fakes);
});
afterAll(() => fakes.close());

const text = async (response: Response) => visibleText(await response.text());
const latestRun = (kind: string) => prisma.pocJobRun.findFirstOrThrow({ where: { pocId, kind }, orderBy: { createdAt: "desc" } });
const post = (path: string, fields: [string, string][]) =>
  browser.request(path, { method: "POST", body: new URLSearchParams(fields), headers: { "Content-Type": "application/x-www-form-urlencoded" } });

describe("Gong search, transcripts and the AI value framework", () => {
  it("lists only the domain's calls, fetches transcripts with speaker names, and shows the run while queued", async () => {
    const gongTab = `/staff/pocs/${pocId}/gong`;
    let page = await text(await browser.get(gongTab));
    expect(page).toContain("northwind.example");
    expect(page).toContain("No calls yet");

    const started = await browser.post(gongTab, { intent: "search", from: "2025-03-01", to: "2025-03-31" });
    expect(started.status).toBe(302);
    const search = await latestRun("gong-search");
    expect(search.status).toBe("QUEUED");
    // While the run waits, the page refreshes itself without JavaScript.
    const queuedHtml = await (await browser.get(gongTab)).text();
    expect(queuedHtml).toContain('http-equiv="refresh"');
    expect(visibleText(queuedHtml)).toContain("Queued");

    await runGongSearch(search.id);
    expect((await prisma.pocJobRun.findUniqueOrThrow({ where: { id: search.id } })).status).toBe("SUCCEEDED");
    const html = await (await browser.get(gongTab)).text();
    page = visibleText(html);
    expect(html).not.toContain('http-equiv="refresh"');
    expect(page).toContain("Found 8 calls with northwind.example");
    expect(page).toContain("Northwind &lt;&gt; Sentry: discovery"); // visibleText leaves &lt; alone
    expect(page).toContain("Northwind security and compliance review"); // a subdomain participant counts
    expect(page).toContain("Dana Whitfield");
    for (const other of ["Contoso quarterly business review", "Globex intro call", "Initech support escalation", "Northwind Logistics intro"]) {
      expect(page).not.toContain(other);
    }

    const calls = await prisma.pocCall.findMany({ where: { pocId }, orderBy: { startedAt: "asc" } });
    expect(calls).toHaveLength(8);
    const picked = calls.filter((c) => c.title === "Northwind <> Sentry: discovery" || c.title === "Northwind technical deep dive");
    expect(picked).toHaveLength(2);
    const fetched = await post(gongTab, [["intent", "fetch-transcripts"], ...picked.map((c) => ["callId", c.id] as [string, string])]);
    expect(fetched.status).toBe(302);
    await runTranscriptFetch((await latestRun("gong-transcripts")).id);

    const stored = await prisma.pocCall.findMany({ where: { id: { in: picked.map((c) => c.id) } } });
    for (const call of stored) {
      const lines = openTranscript(call)!;
      expect(call.selected).toBe(true);
      expect(lines.length).toBeGreaterThan(5);
      expect(lines.every((l) => l.speakerName !== "Unknown speaker")).toBe(true);
    }
    const discovery = stored.find((c) => c.title.includes("discovery"))!;
    expect(openTranscript(discovery)!.map((l) => l.speakerName)).toEqual(expect.arrayContaining(["Alex Rivera", "Dana Whitfield"]));
    page = await text(await browser.get(gongTab));
    expect(page).toContain(`Transcript: ${openTranscript(discovery)!.length} lines`);
    expect(page).toContain("Thanks for making the time today, Dana.");
  });

  it("analyses the transcripts into the five sections with quotes and flags an invented quote", async () => {
    const aiTab = `/staff/pocs/${pocId}/ai`;
    let page = await text(await browser.get(aiTab));
    expect(page).toContain("Analyse 2 selected transcripts");

    claude.injectFault({ kind: "hallucinate" });
    const started = await browser.post(aiTab, { intent: "analyse" });
    expect(started.status).toBe(302);
    await runAnalysis((await latestRun("ai-analysis")).id);
    expect((await latestRun("ai-analysis")).status).toBe("SUCCEEDED");

    const items = await prisma.pocValueItem.findMany({ where: { pocId } });
    expect(items.length).toBeGreaterThan(3);
    const flagged = items.find((i) => i.flagged)!;
    expect(flagged.statement).toBe("Customer has never had a production incident");
    expect(openEvidence(flagged)).toEqual([]);
    const verified = items.filter((i) => !i.flagged);
    expect(verified.every((i) => openEvidence(i).length > 0)).toBe(true);

    page = await text(await browser.get(aiTab));
    for (const label of ["Current challenges", "Impact", "Ideal future state", "Metrics", "Requirements"]) expect(page).toContain(label);
    const first = openEvidence(verified[0])[0];
    expect(page).toContain(first.text);
    expect(page).toContain(first.speaker);
    expect(page).toContain(first.timestamp);
    expect(page).toMatch(/Sentry: discovery|Northwind technical deep dive/);
    expect(page).toContain("Quote not found in the transcript — check before using");
  });

  it("accepts an item into the success criteria, which the customer sees without any call data", async () => {
    const aiTab = `/staff/pocs/${pocId}/ai`;
    const items = await prisma.pocValueItem.findMany({ where: { pocId, flagged: false }, orderBy: { createdAt: "asc" } });
    const chosen = items[0];
    let response = await browser.post(aiTab, { intent: "review", action: "accept", itemId: chosen.id, version: String(chosen.version) });
    expect(response.status).toBe(302);
    response = await browser.post(aiTab, { intent: "criteria", itemId: chosen.id });
    expect(response.status).toBe(302);
    const updated = await prisma.pocValueItem.findUniqueOrThrow({ where: { id: chosen.id } });
    expect(updated.status).toBe("ACCEPTED");
    expect(updated.criterionId).toBeTruthy();
    expect(await text(await browser.get(aiTab))).toContain("In the success criteria");

    // The staff criteria tab reads it in full, and its row editor carries it as the title's value.
    expect(await text(await browser.get(`/staff/pocs/${pocId}/criteria`))).toContain(chosen.statement);
    const criterion = await prisma.pocCriterion.findUniqueOrThrow({ where: { id: updated.criterionId! } });
    expect(inputValues(await (await browser.get(`/staff/pocs/${pocId}/criteria?edit=${criterion.id}`)).text())).toContain(chosen.statement);

    const token = await regenerateShareLink(pocId, null, actor);
    const customer = new Browser("203.0.113.77");
    const criteriaPage = await text(await customer.get(`/customer/${token}/criteria`));
    expect(criteriaPage).toContain(chosen.statement);
    // Another item's quote and the call titles are nowhere on the customer's pages.
    const otherQuote = items
      .slice(1)
      .flatMap((i) => openEvidence(i).map((e) => e.text))
      .find((q) => !chosen.statement.includes(q))!;
    expect(otherQuote).toBeTruthy();
    for (const view of ["", "/plan", "/phases", "/criteria", "/team", "/tech"]) {
      const response = await customer.get(`/customer/${token}${view}`);
      expect(response.status).toBe(200);
      const html = visibleText(await response.text());
      expect(html).not.toContain(otherQuote);
      expect(html).not.toContain("Northwind technical deep dive");
      expect(html).not.toContain("Sentry: discovery");
      expect(html).not.toContain("Quote not found");
    }
  });

  it("rejects an item, and refuses an edit made on a stale version", async () => {
    const aiTab = `/staff/pocs/${pocId}/ai`;
    const items = await prisma.pocValueItem.findMany({ where: { pocId, status: "SUGGESTED" }, orderBy: { createdAt: "asc" } });
    const [toReject, toEdit] = items;
    let response = await browser.post(aiTab, { intent: "review", action: "reject", itemId: toReject.id, version: String(toReject.version) });
    expect(response.status).toBe(302);
    expect((await prisma.pocValueItem.findUniqueOrThrow({ where: { id: toReject.id } })).status).toBe("REJECTED");

    const stale = String(toEdit.version);
    response = await browser.post(aiTab, { intent: "review", action: "edit", itemId: toEdit.id, version: stale, statement: "Checkout errors reach customers first" });
    expect(response.status).toBe(302);
    response = await browser.post(aiTab, { intent: "review", action: "edit", itemId: toEdit.id, version: stale, statement: "A second, older edit" });
    expect(response.status).toBe(409);
    const page = await text(response);
    expect(page).toContain("Someone changed this item meanwhile");
    expect(page).toContain("Checkout errors reach customers first");
    const row = await prisma.pocValueItem.findUniqueOrThrow({ where: { id: toEdit.id } });
    expect(row.statement).toBe("Checkout errors reach customers first");
    expect(row.status).toBe("EDITED");
  });

  it("refuses a date that doesn't exist instead of searching the day it rolls over to", async () => {
    const before = await prisma.pocJobRun.count({ where: { pocId } });
    expect(await startGongSearch(pocId, { from: "2025-02-31", to: "2025-03-31" }, actor)).toMatchObject({ ok: false, error: "Enter both dates as real days (YYYY-MM-DD)." });
    expect(await prisma.pocJobRun.count({ where: { pocId } })).toBe(before);
  });

  it("marks a search FAILED in plain words when Gong rejects the key, without retrying", async () => {
    const secret = process.env.GONG_ACCESS_KEY_SECRET;
    await changeEnv({ GONG_ACCESS_KEY_SECRET: "wrong-secret" });
    try {
      const started = await startGongSearch(pocId, { from: "2025-03-01", to: "2025-03-31" }, actor);
      expect(started.ok).toBe(true);
      await expect(runGongSearch((started as { runId: string }).runId)).resolves.toBeTruthy();
    } finally {
      await changeEnv({ GONG_ACCESS_KEY_SECRET: secret });
    }
    const run = await latestRun("gong-search");
    expect(run.status).toBe("FAILED");
    expect(run.attempts).toBe(1);
    expect(run.error).toContain("Gong rejected the access key");
    expect(await text(await browser.get(`/staff/pocs/${pocId}/gong`))).toContain("Failed · Gong rejected the access key");
  });

  it("says what to configure without keys, and still takes items by hand", async () => {
    expect(gongConfigured({})).toBe(false);
    expect(gongConfigured({ GONG_ACCESS_KEY: "a", GONG_ACCESS_KEY_SECRET: "b" })).toBe(false); // nothing to store transcripts under
    expect(gongConfigured({ GONG_ACCESS_KEY: "a", GONG_ACCESS_KEY_SECRET: "b", ENCRYPTION_KEY: "k" })).toBe(true);
    expect(aiConfigured({})).toBe(false);
    const saved = { ...process.env };
    await changeEnv({ GONG_ACCESS_KEY: undefined, GONG_ACCESS_KEY_SECRET: undefined, ANTHROPIC_API_KEY: undefined });
    try {
      const gongPage = await text(await browser.get(`/staff/pocs/${pocId}/gong`));
      expect(gongPage).toContain("Gong is not configured yet");
      for (const name of ["GONG_ACCESS_KEY", "GONG_ACCESS_KEY_SECRET", "GONG_BASE_URL"]) expect(gongPage).toContain(name);
      expect(gongPage).not.toContain("Search Gong");

      const aiTab = `/staff/pocs/${pocId}/ai`;
      let aiPage = await text(await browser.get(aiTab));
      expect(aiPage).toContain("The AI analysis is not configured yet");
      expect(aiPage).toContain("ANTHROPIC_API_KEY");
      expect(aiPage).not.toContain("Analyse 2 selected transcripts");
      const response = await browser.post(aiTab, { intent: "add", section: "metrics", statement: "Cut MTTR from 4 hours to 30 minutes" });
      expect(response.status).toBe(302);
      aiPage = await text(await browser.get(aiTab));
      expect(aiPage).toContain("Cut MTTR from 4 hours to 30 minutes");
      expect(aiPage).toContain("Added by hand");
      const manual = await prisma.pocValueItem.findFirstOrThrow({ where: { pocId, source: "manual" } });
      expect(manual.status).toBe("ACCEPTED");
      expect(manual.section).toBe("metrics");
    } finally {
      await changeEnv({ GONG_ACCESS_KEY: saved.GONG_ACCESS_KEY, GONG_ACCESS_KEY_SECRET: saved.GONG_ACCESS_KEY_SECRET, ANTHROPIC_API_KEY: saved.ANTHROPIC_API_KEY });
    }
  });
});
