/**
 * A course's uploaded media (decision 035): every upload, plain multipart or
 * resumable (tus), ends in `finishUpload`, which checks the file's content
 * (inspect.server.ts), stores it under a generated key (`media/<assetId>/original`,
 * never the uploader's name), sets its status, attaches it where it was uploaded
 * for (a lesson's video, captions, poster or resources; the course's image) and
 * queues a video's transcoding. A refused upload leaves no row and no bytes.
 *
 * Who may: an instructor on their own course, or an admin (canEditCourse).
 */
import type { MediaKind, MediaStatus, Prisma } from "~/generated/prisma/client.ts";
import { requireEditableCourse, type Author } from "~/modules/academy/course-admin.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { NotFoundError } from "~/utils/errors.ts";
import { inspectUpload } from "./inspect.server.ts";
import { KIND_LIMITS, type MediaKindName } from "./limits.ts";
import { getMediaStore } from "./storage.server.ts";
import { enqueueTranscode } from "./transcode-queue.server.ts";

/** Where an upload goes: a lesson's slot, or the course (its image, or its image library). */
export type UploadTarget = { courseId: string; lessonId?: string | null; kind: MediaKindName; cover?: boolean };

export type FinishUploadInput = UploadTarget & {
  /** A row made when a resumable upload started (status UPLOADING); none for a plain form upload. */
  assetId?: string;
  tmpPath: string;
  originalName: string;
  title?: string;
  user: Author;
};

export type UploadRefused = { ok: false; status: 400 | 404 | 413 | 415 | 422; message: string };
export type FinishUploadResult = { ok: true; asset: { id: string; kind: MediaKind; status: MediaStatus } } | UploadRefused;

class LessonNotFound extends NotFoundError {
  constructor() {
    super("This lesson isn't part of the course (it may have been deleted).");
  }
}

/** Kinds that belong to one lesson. */
const LESSON_KINDS: readonly MediaKindName[] = ["VIDEO", "CAPTIONS", "POSTER", "RESOURCE"];
const SLOT: Partial<Record<MediaKindName, "videoAssetId" | "captionsAssetId" | "posterAssetId">> = {
  VIDEO: "videoAssetId",
  CAPTIONS: "captionsAssetId",
  POSTER: "posterAssetId",
};

const originalKey = (assetId: string) => `media/${assetId}/original`;
const assetPrefix = (assetId: string) => `media/${assetId}/`;

/** A file name as people gave it, made safe to show and store (no path, no control characters, bounded). */
export function cleanFileName(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters never belong in a shown name
  const base = name.split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f]/g, "").trim();
  return (base || "upload").slice(0, 200);
}

/**
 * Checks that the user may upload this kind to this course/lesson; the course (throws the
 * course's NotFound/Forbidden), or a refusal for a target that makes no sense.
 */
async function checkTarget(target: UploadTarget, user: Author): Promise<UploadRefused | null> {
  await requireEditableCourse(target.courseId, user);
  if (LESSON_KINDS.includes(target.kind) && !target.lessonId) return { ok: false, status: 400, message: `Upload ${KIND_LIMITS[target.kind].noun} from its lesson's page.` };
  if (target.lessonId) {
    const lesson = await prisma.lesson.findFirst({ where: { id: target.lessonId, courseId: target.courseId }, select: { id: true } });
    if (!lesson) throw new LessonNotFound();
  }
  return null;
}

/**
 * The row of a resumable upload, made when it starts so that its bytes have an owner from the
 * first one (the cleanup job removes it if it is never finished). `declaredSize` is checked
 * against the kind's limit before a byte arrives.
 */
export async function startResumableUpload(target: UploadTarget & { originalName: string; title?: string; declaredSize: number; user: Author }) {
  const refused = await checkTarget(target, target.user);
  if (refused) return refused;
  const limit = KIND_LIMITS[target.kind].maxBytes;
  if (target.declaredSize > limit) {
    return { ok: false as const, status: 413 as const, message: `The file is larger than ${KIND_LIMITS[target.kind].limitText.split("up to ").pop()}: ${KIND_LIMITS[target.kind].noun} may be at most that.` };
  }
  const asset = await prisma.mediaAsset.create({
    data: {
      courseId: target.courseId,
      lessonId: target.lessonId ?? null,
      uploadedById: target.user.id,
      kind: target.kind,
      status: "UPLOADING",
      originalName: cleanFileName(target.originalName),
      title: (target.title ?? "").trim().slice(0, 200),
      sizeBytes: BigInt(target.declaredSize),
    },
    select: { id: true },
  });
  return { ok: true as const, assetId: asset.id };
}

/** Checks, stores and attaches one uploaded file (see the module comment). The caller removes `tmpPath`. */
export async function finishUpload(input: FinishUploadInput): Promise<FinishUploadResult> {
  const { courseId, kind, user } = input;
  const lessonId = input.lessonId ?? null;
  const refused = await checkTarget(input, user);
  if (refused) return refused;
  let existing: { id: string } | null = null;
  if (input.assetId) {
    existing = await prisma.mediaAsset.findFirst({ where: { id: input.assetId, courseId, kind, status: "UPLOADING" }, select: { id: true } });
    if (!existing) return { ok: false, status: 404, message: "This upload is no longer in progress (it finished, was removed or expired). Upload the file again." };
  }

  const checked = await inspectUpload(kind, input.tmpPath);
  if (!checked.ok) {
    if (existing) await prisma.mediaAsset.deleteMany({ where: { id: existing.id } });
    return checked;
  }

  const originalName = cleanFileName(input.originalName);
  const title = (input.title ?? "").trim().slice(0, 200) || originalName;
  const asset = existing
    ? existing
    : await prisma.mediaAsset.create({ data: { courseId, lessonId, uploadedById: user.id, kind, status: "UPLOADING", originalName, title }, select: { id: true } });
  const key = originalKey(asset.id);
  const store = getMediaStore();
  try {
    if (checked.converted) await store.put(key, checked.converted, { contentType: checked.contentType, size: checked.size });
    else await store.putFile(key, input.tmpPath, checked.contentType);
  } catch (error) {
    // Nothing half-stored stays behind: no row, and whatever reached the store goes.
    await prisma.mediaAsset.deleteMany({ where: { id: asset.id } });
    await store.deletePrefix(assetPrefix(asset.id)).catch(() => undefined);
    throw error;
  }

  const status: MediaStatus = kind === "VIDEO" ? "PROCESSING" : "READY";
  const replaced = await prisma.$transaction(async (tx) => {
    await tx.mediaAsset.update({
      where: { id: asset.id },
      data: { status, contentType: checked.contentType, sizeBytes: BigInt(checked.size), storageKey: key, originalName, title, progress: 0, error: null },
    });
    return attach(tx, { courseId, lessonId, kind, cover: input.cover === true, assetId: asset.id, title });
  });
  if (kind === "VIDEO") await enqueueTranscode(asset.id);
  for (const id of replaced) await removeAsset(id);
  return { ok: true, asset: { id: asset.id, kind, status } };
}

/** Puts the asset in its place; returns the assets it replaced (a lesson's previous video, captions or poster). */
async function attach(tx: Prisma.TransactionClient, at: { courseId: string; lessonId: string | null; kind: MediaKindName; cover: boolean; assetId: string; title: string }) {
  const slot = SLOT[at.kind];
  if (slot && at.lessonId) {
    const lesson = await tx.lesson.findUniqueOrThrow({ where: { id: at.lessonId }, select: { videoAssetId: true, captionsAssetId: true, posterAssetId: true } });
    const previous = lesson[slot];
    await tx.lesson.update({ where: { id: at.lessonId }, data: { [slot]: at.assetId } });
    return previous && previous !== at.assetId ? [previous] : [];
  }
  if (at.kind === "RESOURCE" && at.lessonId) {
    // Row lock: two resources finishing at once both land in the list.
    await tx.$queryRaw`SELECT id FROM "Lesson" WHERE id = ${at.lessonId} FOR UPDATE`;
    const lesson = await tx.lesson.findUniqueOrThrow({ where: { id: at.lessonId }, select: { resources: true } });
    const resources = Array.isArray(lesson.resources) ? lesson.resources : [];
    await tx.lesson.update({ where: { id: at.lessonId }, data: { resources: [...resources, { title: at.title, assetId: at.assetId }] } });
    return [];
  }
  if (at.kind === "IMAGE" && at.cover) {
    // A course's previous image stays in its library (lesson text may show it).
    await tx.course.update({ where: { id: at.courseId }, data: { coverAssetId: at.assetId } });
  }
  return [];
}

/** Deletes an asset: its row (which detaches it: lesson slots and the course image are set null; resources lose its entry), then its bytes. */
async function removeAsset(assetId: string) {
  const removed = await prisma.$transaction(async (tx) => {
    const asset = await tx.mediaAsset.findUnique({ where: { id: assetId }, select: { id: true, lessonId: true, kind: true } });
    if (!asset) return null;
    if (asset.kind === "RESOURCE" && asset.lessonId) {
      await tx.$queryRaw`SELECT id FROM "Lesson" WHERE id = ${asset.lessonId} FOR UPDATE`;
      const lesson = await tx.lesson.findUnique({ where: { id: asset.lessonId }, select: { resources: true } });
      const resources = Array.isArray(lesson?.resources) ? lesson.resources : [];
      const kept = resources.filter((r) => !(r && typeof r === "object" && !Array.isArray(r) && r.assetId === assetId));
      if (kept.length !== resources.length) await tx.lesson.update({ where: { id: asset.lessonId }, data: { resources: kept } });
    }
    await tx.mediaAsset.delete({ where: { id: assetId } });
    return asset;
  });
  // A failure here leaves bytes without a row: the cleanup job (jobs/media-cleanup.ts) removes them.
  if (removed) await getMediaStore().deletePrefix(assetPrefix(assetId)).catch(() => undefined);
  return removed;
}

/** Deletes one of the course's assets, if the user may edit the course; false when it isn't the course's. */
export async function deleteMediaAsset(courseId: string, assetId: string, user: Author): Promise<{ title: string; kind: MediaKind } | null> {
  await requireEditableCourse(courseId, user);
  const asset = await prisma.mediaAsset.findFirst({ where: { id: assetId, courseId }, select: { id: true, title: true, originalName: true, kind: true } });
  if (!asset) return null;
  await removeAsset(asset.id);
  return { title: asset.title || asset.originalName, kind: asset.kind };
}

/** Removes the course's image (the image stays in the library). */
export async function removeCourseCover(courseId: string, user: Author) {
  await requireEditableCourse(courseId, user);
  await prisma.course.update({ where: { id: courseId }, data: { coverAssetId: null } });
}

// ───────────── what the studio shows ─────────────

const ASSET_FIELDS = {
  id: true,
  kind: true,
  status: true,
  title: true,
  originalName: true,
  contentType: true,
  sizeBytes: true,
  progress: true,
  error: true,
  lessonId: true,
  createdAt: true,
} as const;

export type AssetSummary = {
  id: string;
  kind: MediaKind;
  status: MediaStatus;
  title: string;
  originalName: string;
  contentType: string;
  sizeBytes: number;
  progress: number;
  error: string | null;
  lessonId: string | null;
  createdAt: Date;
};

type AssetRow = Omit<AssetSummary, "sizeBytes"> & { sizeBytes: bigint };
const summary = (row: AssetRow): AssetSummary => ({ ...row, sizeBytes: Number(row.sizeBytes) });

/** One lesson's media, as its studio panel shows it. */
export async function lessonMedia(courseId: string, lessonId: string) {
  const lesson = await prisma.lesson.findFirst({
    where: { id: lessonId, courseId },
    select: { id: true, title: true, videoAssetId: true, captionsAssetId: true, posterAssetId: true, resources: true },
  });
  if (!lesson) throw new LessonNotFound();
  const assets = (await prisma.mediaAsset.findMany({ where: { courseId, lessonId }, select: ASSET_FIELDS, orderBy: { createdAt: "asc" } })).map(summary);
  const byId = new Map(assets.map((a) => [a.id, a]));
  type Resource = { title: string; asset: AssetSummary | null; url: string | null };
  const resources = (Array.isArray(lesson.resources) ? lesson.resources : []).flatMap((r): Resource[] => {
    if (!r || typeof r !== "object" || Array.isArray(r)) return [];
    const assetId = typeof r.assetId === "string" ? r.assetId : null;
    const asset = assetId ? byId.get(assetId) : undefined;
    if (asset) return [{ title: typeof r.title === "string" ? r.title : asset.title, asset, url: null }];
    return typeof r.url === "string" ? [{ title: typeof r.title === "string" ? r.title : r.url, asset: null, url: r.url }] : [];
  });
  const pending = assets.filter((a) => a.kind === "RESOURCE" && a.status === "UPLOADING");
  return {
    lesson: { id: lesson.id, title: lesson.title },
    video: (lesson.videoAssetId && byId.get(lesson.videoAssetId)) || null,
    captions: (lesson.captionsAssetId && byId.get(lesson.captionsAssetId)) || null,
    poster: (lesson.posterAssetId && byId.get(lesson.posterAssetId)) || null,
    resources,
    pending,
    /** When this was read: the no-JS "Refresh status" link's query, so it is a new URL (a link to the page's own URL plus a #fragment would only scroll). */
    checkedAt: Date.now(),
  };
}


/** Every asset of the course, newest first, with where it is used. */
export async function courseMediaLibrary(courseId: string) {
  const [course, rows, lessons] = await Promise.all([
    prisma.course.findUniqueOrThrow({ where: { id: courseId }, select: { coverAssetId: true } }),
    prisma.mediaAsset.findMany({ where: { courseId }, select: ASSET_FIELDS, orderBy: [{ createdAt: "desc" }, { id: "asc" }] }),
    prisma.lesson.findMany({ where: { courseId }, select: { id: true, title: true, videoAssetId: true, captionsAssetId: true, posterAssetId: true } }),
  ]);
  const lessonTitle = new Map(lessons.map((l) => [l.id, l.title]));
  const slotOf = new Map<string, string>();
  for (const l of lessons) {
    if (l.videoAssetId) slotOf.set(l.videoAssetId, `Video of “${l.title}”`);
    if (l.captionsAssetId) slotOf.set(l.captionsAssetId, `Captions of “${l.title}”`);
    if (l.posterAssetId) slotOf.set(l.posterAssetId, `Poster of “${l.title}”`);
  }
  const assets = rows.map(summary).map((asset) => ({
    ...asset,
    usedAs:
      asset.id === course.coverAssetId
        ? "Course image"
        : (slotOf.get(asset.id) ??
          (asset.kind === "RESOURCE" && asset.lessonId ? `Resource of “${lessonTitle.get(asset.lessonId) ?? "a lesson"}”` : asset.kind === "IMAGE" ? "Image library" : "Not attached")),
    lessonId: asset.lessonId && lessonTitle.has(asset.lessonId) ? asset.lessonId : null,
  }));
  return { assets, coverAssetId: course.coverAssetId, working: assets.some((a) => a.status === "UPLOADING" || a.status === "PROCESSING") };
}


/** The course's uploaded image, if it has one (the settings page shows it). */
export async function courseCover(courseId: string): Promise<AssetSummary | null> {
  const course = await prisma.course.findUnique({ where: { id: courseId }, select: { coverAsset: { select: ASSET_FIELDS } } });
  return course?.coverAsset ? summary(course.coverAsset) : null;
}
