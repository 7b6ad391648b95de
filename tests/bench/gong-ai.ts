/**
 * The POC part 2 numbers of `npm run bench`: fetching 50 call transcripts from
 * the fake Gong within its 3 requests/s (time and API calls), and the Claude
 * value-framework analysis of one 90-minute transcript against the fake
 * Anthropic API (time and requests).
 */
import { startFakeAnthropic } from "../../fakes/anthropic/server.ts";
import { loadScenario, startFakeGong, type Scenario } from "../../fakes/gong/server.ts";
import { createGongClient } from "../../app/modules/poc/gong/client.server.ts";
import { analyzeTranscripts } from "../../app/modules/poc/ai/analyze.server.ts";

/** The scenario's Northwind calls, copied (new ids, a day apart) until there are `count`. */
function fiftyCalls(count: number): Scenario {
  const base = loadScenario();
  const northwind = base.calls.filter((c) => c.parties.some((p) => p.emailAddress?.toLowerCase().endsWith("northwind.example")));
  const calls = [...northwind];
  const transcripts = new Map(base.transcripts);
  for (let i = 0; calls.length < count; i++) {
    const source = northwind[i % northwind.length];
    const id = `9${String(i).padStart(17, "0")}`;
    const started = new Date(Date.parse(source.metaData.started) + (i + 1) * 86_400_000).toISOString();
    calls.push({ ...source, metaData: { ...source.metaData, id, started, scheduled: started } });
    transcripts.set(id, base.transcripts.get(source.metaData.id) ?? []);
  }
  return { ...base, calls, transcripts };
}

export async function benchGongAndAi() {
  const gong = await startFakeGong({ scenario: fiftyCalls(50) });
  const rows: Record<string, string | number>[] = [];
  let longTranscript: Awaited<ReturnType<ReturnType<typeof createGongClient>["fetchTranscripts"]>>[number] | undefined;
  try {
    const client = createGongClient({ baseUrl: gong.url, accessKey: gong.accessKey, secret: gong.secret });
    const started = performance.now();
    const calls = await client.searchCalls({ domain: "northwind.example", from: new Date("2025-01-01T00:00:00Z"), to: new Date("2026-12-31T00:00:00Z") });
    const ids = calls.slice(0, 50).map((c) => c.id);
    const transcripts = await client.fetchTranscripts(ids, new Map(calls.map((c) => [c.id, c.parties])));
    const ms = Math.round(performance.now() - started);
    const log = gong.calls();
    const perSecond = Math.max(...log.map((c) => log.filter((d) => d.time >= c.time && d.time < c.time + 1000).length));
    rows.push({ step: `Gong: search + ${transcripts.length} transcripts`, "time ms": ms, "API calls": client.requests, "max calls in 1 s": perSecond, "429s": log.filter((c) => c.status === 429).length });
    longTranscript = transcripts.reduce((a, b) => (b.sentences.length > a.sentences.length ? b : a));
  } finally {
    await gong.close();
  }
  const anthropic = await startFakeAnthropic();
  try {
    const t = longTranscript!;
    const result = await analyzeTranscripts({
      apiKey: anthropic.apiKey,
      baseURL: anthropic.url,
      model: "claude-sonnet-4-6",
      transcripts: [{ callId: t.callId, title: "90-minute workshop", sentences: t.sentences }],
    });
    const items = Object.values(result.sections).flat();
    rows.push({ step: `Claude: ${t.sentences.length}-sentence transcript`, "time ms": result.durationMs, "API calls": result.requests, "max calls in 1 s": "-", "429s": 0, items: items.length, flagged: items.filter((i) => i.flagged).length });
  } finally {
    await anthropic.close();
  }
  return rows;
}
