/** Read models of the course, lesson and quiz pages. */
import { getOptionalUser } from "~/utils/auth.server.ts";
import { queryOne, sql } from "~/utils/sql.server.ts";
import type { CatalogCourse } from "./catalog.server.ts";
import type { RoleName } from "~/utils/permissions.ts";
import { canEditCourse } from "./course-admin.server.ts";
import { courseProgress, itemsAround, nextItem } from "./progress.ts";
import { flattenSyllabus, getSyllabus, learnerState } from "./learning.server.ts";

type Viewer = { id: string; role: RoleName } | null;


export type VisibleCourse = Omit<CatalogCourse, "lessonCount" | "snippet" | "matchedLesson"> & {
  descriptionHtml: string;
  status: "DRAFT" | "PUBLISHED";
  updatedAt: Date;
  /** When learners last got new content ("Updated on"); null until first published. */
  contentUpdatedAt: Date | null;
  authorId: string | null;
};

export async function findVisibleCourse(slug: string, viewer: Viewer): Promise<VisibleCourse | null> {
  const course = await queryOne<VisibleCourse>(sql`
    SELECT id, slug, title, summary, "descriptionHtml", level::text AS level, category, tags, features, platforms,
           "estimatedMinutes", status::text AS status, "updatedAt", "contentUpdatedAt", "authorId"
      FROM "Course" WHERE slug = ${slug}`);
  if (!course || !courseVisibleTo(viewer, course)) return null;
  return course;
}

/** Who may see a course (its pages, its lessons, their media): a draft is its editors' preview (its author, admins); for everyone else it doesn't exist yet. */
export function courseVisibleTo(viewer: Viewer, course: { status: string; authorId: string | null }) {
  return course.status === "PUBLISHED" || canEditCourse(viewer, course);
}

/** The course named in the URL, as the signed-in user (or a guest) may see it; 404 otherwise. */
export async function requireVisibleCourse(request: Request, slug: string) {
  const user = await getOptionalUser(request);
  const course = await findVisibleCourse(slug, user);
  if (!course) throw new Response("Not found", { status: 404 });
  return { user, course };
}

export async function coursePageData(slug: string, viewer: Viewer) {
  const course = await findVisibleCourse(slug, viewer);
  if (!course) return null;
  const syllabus = await getSyllabus(course.id);
  const items = flattenSyllabus(syllabus);
  const editable = canEditCourse(viewer, course);
  // What a certificate takes, for someone who hasn't started (the same rule, nothing done yet).
  const requirements = courseProgress(items, { completedLessonIds: new Set(), passedQuizIds: new Set() });
  if (!viewer) return { course, syllabus, editable, requirements, learner: null };
  const [enrollment, state, certificate] = await Promise.all([
    queryOne<{ lastLessonId: string | null }>(sql`SELECT "lastLessonId" FROM "Enrollment" WHERE "userId" = ${viewer.id} AND "courseId" = ${course.id}`),
    learnerState(viewer.id, course.id),
    queryOne<{ id: string; revokedAt: Date | null }>(sql`SELECT id, "revokedAt" FROM "Certificate" WHERE "userId" = ${viewer.id} AND "courseId" = ${course.id}`),
  ]);
  const next = nextItem(items, state, enrollment?.lastLessonId);
  return {
    course,
    syllabus,
    editable,
    requirements,
    learner: {
      enrolled: Boolean(enrollment),
      progress: courseProgress(items, state),
      next: next ? { kind: next.kind, slug: next.slug, title: next.title } : null,
      done: [...state.completedLessonIds, ...state.passedQuizIds],
      certificateId: certificate && !certificate.revokedAt ? certificate.id : null,
    },
  };
}

/**
 * Where a lesson or quiz page sits in its course: the items before and after it, the
 * course outline (done items marked for a signed-in learner), which lesson of how many
 * it is (lessons counted as lessons, quizzes apart), and the certificate count.
 */
export async function coursePlace(courseId: string, position: number, viewer: Viewer) {
  const syllabus = await getSyllabus(courseId);
  const items = flattenSyllabus(syllabus);
  const state = viewer ? await learnerState(viewer.id, courseId) : { completedLessonIds: new Set<string>(), passedQuizIds: new Set<string>() };
  const done = (i: { kind: "lesson" | "quiz"; id: string }) => (i.kind === "lesson" ? state.completedLessonIds : state.passedQuizIds).has(i.id);
  const lessons = items.filter((i) => i.kind === "lesson");
  const progress = courseProgress(items, state);
  return {
    ...itemsAround(items, position),
    lessonNumber: { index: lessons.findIndex((i) => i.position === position) + 1, of: lessons.length },
    progress,
    started: progress.done > 0 || items.some((i) => !i.required && done(i)),
    outline: syllabus.map((m) => ({
      id: m.id,
      title: m.title,
      items: m.items.map((i) => ({ kind: i.kind, exercise: i.exercise, slug: i.slug, title: i.title, required: i.required, current: i.position === position, done: viewer ? done(i) : false })),
    })),
  };
}
