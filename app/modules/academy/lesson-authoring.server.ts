/** A lesson's authoring: add (a draft at the end of its module), save its fields and body, delete. */
import type { LessonInput } from "./authoring-schemas.ts";
import { AT_END, change, freeItemSlug, requireLesson, requireModule, SlugTaken, slugTaken, type Course, type Tx } from "./authoring.server.ts";
import type { Author } from "./course-admin.server.ts";
import { renderMarkdown } from "./markdown.server.ts";

/** A new lesson at the end of the module, with a free slug; it's written in the lesson editor. */
export function addLesson(courseId: string, input: { moduleId: string; title: string }, user: Author) {
  return change(courseId, user, async (tx, course) => {
    const lesson = await createLesson(tx, course, input);
    return { result: lesson, note: `Added the lesson “${input.title}”` };
  });
}

/** The new lesson's row, in a change's transaction (an exercise is a lesson with an Exercise row: exercises/authoring.server.ts). */
export async function createLesson(tx: Tx, course: Course, input: { moduleId: string; title: string; bodyMarkdown?: string }) {
  await requireModule(tx, course.id, input.moduleId);
  const bodyMarkdown = input.bodyMarkdown ?? "";
  return tx.lesson.create({
    data: {
      courseId: course.id,
      moduleId: input.moduleId,
      slug: await freeItemSlug(tx, course.id, input.title),
      title: input.title,
      summary: "",
      bodyMarkdown,
      bodyHtml: bodyMarkdown ? renderMarkdown(bodyMarkdown) : "",
      position: AT_END,
      estimatedMinutes: 5,
      features: course.features,
      platforms: course.platforms,
    },
  });
}

export function updateLesson(courseId: string, lessonId: string, input: LessonInput, user: Author) {
  return change(courseId, user, async (tx) => {
    const saved = await writeLesson(tx, courseId, lessonId, input);
    return { result: saved, note: `Edited the lesson “${input.title}”` };
  });
}

/** Saves a lesson's fields and body in a change's transaction (SlugTaken when another item has the slug). */
export async function writeLesson(tx: Tx, courseId: string, lessonId: string, input: LessonInput) {
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
  return saved;
}

/** Deletes a lesson, and with it learners' progress on it (they are told nothing; the course page just has one lesson less). */
export function deleteLesson(courseId: string, lessonId: string, user: Author) {
  return change(courseId, user, async (tx) => {
    const found = await requireLesson(tx, courseId, lessonId);
    await tx.lesson.delete({ where: { id: lessonId } });
    return { result: found, note: `Deleted the lesson “${found.title}”` };
  });
}
