/**
 * Learning: enrolment, lesson progress, quiz attempts, course completion,
 * certificates and badges. Every write records the day's activity (streaks).
 */
import { randomBytes } from "node:crypto";
import type { Prisma } from "~/generated/prisma/client.ts";
import { prisma } from "~/utils/db.server.ts";
import { NotFoundError } from "~/utils/errors.ts";
import { query, sql } from "~/utils/sql.server.ts";
import { courseProgress, earnedBadges, longestStreak, type ItemState, type SyllabusItem } from "./progress.ts";
import { gradeQuiz, type Answers, type QuizOption } from "./quiz.ts";

const today = () => new Date(new Date().toISOString().slice(0, 10));

type SyllabusRow = {
  module_id: string;
  module_title: string;
  kind: "lesson" | "quiz";
  id: string;
  slug: string;
  title: string;
  summary: string;
  position: number;
  required: boolean;
  minutes: number;
  /** A lesson with an exercise (decision 041): labelled "Exercise" in outlines, counted as one in the certificate's wording. */
  exercise: boolean;
};

/** Modules with their lessons and quizzes in order: one query (course, lesson and quiz pages all need it). */
export async function getSyllabus(courseId: string) {
  const rows = await query<SyllabusRow>(sql`
    SELECT m.id AS module_id, m.title AS module_title, i.kind, i.id, i.slug, i.title, i.summary, i.position, i.required, i.minutes, i.exercise
      FROM "CourseModule" m
      JOIN (
        SELECT 'lesson' AS kind, l.id, l."moduleId", l.slug, l.title, l.summary, l.position, l.required, l."estimatedMinutes" AS minutes,
               EXISTS (SELECT 1 FROM "Exercise" x WHERE x."lessonId" = l.id) AS exercise
          FROM "Lesson" l WHERE l."courseId" = ${courseId}
        UNION ALL
        SELECT 'quiz', q.id, q."moduleId", q.slug, q.title, n.count || ' questions', q.position, q.required, greatest(2, n.count), false
          FROM "Quiz" q, LATERAL (SELECT count(*)::int AS count FROM "QuizQuestion" qq WHERE qq."quizId" = q.id) n
         WHERE q."courseId" = ${courseId}
      ) i ON i."moduleId" = m.id
     WHERE m."courseId" = ${courseId}
     ORDER BY m.position, i.position`);
  const modules: { id: string; title: string; items: Omit<SyllabusRow, "module_id" | "module_title">[] }[] = [];
  for (const { module_id, module_title, ...item } of rows) {
    if (modules.at(-1)?.id !== module_id) modules.push({ id: module_id, title: module_title, items: [] });
    modules.at(-1)!.items.push(item);
  }
  return modules;
}

export type Syllabus = Awaited<ReturnType<typeof getSyllabus>>;

export function flattenSyllabus(syllabus: Syllabus): SyllabusItem[] {
  return syllabus.flatMap((m) => m.items.map(({ kind, id, slug, title, position, required, exercise }) => ({ kind, id, slug, title, position, required, exercise })));
}

export async function learnerState(userId: string, courseId: string): Promise<ItemState> {
  const rows = await query<{ kind: "lesson" | "quiz"; id: string }>(sql`
    SELECT 'lesson' AS kind, p."lessonId" AS id FROM "LessonProgress" p JOIN "Lesson" l ON l.id = p."lessonId"
     WHERE p."userId" = ${userId} AND p."completedAt" IS NOT NULL AND l."courseId" = ${courseId}
    UNION
    SELECT 'quiz', a."quizId" FROM "QuizAttempt" a JOIN "Quiz" q ON q.id = a."quizId"
     WHERE a."userId" = ${userId} AND a.passed AND q."courseId" = ${courseId}`);
  return {
    completedLessonIds: new Set(rows.filter((r) => r.kind === "lesson").map((r) => r.id)),
    passedQuizIds: new Set(rows.filter((r) => r.kind === "quiz").map((r) => r.id)),
  };
}

/** Enrols the user (once); true when this call did it. */
export async function enroll(userId: string, courseId: string): Promise<boolean> {
  // INSERT … ON CONFLICT DO NOTHING: two enrolments at once both succeed (an upsert's read-then-insert raced).
  const { count } = await prisma.enrollment.createMany({ data: [{ userId, courseId }], skipDuplicates: true });
  return count === 1;
}

/**
 * A learner's write that raced the course (or lesson, quiz) being deleted fails on a foreign key
 * (P2003) or a vanished row (P2025): that is "not here any more", a 404, never a 500.
 */
function goneIfDeleted(error: unknown): never {
  const code = (error as { code?: string } | null)?.code;
  if (code === "P2003" || code === "P2025") throw new NotFoundError("This course was removed while you were on it.");
  throw error;
}

async function recordActivity(tx: Prisma.TransactionClient, userId: string) {
  await tx.activityDay.upsert({ where: { userId_day: { userId, day: today() } }, create: { userId, day: today() }, update: {} });
}

/** Marks a lesson complete (enrolling if needed); returns what that completed. */
export async function completeLesson(userId: string, lesson: { id: string; courseId: string }) {
  await prisma.$transaction(async (tx) => {
    await tx.enrollment.upsert({
      where: { userId_courseId: { userId, courseId: lesson.courseId } },
      create: { userId, courseId: lesson.courseId, lastLessonId: lesson.id },
      update: { lastLessonId: lesson.id },
    });
    await tx.lessonProgress.upsert({
      where: { userId_lessonId: { userId, lessonId: lesson.id } },
      create: { userId, lessonId: lesson.id, completedAt: new Date() },
      update: { completedAt: new Date() },
    });
    await recordActivity(tx, userId);
  }).catch(goneIfDeleted);
  return afterProgress(userId, lesson.courseId).catch(goneIfDeleted);
}

export async function uncompleteLesson(userId: string, lesson: { id: string; courseId: string }) {
  await prisma.lessonProgress.updateMany({ where: { userId, lessonId: lesson.id }, data: { completedAt: null } });
}

/** The JavaScript beacon of the lesson page: time spent and position, for resuming. */
export async function recordLessonVisit(userId: string, lesson: { id: string; courseId: string }, seconds: number, position: number) {
  const enrolled = await prisma.enrollment.findUnique({ where: { userId_courseId: { userId, courseId: lesson.courseId } } });
  if (!enrolled) return;
  await prisma.$transaction([
    prisma.enrollment.update({ where: { userId_courseId: { userId, courseId: lesson.courseId } }, data: { lastLessonId: lesson.id } }),
    prisma.lessonProgress.upsert({
      where: { userId_lessonId: { userId, lessonId: lesson.id } },
      create: { userId, lessonId: lesson.id, timeSpentSeconds: seconds, lastPosition: position },
      update: { timeSpentSeconds: { increment: seconds }, lastPosition: position },
    }),
  ]).catch(goneIfDeleted);
}

export async function submitQuiz(userId: string, quiz: { id: string; courseId: string; passMark: number }, answers: Answers) {
  const questions = await prisma.quizQuestion.findMany({ where: { quizId: quiz.id }, orderBy: { position: "asc" } });
  const graded = gradeQuiz(
    questions.map((q) => ({ id: q.id, kind: q.kind, options: q.options as QuizOption[] })),
    answers,
    quiz.passMark,
  );
  const attempt = await prisma.$transaction(async (tx) => {
    await tx.enrollment.upsert({ where: { userId_courseId: { userId, courseId: quiz.courseId } }, create: { userId, courseId: quiz.courseId }, update: {} });
    const saved = await tx.quizAttempt.create({
      data: { userId, quizId: quiz.id, score: graded.score, passed: graded.passed, answers: Object.fromEntries(graded.results.map((r) => [r.questionId, r.chosen])) },
    });
    await recordActivity(tx, userId);
    return saved;
  }).catch(goneIfDeleted);
  const outcome = await afterProgress(userId, quiz.courseId).catch(goneIfDeleted);
  return { attempt, graded, ...outcome };
}

/** Completion, certificate and badges after any progress. Idempotent. */
async function afterProgress(userId: string, courseId: string) {
  const items = flattenSyllabus(await getSyllabus(courseId));
  const progress = courseProgress(items, await learnerState(userId, courseId));
  let certificateId: string | null = null;
  let courseCompleted = false;
  if (progress.complete) {
    const result = await issueCertificate(userId, courseId);
    certificateId = result.certificate.id;
    courseCompleted = result.newlyCompleted;
  }
  const newBadges = await awardBadges(userId);
  return { items, progress, certificateId, courseCompleted, newBadges };
}

function verificationCode() {
  // 10 characters from an unambiguous alphabet, shown as XXXXX-XXXXX.
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const bytes = randomBytes(10);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]).join("");
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

async function issueCertificate(userId: string, courseId: string) {
  return prisma.$transaction(async (tx) => {
    const enrollment = await tx.enrollment.findUnique({ where: { userId_courseId: { userId, courseId } } });
    const newlyCompleted = !enrollment?.completedAt;
    if (newlyCompleted) {
      await tx.enrollment.upsert({
        where: { userId_courseId: { userId, courseId } },
        create: { userId, courseId, completedAt: new Date() },
        update: { completedAt: new Date() },
      });
    }
    const existing = await tx.certificate.findUnique({ where: { userId_courseId: { userId, courseId } } });
    if (existing) return { certificate: existing, newlyCompleted: false };
    const [user, course] = await Promise.all([
      tx.user.findUniqueOrThrow({ where: { id: userId }, select: { name: true } }),
      tx.course.findUniqueOrThrow({ where: { id: courseId }, select: { title: true } }),
    ]);
    const certificate = await tx.certificate.create({
      data: { userId, courseId, learnerName: user.name, courseTitle: course.title, verificationCode: verificationCode() },
    });
    return { certificate, newlyCompleted };
  });
}

export async function learnerStats(userId: string) {
  const [completedLessons, completedCourses, days, perfectQuizzes, paths] = await Promise.all([
    prisma.lessonProgress.count({ where: { userId, completedAt: { not: null } } }),
    prisma.enrollment.findMany({ where: { userId, completedAt: { not: null } }, select: { courseId: true } }),
    prisma.activityDay.findMany({ where: { userId }, select: { day: true } }),
    prisma.quizAttempt.count({ where: { userId, score: 100 } }),
    prisma.learningPath.findMany({ select: { courses: { select: { courseId: true } } } }),
  ]);
  const done = new Set(completedCourses.map((c) => c.courseId));
  const completedPaths = paths.filter((p) => p.courses.length > 0 && p.courses.every((c) => done.has(c.courseId))).length;
  return {
    completedLessons,
    completedCourses: done.size,
    completedPaths,
    perfectQuizzes,
    longestStreak: longestStreak(days.map((d) => d.day)),
    activityDays: days.map((d) => d.day),
  };
}

/** Stores badges newly earned; returns their slugs. */
async function awardBadges(userId: string) {
  const earned = earnedBadges(await learnerStats(userId));
  const have = new Set((await prisma.userBadge.findMany({ where: { userId }, select: { badge: true } })).map((b) => b.badge));
  const fresh = earned.filter((b) => !have.has(b));
  if (fresh.length) await prisma.userBadge.createMany({ data: fresh.map((badge) => ({ userId, badge })), skipDuplicates: true });
  return fresh;
}
