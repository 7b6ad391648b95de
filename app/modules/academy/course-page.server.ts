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
  // A draft is its editors' preview (its author, admins); for everyone else it doesn't exist yet.
  if (!course || (course.status !== "PUBLISHED" && !canEditCourse(viewer, course))) return null;
  return course;
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
  if (!viewer) return { course, syllabus, editable, learner: null };
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
    learner: {
      enrolled: Boolean(enrollment),
      progress: courseProgress(items, state),
      next: next ? { kind: next.kind, slug: next.slug, title: next.title } : null,
      done: [...state.completedLessonIds, ...state.passedQuizIds],
      certificateId: certificate && !certificate.revokedAt ? certificate.id : null,
    },
  };
}

/** Previous and next items around a position in the course. */
export async function neighbours(courseId: string, position: number) {
  const items = flattenSyllabus(await getSyllabus(courseId));
  return { ...itemsAround(items, position), items };
}
