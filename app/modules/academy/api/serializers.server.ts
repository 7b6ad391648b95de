/**
 * The Academy API's serialisers: rows → the wire shapes of schemas.ts (each
 * returns its `z.infer`). Stored URLs go out only if they pass the URL rule
 * (safe-url.ts); a signed-in caller's lessons say whether they completed them.
 */
import type { z } from "zod";
import type { Course } from "~/generated/prisma/client.ts";
import type { SessionUser } from "~/utils/auth.server.ts";
import { appUrl } from "~/utils/env.server.ts";
import { safeHref } from "~/utils/safe-url.ts";
import { queryOne, sql } from "~/utils/sql.server.ts";
import type { CourseListColumns } from "../catalog.server.ts";
import { canEditCourse } from "../course-admin.server.ts";
import { getSyllabus, learnerState } from "../learning.server.ts";
import type { SyllabusItem } from "../progress.ts";
import { itemUrl } from "../urls.ts";
import type { courseDetailSchema, courseLessonsSchema, courseRefSchema, courseSchema, lessonDetailSchema, nextItemSchema } from "./schemas.ts";

type CourseOut = z.infer<typeof courseSchema>;

/** A course as the API's SQL reads it: the list columns, the ones only the API shows, and two counts. */
type CourseApiColumns = Pick<Course, "coverUrl" | "status" | "authorId" | "version" | "publishedAt" | "contentUpdatedAt" | "updatedAt">;
export type CourseRow = CourseListColumns & CourseApiColumns & { lessonCount: number; quizCount: number };


const coursePageUrl = (slug: string) => `${appUrl()}/courses/${slug}`;
const wireStatus = (status: string) => status.toLowerCase() as "draft" | "published";

export function courseJson(c: CourseRow, user: SessionUser | null): z.infer<typeof courseSchema> {
  return {
    id: c.id,
    slug: c.slug,
    title: c.title,
    summary: c.summary,
    level: c.level,
    category: c.category as CourseOut["category"],
    tags: c.tags,
    features: c.features as CourseOut["features"],
    platforms: c.platforms,
    estimatedMinutes: c.estimatedMinutes,
    // Stored URLs go out only if they pass the URL rule (safe-url.ts), also those kept from before it.
    coverUrl: safeHref(c.coverUrl) ?? null,
    status: wireStatus(c.status),
    lessonCount: c.lessonCount,
    quizCount: c.quizCount,
    version: c.version,
    publishedAt: c.publishedAt?.toISOString() ?? null,
    contentUpdatedAt: c.contentUpdatedAt?.toISOString() ?? null,
    updatedAt: c.updatedAt.toISOString(),
    editable: canEditCourse(user, c),
    url: coursePageUrl(c.slug),
  };
}


/** The course, its description and its syllabus (modules with their lessons and quizzes, in order). */
export async function courseDetailJson(course: CourseRow & { descriptionHtml: string }, user: SessionUser | null): Promise<z.infer<typeof courseDetailSchema>> {
  const syllabus = await getSyllabus(course.id);
  return {
    ...courseJson(course, user),
    descriptionHtml: course.descriptionHtml,
    modules: syllabus.map((m) => ({
      id: m.id,
      title: m.title,
      items: m.items.map((i) => ({ kind: i.kind, id: i.id, slug: i.slug, title: i.title, summary: i.summary, position: i.position, required: i.required, estimatedMinutes: i.minutes })),
    })),
  };
}


export type LessonRow = {
  id: string;
  slug: string;
  title: string;
  summary: string;
  bodyMarkdown: string;
  bodyHtml: string;
  position: number;
  required: boolean;
  estimatedMinutes: number;
  features: string[];
  platforms: string[];
  videoUrl: string | null;
  captionsUrl: string | null;
  resources: { title: string; url: string }[];
  updatedAt: Date;
  moduleId: string;
  moduleTitle: string;
  courseId: string;
  courseSlug: string;
  courseTitle: string;
  status: "DRAFT" | "PUBLISHED";
  authorId: string | null;
};


const completedLesson = (userId: string, lessonId: string) =>
  queryOne<{ done: boolean }>(sql`SELECT true AS done FROM "LessonProgress" WHERE "userId" = ${userId} AND "lessonId" = ${lessonId} AND "completedAt" IS NOT NULL`);

export async function lessonJson(l: LessonRow, user: SessionUser | null): Promise<z.infer<typeof lessonDetailSchema>> {
  return {
    id: l.id,
    slug: l.slug,
    title: l.title,
    summary: l.summary,
    position: l.position,
    required: l.required,
    estimatedMinutes: l.estimatedMinutes,
    features: l.features,
    platforms: l.platforms,
    videoUrl: safeHref(l.videoUrl) ?? null,
    captionsUrl: safeHref(l.captionsUrl) ?? null,
    resources: l.resources.filter((r) => safeHref(r.url)),
    bodyMarkdown: l.bodyMarkdown,
    bodyHtml: l.bodyHtml,
    updatedAt: l.updatedAt.toISOString(),
    module: { id: l.moduleId, title: l.moduleTitle },
    course: { id: l.courseId, slug: l.courseSlug, title: l.courseTitle, status: wireStatus(l.status) },
    url: `${appUrl()}${itemUrl(l.courseSlug, { kind: "lesson", slug: l.slug })}`,
    ...(user ? { completed: Boolean(await completedLesson(user.id, l.id)) } : {}),
  };
}

/** The course's lessons in order (quizzes are in the course's `modules`), each marked done for a signed-in caller. */
export async function courseLessonsJson(course: CourseRow, user: SessionUser | null): Promise<z.infer<typeof courseLessonsSchema>> {
  const [syllabus, state] = await Promise.all([getSyllabus(course.id), user ? learnerState(user.id, course.id) : null]);
  return {
    course: { id: course.id, slug: course.slug, title: course.title, status: wireStatus(course.status) },
    lessons: syllabus.flatMap((m) =>
      m.items
        .filter((i) => i.kind === "lesson")
        .map((i) => ({
          id: i.id,
          slug: i.slug,
          title: i.title,
          summary: i.summary,
          position: i.position,
          required: i.required,
          estimatedMinutes: i.minutes,
          module: { id: m.id, title: m.title },
          url: `${appUrl()}${itemUrl(course.slug, i)}`,
          ...(state ? { completed: state.completedLessonIds.has(i.id) } : {}),
        })),
    ),
  };
}

export const nextJson = (courseSlug: string, next: SyllabusItem | null): z.infer<typeof nextItemSchema> =>
  next ? { kind: next.kind, id: next.id, slug: next.slug, title: next.title, url: `${appUrl()}${itemUrl(courseSlug, next)}` } : null;


export const courseRef = (e: { courseId: string; slug: string; title: string; status: string }): z.infer<typeof courseRefSchema> => ({ id: e.courseId, slug: e.slug, title: e.title, status: wireStatus(e.status), url: coursePageUrl(e.slug) });

