/**
 * A peer code review for the demo (decision 042): the demo student has passed the catalogue's first
 * exercise, and a demo learner's review of their own passing code waits in the student's queue
 * (/reviews); the course's instructor sees it in the studio's Reviews tab. The submissions are rows
 * with the real result of the exercise's reference solution (exercise-runs.ts). Once (skipped when present); nothing happens while the catalogue has no exercise.
 */
import type { PrismaClient } from "../../app/generated/prisma/client.ts";
import { passingRuns } from "./exercise-runs.ts";

const AUTHOR_EMAIL = "demo-review-author@academy.test";
const STUDENT_EMAIL = "student@academy.test";

export async function seedDemoReviews(prisma: PrismaClient) {
  if (await prisma.user.findUnique({ where: { email: AUTHOR_EMAIL }, select: { id: true } })) return false;
  const [exercise, student] = await Promise.all([
    prisma.exercise.findFirst({
      where: { solution: { not: null }, lesson: { course: { status: "PUBLISHED" } } },
      orderBy: [{ lesson: { course: { slug: "asc" } } }, { lesson: { position: "asc" } }],
      select: { id: true, language: true, solution: true, visibleTests: true, hiddenTests: true, lesson: { select: { id: true, courseId: true } } },
    }),
    prisma.user.findUnique({ where: { email: STUDENT_EMAIL }, select: { id: true } }),
  ]);
  if (!exercise?.solution || !student) return false;
  const result = (await passingRuns([exercise])).get(exercise.id);
  if (!result) return false;
  const now = Date.now();
  const author = await prisma.user.create({ data: { email: AUTHOR_EMAIL, name: "Mei Nakamura", role: "STUDENT", emailVerifiedAt: new Date(now - 30 * 86_400_000) } });
  const submission = (userId: string, minutesAgo: number) =>
    prisma.exerciseSubmission.create({
      data: { exerciseId: exercise.id, userId, code: exercise.solution!, language: exercise.language, status: "PASSED", result, durationMs: result.durationMs, createdAt: new Date(now - minutesAgo * 60_000) },
    });
  // The student passed it (and so completed the lesson), which puts others' reviews of it in their queue.
  await submission(student.id, 180);
  await prisma.enrollment.upsert({
    where: { userId_courseId: { userId: student.id, courseId: exercise.lesson.courseId } },
    create: { userId: student.id, courseId: exercise.lesson.courseId, lastLessonId: exercise.lesson.id },
    update: {},
  });
  await prisma.lessonProgress.upsert({
    where: { userId_lessonId: { userId: student.id, lessonId: exercise.lesson.id } },
    create: { userId: student.id, lessonId: exercise.lesson.id, completedAt: new Date(now - 180 * 60_000), timeSpentSeconds: 900 },
    update: {},
  });
  const authors = await submission(author.id, 60);
  await prisma.codeReview.create({
    data: {
      exerciseId: exercise.id,
      authorId: author.id,
      submissionId: authors.id,
      note: "It passes, but is this how you would name the span and set its attributes? Any line you would write differently?",
      createdAt: new Date(now - 55 * 60_000),
    },
  });
  return true;
}
