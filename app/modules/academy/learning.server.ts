/**
 * Learning: enrolment, lesson progress, quiz attempts, course completion,
 * certificates and badges. Every write records the day's activity (streaks).
 */
import { randomBytes } from "node:crypto";
import type { Prisma } from "~/generated/prisma/client.ts";
import { prisma } from "~/utils/db.server.ts";
import { courseProgress, earnedBadges, longestStreak, nextItem, type ItemState, type SyllabusItem } from "./progress.ts";
import { gradeQuiz, type Answers, type QuizOption } from "./quiz.ts";

const today = () => new Date(new Date().toISOString().slice(0, 10));

/** Courses anyone may see: published ones; drafts only for staff previews. */
export function visibleCourseWhere(slug: string, canPreview: boolean): Prisma.CourseWhereUniqueInput {
  return canPreview ? { slug } : { slug, status: "PUBLISHED" };
}

export async function getSyllabus(courseId: string) {
  const modules = await prisma.courseModule.findMany({
    where: { courseId },
    orderBy: { position: "asc" },
    select: {
      id: true,
      title: true,
      lessons: { select: { id: true, slug: true, title: true, summary: true, position: true, required: true, estimatedMinutes: true }, orderBy: { position: "asc" } },
      quizzes: { select: { id: true, slug: true, title: true, position: true, required: true, _count: { select: { questions: true } } }, orderBy: { position: "asc" } },
    },
  });
  return modules.map((m) => ({
    id: m.id,
    title: m.title,
    items: [
      ...m.lessons.map((l) => ({ kind: "lesson" as const, ...l, minutes: l.estimatedMinutes })),
      ...m.quizzes.map((q) => ({ kind: "quiz" as const, ...q, summary: `${q._count.questions} questions`, minutes: Math.max(2, q._count.questions) })),
    ].sort((a, b) => a.position - b.position),
  }));
}

export type Syllabus = Awaited<ReturnType<typeof getSyllabus>>;

export function flattenSyllabus(syllabus: Syllabus): SyllabusItem[] {
  return syllabus.flatMap((m) => m.items.map(({ kind, id, slug, title, position, required }) => ({ kind, id, slug, title, position, required })));
}

export async function learnerState(userId: string, courseId: string): Promise<ItemState> {
  const [lessons, quizzes] = await Promise.all([
    prisma.lessonProgress.findMany({ where: { userId, completedAt: { not: null }, lesson: { courseId } }, select: { lessonId: true } }),
    prisma.quizAttempt.findMany({ where: { userId, passed: true, quiz: { courseId } }, select: { quizId: true }, distinct: ["quizId"] }),
  ]);
  return { completedLessonIds: new Set(lessons.map((l) => l.lessonId)), passedQuizIds: new Set(quizzes.map((q) => q.quizId)) };
}

export async function enroll(userId: string, courseId: string) {
  await prisma.enrollment.upsert({ where: { userId_courseId: { userId, courseId } }, create: { userId, courseId }, update: {} });
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
  });
  return afterProgress(userId, lesson.courseId);
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
  ]);
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
  });
  const outcome = await afterProgress(userId, quiz.courseId);
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
  return { progress, certificateId, courseCompleted, newBadges };
}

function verificationCode() {
  // 10 characters from an unambiguous alphabet, shown as XXXXX-XXXXX.
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const bytes = randomBytes(10);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]).join("");
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

export async function issueCertificate(userId: string, courseId: string) {
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
export async function awardBadges(userId: string) {
  const earned = earnedBadges(await learnerStats(userId));
  const have = new Set((await prisma.userBadge.findMany({ where: { userId }, select: { badge: true } })).map((b) => b.badge));
  const fresh = earned.filter((b) => !have.has(b));
  if (fresh.length) await prisma.userBadge.createMany({ data: fresh.map((badge) => ({ userId, badge })), skipDuplicates: true });
  return fresh;
}

export { nextItem, courseProgress };
