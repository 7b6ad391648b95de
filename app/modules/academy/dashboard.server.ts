/** The learner's dashboard and learning-path progress. */
import { prisma } from "~/utils/db.server.ts";
import { query, sql } from "~/utils/sql.server.ts";
import { recentAnnouncementsFor } from "./announcements.server.ts";
import { courseProgress, currentStreak, nextItem, BADGES } from "./progress.ts";
import { flattenSyllabus, getSyllabus, learnerState, learnerStats } from "./learning.server.ts";

async function enrolledCourses(userId: string) {
  const enrollments = await prisma.enrollment.findMany({
    where: { userId },
    orderBy: { enrolledAt: "desc" },
    select: { completedAt: true, lastLessonId: true, course: { select: { id: true, slug: true, title: true, summary: true } } },
  });
  return Promise.all(
    enrollments.map(async (e) => {
      const items = flattenSyllabus(await getSyllabus(e.course.id));
      const state = await learnerState(userId, e.course.id);
      const next = nextItem(items, state, e.lastLessonId);
      const certificate = e.completedAt
        ? await prisma.certificate.findUnique({ where: { userId_courseId: { userId, courseId: e.course.id } }, select: { id: true } })
        : null;
      return {
        ...e.course,
        completed: Boolean(e.completedAt),
        progress: courseProgress(items, state),
        next: next ? { kind: next.kind, slug: next.slug, title: next.title } : null,
        certificateId: certificate?.id ?? null,
      };
    }),
  );
}

export async function pathsWithProgress(userId: string | null) {
  const [paths, completed] = await Promise.all([
    prisma.learningPath.findMany({
      orderBy: { title: "asc" },
      select: {
        slug: true,
        title: true,
        summary: true,
        description: true,
        courses: { orderBy: { position: "asc" }, select: { course: { select: { id: true, slug: true, title: true, summary: true, status: true, estimatedMinutes: true } } } },
      },
    }),
    userId ? prisma.enrollment.findMany({ where: { userId, completedAt: { not: null } }, select: { courseId: true } }) : [],
  ]);
  const done = new Set(completed.map((c) => c.courseId));
  return paths.map((p) => {
    const courses = p.courses.map((c) => c.course).filter((c) => c.status === "PUBLISHED");
    const finished = courses.filter((c) => done.has(c.id)).length;
    return {
      ...p,
      courses: courses.map((c) => ({ ...c, completed: done.has(c.id) })),
      finished,
      percent: courses.length ? Math.round((finished / courses.length) * 100) : 0,
    };
  });
}

type StartingCourse = { slug: string; title: string; summary: string; level: string; estimatedMinutes: number; lessons: number; quizzes: number };

/**
 * A first course for someone who hasn't started, from the catalogue's own data (no
 * hard-coded slugs): a beginner course, the one that opens the most learning paths,
 * then the one most learners chose. Null for an empty catalogue.
 */
async function startingCourse(): Promise<StartingCourse | null> {
  const [course] = await query<StartingCourse>(sql`
    SELECT c.slug, c.title, c.summary, c.level::text AS level, c."estimatedMinutes",
           (SELECT count(*)::int FROM "Lesson" l WHERE l."courseId" = c.id) AS lessons,
           (SELECT count(*)::int FROM "Quiz" q WHERE q."courseId" = c.id) AS quizzes
      FROM "Course" c
     WHERE c.status = 'PUBLISHED'
     ORDER BY (c.level = 'BEGINNER') DESC,
              (SELECT count(*) FROM "LearningPathCourse" pc
                WHERE pc."courseId" = c.id AND pc.position = (SELECT min(p2.position) FROM "LearningPathCourse" p2 WHERE p2."pathId" = pc."pathId")) DESC,
              (SELECT count(*) FROM "Enrollment" e WHERE e."courseId" = c.id) DESC,
              c.title
     LIMIT 1`);
  return course ?? null;
}

export async function dashboardData(userId: string) {
  const [courses, paths, stats, badges, announcements] = await Promise.all([
    enrolledCourses(userId),
    pathsWithProgress(userId),
    learnerStats(userId),
    prisma.userBadge.findMany({ where: { userId }, orderBy: { earnedAt: "asc" } }),
    recentAnnouncementsFor(userId),
  ]);
  // First visit: nothing enrolled yet. Suggest where to start (a course, or a path to follow).
  const firstVisit = courses.length === 0;
  return {
    courses,
    announcements,
    firstVisit,
    starting: firstVisit ? await startingCourse() : null,
    startingPaths: firstVisit ? paths.filter((p) => p.courses.length > 0).map((p) => ({ slug: p.slug, title: p.title, summary: p.summary, courseCount: p.courses.length })) : [],
    paths: paths.filter((p) => p.courses.some((c) => courses.some((e) => e.id === c.id))),
    streak: currentStreak(stats.activityDays),
    longestStreak: stats.longestStreak,
    stats,
    badges: badges.map((b) => ({ ...BADGES.find((d) => d.slug === b.badge)!, earnedAt: b.earnedAt })).filter((b) => b.slug),
  };
}
