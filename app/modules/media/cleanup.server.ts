/**
 * What uploads leave behind, removed (jobs/media-cleanup.ts runs it hourly;
 * decision 035): partial tus uploads past their expiry, uploads still UPLOADING
 * a day after their last chunk (their row and any bytes), the stored bytes of
 * assets that FAILED a day ago (the row stays: the studio shows its error), and
 * objects under media/ whose asset row is gone (a delete whose second step failed).
 */
import { prisma } from "~/utils/db.server.ts";
import { getMediaStore } from "./storage.server.ts";
import { deleteExpiredTusUploads, removeTusUpload } from "./tus.server.ts";

const STALE_UPLOAD_MS = 24 * 3600_000;

export async function cleanupMedia(now = new Date()) {
  const store = getMediaStore();
  const dayAgo = new Date(now.getTime() - STALE_UPLOAD_MS);
  const expiredParts = await deleteExpiredTusUploads();

  const stale = await prisma.mediaAsset.findMany({ where: { status: "UPLOADING", updatedAt: { lt: dayAgo } }, select: { id: true } });
  for (const { id } of stale) {
    await prisma.mediaAsset.deleteMany({ where: { id, status: "UPLOADING" } });
    await removeTusUpload(id);
    await store.deletePrefix(`media/${id}/`);
  }

  const failed = await prisma.mediaAsset.findMany({ where: { status: "FAILED", storageKey: { not: "" }, updatedAt: { lt: dayAgo } }, select: { id: true } });
  for (const { id } of failed) {
    await store.deletePrefix(`media/${id}/`);
    await prisma.mediaAsset.update({ where: { id }, data: { storageKey: "", outputs: {} } });
  }

  const stored = new Set((await store.list("media/")).map((key) => key.split("/")[1]).filter(Boolean));
  const known = new Set((await prisma.mediaAsset.findMany({ where: { id: { in: [...stored] } }, select: { id: true } })).map((a) => a.id));
  const orphans = [...stored].filter((id) => !known.has(id));
  for (const id of orphans) await store.deletePrefix(`media/${id}/`);

  return { expiredParts, staleUploads: stale.length, failedBytes: failed.length, orphans: orphans.length };
}
