/**
 * The course content format (prisma/seed/content/FORMAT.md): Markdown files
 * with YAML front matter, validated with Zod so a bad file gets a clear,
 * per-file error report.
 */
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { safeUrl } from "~/utils/safe-url.ts";
import { SLUG_PATTERN } from "./authoring-schemas.ts";
import { CATEGORIES, FEATURE_SLUGS, isPlatform } from "./taxonomy.ts";

const slug = z.string().regex(SLUG_PATTERN, "use lowercase letters, digits and hyphens");
const platformList = z.array(z.string().refine(isPlatform, { error: (i) => `unknown platform "${String(i.input)}"` })).default([]);
const featureList = z.array(z.enum(FEATURE_SLUGS, { error: (i) => `unknown feature "${String(i.input)}"` }));

export const CourseFrontMatter = z.object({
  title: z.string().trim().min(3).max(120),
  summary: z.string().trim().min(10).max(300),
  level: z.enum(["beginner", "intermediate", "advanced"]),
  category: z.enum(CATEGORIES),
  tags: z.array(z.string().trim().min(1).max(40)).max(12).default([]),
  features: featureList.min(1),
  platforms: platformList,
  estimatedMinutes: z.number().int().positive().max(6000),
  cover: safeUrl(500).optional(),
});

// Every stored URL follows the one rule (safe-url.ts): http(s) or a path on this site, never javascript: or data:.
const resource = z.object({ title: z.string().min(1), url: safeUrl(500) });

export const LessonFrontMatter = z.object({
  type: z.literal("lesson"),
  title: z.string().trim().min(3).max(160),
  module: z.string().trim().min(1).max(120),
  summary: z.string().trim().min(3).max(400),
  estimatedMinutes: z.number().int().positive().max(600),
  features: featureList.optional(),
  platforms: platformList.optional(),
  required: z.boolean().default(true),
  video: safeUrl(500).optional(),
  captions: safeUrl(500).optional(),
  resources: z.array(resource).default([]),
});

export const QuizFrontMatter = z.object({
  type: z.literal("quiz"),
  title: z.string().trim().min(3).max(160),
  module: z.string().trim().min(1).max(120),
  passMark: z.number().int().min(1).max(100).default(70),
  required: z.boolean().default(true),
  questions: z
    .array(
      z
        .object({
          prompt: z.string().trim().min(3),
          kind: z.enum(["single", "multiple"]).default("single"),
          options: z.array(z.object({ text: z.coerce.string().trim().min(1), correct: z.boolean().default(false) })).min(2).max(8),
          explanation: z.string().trim().min(3),
        })
        .refine((q) => q.options.some((o) => o.correct), { message: "needs at least one correct option" })
        .refine((q) => q.kind === "multiple" || q.options.filter((o) => o.correct).length === 1, {
          message: 'a "single" question needs exactly one correct option',
        }),
    )
    .min(1),
});

export const PathFrontMatter = z.object({
  title: z.string().trim().min(3).max(120),
  summary: z.string().trim().min(10).max(300),
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
