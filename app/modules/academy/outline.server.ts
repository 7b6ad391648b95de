/**
 * The course outline's changes: modules (add, rename, delete, move) and moving a
 * lesson or quiz through them. Each runs in `change` (authoring.server.ts), which
 * numbers the outline afresh.
 */
import { change, kindLabel, loadOutline, requireModule, writeOutline, type ItemKind } from "./authoring.server.ts";
import { CourseConflict, CourseNotFound, type Author } from "./course-admin.server.ts";
import { moveInList, moveItem as moveInOutline, type Direction } from "./outline.ts";

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
