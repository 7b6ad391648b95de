/** Read models of the course, lesson and quiz pages. */
import { prisma } from "~/utils/db.server.ts";
import { hasRole, type RoleName } from "~/utils/permissions.ts";
import { courseProgress, nextItem } from "./progress.ts";
import { flattenSyllabus, getSyllabus, learnerState } from "./learning.server.ts";

type Viewer = { id: string; role: RoleName } | null;

export const canPreviewDrafts = (viewer: Viewer) => hasRole(viewer, ["INSTRUCTOR"]);

export async function findVisibleCourse(slug: string, viewer: Viewer) {
  const course = await prisma.course.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      title: true,
      summary: true,
      descriptionHtml: true,
      level: true,
      category: true,
      tags: true,
      features: true,
      platforms: true,
      estimatedMinutes: true,
      status: true,
      updatedAt: true,
    },
  });
  if (!course || (course.status !== "PUBLISHED" && !canPreviewDrafts(viewer))) return null;
  return course;
}

export async function coursePageData(slug: string, viewer: Viewer) {
  const course = await findVisibleCourse(slug, viewer);
  if (!course) return null;
  const syllabus = await getSyllabus(course.id);
  const items = flattenSyllabus(syllabus);
  if (!viewer) return { course, syllabus, learner: null };
  const [enrollment, state, certificate] = await Promise.all([
    prisma.enrollment.findUnique({ where: { userId_courseId: { userId: viewer.id, courseId: course.id } } }),
    learnerState(viewer.id, course.id),
    prisma.certificate.findUnique({ where: { userId_courseId: { userId: viewer.id, courseId: course.id } }, select: { id: true, revokedAt: true } }),
  ]);
  const next = nextItem(items, state, enrollment?.lastLessonId);
  return {
    course,
    syllabus,
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
  const index = items.findIndex((i) => i.position === position);
  const pick = (i: (typeof items)[number] | undefined) => (i ? { kind: i.kind, slug: i.slug, title: i.title } : null);
  return { previous: pick(items[index - 1]), next: pick(items[index + 1]), items };
}
