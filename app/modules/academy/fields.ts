/**
 * The Academy's content fields, each defined once: its limits and its messages.
 * Every path that writes a course, module, lesson, quiz or question builds its
 * schema from these: the studio's forms (authoring-schemas.ts, with Conform in
 * the browser), the course fields of the studio and the JSON API
 * (courseInputSchema in course-admin.server.ts, `createCourseSchema`/
 * `updateCourseSchema` in api.server.ts) and the zip import's front matter
 * (content-format.ts). So a value one path accepts, every path accepts
 * (tests: app/modules/academy/fields.test.ts).
 *
 * No server imports: Conform validates with these in the browser too.
 */
import { z } from "zod";
import { isSafeUrl, URL_RULE_MESSAGE } from "~/utils/safe-url.ts";
import { SANDBOX_LIMITS, utf8Bytes } from "~/modules/exercises/limits.ts";
import { CATEGORIES, FEATURE_SLUGS, isPlatform } from "./taxonomy.ts";

/** A trimmed text of `min` to `max` characters; `required` is the message for a missing value, `what` names it in the "too long" message. */
const text = (min: number, max: number, what: string, required?: string) =>
  z
    .string(required ? { error: required } : undefined)
    .trim()
    .min(min, `Use at least ${min} characters.`)
    .max(max, `Keep ${what} under ${max.toLocaleString("en")} characters.`);

/** A whole number in [min, max] with its messages, on `base` (a number, or a coerced one for the API's form bodies). */
const whole = (min: number, max: number, messages: { int: string; min: string; max: string }, base: z.ZodNumber) => base.int(messages.int).min(min, messages.min).max(max, messages.max);
const number = (required: string) => z.number({ error: required });

// ───────────── slugs ─────────────

/** Course, lesson and quiz slugs (also the content format's): lowercase words joined by single hyphens. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const SLUG_MESSAGE = "Use lowercase letters, digits and single hyphens.";
export const ITEM_SLUG_HELP = "Part of the address: lowercase letters, digits and single hyphens.";

/** The slug rules of the studio's forms, the course API and the import, on top of `base` (its message for a missing value). */
const slugField = (base: z.ZodString = z.string()) => base.trim().min(3, "Use at least 3 characters.").max(80, "Keep the slug under 80 characters.").regex(SLUG_PATTERN, SLUG_MESSAGE);

/** http(s) addresses or paths on this site: the one URL rule (safe-url.ts). */
/** A URL form or API field under the URL rule (utils/safe-url.ts; trimmed; `max` characters at most). */
export const safeUrl = (max = 500) =>
  z.string().trim().max(max, `Keep the address under ${max} characters.`).refine(isSafeUrl, URL_RULE_MESSAGE);

export const link = safeUrl(500);

// ───────────── a course's own fields ─────────────

/** Lists accept an array or a comma-separated string (one text field in a form). */
const list = <T extends z.ZodType<string>>(item: T) =>
  z.preprocess((v) => (typeof v === "string" ? v.split(",").map((s) => s.trim()).filter(Boolean) : v), z.array(item));

const tag = z.string().trim().min(1).max(40, "Keep each tag under 40 characters.");
const TAGS_MAX = 12;
const feature = z.enum(FEATURE_SLUGS, { error: (i) => `Unknown Sentry feature "${String(i.input)}".` });
const platform = z.string().refine(isPlatform, { error: (i) => `Unknown platform "${String(i.input)}".` });
const courseMinutes = { int: "Use whole minutes.", min: "Use at least 1 minute.", max: "Keep it under 6,000 minutes." };

export const courseFields = {
  title: text(3, 120, "the title", "Enter a title."),
  slug: slugField(),
  summary: z.string({ error: "Enter a summary." }).trim().min(10, "Write at least 10 characters.").max(300, "Keep the summary under 300 characters."),
  description: z.string().trim().max(20_000, "Keep the description under 20,000 characters."),
  level: z.enum(["BEGINNER", "INTERMEDIATE", "ADVANCED"], { error: "Choose beginner, intermediate or advanced." }),
  category: z.enum(CATEGORIES, { error: `Choose one of: ${CATEGORIES.join(", ")}.` }),
  tag,
  tags: list(tag).pipe(z.array(z.string()).max(TAGS_MAX, `Use at most ${TAGS_MAX} tags.`)),
  feature,
  features: list(feature),
  platform,
  platforms: list(platform),
  /** The API's bodies may be form-encoded (text): coerced. */
  estimatedMinutes: whole(1, 6000, courseMinutes, z.coerce.number({ error: "Enter the minutes as a number." })),
  /** The import's YAML has numbers: not coerced (`true` is no number of minutes). */
  estimatedMinutesNumber: whole(1, 6000, courseMinutes, number("Enter the minutes as a number.")),
  coverUrl: link,
};

// ───────────── modules, lessons, quizzes, questions ─────────────

export const moduleFields = {
  title: z.string({ error: "Enter a name for the module." }).trim().min(2, "Use at least 2 characters.").max(120, "Keep the name under 120 characters."),
};

const itemTitle = (noun: string) => text(3, 160, "the title", `Enter a title for the ${noun}.`);

export const itemFields = {
  title: itemTitle("lesson or quiz"),
  slug: slugField(z.string({ error: "Enter a slug." })),
  moduleId: z.string({ error: "Choose a module." }).min(1),
};

export const lessonFields = {
  title: itemTitle("lesson"),
  summary: z.string({ error: "Write a one-line summary." }).trim().min(3, "Use at least 3 characters.").max(400, "Keep the summary under 400 characters."),
  estimatedMinutes: whole(1, 600, { int: "Use whole minutes.", min: "Use at least 1 minute.", max: "Keep it under 600 minutes." }, number("Enter the minutes as a number.")),
  videoUrl: link,
  bodyMarkdown: z.string().max(100_000, "Keep the lesson under 100,000 characters."),
};

export const quizFields = {
  title: itemTitle("quiz"),
  passMark: whole(1, 100, { int: "Use a whole percentage.", min: "Use at least 1%.", max: "Use at most 100%." }, number("Enter the pass mark as a number.")),
  intro: z.string().max(20_000, "Keep the introduction under 20,000 characters."),
};

/** How many option fields a question form shows (more when a question already has more), and the most a question may have. */
export const OPTION_SLOTS = 6;
export const MAX_OPTIONS = 8;

export const questionFields = {
  prompt: z.string({ error: "Write the question." }).trim().min(3, "Use at least 3 characters.").max(500, "Keep the question under 500 characters."),
  optionText: z.string().trim().max(300, "Keep each option under 300 characters."),
  explanation: z.string({ error: "Explain the right answer: learners see it after answering." }).trim().min(3, "Use at least 3 characters.").max(2000, "Keep it under 2,000 characters."),
};

// ───────────── exercises (a lesson with code; decision 040) ─────────────

/** Code of at most `max` UTF-8 bytes (the sandbox's limits, limits.ts); `what` names it in the message. */
const code = (max: number, what: string) =>
  z.string().refine((value) => utf8Bytes(value) <= max, `Keep ${what} under ${Math.round(max / 1024)} KB.`);

/** A test file must call test(...) at least once: an exercise nobody can fail completes itself. */
const HAS_A_TEST = /\btest\s*\(/;

export const exerciseFields = {
  language: z.enum(["JAVASCRIPT", "TYPESCRIPT"], { error: "Choose JavaScript or TypeScript." }),
  starterCode: code(SANDBOX_LIMITS.codeBytes, "the starter code"),
  visibleTests: code(SANDBOX_LIMITS.testsBytes, "the tests").refine((value) => HAS_A_TEST.test(value), "Write at least one test(\"name\", () => { ... }) in the visible tests."),
  hiddenTests: code(SANDBOX_LIMITS.testsBytes, "the hidden tests"),
  solution: code(SANDBOX_LIMITS.codeBytes, "the solution"),
};
