/**
 * Customer conversation data at rest (decision 020).
 *
 * What counts as customer conversation data, and is therefore stored encrypted
 * (AES-256-GCM under the ENCRYPTION_KEY ring, like Sentry tokens) and deleted
 * TRANSCRIPT_RETENTION_DAYS after the POC closes:
 * - `PocCall.transcriptCipher`: every sentence of a Gong call (speaker name, side, time, words);
 * - `PocCall.partiesCipher`: the call's participants (names, email addresses, sides);
 * - `PocValueItem.evidenceCipher`: the verbatim quotes Claude cited (speaker, time, words).
 * Not encrypted, and kept: a call's title, date, duration and Gong link (the list of
 * calls, so the tab can say which transcripts were deleted), and the value items'
 * statements (the SE's reviewed summary; an accepted one becomes a success criterion).
 *
 * Each ciphertext is bound to its row (the POC and the Gong call id, or the POC for
 * quotes) as additional authenticated data. Decrypted only where used: the staff Gong
 * tab, GET /api/v1/pocs/{id}/gong[/calls/{id}], the AI analysis job and the AI tab.
 *
 * The columns they replace (`transcript`, `parties`, `evidence`, now `legacy*` in
 * Prisma) held plaintext; `encryptLegacyConversationData` moves those rows over and
 * empties them, idempotently (the poc-conversation-data job runs it at start-up and
 * hourly). `reencryptConversationData` is the `npm run secrets:rotate` step.
 */
import { Prisma, type PrismaClient } from "~/generated/prisma/client.ts";
import { prisma as defaultPrisma } from "~/utils/db.server.ts";
import { decrypt, DecryptionError, encrypt, encryptionConfigured, reencrypt, type KeyRing } from "~/utils/encryption.server.ts";
import { getEnv } from "~/utils/env.server.ts";
import type { Evidence } from "./ai/analyze.server.ts";
import type { GongCallParty } from "./gong/client.server.ts";
import { recordActivity, type StaffActor } from "./poc.server.ts";

/** The stored transcript of a call. */
export type StoredSentence = { startMs: number; speakerName: string; side: string; text: string };

type CallRef = { pocId: string; gongId: string };
const transcriptContext = (c: CallRef) => `poc-transcript:${c.pocId}:${c.gongId}`;
const partiesContext = (c: CallRef) => `poc-parties:${c.pocId}:${c.gongId}`;
const evidenceContext = (pocId: string) => `poc-evidence:${pocId}`;

const seal = (value: unknown, context: string, ring?: KeyRing) => encrypt(JSON.stringify(value), context, ring);
const open = <T>(cipher: string, context: string): T => JSON.parse(decrypt(cipher, context)) as T;

export function sealTranscript(call: CallRef, sentences: StoredSentence[]) {
  return seal(sentences, transcriptContext(call));
}

export function sealParties(call: CallRef, parties: GongCallParty[]) {
  return seal(parties, partiesContext(call));
}

/** Null when there is no quote (a flagged or hand-written item). */
export function sealEvidence(pocId: string, evidence: Evidence[]) {
  return evidence.length ? seal(evidence, evidenceContext(pocId)) : null;
}

type CallRow = CallRef & { transcriptCipher: string | null; legacyTranscript?: Prisma.JsonValue | null };

/** The call's transcript, or null when it was never fetched (or was deleted). */
export function openTranscript(call: CallRow): StoredSentence[] | null {
  if (call.transcriptCipher) return open<StoredSentence[]>(call.transcriptCipher, transcriptContext(call));
  // Until the start-up job has encrypted it (the job runs in the background).
  return (call.legacyTranscript as StoredSentence[] | null | undefined) ?? null;
}

export function openParties(call: CallRef & { partiesCipher: string | null; legacyParties?: Prisma.JsonValue }): GongCallParty[] {
  if (call.partiesCipher) return open<GongCallParty[]>(call.partiesCipher, partiesContext(call));
  return (call.legacyParties as unknown as GongCallParty[] | undefined) ?? [];
}

export function openEvidence(item: { pocId: string; evidenceCipher: string | null; legacyEvidence?: Prisma.JsonValue }): Evidence[] {
  if (item.evidenceCipher) return open<Evidence[]>(item.evidenceCipher, evidenceContext(item.pocId));
  return (item.legacyEvidence as unknown as Evidence[] | undefined) ?? [];
}

/**
 * For the pages: the value, or (with the fallback) why it can't be read, when its key was
 * dropped from ENCRYPTION_KEY too early, so the tab still opens and says what to do.
 */
export function tryOpen<T>(open: () => T, fallback: T): { value: T; unreadable: string | null } {
  try {
    return { value: open(), unreadable: null };
  } catch (error) {
    if (!(error instanceof DecryptionError)) throw error;
    return { value: fallback, unreadable: `Can't be decrypted (${error.message}): an administrator needs to put that key back in ENCRYPTION_KEY.` };
  }
}

// ───────────── the start-up migration ─────────────

const isEmptyList = (value: Prisma.JsonValue | null) => Array.isArray(value) && value.length === 0;

/**
 * Encrypts every row still holding plaintext in a legacy column and empties that
 * column, one update per row, guarded on the ciphertext columns being as read (a
 * transcript fetched meanwhile is newer and wins; two instances at once just seal the
 * same value twice). Without ENCRYPTION_KEY it does nothing and says so.
 */
export async function encryptLegacyConversationData(prisma: PrismaClient = defaultPrisma) {
  if (!encryptionConfigured()) return { skipped: "ENCRYPTION_KEY is not set" as const, calls: 0, items: 0 };
  let calls = 0;
  let items = 0;
  const legacyCalls = await prisma.$queryRaw<{ id: string }[]>`
    SELECT id FROM "PocCall" WHERE "transcript" IS NOT NULL OR "parties" <> '[]'::jsonb`;
  for (const { id } of legacyCalls) {
    const call = await prisma.pocCall.findUnique({ where: { id } });
    if (!call) continue;
    const data: Prisma.PocCallUpdateManyMutationInput = {};
    if (call.legacyTranscript !== null) {
      if (!call.transcriptCipher) data.transcriptCipher = sealTranscript(call, call.legacyTranscript as unknown as StoredSentence[]);
      data.legacyTranscript = Prisma.DbNull;
    }
    if (!isEmptyList(call.legacyParties)) {
      if (!call.partiesCipher) data.partiesCipher = sealParties(call, call.legacyParties as unknown as GongCallParty[]);
      data.legacyParties = [];
    }
    if (Object.keys(data).length === 0) continue;
    const { count } = await prisma.pocCall.updateMany({ where: { id, transcriptCipher: call.transcriptCipher, partiesCipher: call.partiesCipher }, data });
    calls += count;
  }
  const legacyItems = await prisma.$queryRaw<{ id: string }[]>`SELECT id FROM "PocValueItem" WHERE "evidence" <> '[]'::jsonb`;
  for (const { id } of legacyItems) {
    const item = await prisma.pocValueItem.findUnique({ where: { id } });
    if (!item || isEmptyList(item.legacyEvidence)) continue;
    const evidenceCipher = item.evidenceCipher ?? sealEvidence(item.pocId, item.legacyEvidence as unknown as Evidence[]);
    const { count } = await prisma.pocValueItem.updateMany({ where: { id, evidenceCipher: item.evidenceCipher }, data: { evidenceCipher, legacyEvidence: [] } });
    items += count;
  }
  return { calls, items };
}

// ───────────── key rotation ─────────────

/** Re-seals every transcript, parties list and quote list under the ring's first key (`npm run secrets:rotate`). */
export async function reencryptConversationData(prisma: PrismaClient, ring: KeyRing) {
  let calls = 0;
  let items = 0;
  const callRows = await prisma.pocCall.findMany({
    where: { OR: [{ transcriptCipher: { not: null } }, { partiesCipher: { not: null } }] },
    select: { id: true, pocId: true, gongId: true, transcriptCipher: true, partiesCipher: true },
  });
  for (const call of callRows) {
    const transcript = call.transcriptCipher ? reencrypt(call.transcriptCipher, transcriptContext(call), ring) : null;
    const parties = call.partiesCipher ? reencrypt(call.partiesCipher, partiesContext(call), ring) : null;
    if (!transcript && !parties) continue;
    await prisma.pocCall.update({ where: { id: call.id }, data: { ...(transcript ? { transcriptCipher: transcript } : {}), ...(parties ? { partiesCipher: parties } : {}) } });
    calls += 1;
  }
  const itemRows = await prisma.pocValueItem.findMany({ where: { evidenceCipher: { not: null } }, select: { id: true, pocId: true, evidenceCipher: true } });
  for (const item of itemRows) {
    const evidence = reencrypt(item.evidenceCipher!, evidenceContext(item.pocId), ring);
    if (!evidence) continue;
    await prisma.pocValueItem.update({ where: { id: item.id }, data: { evidenceCipher: evidence } });
    items += 1;
  }
  return { calls: callRows.length, items: itemRows.length, rotated: calls + items, keyId: ring.current.id };
}

// ───────────── retention ─────────────

const DAY_MS = 86_400_000;

export function retentionDays() {
  return getEnv().TRANSCRIPT_RETENTION_DAYS;
}

/** When a closed POC's conversation data is (or was) deleted; null while the POC is open. */
export function deletionDate(closedAt: Date | null, days = retentionDays()) {
  return closedAt ? new Date(closedAt.getTime() + days * DAY_MS) : null;
}

/**
 * Deletes the transcripts, parties and quotes of every POC closed more than `days`
 * days before `now`. The calls stay listed (title, date) with `transcriptDeletedAt`;
 * the value items keep their statements. Idempotent: a second run finds nothing.
 */
export async function deleteExpiredConversationData(now = new Date(), days = retentionDays(), prisma: PrismaClient = defaultPrisma) {
  const cutoff = new Date(now.getTime() - days * DAY_MS);
  const pocs = (await prisma.poc.findMany({ where: { closedAt: { not: null, lte: cutoff } }, select: { id: true } })).map((p) => p.id);
  if (pocs.length === 0) return { pocs: 0, calls: 0, items: 0 };
  return deleteFor(pocs, now, prisma);
}

/**
 * "Delete them now" on the Gong tab (a customer contact asks, or the SE is done with them):
 * the same deletion for one POC at once, with a line in its activity log.
 */
export async function deleteConversationDataNow(pocId: string, actor: StaffActor, now = new Date()) {
  const result = await deleteFor([pocId], now, defaultPrisma);
  await recordActivity(pocId, actor, { action: "deleted-conversation-data" });
  return result;
}

async function deleteFor(pocs: string[], now: Date, prisma: PrismaClient) {
  const [calls, items] = await prisma.$transaction([
    prisma.pocCall.updateMany({
      where: {
        pocId: { in: pocs },
        OR: [{ transcriptCipher: { not: null } }, { partiesCipher: { not: null } }, { transcriptFetchedAt: { not: null } }],
      },
      data: { transcriptCipher: null, partiesCipher: null, transcriptFetchedAt: null, selected: false, transcriptDeletedAt: now },
    }),
    prisma.pocValueItem.updateMany({ where: { pocId: { in: pocs }, evidenceCipher: { not: null } }, data: { evidenceCipher: null } }),
  ]);
  // Plaintext a not-yet-migrated database still holds goes too.
  await prisma.$executeRaw`UPDATE "PocCall" SET "transcript" = NULL, "parties" = '[]'::jsonb WHERE "pocId" = ANY(${pocs}) AND ("transcript" IS NOT NULL OR "parties" <> '[]'::jsonb)`;
  await prisma.$executeRaw`UPDATE "PocValueItem" SET "evidence" = '[]'::jsonb WHERE "pocId" = ANY(${pocs}) AND "evidence" <> '[]'::jsonb`;
  return { pocs: pocs.length, calls: calls.count, items: items.count };
}
