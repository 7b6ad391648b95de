/**
 * What the Academy API reads of a learner (GET /api/users/me/enrollments and
 * /progress, and the enrolment POST's answer): their enrolments with progress
 * and where to continue, and their learning at a glance. Answer shapes:
 * schemas.ts.
 */
import type { z } from "zod";
import { prisma } from "~/utils/db.server.ts";
import { query, sql } from "~/utils/sql.server.ts";
import { flattenSyllabus, getSyllabus, learnerState, learnerStats } from "../learning.server.ts";
import { BADGES, courseProgress, currentStreak, nextItem } from "../progress.ts";
import type { enrollmentOutSchema, progressSummarySchema } from "./schemas.ts";
import { courseRef, nextJson } from "./serializers.server.ts";

type EnrollmentRow = { courseId: string; slug: string; title: string; status: "DRAFT" | "PUBLISHED"; enrolledAt: Date; completedAt: Date | null; lastLessonId: string | null; certificateId: string | null };

function enrollmentRows(userId: string, courseId?: string) {
  return query<EnrollmentRow>(sql`
    SELECT e."courseId", c.slug, c.title, c.status::text AS status, e."enrolledAt", e."completedAt", e."lastLessonId", cert.id AS "certificateId"
      FROM "Enrollment" e
      JOIN "Course" c ON c.id = e."courseId"
      LEFT JOIN "Certificate" cert ON cert."userId" = e."userId" AND cert."courseId" = e."courseId" AND cert."revokedAt" IS NULL
     WHERE e."userId" = ${userId}${courseId ? sql` AND e."courseId" = ${courseId}` : sql``}
     ORDER BY e."enrolledAt" DESC, c.title`);
}

/** Each enrolment with the learner's items done (one syllabus and one progress query per course, as the dashboard does). */
async function withProgress(userId: string, rows: EnrollmentRow[]) {
  return Promise.all(
    rows.map(async (e) => {
      const [syllabus, state] = await Promise.all([getSyllabus(e.courseId), learnerState(userId, e.courseId)]);
      const items = flattenSyllabus(syllabus);
      return { e, items, state, progress: courseProgress(items, state) };
    }),
  );
}

export async function enrollmentsJson(userId: string, courseId?: string): Promise<z.infer<typeof enrollmentOutSchema>[]> {
  return (await withProgress(userId, await enrollmentRows(userId, courseId))).map(({ e, items, state, progress: { done, total, percent } }) => ({
    course: courseRef(e),
    enrolledAt: e.enrolledAt.toISOString(),
    completedAt: e.completedAt?.toISOString() ?? null,
    progress: { done, total, percent },
    next: nextJson(e.slug, nextItem(items, state, e.lastLessonId)),
    certificateId: e.certificateId,
  }));
}

/** The caller's learning at a glance: totals, streaks, badges, and per course the lessons and quizzes done. */
export async function progressJson(userId: string): Promise<z.infer<typeof progressSummarySchema>> {
  const [stats, badges, courses] = await Promise.all([
    learnerStats(userId),
    prisma.userBadge.findMany({ where: { userId }, orderBy: { earnedAt: "asc" }, select: { badge: true, earnedAt: true } }),
    enrollmentRows(userId).then((rows) => withProgress(userId, rows)),
  ]);
  return {
    completedLessons: stats.completedLessons,
    completedCourses: stats.completedCourses,
    completedPaths: stats.completedPaths,
    perfectQuizzes: stats.perfectQuizzes,
    currentStreak: currentStreak(stats.activityDays),
    longestStreak: stats.longestStreak,
    badges: badges.flatMap((b) => {
      const badge = BADGES.find((d) => d.slug === b.badge);
      return badge ? [{ ...badge, earnedAt: b.earnedAt.toISOString() }] : [];
    }),
    courses: courses.map(({ e, state, progress: { done, total, percent } }) => ({
      course: courseRef(e),
      progress: { done, total, percent },
      completedAt: e.completedAt?.toISOString() ?? null,
      completedLessonIds: [...state.completedLessonIds],
      passedQuizIds: [...state.passedQuizIds],
    })),
  };
}
