/**
 * Imported lessons whose `video:` / `captions:` name a file on this site (a path
 * under public/, e.g. the starter catalogue's /media/how-an-error-reaches-sentry.mp4)
 * get that file as a MediaAsset, like an upload: the original in the media store, a
 * video PROCESSING (transcode-queue.server.ts's start-up sweep queues its transcode;
 * the seed runs before the workers start), WebVTT captions READY, and the lesson's
 * videoAssetId / captionsAssetId set. `videoUrl` / `captionsUrl` keep the path as
 * written. Re-importing the same file (name and size) keeps its asset.
 * prisma/seed/content/FORMAT.md documents it.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { PrismaClient } from "~/generated/prisma/client.ts";
import type { ParsedCatalog } from "~/modules/academy/importer.server.ts";
import { parseStartupEnv } from "~/utils/env.server.ts";
import { storeFor, type MediaStore } from "./storage.server.ts";

const VIDEO_TYPES: Record<string, string> = {
  ".mp4": "video/mp4",
  ".m4v": "video/mp4",
  ".mov": "video/quicktime",
  ".webm": "video/webm",
  ".mkv": "video/x-matroska",
};

/** The file under publicDir that a root-relative path names, or null (a URL elsewhere, a missing file, a path escaping publicDir). */
export function localMediaFile(publicDir: string, url: string | undefined): string | null {
  if (!url?.startsWith("/") || url.startsWith("//")) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.split(/[?#]/)[0]);
  } catch {
    return null;
  }
  const root = path.resolve(publicDir);
  const full = path.resolve(root, `.${pathname}`);
  if (!full.startsWith(root + path.sep)) return null;
  return existsSync(full) && statSync(full).isFile() ? full : null;
}

type Kind = "VIDEO" | "CAPTIONS";

async function attach(
  db: PrismaClient,
  lesson: { id: string; courseId: string; title: string },
  current: { originalName: string; sizeBytes: bigint; status: string } | null,
  kind: Kind,
  file: string,
  uploadedById: string | undefined,
  store: MediaStore,
): Promise<boolean> {
  const size = statSync(file).size;
  const name = path.basename(file);
  if (current && current.originalName === name && Number(current.sizeBytes) === size && current.status !== "FAILED") return false;
  const contentType = kind === "CAPTIONS" ? "text/vtt" : (VIDEO_TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream");
  const asset = await db.mediaAsset.create({
    data: { courseId: lesson.courseId, lessonId: lesson.id, uploadedById, kind, status: "UPLOADING", originalName: name, title: name, contentType, sizeBytes: size },
  });
  const storageKey = `media/${asset.id}/original`;
  await store.putFile(storageKey, file, contentType);
  await db.mediaAsset.update({ where: { id: asset.id }, data: { storageKey, status: kind === "VIDEO" ? "PROCESSING" : "READY", progress: kind === "VIDEO" ? 0 : 100 } });
  await db.lesson.update({ where: { id: lesson.id }, data: kind === "VIDEO" ? { videoAssetId: asset.id } : { captionsAssetId: asset.id } });
  return true;
}

/** For each imported lesson whose video or captions is a file under publicDir: an asset (see above). Returns how many were created. */
export async function importLocalMedia(db: PrismaClient, catalog: ParsedCatalog, opts: { publicDir: string; uploadedById?: string }): Promise<number> {
  let created = 0;
  // The store the start-up environment names: `npm run db:seed`/`content:import` run without a SESSION_SECRET.
  const store = storeFor(parseStartupEnv(process.env));
  for (const course of catalog.courses) {
    for (const item of course.items) {
      if (item.kind !== "lesson") continue;
      const video = localMediaFile(opts.publicDir, item.fm.video);
      const captions = localMediaFile(opts.publicDir, item.fm.captions);
      if (!video && !captions) continue;
      if (captions && !/^\uFEFF?WEBVTT(?:[ \t]|\r?\n|$)/.test(readFileSync(captions, "utf8").slice(0, 64))) {
        throw new Error(`${item.file}: captions ${item.fm.captions} is not a WebVTT file (it must start with "WEBVTT")`);
      }
      const lesson = await db.lesson.findFirst({
        where: { slug: item.slug, course: { slug: course.slug } },
        select: {
          id: true,
          courseId: true,
          title: true,
          videoAsset: { select: { originalName: true, sizeBytes: true, status: true } },
          captionsAsset: { select: { originalName: true, sizeBytes: true, status: true } },
        },
      });
      if (!lesson) continue;
      if (video && (await attach(db, lesson, lesson.videoAsset, "VIDEO", video, opts.uploadedById, store))) created++;
      if (captions && (await attach(db, lesson, lesson.captionsAsset, "CAPTIONS", captions, opts.uploadedById, store))) created++;
    }
  }
  return created;
}
