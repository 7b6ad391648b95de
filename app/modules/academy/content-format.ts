/**
 * The course content format (prisma/seed/content/FORMAT.md): Markdown files
 * with YAML front matter, validated with Zod so a bad file gets a clear,
 * per-file error report.
 */
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { courseFields, exerciseFields, lessonFields, link, MAX_OPTIONS, moduleFields, questionFields, quizFields, SLUG_MESSAGE, SLUG_PATTERN } from "./fields.ts";

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

/** An exercise is a lesson with code (decision 040): the lesson's fields, plus the language learners write in. */
export const ExerciseFrontMatter = LessonFrontMatter.extend({
  type: z.literal("exercise"),
  language: z.enum(["javascript", "typescript"], { error: 'Say "javascript" or "typescript".' }).default("javascript"),
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

/** The info words of an exercise's fenced code blocks, and the Exercise field each fills. */
export const EXERCISE_BLOCKS = { starter: "starterCode", tests: "visibleTests", "hidden-tests": "hiddenTests", solution: "solution" } as const;
type BlockWord = keyof typeof EXERCISE_BLOCKS;
const CODE_LANGUAGES = new Set(["js", "javascript", "mjs", "ts", "typescript"]);

const ExerciseCode = z.object({
  starterCode: exerciseFields.starterCode,
  visibleTests: exerciseFields.visibleTests,
  hiddenTests: exerciseFields.hiddenTests,
  solution: exerciseFields.solution.optional(),
});
export type ExerciseCode = z.infer<typeof ExerciseCode>;

const fieldWord = Object.fromEntries(Object.entries(EXERCISE_BLOCKS).map(([word, field]) => [field, word])) as Record<string, BlockWord>;

/**
 * Takes an exercise's code out of its Markdown body: fenced blocks whose info string is a language and one
 * of the words starter, tests, hidden-tests, solution (```js tests). What remains is the instructions;
 * other fenced blocks stay in them. Problems are named by the block's word, like front matter fields.
 */
export function parseExerciseBody(body: string): { ok: true; instructions: string; code: ExerciseCode } | { ok: false; message: string } {
  const lines = body.split("\n");
  const kept: string[] = [];
  const blocks = new Map<BlockWord, string>();
  const problems: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^ {0,3}(`{3,}|~{3,})\s*(.*)$/.exec(lines[i]);
    if (!open) {
      kept.push(lines[i]);
      continue;
    }
    const fence = open[1];
    const [language = "", word = "", ...rest] = open[2].trim().split(/\s+/);
    let end = i + 1;
    const closes = (line: string) => new RegExp(`^ {0,3}${fence[0] === "`" ? "`" : "~"}{${fence.length},}\\s*$`).test(line);
    while (end < lines.length && !closes(lines[end])) end++;
    const isCode = word in EXERCISE_BLOCKS;
    if (!isCode) {
      kept.push(...lines.slice(i, end + 1));
    } else if (!CODE_LANGUAGES.has(language.toLowerCase()) || rest.length) {
      problems.push(`${word}: start the block with \`\`\`js ${word} (or ts)`);
    } else if (end >= lines.length) {
      problems.push(`${word}: the code block is not closed with ${fence}`);
    } else if (blocks.has(word as BlockWord)) {
      problems.push(`${word}: there is more than one ${word} block; keep one`);
    } else {
      blocks.set(word as BlockWord, lines.slice(i + 1, end).join("\n"));
    }
    i = end;
  }
  const named = (word: BlockWord) => blocks.has(word) || problems.some((p) => p.startsWith(`${word}:`));
  if (!named("starter")) problems.push("starter: add the code learners start from in a ```js starter block");
  if (!named("tests")) problems.push("tests: add the visible tests in a ```js tests block");
  if (problems.length) return { ok: false, message: problems.join("; ") };
  const code = ExerciseCode.safeParse({
    starterCode: blocks.get("starter"),
    visibleTests: blocks.get("tests"),
    hiddenTests: blocks.get("hidden-tests") ?? "",
    solution: blocks.get("solution"),
  });
  if (!code.success) return { ok: false, message: code.error.issues.map((issue) => `${fieldWord[String(issue.path[0])] ?? issue.path.join(".")}: ${issue.message}`).join("; ") };
  return { ok: true, instructions: kept.join("\n").replace(/\n{3,}/g, "\n\n").trim(), code: code.data };
}
