/** A lesson's authoring: add (a draft at the end of its module), save its fields and body, delete. */
import type { LessonInput } from "./authoring-schemas.ts";
import { AT_END, change, freeItemSlug, requireLesson, requireModule, SlugTaken, slugTaken } from "./authoring.server.ts";
import type { Author } from "./course-admin.server.ts";
import { renderMarkdown } from "./markdown.server.ts";

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
