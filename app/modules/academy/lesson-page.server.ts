/** Read model of the lesson page (plain SQL: a hot page). */
import { queryOne, sql } from "~/utils/sql.server.ts";
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
  resources: { title: string; url: string }[];
  updatedAt: Date;
};

function findLessonBySlug(courseId: string, slug: string) {
  return queryOne<LessonRow>(sql`
    SELECT id, "courseId", slug, title, summary, "bodyHtml", position, "estimatedMinutes", "videoUrl", "captionsUrl", resources, "updatedAt"
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
