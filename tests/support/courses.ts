/** Course fixtures, written through the real importer (the same path as the starter catalogue and bulk upload). */
import { randomBytes } from "node:crypto";
import { parseCatalog, writeCatalog } from "~/modules/academy/importer.server.ts";
import { prisma } from "~/utils/db.server.ts";

export function courseFiles(opts: { slug?: string; title?: string; lessons?: number; lessonBody?: (i: number) => string; quiz?: boolean; extra?: Record<string, string> } = {}) {
  const slug = opts.slug ?? `course-${randomBytes(4).toString("hex")}`;
  const files = new Map<string, string>();
  files.set(
    `courses/${slug}/course.md`,
    `---\ntitle: ${opts.title ?? "Testing with Sentry"}\nsummary: A course written by the test suite about catching errors.\nlevel: beginner\ncategory: Fundamentals\ntags: [testing]\nfeatures: [errors]\nplatforms: [javascript]\nestimatedMinutes: 30\n---\nA course for tests.\n`,
  );
  const lessons = opts.lessons ?? 2;
  for (let i = 1; i <= lessons; i++) {
    files.set(
      `courses/${slug}/0${i}-lesson-${i}.md`,
      `---\ntype: lesson\ntitle: Lesson number ${i}\nmodule: ${i <= Math.ceil(lessons / 2) ? "First steps" : "Going further"}\nsummary: Lesson ${i} summary.\nestimatedMinutes: 5\n---\n${opts.lessonBody?.(i) ?? `## Part ${i}\n\nCall \`Sentry.captureException(error)\` in lesson ${i}.`}\n`,
    );
  }
  if (opts.quiz !== false) {
    files.set(
      `courses/${slug}/0${lessons + 1}-final-quiz.md`,
      [
        "---",
        "type: quiz",
        "title: Final quiz",
        "module: Going further",
        "passMark: 100",
        "questions:",
        "  - prompt: Which call sends an error?",
        "    kind: single",
        "    options:",
        '      - text: "Sentry.captureException(error)"',
        "        correct: true",
        '      - text: "console.log(error)"',
        "    explanation: captureException sends it to Sentry.",
        "  - prompt: Which are Sentry features?",
        "    kind: multiple",
        "    options:",
        "      - text: Tracing",
        "        correct: true",
        "      - text: Session Replay",
        "        correct: true",
        "      - text: Spreadsheets",
        "    explanation: Tracing and Replay are; spreadsheets are not.",
        "---",
        "",
      ].join("\n"),
    );
  }
  for (const [k, v] of Object.entries(opts.extra ?? {})) files.set(k, v);
  return { slug, files };
}

export async function createCourse(opts: Parameters<typeof courseFiles>[0] & { publish?: boolean } = {}) {
  const { slug, files } = courseFiles(opts);
  const parsed = parseCatalog(files);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  await writeCatalog(prisma, parsed.catalog, { publish: opts.publish ?? true });
  return prisma.course.findUniqueOrThrow({
    where: { slug },
    include: { lessons: { orderBy: { position: "asc" } }, quizzes: { include: { questions: { orderBy: { position: "asc" } } } } },
  });
}
