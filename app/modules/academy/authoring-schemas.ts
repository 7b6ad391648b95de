/**
 * Zod schemas of the instructor studio's outline, lesson and quiz forms, shared
 * by the server actions and Conform in the browser. (The course's own fields
 * are courseInputSchema in course-admin.server.ts.)
 */
import { z } from "zod";
import { safeUrl } from "~/utils/safe-url.ts";

export const ITEM_SLUG_HELP = "Part of the address: lowercase letters, digits and single hyphens.";

const title = (noun: string, max = 160) =>
  z.string({ error: `Enter a title for the ${noun}.` }).trim().min(3, "Use at least 3 characters.").max(max, `Keep the title under ${max} characters.`);

/** Course, lesson and quiz slugs (also the content format's): lowercase words joined by single hyphens. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The slug rules of the studio's forms and the course API, on top of `base` (its message for a missing value). */
export const slugField = (base: z.ZodString) =>
  base.trim().min(3, "Use at least 3 characters.").max(80, "Keep the slug under 80 characters.").regex(SLUG_PATTERN, "Use lowercase letters, digits and single hyphens.");

const itemSlug = slugField(z.string({ error: "Enter a slug." }));

/** http(s) addresses or paths on this site: the one URL rule (safe-url.ts), as the content format and the API apply it. */
const link = safeUrl(500);

export const ModuleSchema = z.object({
  title: z.string({ error: "Enter a name for the module." }).trim().min(2, "Use at least 2 characters.").max(120, "Keep the name under 120 characters."),
});

export const NewItemSchema = z.object({
  moduleId: z.string({ error: "Choose a module." }).min(1),
  title: title("lesson or quiz"),
});

export const LessonSchema = z.object({
  title: title("lesson"),
  slug: itemSlug,
  summary: z.string({ error: "Write a one-line summary." }).trim().min(3, "Use at least 3 characters.").max(400, "Keep the summary under 400 characters."),
  moduleId: z.string({ error: "Choose a module." }).min(1),
  estimatedMinutes: z.number({ error: "Enter the minutes as a number." }).int("Use whole minutes.").min(1, "Use at least 1 minute.").max(600, "Keep it under 600 minutes."),
  videoUrl: link.optional(),
  required: z.boolean().default(false),
  bodyMarkdown: z.string().max(100_000, "Keep the lesson under 100,000 characters.").default(""),
});
export type LessonInput = z.output<typeof LessonSchema>;

export const QuizSettingsSchema = z.object({
  title: title("quiz"),
  slug: itemSlug,
  moduleId: z.string({ error: "Choose a module." }).min(1),
  passMark: z.number({ error: "Enter the pass mark as a number." }).int("Use a whole percentage.").min(1, "Use at least 1%.").max(100, "Use at most 100%."),
  required: z.boolean().default(false),
  intro: z.string().max(20_000, "Keep the introduction under 20,000 characters.").default(""),
});
export type QuizSettingsInput = z.output<typeof QuizSettingsSchema>;

/** How many option fields a question form shows (more when a question already has more). */
export const OPTION_SLOTS = 6;
export const MAX_OPTIONS = 8;

export const QuestionSchema = z
  .object({
    prompt: z.string({ error: "Write the question." }).trim().min(3, "Use at least 3 characters.").max(500, "Keep the question under 500 characters."),
    kind: z.enum(["SINGLE", "MULTIPLE"], { error: "Choose one right answer or several." }),
    options: z
      .array(z.object({ text: z.string().trim().max(300, "Keep each option under 300 characters.").optional(), correct: z.boolean().default(false) }))
      .max(MAX_OPTIONS)
      .default([]),
    explanation: z.string({ error: "Explain the right answer: learners see it after answering." }).trim().min(3, "Use at least 3 characters.").max(2000, "Keep it under 2,000 characters."),
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
  bodyMarkdown: z.string().max(100_000, "Keep the lesson under 100,000 characters.").default(""),
});
