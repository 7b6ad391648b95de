/**
 * Authoring a course's content: modules, lessons, quizzes and their questions,
 * and their order. This file holds what every change shares; the changes are in
 * outline.server.ts (modules and moves), lesson-authoring.server.ts and
 * quiz-authoring.server.ts (quizzes and their questions); what the studio's
 * pages read is in studio-data.server.ts. Course-level fields, publishing and
 * versions are in course-admin.server.ts.
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
import { requireRole } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { rethrowAsPage } from "~/utils/errors.ts";
import { AREA_ROLES } from "~/utils/permissions.ts";
import { clearCatalogCaches } from "./catalog.server.ts";
import { CourseConflict, CourseNotFound, recordVersion, requireEditableCourse, slugify, type Author } from "./course-admin.server.ts";
import { flattenOutline } from "./outline.ts";

/** A slug another lesson or quiz of the course already uses. */
export class SlugTaken extends CourseConflict {}

export type Tx = Prisma.TransactionClient;
export type Course = Awaited<ReturnType<typeof requireEditableCourse>>;
export type ItemKind = "lesson" | "quiz";

/** Past any real position: a new or moved item goes to the end of its module, then `renumber` tidies up. */
export const AT_END = 1_000_000;

// ───────────── guards for the studio's pages ─────────────

/** An instructor or admin who may edit the course in the URL (guests go to log in). */
export async function requireCourseEditor(request: Request, courseId: string | undefined) {
  const user = await requireRole(request, AREA_ROLES.instructor);
  const course = await requireEditableCourse(courseId ?? "", user).catch(rethrowAsPage());
  return { user, course };
}

// ───────────── the outline ─────────────

type OutlineRow = { kind: ItemKind; id: string; title: string; moduleId: string; position: number };

export async function loadOutline(tx: Tx, courseId: string) {
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
export async function writeOutline(tx: Tx, outline: LoadedOutline) {
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
export async function change<T>(courseId: string, user: Author, work: Work<T>): Promise<T> {
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

export async function requireModule(tx: Tx, courseId: string, moduleId: string) {
  const found = await tx.courseModule.findFirst({ where: { id: moduleId, courseId } });
  if (!found) throw new CourseNotFound("That module isn't part of this course (it may have been deleted).");
  return found;
}

export async function requireLesson(tx: Tx, courseId: string, lessonId: string) {
  const found = await tx.lesson.findFirst({ where: { id: lessonId, courseId } });
  if (!found) throw new CourseNotFound("That lesson isn't part of this course (it may have been deleted).");
  return found;
}

export async function requireQuiz(tx: Tx, courseId: string, quizId: string) {
  const found = await tx.quiz.findFirst({ where: { id: quizId, courseId } });
  if (!found) throw new CourseNotFound("That quiz isn't part of this course (it may have been deleted).");
  return found;
}

/** Lessons and quizzes of a course have distinct slugs (the content format's rule). */
export async function slugTaken(tx: Tx, courseId: string, slug: string, except?: { kind: ItemKind; id: string }) {
  const [lesson, quiz] = await Promise.all([
    tx.lesson.findFirst({ where: { courseId, slug, ...(except?.kind === "lesson" ? { id: { not: except.id } } : {}) }, select: { id: true } }),
    tx.quiz.findFirst({ where: { courseId, slug, ...(except?.kind === "quiz" ? { id: { not: except.id } } : {}) }, select: { id: true } }),
  ]);
  return Boolean(lesson || quiz);
}

export async function freeItemSlug(tx: Tx, courseId: string, title: string) {
  const slug = slugify(title);
  const base = slug.length >= 3 ? slug : `${slug}-item`;
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (!(await slugTaken(tx, courseId, candidate))) return candidate;
  }
}

export const kindLabel = (kind: ItemKind) => (kind === "lesson" ? "lesson" : "quiz");
