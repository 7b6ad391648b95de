/**
 * Customer conversation data at rest (decision 020), over the built app with the
 * fake Gong and fake Claude: no table holds a transcript sentence, a participant or
 * a quote in plaintext, yet the Gong and AI tabs and the analysis use them; rows
 * written in plaintext before the encrypted columns are encrypted by the start-up
 * job; `secrets:rotate` re-encrypts them; and the retention job deletes them
 * TRANSCRIPT_RETENTION_DAYS after the POC is marked Won or Lost, which the Gong tab
 * announces.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deleteExpiredConversationData, openEvidence, openTranscript, reencryptConversationData, sealEvidence, sealParties, sealTranscript } from "~/modules/poc/conversation-data.server.ts";
import { runAnalysis, runGongSearch, runTranscriptFetch, startAnalysis, startGongSearch, startTranscriptFetch } from "~/modules/poc/gong-ai-runs.server.ts";
import { createPoc, editPoc } from "~/modules/poc/poc.server.ts";
import { generateKey, keyIdOf, parseKeyRing } from "~/utils/encryption.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { startWorkers, stopWorkers } from "../../jobs/index.ts";
import { pocConversationDataJob } from "../../jobs/poc-conversation-data.ts";
import { changeEnv } from "../support/env.ts";
import { Browser, visibleText } from "../support/app.ts";
import { northwindWithFakes } from "../support/gong-ai.ts";
import { signedInBrowser } from "../support/signed-in.ts";

const SENTENCE = "Thanks for making the time today, Dana.";
const PARTICIPANT_EMAIL = "dana.whitfield@northwind.example";

let browser: Browser;
let actor: { kind: "staff"; userId: string; name: string };
let pocId: string;
let quote: string;

const text = async (path: string) => visibleText(await (await browser.get(path)).text());
const run = async (kind: string) => (await prisma.pocJobRun.findFirstOrThrow({ where: { pocId, kind }, orderBy: { createdAt: "desc" } })).id;

/** Every row of every table of the app, as text: what a database dump or a stolen backup shows. */
async function everyRow() {
  const tables = await prisma.$queryRaw<{ name: string }[]>`SELECT table_name::text AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`;
  const rows: string[] = [];
  for (const { name } of tables) {
    const found = await prisma.$queryRawUnsafe<{ row: string }[]>(`SELECT t::text AS row FROM "${name.replace(/"/g, '""')}" t`);
    rows.push(...found.map((r) => `${name}: ${r.row}`));
  }
  return rows.join("\n");
}

let fakes: Awaited<ReturnType<typeof northwindWithFakes>>;

beforeAll(async () => {
  fakes = await northwindWithFakes("");
  ({ browser, actor, pocId } = fakes);
  expect((await startGongSearch(pocId, { from: "2025-03-01", to: "2025-03-31" }, actor)).ok).toBe(true);
  await runGongSearch(await run("gong-search"));
  const calls = await prisma.pocCall.findMany({ where: { pocId, title: { in: ["Northwind <> Sentry: discovery", "Northwind technical deep dive"] } } });
  expect((await startTranscriptFetch(pocId, calls.map((c) => c.id), actor)).ok).toBe(true);
  await runTranscriptFetch(await run("gong-transcripts"));
  expect((await startAnalysis(pocId, actor)).ok).toBe(true);
  await runAnalysis(await run("ai-analysis"));
  const item = (await prisma.pocValueItem.findMany({ where: { pocId, flagged: false } })).find((i) => openEvidence(i).length > 0)!;
  quote = openEvidence(item)[0].text;
});
afterAll(() => fakes.close());

describe("conversation data at rest", () => {
  it("stores no transcript sentence, participant or quote in plaintext, and the tabs and the analysis still use them", async () => {
    const dump = await everyRow();
    expect(dump).toContain("Northwind <> Sentry: discovery"); // the dump is real: call titles are kept in the clear
    expect(dump).not.toContain(SENTENCE);
    expect(dump).not.toContain(PARTICIPANT_EMAIL);
    expect(dump).not.toContain("Dana Whitfield");
    expect(quote.length).toBeGreaterThan(10);
    expect(dump).not.toContain(quote);

    const call = await prisma.pocCall.findFirstOrThrow({ where: { pocId, title: "Northwind <> Sentry: discovery" } });
    expect(keyIdOf(call.transcriptCipher!)).toBe("test1");
    expect(keyIdOf(call.partiesCipher!)).toBe("test1");
    // A ciphertext copied onto another call does not open.
    expect(() => openTranscript({ ...call, gongId: "another-call" })).toThrow();

    const gongTab = await text(`/staff/pocs/${pocId}/gong`);
    expect(gongTab).toContain(SENTENCE);
    expect(gongTab).toContain("Dana Whitfield");
    expect(gongTab).toContain("deleted 90 days after this POC is marked Won or Lost");
    const aiTab = await text(`/staff/pocs/${pocId}/ai`);
    expect(aiTab).toContain(quote);
    // The analysis read the decrypted transcripts: its quotes were verified against them.
    expect((await prisma.pocJobRun.findFirstOrThrow({ where: { pocId, kind: "ai-analysis" } })).status).toBe("SUCCEEDED");
  });

  it("encrypts rows stored in plaintext before the encrypted columns existed, once", async () => {
    const legacyPoc = await createPoc({ customerName: "Legacy Co", accountDomain: "legacy.example", ownerId: actor.userId, startDate: null, endDate: null, goals: "" }, actor);
    const sentence = "Our legacy pager wakes three engineers every night.";
    const transcript = JSON.stringify([{ startMs: 1000, speakerName: "Lee Legacy", side: "customer", text: sentence }]);
    const parties = JSON.stringify([{ name: "Lee Legacy", email: "lee@legacy.example", affiliation: "External", side: "customer", speakerId: "1" }]);
    await prisma.$executeRaw`INSERT INTO "PocCall" (id, "pocId", "gongId", title, "startedAt", "durationSeconds", parties, selected, transcript, "transcriptFetchedAt")
      VALUES ('legacy-call', ${legacyPoc.id}, 'g-legacy', 'Legacy kickoff', now(), 600, ${parties}::jsonb, true, ${transcript}::jsonb, now())`;
    const evidence = JSON.stringify([{ callId: "legacy-call", timestamp: "00:00:01", startMs: 1000, speaker: "Lee Legacy", side: "customer", text: sentence }]);
    await prisma.$executeRaw`INSERT INTO "PocValueItem" (id, "pocId", section, statement, evidence, "updatedAt") VALUES ('legacy-item', ${legacyPoc.id}, 'current_challenges', 'Alert fatigue', ${evidence}::jsonb, now())`;
    expect(await everyRow()).toContain(sentence);

    // The workers queue the job as they start (server.ts), so an upgraded app encrypts by itself.
    await startWorkers();
    try {
      const deadline = Date.now() + 15_000;
      while ((await prisma.pocValueItem.findUniqueOrThrow({ where: { id: "legacy-item" } })).evidenceCipher === null) {
        if (Date.now() > deadline) throw new Error("the start-up job did not encrypt the legacy rows");
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      await stopWorkers();
    }
    const call = await prisma.pocCall.findUniqueOrThrow({ where: { id: "legacy-call" } });
    expect(call.legacyTranscript).toBeNull();
    expect(call.legacyParties).toEqual([]);
    expect(keyIdOf(call.transcriptCipher!)).toBe("test1");
    const dump = await everyRow();
    expect(dump).not.toContain(sentence);
    expect(dump).not.toContain("lee@legacy.example");
    expect(await text(`/staff/pocs/${legacyPoc.id}/gong`)).toContain(sentence);
    expect(await text(`/staff/pocs/${legacyPoc.id}/ai`)).toContain(sentence);
    // Idempotent: nothing left to encrypt.
    expect(await pocConversationDataJob.handle({}, {} as never)).toMatchObject({ encrypted: { calls: 0, items: 0 } });
  });

  it("re-encrypts transcripts, participants and quotes under the new first key on rotation", async () => {
    const original = process.env.ENCRYPTION_KEY!;
    const ring = parseKeyRing(`new:${generateKey()},${original}`);
    const rotated = await reencryptConversationData(prisma, ring);
    expect(rotated.keyId).toBe("new");
    expect(rotated.rotated).toBeGreaterThan(2);
    const ciphers = [
      ...(await prisma.pocCall.findMany({ select: { transcriptCipher: true, partiesCipher: true } })).flatMap((c) => [c.transcriptCipher, c.partiesCipher]),
      ...(await prisma.pocValueItem.findMany({ select: { evidenceCipher: true } })).map((i) => i.evidenceCipher),
    ].filter((c): c is string => c !== null);
    expect(ciphers.length).toBeGreaterThan(3);
    expect(ciphers.every((c) => keyIdOf(c) === "new")).toBe(true);
    expect(await reencryptConversationData(prisma, ring)).toMatchObject({ rotated: 0 });
    // Readable with the new ring...
    await changeEnv({ ENCRYPTION_KEY: `new:${ring.current.key.toString("base64")}` });
    try {
      expect(await text(`/staff/pocs/${pocId}/gong`)).toContain(SENTENCE);
    } finally {
      // ...and back under the test key for the rest of the file.
      await changeEnv({ ENCRYPTION_KEY: original });
      await reencryptConversationData(prisma, parseKeyRing(`${original},new:${ring.current.key.toString("base64")}`));
    }
    expect(await text(`/staff/pocs/${pocId}/gong`)).toContain(SENTENCE);

    // A key dropped from the ring too early: the tabs still open and say what to do, and an analysis fails at once in plain words.
    await changeEnv({ ENCRYPTION_KEY: `other:${generateKey()}` });
    try {
      const gong = await browser.get(`/staff/pocs/${pocId}/gong`);
      expect(gong.status).toBe(200);
      const page = visibleText(await gong.text());
      expect(page).toContain(`Transcript: Can't be decrypted (key "test1" is not in ENCRYPTION_KEY): an administrator needs to put that key back in ENCRYPTION_KEY.`);
      expect(page).not.toContain(SENTENCE);
      const ai = await browser.get(`/staff/pocs/${pocId}/ai`);
      expect(ai.status).toBe(200);
      expect(visibleText(await ai.text())).toContain(`Quotes: Can't be decrypted (key "test1" is not in ENCRYPTION_KEY)`);
      const started = await startAnalysis(pocId, actor);
      expect(started.ok).toBe(true);
      await runAnalysis((started as { runId: string }).runId);
      const failed = await prisma.pocJobRun.findUniqueOrThrow({ where: { id: (started as { runId: string }).runId } });
      expect(failed).toMatchObject({ status: "FAILED", attempts: 1 });
      expect(failed.error).toContain(`The stored transcripts can't be decrypted (key "test1" is not in ENCRYPTION_KEY)`);
    } finally {
      await changeEnv({ ENCRYPTION_KEY: original });
    }
  });

  it("deletes them TRANSCRIPT_RETENTION_DAYS after the POC is won or lost, and the Gong tab says when", async () => {
    const other = await createPoc({ customerName: "Still Open", accountDomain: "open.example", ownerId: actor.userId, startDate: null, endDate: null, goals: "" }, actor);
    await prisma.pocCall.create({ data: { pocId: other.id, gongId: "g-open", title: "Open call", startedAt: new Date(), durationSeconds: 60, transcriptCipher: "kept", transcriptFetchedAt: new Date() } });

    let poc = await prisma.poc.findUniqueOrThrow({ where: { id: pocId } });
    expect(poc.closedAt).toBeNull();
    const won = await editPoc(pocId, poc.version, { status: "WON" }, actor);
    expect(won.ok).toBe(true);
    poc = await prisma.poc.findUniqueOrThrow({ where: { id: pocId } });
    const closedAt = poc.closedAt!;
    expect(Date.now() - closedAt.getTime()).toBeLessThan(60_000);
    // Won → Lost keeps the date it closed.
    await editPoc(pocId, poc.version, { status: "LOST" }, actor);
    poc = await prisma.poc.findUniqueOrThrow({ where: { id: pocId } });
    expect(poc.closedAt).toEqual(closedAt);

    const day = (d: Date) => d.toISOString().slice(0, 10);
    const deleteOn = new Date(closedAt.getTime() + 90 * 86_400_000);
    expect(await text(`/staff/pocs/${pocId}/gong`)).toContain(`This POC closed on ${day(closedAt)}: its transcripts, call participants and AI quotes will be deleted on ${day(deleteOn)}.`);

    // Not yet: a day before the date, nothing goes.
    expect(await deleteExpiredConversationData(new Date(deleteOn.getTime() - 86_400_000), 90)).toEqual({ pocs: 0, calls: 0, items: 0 });
    expect(await text(`/staff/pocs/${pocId}/gong`)).toContain(SENTENCE);

    const later = new Date(deleteOn.getTime() + 3600_000);
    const deleted = await deleteExpiredConversationData(later, 90);
    expect(deleted.pocs).toBe(1);
    expect(deleted.calls).toBe(8);
    expect(deleted.items).toBeGreaterThan(0);
    const calls = await prisma.pocCall.findMany({ where: { pocId } });
    expect(calls.every((c) => c.transcriptCipher === null && c.partiesCipher === null && c.transcriptFetchedAt === null && c.transcriptDeletedAt?.getTime() === later.getTime())).toBe(true);
    expect(await prisma.pocValueItem.count({ where: { pocId, evidenceCipher: { not: null } } })).toBe(0);
    expect(await prisma.pocValueItem.count({ where: { pocId } })).toBeGreaterThan(0); // the statements stay
    // The open POC keeps its transcript.
    expect((await prisma.pocCall.findFirstOrThrow({ where: { pocId: other.id } })).transcriptCipher).toBe("kept");
    // Idempotent.
    expect(await deleteExpiredConversationData(later, 90)).toMatchObject({ calls: 0, items: 0 });

    const gongTab = await text(`/staff/pocs/${pocId}/gong`);
    expect(gongTab).toContain(`its transcripts, call participants and AI quotes were deleted on ${day(later)}.`);
    expect(gongTab).toContain(`Transcript deleted on ${day(later)} (retention)`);
    expect(gongTab).not.toContain(SENTENCE);
    expect(gongTab).not.toContain("Dana Whitfield");
    expect(gongTab).toContain("Northwind <> Sentry: discovery".replace("<>", "&lt;&gt;"));
    expect(await text(`/staff/pocs/${pocId}/ai`)).not.toContain(quote);
    expect(await startAnalysis(pocId, actor)).toMatchObject({ ok: false, reason: "not_ready" });

    // Reopened: the clock stops.
    poc = await prisma.poc.findUniqueOrThrow({ where: { id: pocId } });
    await editPoc(pocId, poc.version, { status: "ACTIVE" }, actor);
    expect((await prisma.poc.findUniqueOrThrow({ where: { id: pocId } })).closedAt).toBeNull();
  });
});

describe("deleting a POC's conversation data now", () => {
  it("is for staff only, needs the confirmation, and deletes the transcripts, participants and quotes of that POC only", async () => {
    const target = await createPoc({ customerName: "Erase Me", accountDomain: "erase.example", ownerId: actor.userId, startDate: null, endDate: null, goals: "" }, actor);
    const keep = await createPoc({ customerName: "Keep Me", accountDomain: "keep.example", ownerId: actor.userId, startDate: null, endDate: null, goals: "" }, actor);
    const sentence = "Please delete everything I said on this call.";
    for (const poc of [target, keep]) {
      const ref = { pocId: poc.id, gongId: `g-${poc.id}` };
      await prisma.pocCall.create({
        data: { ...ref, title: `Call of ${poc.customerName}`, startedAt: new Date(), durationSeconds: 60, selected: true, transcriptFetchedAt: new Date(), transcriptCipher: sealTranscript(ref, [{ startMs: 0, speakerName: "Pat Private", side: "customer", text: sentence }]), partiesCipher: sealParties(ref, []) },
      });
      await prisma.pocValueItem.create({ data: { pocId: poc.id, section: "impact", statement: "Keeps the statement", evidenceCipher: sealEvidence(poc.id, [{ callId: "x", timestamp: "00:00:00", startMs: 0, speaker: "Pat Private", side: "customer", text: sentence }]) } });
    }
    const tab = `/staff/pocs/${target.id}/gong`;
    expect(await text(tab)).toContain("Delete the conversation data now");

    for (const role of ["STUDENT", "INSTRUCTOR"] as const) {
      const { browser: outsider } = await signedInBrowser(role);
      expect((await outsider.post(tab, { intent: "delete-conversation-data", confirm: "yes" })).status).toBe(403);
    }
    const guest = await new Browser().post(tab, { intent: "delete-conversation-data", confirm: "yes" });
    expect([302, 303]).toContain(guest.status);
    expect(guest.headers.get("Location")).toMatch(/^\/login/);

    expect((await browser.post("/staff/pocs/no-such-poc/gong", { intent: "delete-conversation-data", confirm: "yes" })).status).toBe(404);

    const unconfirmed = await browser.post(tab, { intent: "delete-conversation-data" });
    expect(unconfirmed.status).toBe(400);
    expect(visibleText(await unconfirmed.text())).toContain("Tick the box to confirm: this can't be undone.");
    expect(await prisma.pocCall.count({ where: { pocId: target.id, transcriptCipher: { not: null } } })).toBe(1);

    const done = await browser.post(tab, { intent: "delete-conversation-data", confirm: "yes" });
    expect(done.status).toBe(302);
    const call = await prisma.pocCall.findFirstOrThrow({ where: { pocId: target.id } });
    expect(call).toMatchObject({ transcriptCipher: null, partiesCipher: null, transcriptFetchedAt: null });
    expect(call.transcriptDeletedAt).not.toBeNull();
    expect(await prisma.pocValueItem.findFirstOrThrow({ where: { pocId: target.id } })).toMatchObject({ evidenceCipher: null, statement: "Keeps the statement" });
    const page = await text(tab);
    expect(page).not.toContain(sentence);
    expect(page).not.toContain("Delete the conversation data now");
    expect(await prisma.pocActivity.count({ where: { pocId: target.id, summary: "deleted the Gong transcripts, call participants and AI quotes", actor: "Sam Seller" } })).toBe(1);
    // The other POC keeps its data.
    expect(await text(`/staff/pocs/${keep.id}/gong`)).toContain(sentence);
  });
});

describe("the privacy page", () => {
  it("says, to anyone, what is stored encrypted and when transcripts are deleted, linked from every page's footer", async () => {
    const guest = new Browser();
    const home = await (await guest.get("/")).text();
    expect(home).toContain('href="/privacy"');
    const response = await guest.get("/privacy");
    expect(response.status).toBe(200);
    const page = visibleText(await response.text());
    expect(page).toContain("Privacy and data");
    expect(page).toContain("stored encrypted (AES-256-GCM), and deleted 90 days after the proof of concept is marked won or lost");
    expect(page).toContain("refuse a pasted token that could change anything in Sentry");
  });
});
