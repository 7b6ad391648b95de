/**
 * Authoring a course's content: modules, lessons, quizzes and their questions,
 * and their order. Course-level fields, publishing and versions are in
 * course-admin.server.ts.
 *
 * Every change goes through `change`: who may edit the course
 * (requireEditableCourse), one transaction that holds the course row's lock (so
 * two editors of one course queue up instead of racing for positions), the
 * outline numbered afresh (lessons and quizzes share one position sequence that
 * runs through the modules in order; modules are numbered 0, 1, 2…), and on a
 * published course a new version, which learners see as "Updated on".
 *
 * Ids never change when content is edited or moved, so learners keep their
 * progress and quiz attempts.
 */
import type { Prisma } from "~/generated/prisma/client.ts";
import { getOptionalUser, requireRole } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { rethrowAsPage } from "~/utils/errors.ts";
import { AREA_ROLES } from "~/utils/permissions.ts";
import type { LessonInput, QuestionInput, QuizSettingsInput } from "./authoring-schemas.ts";
import { clearCatalogCaches } from "./catalog.server.ts";
import { canEditCourse, CourseConflict, CourseNotFound, recordVersion, requireEditableCourse, slugify, type Author } from "./course-admin.server.ts";
import { htmlToMarkdown, sameText } from "./html-to-markdown.ts";
import { renderMarkdown } from "./markdown.server.ts";
import { flattenOutline, moveInList, moveItem as moveInOutline, type Direction } from "./outline.ts";
import type { QuizOption } from "./quiz.ts";

/** A slug another lesson or quiz of the course already uses. */
export class SlugTaken extends CourseConflict {}

type Tx = Prisma.TransactionClient;
type Course = Awaited<ReturnType<typeof requireEditableCourse>>;
export type ItemKind = "lesson" | "quiz";

/** Past any real position: a new or moved item goes to the end of its module, then `renumber` tidies up. */
const AT_END = 1_000_000;

// ───────────── guards for the studio's pages ─────────────

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

/** An instructor or admin who may edit the course in the URL (guests go to log in). */
export async function requireCourseEditor(request: Request, courseId: string | undefined) {
  const user = await requireRole(request, AREA_ROLES.instructor);
  const course = await requireEditableCourse(courseId ?? "", user).catch(rethrowAsPage());
  return { user, course };
}

// ───────────── the outline ─────────────

type OutlineRow = { kind: ItemKind; id: string; title: string; moduleId: string; position: number };

async function loadOutline(tx: Tx, courseId: string) {
  const [modules, lessons, quizzes] = await Promise.all([
    tx.courseModule.findMany({ where: { courseId }, orderBy: { position: "asc" }, select: { id: true, title: true, position: true } }),
    tx.lesson.findMany({ where: { courseId }, select: { id: true, title: true, moduleId: true, position: true } }),
    tx.quiz.findMany({ where: { courseId }, select: { id: true, title: true, moduleId: true, position: true } }),
  ]);
  const items: OutlineRow[] = [...lessons.map((l) => ({ ...l, kind: "lesson" as const })), ...quizzes.map((q) => ({ ...q, kind: "quiz" as const }))].sort(
    (a, b) => a.position - b.position || a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id),
  );
  return modules.map((m) => ({ ...m, items: items.filter((i) => i.moduleId === m.id) }));
}

type LoadedOutline = Awaited<ReturnType<typeof loadOutline>>;

/** Writes modules' and items' positions (and items' modules) where they differ from the outline's order. */
async function writeOutline(tx: Tx, outline: LoadedOutline) {
  const movedModules = outline.flatMap((m, index) => (m.position === index ? [] : [{ id: m.id, index }]));
  // (courseId, position) is unique: park the moved modules on negative positions first.
  for (const { id, index } of movedModules) await tx.courseModule.update({ where: { id }, data: { position: -1 - index } });
  for (const { id, index } of movedModules) await tx.courseModule.update({ where: { id }, data: { position: index } });
  const before = new Map(outline.flatMap((m) => m.items).map((i) => [`${i.kind}:${i.id}`, i]));
  for (const item of flattenOutline(outline)) {
    const was = before.get(`${item.kind}:${item.id}`)!;
    if (was.position === item.position && was.moduleId === item.moduleId) continue;
    const data = { position: item.position, moduleId: item.moduleId };
    if (item.kind === "lesson") await tx.lesson.update({ where: { id: item.id }, data });
    else await tx.quiz.update({ where: { id: item.id }, data });
  }
}

const renumber = async (tx: Tx, courseId: string) => writeOutline(tx, await loadOutline(tx, courseId));

type Work<T> = (tx: Tx, course: Course) => Promise<{ result: T; note: string | null }>;

/** One change to a course's content; `note` (null: nothing changed) becomes the version's note on a published course. */
async function change<T>(courseId: string, user: Author, work: Work<T>): Promise<T> {
  const course = await requireEditableCourse(courseId, user);
  const { result, note } = await prisma.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ status: string }[]>`SELECT status::text AS status FROM "Course" WHERE id = ${courseId} FOR UPDATE`;
    if (!locked) throw new CourseNotFound();
    const done = await work(tx, course);
    await renumber(tx, courseId);
    // The studio lists courses by their last change, content included.
    if (done.note) await tx.course.update({ where: { id: courseId }, data: { updatedAt: new Date() } });
    // Learners get it now: the version is recorded in the same transaction.
    if (done.note && locked.status === "PUBLISHED") await recordVersion(courseId, user, done.note, tx);
    return done;
  });
  if (note) clearCatalogCaches();
  return result;
}

async function requireModule(tx: Tx, courseId: string, moduleId: string) {
  const found = await tx.courseModule.findFirst({ where: { id: moduleId, courseId } });
  if (!found) throw new CourseNotFound("That module isn't part of this course (it may have been deleted).");
  return found;
}

async function requireLesson(tx: Tx, courseId: string, lessonId: string) {
  const found = await tx.lesson.findFirst({ where: { id: lessonId, courseId } });
  if (!found) throw new CourseNotFound("That lesson isn't part of this course (it may have been deleted).");
  return found;
}

async function requireQuiz(tx: Tx, courseId: string, quizId: string) {
  const found = await tx.quiz.findFirst({ where: { id: quizId, courseId } });
  if (!found) throw new CourseNotFound("That quiz isn't part of this course (it may have been deleted).");
  return found;
}

/** Lessons and quizzes of a course have distinct slugs (the content format's rule). */
async function slugTaken(tx: Tx, courseId: string, slug: string, except?: { kind: ItemKind; id: string }) {
  const [lesson, quiz] = await Promise.all([
    tx.lesson.findFirst({ where: { courseId, slug, ...(except?.kind === "lesson" ? { id: { not: except.id } } : {}) }, select: { id: true } }),
    tx.quiz.findFirst({ where: { courseId, slug, ...(except?.kind === "quiz" ? { id: { not: except.id } } : {}) }, select: { id: true } }),
  ]);
  return Boolean(lesson || quiz);
}

async function freeItemSlug(tx: Tx, courseId: string, title: string) {
  const slug = slugify(title);
  const base = slug.length >= 3 ? slug : `${slug}-item`;
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (!(await slugTaken(tx, courseId, candidate))) return candidate;
  }
}

const kindLabel = (kind: ItemKind) => (kind === "lesson" ? "lesson" : "quiz");

// ───────────── modules ─────────────

export function addModule(courseId: string, title: string, user: Author) {
  return change(courseId, user, async (tx) => {
    const last = await tx.courseModule.findFirst({ where: { courseId }, orderBy: { position: "desc" }, select: { position: true } });
    const created = await tx.courseModule.create({ data: { courseId, title, position: (last?.position ?? -1) + 1 } });
    return { result: created, note: `Added the module “${title}”` };
  });
}

export function renameModule(courseId: string, moduleId: string, title: string, user: Author) {
  return change(courseId, user, async (tx) => {
    const before = await requireModule(tx, courseId, moduleId);
    if (before.title === title) return { result: before, note: null };
    const saved = await tx.courseModule.update({ where: { id: moduleId }, data: { title } });
    return { result: saved, note: `Renamed the module “${before.title}” to “${title}”` };
  });
}

/** Only an empty module can go: its lessons carry learners' progress. */
export function deleteModule(courseId: string, moduleId: string, user: Author) {
  return change(courseId, user, async (tx) => {
    const found = await requireModule(tx, courseId, moduleId);
    const [lessons, quizzes] = await Promise.all([tx.lesson.count({ where: { moduleId } }), tx.quiz.count({ where: { moduleId } })]);
    if (lessons + quizzes > 0) throw new CourseConflict(`“${found.title}” still has lessons or quizzes: move or delete them first.`);
    await tx.courseModule.delete({ where: { id: moduleId } });
    return { result: found, note: `Deleted the module “${found.title}”` };
  });
}

export function moveModule(courseId: string, moduleId: string, direction: Direction, user: Author) {
  return change(courseId, user, async (tx) => {
    const outline = await loadOutline(tx, courseId);
    const found = outline.find((m) => m.id === moduleId);
    if (!found) throw new CourseNotFound("That module isn't part of this course (it may have been deleted).");
    const moved = moveInList(outline, moduleId, direction);
    if (moved) await writeOutline(tx, moved);
    return { result: Boolean(moved), note: moved ? `Moved the module “${found.title}” ${direction}` : null };
  });
}

/** Moves a lesson or quiz one step, across into the next module at a module's edge. */
export function moveItem(courseId: string, ref: { kind: ItemKind; id: string }, direction: Direction, user: Author) {
  return change(courseId, user, async (tx) => {
    const outline = await loadOutline(tx, courseId);
    const found = outline.flatMap((m) => m.items).find((i) => i.kind === ref.kind && i.id === ref.id);
    if (!found) throw new CourseNotFound(`That ${kindLabel(ref.kind)} isn't part of this course (it may have been deleted).`);
    const moved = moveInOutline(outline, ref, direction);
    if (moved) await writeOutline(tx, moved);
    return { result: Boolean(moved), note: moved ? `Moved the ${kindLabel(ref.kind)} “${found.title}” ${direction}` : null };
  });
}

// ───────────── lessons ─────────────

/** A new lesson at the end of the module, with a free slug; it's written in the lesson editor. */
export function addLesson(courseId: string, input: { moduleId: string; title: string }, user: Author) {
  return change(courseId, user, async (tx, course) => {
    await requireModule(tx, courseId, input.moduleId);
    const lesson = await tx.lesson.create({
      data: {
        courseId,
        moduleId: input.moduleId,
        slug: await freeItemSlug(tx, courseId, input.title),
        title: input.title,
        summary: "",
        bodyMarkdown: "",
        bodyHtml: "",
        position: AT_END,
        estimatedMinutes: 5,
        features: course.features,
        platforms: course.platforms,
      },
    });
    return { result: lesson, note: `Added the lesson “${input.title}”` };
  });
}

export function updateLesson(courseId: string, lessonId: string, input: LessonInput, user: Author) {
  return change(courseId, user, async (tx) => {
    const before = await requireLesson(tx, courseId, lessonId);
    if (input.moduleId !== before.moduleId) await requireModule(tx, courseId, input.moduleId);
    if (input.slug !== before.slug && (await slugTaken(tx, courseId, input.slug, { kind: "lesson", id: lessonId }))) {
      throw new SlugTaken("Another lesson or quiz of this course uses this slug.");
    }
    const saved = await tx.lesson.update({
      where: { id: lessonId },
      data: {
        title: input.title,
        slug: input.slug,
        summary: input.summary,
        moduleId: input.moduleId,
        ...(input.moduleId !== before.moduleId ? { position: AT_END } : {}),
        estimatedMinutes: input.estimatedMinutes,
        videoUrl: input.videoUrl || null,
        required: input.required,
        bodyMarkdown: input.bodyMarkdown,
        bodyHtml: renderMarkdown(input.bodyMarkdown),
      },
    });
    return { result: saved, note: `Edited the lesson “${input.title}”` };
  });
}

/** Deletes a lesson, and with it learners' progress on it (they are told nothing; the course page just has one lesson less). */
export function deleteLesson(courseId: string, lessonId: string, user: Author) {
  return change(courseId, user, async (tx) => {
    const found = await requireLesson(tx, courseId, lessonId);
    await tx.lesson.delete({ where: { id: lessonId } });
    return { result: found, note: `Deleted the lesson “${found.title}”` };
  });
}

// ───────────── quizzes ─────────────

/** A new quiz at the end of the module; its questions are added in the quiz editor. */
export function addQuiz(courseId: string, input: { moduleId: string; title: string }, user: Author) {
  return change(courseId, user, async (tx) => {
    await requireModule(tx, courseId, input.moduleId);
    const quiz = await tx.quiz.create({
      data: { courseId, moduleId: input.moduleId, slug: await freeItemSlug(tx, courseId, input.title), title: input.title, position: AT_END },
    });
    return { result: quiz, note: `Added the quiz “${input.title}”` };
  });
}

export function updateQuiz(courseId: string, quizId: string, input: QuizSettingsInput, user: Author) {
  return change(courseId, user, async (tx) => {
    const before = await requireQuiz(tx, courseId, quizId);
    if (input.moduleId !== before.moduleId) await requireModule(tx, courseId, input.moduleId);
    if (input.slug !== before.slug && (await slugTaken(tx, courseId, input.slug, { kind: "quiz", id: quizId }))) {
      throw new SlugTaken("Another lesson or quiz of this course uses this slug.");
    }
    const saved = await tx.quiz.update({
      where: { id: quizId },
      data: {
        title: input.title,
        slug: input.slug,
        moduleId: input.moduleId,
        ...(input.moduleId !== before.moduleId ? { position: AT_END } : {}),
        passMark: input.passMark,
        required: input.required,
        // Stored only as HTML: re-rendered only when the author changed the text.
        ...(sameText(input.intro, htmlToMarkdown(before.introHtml)) ? {} : { introHtml: renderMarkdown(input.intro) }),
      },
    });
    return { result: saved, note: `Edited the quiz “${input.title}”` };
  });
}

export function deleteQuiz(courseId: string, quizId: string, user: Author) {
  return change(courseId, user, async (tx) => {
    const found = await requireQuiz(tx, courseId, quizId);
    await tx.quiz.delete({ where: { id: quizId } });
    return { result: found, note: `Deleted the quiz “${found.title}”` };
  });
}

// ───────────── quiz questions ─────────────

/**
 * The question's options from the form's option slots: an option keeps its id
 * (attempts record chosen ids) as long as it stays in its slot; empty slots are
 * dropped; new options get ids never used in this question.
 */
export function optionsFromSlots(slots: QuestionInput["options"], existing: QuizOption[]): QuizOption[] {
  const used = new Set(existing.map((o) => o.id));
  let n = 0;
  const fresh = () => {
    do n++;
    while (used.has(`o${n}`));
    used.add(`o${n}`);
    return `o${n}`;
  };
  return slots.flatMap((slot, i) => (slot.text ? [{ id: existing[i]?.id ?? fresh(), text: slot.text, correct: slot.correct }] : []));
}

/** Writes question positions 0, 1, 2… in the given order ((quizId, position) is unique, hence the parking). */
async function placeQuestions(tx: Tx, ids: string[]) {
  for (const [i, id] of ids.entries()) await tx.quizQuestion.update({ where: { id }, data: { position: -1 - i } });
  for (const [i, id] of ids.entries()) await tx.quizQuestion.update({ where: { id }, data: { position: i } });
}

async function requireQuestion(tx: Tx, courseId: string, quizId: string, questionId: string) {
  const quiz = await requireQuiz(tx, courseId, quizId);
  const question = await tx.quizQuestion.findFirst({ where: { id: questionId, quizId } });
  if (!question) throw new CourseNotFound("That question isn't part of this quiz (it may have been deleted).");
  return { quiz, question };
}

export function addQuestion(courseId: string, quizId: string, input: QuestionInput, user: Author) {
  return change(courseId, user, async (tx) => {
    const quiz = await requireQuiz(tx, courseId, quizId);
    const last = await tx.quizQuestion.findFirst({ where: { quizId }, orderBy: { position: "desc" }, select: { position: true } });
    const question = await tx.quizQuestion.create({
      data: {
        quizId,
        position: (last?.position ?? -1) + 1,
        kind: input.kind,
        prompt: input.prompt,
        explanationHtml: renderMarkdown(input.explanation),
        options: optionsFromSlots(input.options, []),
      },
    });
    return { result: question, note: `Added a question to the quiz “${quiz.title}”` };
  });
}

export function updateQuestion(courseId: string, quizId: string, questionId: string, input: QuestionInput, user: Author) {
  return change(courseId, user, async (tx) => {
    const { quiz, question } = await requireQuestion(tx, courseId, quizId, questionId);
    const saved = await tx.quizQuestion.update({
      where: { id: questionId },
      data: {
        kind: input.kind,
        prompt: input.prompt,
        options: optionsFromSlots(input.options, question.options as QuizOption[]),
        ...(sameText(input.explanation, htmlToMarkdown(question.explanationHtml)) ? {} : { explanationHtml: renderMarkdown(input.explanation) }),
      },
    });
    return { result: saved, note: `Edited a question of the quiz “${quiz.title}”` };
  });
}

export function deleteQuestion(courseId: string, quizId: string, questionId: string, user: Author) {
  return change(courseId, user, async (tx) => {
    const { quiz, question } = await requireQuestion(tx, courseId, quizId, questionId);
    await tx.quizQuestion.delete({ where: { id: questionId } });
    const rest = await tx.quizQuestion.findMany({ where: { quizId }, orderBy: { position: "asc" }, select: { id: true } });
    await placeQuestions(tx, rest.map((q) => q.id));
    return { result: question, note: `Deleted a question of the quiz “${quiz.title}”` };
  });
}

export function moveQuestion(courseId: string, quizId: string, questionId: string, direction: Direction, user: Author) {
  return change(courseId, user, async (tx) => {
    const { quiz } = await requireQuestion(tx, courseId, quizId, questionId);
    const ids = (await tx.quizQuestion.findMany({ where: { quizId }, orderBy: { position: "asc" }, select: { id: true } })).map((q) => q.id);
    const moved = moveInList(
      ids.map((id) => ({ id })),
      questionId,
      direction,
    );
    if (moved) await placeQuestions(tx, moved.map((q) => q.id));
    return { result: Boolean(moved), note: moved ? `Reordered the questions of the quiz “${quiz.title}”` : null };
  });
}

// ───────────── publishing ─────────────

// ───────────── what the studio's pages show ─────────────

/** The content editor: the course's fields (description back as Markdown), its outline, learners and versions. */
export async function contentEditorData(course: Course) {
  const [modules, lessons, quizzes, learners] = await Promise.all([
    prisma.courseModule.findMany({ where: { courseId: course.id }, orderBy: { position: "asc" }, select: { id: true, title: true } }),
    prisma.lesson.findMany({
      where: { courseId: course.id },
      orderBy: { position: "asc" },
      select: { id: true, moduleId: true, slug: true, title: true, summary: true, estimatedMinutes: true, required: true, bodyMarkdown: true, position: true },
    }),
    prisma.quiz.findMany({
      where: { courseId: course.id },
      orderBy: { position: "asc" },
      select: { id: true, moduleId: true, slug: true, title: true, passMark: true, required: true, position: true, _count: { select: { questions: true } } },
    }),
    prisma.enrollment.count({ where: { courseId: course.id } }),
  ]);
  const items = [
    ...lessons.map(({ bodyMarkdown, ...l }) => ({ ...l, kind: "lesson" as const, empty: bodyMarkdown.trim() === "" || l.summary === "" })),
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
      select: { id: true, moduleId: true, slug: true, title: true, summary: true, bodyMarkdown: true, bodyHtml: true, estimatedMinutes: true, videoUrl: true, required: true, updatedAt: true },
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
  lessons: (SnapshotItem & { estimatedMinutes: number })[];
  quizzes: (SnapshotItem & { passMark: number; questions: unknown[] })[];
};

/** A lesson's or quiz's content as a learner gets it, to tell edited items from unchanged ones. */
function fingerprint(item: Record<string, unknown>) {
  const { position: _p, moduleId: _m, ...content } = item;
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
    ...now.lessons.map((l) => ({ ...l, kind: "lesson" as const, detail: `${l.estimatedMinutes} min` })),
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
