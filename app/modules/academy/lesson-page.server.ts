/** Read model of the lesson page (plain SQL: a hot page). */
import type { VideoOutputs } from "~/modules/media/transcode.server.ts";
import { mediaUrl } from "~/modules/media/signing.server.ts";
import { safeHref } from "~/utils/safe-url.ts";
import { query, queryOne, sql } from "~/utils/sql.server.ts";
import { requireVisibleCourse } from "./course-page.server.ts";

type LessonRow = {
  id: string;
  courseId: string;
  slug: string;
  title: string;
  summary: string;
  bodyHtml: string;
  position: number;
  estimatedMinutes: number;
  videoUrl: string | null;
  captionsUrl: string | null;
  /** `{ title, url }` (typed or imported) or `{ title, assetId }` (uploaded in the studio). */
  resources: { title: string; url?: string; assetId?: string }[];
  videoAssetId: string | null;
  captionsAssetId: string | null;
  posterAssetId: string | null;
  updatedAt: Date;
  /** Set when the lesson is an exercise (decision 041): what the learner may see of it. Never the hidden tests or the solution. */
  exercise: LessonExercise | null;
};

type LessonExercise = { id: string; language: "JAVASCRIPT" | "TYPESCRIPT"; starterCode: string; visibleTests: string; hasHiddenTests: boolean };

function findLessonBySlug(courseId: string, slug: string) {
  return queryOne<LessonRow>(sql`
    SELECT id, "courseId", slug, title, summary, "bodyHtml", position, "estimatedMinutes", "videoUrl", "captionsUrl", resources,
           "videoAssetId", "captionsAssetId", "posterAssetId", "updatedAt",
           (SELECT json_build_object('id', x.id, 'language', x.language::text, 'starterCode', x."starterCode",
                                     'visibleTests', x."visibleTests", 'hasHiddenTests', btrim(x."hiddenTests") <> '')
              FROM "Exercise" x WHERE x."lessonId" = "Lesson".id) AS exercise
      FROM "Lesson" WHERE "courseId" = ${courseId} AND slug = ${slug}`);
}

/** The signed-in learner's state on one lesson, in one round trip. */
export async function learnerLessonState(userId: string, lessonId: string, courseId: string) {
  const row = await queryOne<{ completed: boolean; lastPosition: number | null; bookmarked: boolean; note: string | null; enrolled: boolean }>(sql`
    SELECT coalesce(p."completedAt" IS NOT NULL, false) AS completed, p."lastPosition" AS "lastPosition",
           EXISTS (SELECT 1 FROM "Bookmark" b WHERE b."userId" = ${userId} AND b."lessonId" = ${lessonId}) AS bookmarked,
           (SELECT n.body FROM "Note" n WHERE n."userId" = ${userId} AND n."lessonId" = ${lessonId}) AS note,
           EXISTS (SELECT 1 FROM "Enrollment" e WHERE e."userId" = ${userId} AND e."courseId" = ${courseId}) AS enrolled
      FROM (SELECT 1) one
      LEFT JOIN "LessonProgress" p ON p."userId" = ${userId} AND p."lessonId" = ${lessonId}`);
  return {
    completed: row?.completed ?? false,
    lastPosition: row?.lastPosition ?? 0,
    bookmarked: row?.bookmarked ?? false,
    note: row?.note ?? "",
    enrolled: row?.enrolled ?? false,
  };
}

/** The course (visible to this visitor, or 404) and its lesson `lessonSlug` (or 404), for the lesson page's loader and action. */
export async function requireVisibleLesson(request: Request, courseSlug: string, lessonSlug: string) {
  const { user, course } = await requireVisibleCourse(request, courseSlug);
  const lesson = await findLessonBySlug(course.id, lessonSlug);
  if (!lesson) throw new Response("Not found", { status: 404 });
  return { user, course, lesson };
}

// ───────────── the lesson's media (decision 037) ─────────────

type AssetRow = { id: string; kind: string; status: string; title: string; outputs: Partial<VideoOutputs> | null };

/**
 * How long the page's media URLs stay valid past the render: the whole video plus this margin (pausing, reading
 * the text first). Far longer than any cache that may keep the page (the guests' page cache keeps it for
 * seconds: page-cache.server.ts), so a kept page never hands out an expired URL. With JavaScript the
 * player asks for fresh URLs if one expires all the same (video-player.tsx).
 */
export const MEDIA_URL_MARGIN_SECONDS = 30 * 60;

export type LessonMedia = {
  /** `src`: the MP4 (or a typed URL); `hls`: the master playlist when there is one; `renditions`: heights for the quality menu. */
  video: { src: string; type: string | null; hls: string | null; poster: string | null; durationSeconds: number | null; renditions: { height: number; bandwidth: number }[] } | null;
  /** The lesson's uploaded video is still being transcoded (and no typed URL stands in): said in place of the player. */
  videoPending: boolean;
  captions: { src: string; srcLang: string; label: string } | null;
  resources: { title: string; url: string | null; download: boolean }[];
};

/** A typed video URL's type by its extension, for `<source type>`; unknown: none (the browser sniffs). */
function typedVideoType(url: string) {
  const ext = /\.([a-z0-9]+)(?:$|[?#])/i.exec(new URL(url, "http://x").pathname)?.[1]?.toLowerCase();
  return ext === "mp4" || ext === "m4v" ? "video/mp4" : ext === "webm" ? "video/webm" : ext === "m3u8" ? "application/vnd.apple.mpegurl" : null;
}

/** The lesson's uploaded assets (its course's only: an id pointing elsewhere is never signed). */
function lessonAssets(lesson: LessonRow, resourceIds: string[]) {
  const ids = [lesson.videoAssetId, lesson.captionsAssetId, lesson.posterAssetId, ...resourceIds].filter((id): id is string => Boolean(id));
  if (ids.length === 0) return Promise.resolve([]);
  return query<AssetRow>(sql`
    SELECT id, kind::text AS kind, status::text AS status, title, outputs FROM "MediaAsset"
     WHERE id = ANY(${ids}::text[]) AND "courseId" = ${lesson.courseId}`);
}

/**
 * What the lesson page plays and links: signed URLs (signing.server.ts) for READY assets, for `viewer`
 * (null: a guest, whose URLs any guest may use, so the guests' page cache may share them; a signed-in
 * viewer's page is never kept by it). Typed `videoUrl`/`captionsUrl`/resource URLs keep working, behind
 * the URL rule (safe-url.ts); an uploaded asset wins over a typed URL once it is READY.
 */
export async function lessonMedia(lesson: LessonRow, viewer: { id: string } | null): Promise<LessonMedia> {
  const resources = Array.isArray(lesson.resources) ? lesson.resources : [];
  const resourceIds = resources.map((r) => (typeof r?.assetId === "string" ? r.assetId : null)).filter((id): id is string => Boolean(id));
  const rows = await lessonAssets(lesson, resourceIds);
  const ready = new Map(rows.filter((a) => a.status === "READY").map((a) => [a.id, a]));
  const readyAs = (id: string | null, ...kinds: string[]) => (id && kinds.includes(ready.get(id)?.kind ?? "") ? ready.get(id) : undefined);
  const video = readyAs(lesson.videoAssetId, "VIDEO");
  const outputs = video?.outputs ?? null;
  const duration = Number(outputs?.durationSeconds) > 0 ? Number(outputs!.durationSeconds) : null;
  const ttl = Math.ceil(duration ?? 0) + MEDIA_URL_MARGIN_SECONDS;
  const sign = (assetId: string, file: string) => mediaUrl(assetId, file, viewer, ttl);
  const posterAsset = readyAs(lesson.posterAssetId, "POSTER", "IMAGE");
  const poster = posterAsset ? sign(posterAsset.id, "original") : video && outputs?.poster ? sign(video.id, outputs.poster) : null;

  let media: LessonMedia["video"] = null;
  if (video && outputs?.mp4) {
    // The master playlist's children are signed afresh by the files route each time it is fetched.
    media = {
      src: sign(video.id, outputs.mp4),
      type: "video/mp4",
      hls: outputs.hls ? sign(video.id, outputs.hls) : null,
      poster,
      durationSeconds: duration,
      renditions: (Array.isArray(outputs.renditions) ? outputs.renditions : [])
        .map((r) => ({ height: Number(r.height), bandwidth: Number(r.bandwidth) }))
        .filter((r) => r.height > 0)
        .sort((a, b) => b.height - a.height),
    };
  } else {
    const typed = safeHref(lesson.videoUrl);
    if (typed) media = { src: typed, type: typedVideoType(typed), hls: /\.m3u8($|[?#])/i.test(typed) ? typed : null, poster, durationSeconds: null, renditions: [] };
  }
  const captionsAsset = readyAs(lesson.captionsAssetId, "CAPTIONS");
  const captionsSrc = captionsAsset ? sign(captionsAsset.id, "original") : safeHref(lesson.captionsUrl);
  return {
    video: media,
    videoPending: !media && rows.some((a) => a.id === lesson.videoAssetId && (a.status === "UPLOADING" || a.status === "PROCESSING")),
    captions: media && captionsSrc ? { src: captionsSrc, srcLang: "en", label: "English" } : null,
    resources: resources.flatMap((r): LessonMedia["resources"] => {
      const title = String(r?.title ?? "");
      if (typeof r?.assetId === "string") {
        // An upload not READY yet (or gone) is not listed: nothing to download.
        const asset = readyAs(r.assetId, "RESOURCE", "IMAGE");
        return asset ? [{ title: title || asset.title, url: sign(asset.id, "original"), download: true }] : [];
      }
      return [{ title, url: safeHref(r?.url) ?? null, download: false }];
    }),
  };
}
