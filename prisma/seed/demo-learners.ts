/**
 * Demo learners in two starter courses, so the instructor's analytics, learner
 * table and CSV have something to show on a fresh `npm start`: enrolments over
 * the last four months, lessons completed in order until each learner stops,
 * time spent, and quiz attempts answered through the real questions (more often
 * right on a second try). They have no password: nobody signs in as them.
 * A fixed seed makes the same data on every machine. Once (skipped when present).
 */
import type { PrismaClient } from "../../app/generated/prisma/client.ts";
import { passingRuns } from "./exercise-runs.ts";

const COURSES = [
  { slug: "error-monitoring-fundamentals", learners: 84 },
  { slug: "alerts-that-people-act-on", learners: 37 },
];
const FIRST = ["Ana", "Ben", "Chloé", "Dev", "Elif", "Femi", "Grace", "Hiro", "Ines", "Jon", "Kira", "Liam", "Mei", "Noor", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tariq", "Uma", "Vik", "Wen", "Yara", "Zoe"];
const LAST = ["Alvarez", "Brandt", "Chen", "Dubois", "Eze", "Fischer", "García", "Haddad", "Ito", "Jensen", "Kowalski", "Lopez", "Mensah", "Nakamura", "O'Brien", "Patel", "Rossi", "Silva", "Tanaka", "Vogel"];
const DAY = 86_400_000;

/** A small deterministic generator (mulberry32). */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Option = { id: string; correct: boolean };

export async function seedDemoLearners(prisma: PrismaClient) {
  if (await prisma.user.findFirst({ where: { email: { startsWith: "demo-learner-" } }, select: { id: true } })) return false;
  const rand = random(2026);
  const now = Date.now();
  let n = 0;
  for (const { slug, learners } of COURSES) {
    const course = await prisma.course.findUnique({
      where: { slug },
      select: {
        id: true,
        lessons: { select: { id: true, position: true, estimatedMinutes: true, exercise: true } },
        quizzes: { select: { id: true, position: true, passMark: true, questions: { select: { id: true, options: true } } } },
      },
    });
    if (!course) continue;
    const passing = await passingRuns(course.lessons.map((l) => l.exercise));
    const items = [...course.lessons.map((l) => ({ kind: "lesson" as const, ...l })), ...course.quizzes.map((q) => ({ kind: "quiz" as const, ...q }))].sort((a, b) => a.position - b.position);
    for (let i = 0; i < learners; i++, n++) {
      const name = `${FIRST[n % FIRST.length]} ${LAST[(n * 7) % LAST.length]}`;
      const enrolledAt = new Date(now - Math.floor(120 * Math.pow(rand(), 1.4) * DAY) - Math.floor(rand() * DAY));
      const user = await prisma.user.create({ data: { email: `demo-learner-${n + 1}@academy.test`, name, role: "STUDENT", createdAt: enrolledAt, emailVerifiedAt: enrolledAt } });
      // How far this learner got: most start, fewer finish.
      const reach = Math.min(items.length, Math.floor(-Math.log(1 - rand()) * items.length * 0.55) + 1);
      const progress = [];
      const attempts = [];
      const submissions = [];
      let at = enrolledAt.getTime();
      let done = 0;
      for (const item of items.slice(0, reach)) {
        at = Math.min(now - 60_000, at + Math.floor((0.2 + rand() * 2) * DAY));
        if (item.kind === "lesson") {
          // An exercise is done only by a passing run: its reference solution's real result (none: the learner stops there).
          const run = item.exercise ? passing.get(item.exercise.id) : undefined;
          const finished = (done < reach - 1 || rand() < 0.6) && (!item.exercise || run !== undefined);
          if (finished && item.exercise && run) {
            submissions.push({ exerciseId: item.exercise.id, userId: user.id, code: item.exercise.solution!, language: item.exercise.language, status: "PASSED" as const, result: run, durationMs: run.durationMs, createdAt: new Date(at) });
          }
          progress.push({ userId: user.id, lessonId: item.id, completedAt: finished ? new Date(at) : null, timeSpentSeconds: Math.round(item.estimatedMinutes * 60 * (0.4 + rand() * 1.1)), updatedAt: new Date(at) });
          if (!finished) break;
        } else {
          for (let attempt = 1; attempt <= 3; attempt++) {
            const answers: Record<string, string[]> = {};
            let right = 0;
            for (const [qi, question] of item.questions.entries()) {
              const options = question.options as Option[];
              const ok = rand() < 0.9 - 0.08 * qi + 0.15 * (attempt - 1);
              const chosen = ok ? options.filter((o) => o.correct) : [options.find((o) => !o.correct) ?? options[0]];
              if (ok) right++;
              answers[question.id] = chosen.map((o) => o.id);
            }
            const score = item.questions.length ? Math.round((100 * right) / item.questions.length) : 0;
            attempts.push({ userId: user.id, quizId: item.id, score, passed: score >= item.passMark, answers, createdAt: new Date(Math.min(now - 60_000, at + attempt * 3_600_000)) });
            if (score >= item.passMark || rand() < 0.4) break;
          }
        }
        done++;
      }
      const completed = done === items.length && attempts.filter((a) => a.passed).length === course.quizzes.length;
      await prisma.enrollment.create({ data: { userId: user.id, courseId: course.id, enrolledAt, completedAt: completed ? new Date(at) : null, lastLessonId: progress.at(-1)?.lessonId ?? null } });
      if (progress.length) await prisma.lessonProgress.createMany({ data: progress });
      if (attempts.length) await prisma.quizAttempt.createMany({ data: attempts });
      if (submissions.length) await prisma.exerciseSubmission.createMany({ data: submissions });
    }
  }
  return n > 0;
}
