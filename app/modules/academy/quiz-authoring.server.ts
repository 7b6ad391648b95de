/** A quiz's authoring: add, its settings, delete, and its questions (add, save, move, delete). */
import type { QuestionInput, QuizSettingsInput } from "./authoring-schemas.ts";
import { AT_END, change, freeItemSlug, requireModule, requireQuiz, SlugTaken, slugTaken, type Tx } from "./authoring.server.ts";
import { CourseNotFound, type Author } from "./course-admin.server.ts";
import { htmlToMarkdown, sameText } from "./html-to-markdown.ts";
import { renderMarkdown } from "./markdown.server.ts";
import { moveInList, type Direction } from "./outline.ts";
import type { QuizOption } from "./quiz.ts";

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
function optionsFromSlots(slots: QuestionInput["options"], existing: QuizOption[]): QuizOption[] {
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
