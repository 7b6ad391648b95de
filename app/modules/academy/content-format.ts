/**
 * The course content format (prisma/seed/content/FORMAT.md): Markdown files
 * with YAML front matter, validated with Zod so a bad file gets a clear,
 * per-file error report.
 */
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { courseFields, lessonFields, link, MAX_OPTIONS, moduleFields, questionFields, quizFields, SLUG_MESSAGE, SLUG_PATTERN } from "./fields.ts";

const slug = z.string().regex(SLUG_PATTERN, SLUG_MESSAGE);
const platformList = z.array(courseFields.platform).default([]);
const featureList = z.array(courseFields.feature);

// The fields' limits and messages are the studio's and the API's (fields.ts); only the file's shape is its own.
export const CourseFrontMatter = z.object({
  title: courseFields.title,
  summary: courseFields.summary,
  level: z.enum(["beginner", "intermediate", "advanced"]),
  category: courseFields.category,
  tags: courseFields.tags.default([]),
  features: featureList.min(1),
  platforms: platformList,
  estimatedMinutes: courseFields.estimatedMinutesNumber,
  cover: link.optional(),
});

// Every stored URL follows the one rule (safe-url.ts): http(s) or a path on this site, never javascript: or data:.
const resource = z.object({ title: z.string().min(1), url: link });

export const LessonFrontMatter = z.object({
  type: z.literal("lesson"),
  title: lessonFields.title,
  module: moduleFields.title,
  summary: lessonFields.summary,
  estimatedMinutes: lessonFields.estimatedMinutes,
  features: featureList.optional(),
  platforms: platformList.optional(),
  required: z.boolean().default(true),
  video: link.optional(),
  captions: link.optional(),
  resources: z.array(resource).default([]),
});

export const QuizFrontMatter = z.object({
  type: z.literal("quiz"),
  title: quizFields.title,
  module: moduleFields.title,
  passMark: quizFields.passMark.default(70),
  required: z.boolean().default(true),
  questions: z
    .array(
      z
        .object({
          prompt: questionFields.prompt,
          kind: z.enum(["single", "multiple"]).default("single"),
          options: z
            .array(z.object({ text: z.coerce.string().pipe(questionFields.optionText.min(1, "Write this option.")), correct: z.boolean().default(false) }))
            .min(2)
            .max(MAX_OPTIONS),
          explanation: questionFields.explanation,
        })
        .refine((q) => q.options.some((o) => o.correct), { message: "needs at least one correct option" })
        .refine((q) => q.kind === "multiple" || q.options.filter((o) => o.correct).length === 1, {
          message: 'a "single" question needs exactly one correct option',
        }),
    )
    .min(1),
});

export const PathFrontMatter = z.object({
  title: courseFields.title,
  summary: courseFields.summary,
  courses: z.array(slug).min(1),
});

export { slug as SlugSchema };

/** Splits "---\nyaml\n---\nbody" into its parts. */
export function splitFrontMatter(source: string): { data: unknown; body: string } {
  const text = source.replace(/^\uFEFF/, "").replace(/\r\n/g, "\n");
  if (!text.startsWith("---\n")) throw new Error("must start with a front matter block (--- ... ---)");
  const end = text.indexOf("\n---", 4);
  if (end === -1) throw new Error("the front matter block is not closed with ---");
  const data = parseYaml(text.slice(4, end + 1));
  const body = text.slice(end + 4).replace(/^[^\n]*\n/, "");
  return { data: data ?? {}, body: body.trim() };
}

export function formatIssues(error: z.ZodError): string {
  return error.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)).join("; ");
}
