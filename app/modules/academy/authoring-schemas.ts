/**
 * Zod schemas of the instructor studio's outline, lesson and quiz forms, shared
 * by the server actions and Conform in the browser. (The course's own fields
 * are courseInputSchema in course-admin.server.ts.)
 */
import { z } from "zod";
import { itemFields, lessonFields, link, MAX_OPTIONS, moduleFields, questionFields, quizFields } from "./fields.ts";

// The fields themselves (limits, messages) are in fields.ts; these are the forms made of them.
export { ITEM_SLUG_HELP,  OPTION_SLOTS,   } from "./fields.ts";

export const ModuleSchema = z.object({ title: moduleFields.title });

export const NewItemSchema = z.object({
  moduleId: itemFields.moduleId,
  title: itemFields.title,
});

export const LessonSchema = z.object({
  title: lessonFields.title,
  slug: itemFields.slug,
  summary: lessonFields.summary,
  moduleId: itemFields.moduleId,
  estimatedMinutes: lessonFields.estimatedMinutes,
  videoUrl: link.optional(),
  required: z.boolean().default(false),
  bodyMarkdown: lessonFields.bodyMarkdown.default(""),
});
export type LessonInput = z.output<typeof LessonSchema>;

export const QuizSettingsSchema = z.object({
  title: quizFields.title,
  slug: itemFields.slug,
  moduleId: itemFields.moduleId,
  passMark: quizFields.passMark,
  required: z.boolean().default(false),
  intro: quizFields.intro.default(""),
});
export type QuizSettingsInput = z.output<typeof QuizSettingsSchema>;

export const QuestionSchema = z
  .object({
    prompt: questionFields.prompt,
    kind: z.enum(["SINGLE", "MULTIPLE"], { error: "Choose one right answer or several." }),
    options: z
      .array(z.object({ text: questionFields.optionText.optional(), correct: z.boolean().default(false) }))
      .max(MAX_OPTIONS)
      .default([]),
    explanation: questionFields.explanation,
  })
  .superRefine((q, ctx) => {
    q.options.forEach((o, i) => {
      if (o.correct && !o.text) ctx.addIssue({ code: "custom", path: ["options", i, "text"], message: "Write this option, or untick “Correct”." });
    });
    const filled = q.options.filter((o) => o.text);
    const correct = filled.filter((o) => o.correct).length;
    if (filled.length < 2) ctx.addIssue({ code: "custom", path: ["options"], message: "Give at least 2 options." });
    else if (correct === 0) ctx.addIssue({ code: "custom", path: ["options"], message: "Tick the correct option." });
    else if (q.kind === "SINGLE" && correct > 1) ctx.addIssue({ code: "custom", path: ["options"], message: "A one-answer question needs exactly one correct option: tick one, or allow several answers." });
  });
export type QuestionInput = z.output<typeof QuestionSchema>;

export const PublishSchema = z.object({
  note: z.string().trim().max(300, "Keep the note under 300 characters.").default(""),
});

/** "Preview" on the lesson editor renders the typed body without saving or checking the other fields. */
export const PreviewSchema = z.object({
  bodyMarkdown: lessonFields.bodyMarkdown.default(""),
});
