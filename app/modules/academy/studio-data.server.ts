/**
 * What the course studio's pages read: the layout's header, the content
 * editor, the lesson and quiz editors, and one published version compared with
 * the one before.
 */
import { getOptionalUser } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";
import type { Course } from "./authoring.server.ts";
import { canEditCourse } from "./course-admin.server.ts";
import { htmlToMarkdown } from "./html-to-markdown.ts";
import type { QuizOption } from "./quiz.ts";

/**
 * The studio header's course (title, status, version) for the layout of
 * /instructor/courses/:id, or null when the viewer may not edit it. It never
 * throws: each page runs its own guard (requireCourseEditor), and its error
 * boundary says why, inside the layout.
 */
export async function studioHeaderCourse(request: Request, courseId: string | undefined) {
  const user = await getOptionalUser(request);
  const course = user && courseId ? await prisma.course.findUnique({ where: { id: courseId }, select: { id: true, slug: true, title: true, status: true, version: true, authorId: true } }) : null;
  if (!course || !canEditCourse(user, course)) return null;
  const { authorId: _authorId, ...header } = course;
  return header;
}

/** The content editor: the course's fields (description back as Markdown), its outline, learners and versions. */
export async function contentEditorData(course: Course) {
  const [modules, lessons, quizzes, learners] = await Promise.all([
    prisma.courseModule.findMany({ where: { courseId: course.id }, orderBy: { position: "asc" }, select: { id: true, title: true } }),
    prisma.lesson.findMany({
      where: { courseId: course.id },
      orderBy: { position: "asc" },
      select: { id: true, moduleId: true, slug: true, title: true, summary: true, estimatedMinutes: true, required: true, bodyMarkdown: true, position: true, exercise: { select: { id: true } } },
    }),
    prisma.quiz.findMany({
      where: { courseId: course.id },
      orderBy: { position: "asc" },
      select: { id: true, moduleId: true, slug: true, title: true, passMark: true, required: true, position: true, _count: { select: { questions: true } } },
    }),
    prisma.enrollment.count({ where: { courseId: course.id } }),
  ]);
  const items = [
    ...lessons.map(({ bodyMarkdown, exercise, ...l }) => ({ ...l, kind: "lesson" as const, exercise: exercise !== null, empty: bodyMarkdown.trim() === "" || l.summary === "" })),
    ...quizzes.map(({ _count, ...q }) => ({ ...q, kind: "quiz" as const, questions: _count.questions, empty: _count.questions === 0 })),
  ].sort((a, b) => a.position - b.position);
  return {
    details: {
      title: course.title,
      slug: course.slug,
      summary: course.summary,
      description: htmlToMarkdown(course.descriptionHtml),
      level: course.level,
      category: course.category,
      tags: course.tags.join(", "),
      features: course.features,
      platforms: course.platforms.join(", "),
      estimatedMinutes: String(course.estimatedMinutes),
      coverUrl: course.coverUrl ?? "",
    },
    outline: modules.map((m) => ({ ...m, items: items.filter((i) => i.moduleId === m.id) })),
    learners,
  };
}

export type ContentOutline = Awaited<ReturnType<typeof contentEditorData>>["outline"];

export async function lessonEditorData(courseId: string, lessonId: string | undefined) {
  const [lesson, modules] = await Promise.all([
    prisma.lesson.findFirst({
      where: { id: lessonId ?? "", courseId },
      select: {
        id: true,
        moduleId: true,
        slug: true,
        title: true,
        summary: true,
        bodyMarkdown: true,
        bodyHtml: true,
        estimatedMinutes: true,
        videoUrl: true,
        required: true,
        updatedAt: true,
        // An exercise lesson's code and tests (decision 043), and what turning it back into a plain lesson deletes.
        exercise: { select: { language: true, starterCode: true, visibleTests: true, hiddenTests: true, solution: true, _count: { select: { submissions: true, reviews: true } } } },
      },
    }),
    prisma.courseModule.findMany({ where: { courseId }, orderBy: { position: "asc" }, select: { id: true, title: true } }),
  ]);
  if (!lesson) throw new Response("There is no such lesson in this course.", { status: 404 });
  return { lesson, modules };
}

export async function quizEditorData(courseId: string, quizId: string | undefined) {
  const [quiz, modules] = await Promise.all([
    prisma.quiz.findFirst({
      where: { id: quizId ?? "", courseId },
      include: { questions: { orderBy: { position: "asc" } }, _count: { select: { attempts: true } } },
    }),
    prisma.courseModule.findMany({ where: { courseId }, orderBy: { position: "asc" }, select: { id: true, title: true } }),
  ]);
  if (!quiz) throw new Response("There is no such quiz in this course.", { status: 404 });
  return {
    quiz: {
      id: quiz.id,
      slug: quiz.slug,
      title: quiz.title,
      moduleId: quiz.moduleId,
      passMark: quiz.passMark,
      required: quiz.required,
      intro: htmlToMarkdown(quiz.introHtml),
      attempts: quiz._count.attempts,
    },
    questions: quiz.questions.map((q) => ({
      id: q.id,
      kind: q.kind,
      prompt: q.prompt,
      explanation: htmlToMarkdown(q.explanationHtml),
      explanationHtml: q.explanationHtml,
      options: q.options as QuizOption[],
    })),
    modules,
  };
}

type SnapshotItem = { id: string; moduleId: string; title: string; position: number; required: boolean };
type Snapshot = {
  title: string;
  modules: { id: string; title: string }[];
  lessons: (SnapshotItem & { estimatedMinutes: number; exercise?: unknown })[];
  quizzes: (SnapshotItem & { passMark: number; questions: unknown[] })[];
};

/**
 * A lesson's or quiz's content as a learner gets it (an exercise's code and tests included), to tell
 * edited items from unchanged ones: not where it sits, nor what the page adds to show it (kind, detail).
 */
function fingerprint(item: Record<string, unknown>) {
  const { position: _p, moduleId: _m, kind: _k, detail: _d, ...content } = item;
  return JSON.stringify(content);
}

/**
 * One version as learners got it: its modules, lessons and quizzes, each marked
 * added or edited since the version before, and what that version removed.
 */
export async function versionSummary(courseId: string, number: number) {
  const [version, previous] = await Promise.all([
    prisma.courseVersion.findUnique({ where: { courseId_number: { courseId, number } } }),
    prisma.courseVersion.findFirst({ where: { courseId, number: { lt: number } }, orderBy: { number: "desc" }, select: { number: true, snapshot: true } }),
  ]);
  if (!version) throw new Response("There is no such version of this course.", { status: 404 });
  const now = version.snapshot as unknown as Snapshot;
  const before = previous?.snapshot as unknown as Snapshot | undefined;
  const earlier = new Map([...(before?.lessons ?? []), ...(before?.quizzes ?? [])].map((i) => [i.id, fingerprint(i)]));
  const items = [
    ...now.lessons.map((l) => ({ ...l, kind: "lesson" as const, detail: `${l.exercise ? "Exercise, " : ""}${l.estimatedMinutes} min` })),
    ...now.quizzes.map((q) => ({ ...q, kind: "quiz" as const, detail: `${q.questions.length} question${q.questions.length === 1 ? "" : "s"}, pass mark ${q.passMark}%` })),
  ].sort((a, b) => a.position - b.position);
  const change = (item: (typeof items)[number]) => {
    if (!before) return null;
    const was = earlier.get(item.id);
    return was === undefined ? ("added" as const) : was === fingerprint(item) ? null : ("edited" as const);
  };
  const current = new Set(items.map((i) => i.id));
  return {
    number: version.number,
    note: version.note,
    publishedByName: version.publishedByName,
    publishedAt: version.publishedAt,
    title: now.title,
    previous: previous?.number ?? null,
    modules: now.modules.map((m) => ({
      id: m.id,
      title: m.title,
      items: items.filter((i) => i.moduleId === m.id).map((i) => ({ id: i.id, kind: i.kind, title: i.title, detail: i.detail, required: i.required, change: change(i) })),
    })),
    removed: [...(before?.lessons ?? []), ...(before?.quizzes ?? [])].filter((i) => !current.has(i.id)).map((i) => i.title),
  };
}
