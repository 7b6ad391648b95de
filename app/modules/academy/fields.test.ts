/**
 * One definition per Academy field (fields.ts): the studio's forms (as Conform
 * parses a posted form), the JSON API's request bodies (create and update) and
 * the zip import's front matter accept and refuse the same values, with the same
 * message: at the limit, one over, and a bad slug.
 */
import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { createCourseSchema, updateCourseSchema } from "./api.server.ts";
import { LessonSchema, ModuleSchema, QuestionSchema, QuizSettingsSchema } from "./authoring-schemas.ts";
import { CourseFrontMatter, LessonFrontMatter, QuizFrontMatter } from "./content-format.ts";
import { courseInputSchema } from "./course-admin.server.ts";

type Value = string | number | string[];

/** A form as a browser posts it: arrays as repeated fields or (tags, platforms) one comma-separated text. */
function formData(fields: Record<string, Value | undefined>) {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) form.set(key, value.join(", "));
    else form.set(key, String(value));
  }
  return form;
}

/** The messages for `field`, or null when the path accepted the value. */
function studio(schema: z.ZodType, fields: Record<string, Value | undefined>, field: string): string[] | null {
  const submission = parseWithZod(formData(fields), { schema });
  if (submission.status === "success") return null;
  return submission.error?.[field] ?? null;
}

function parsed(schema: z.ZodType, body: unknown, field: string): string[] | null {
  const result = schema.safeParse(body);
  if (result.success) return null;
  const messages = result.error.issues.filter((i) => i.path.map(String).join(".") === field).map((i) => i.message);
  return messages.length ? messages : null;
}

const long = (n: number) => "a".repeat(n);

const COURSE = { title: "A valid course title", summary: "A summary long enough to pass.", level: "BEGINNER", category: "Fundamentals", estimatedMinutes: 30 };
const COURSE_FRONT = { title: COURSE.title, summary: COURSE.summary, level: "beginner", category: "Fundamentals", features: ["errors"], estimatedMinutes: 30 };

type Case = { field: string; value: Value; ok: boolean; message?: string; importField?: string | null };

const courseCases: Case[] = [
  { field: "title", value: long(120), ok: true },
  { field: "title", value: long(121), ok: false, message: "Keep the title under 120 characters." },
  { field: "title", value: "ab", ok: false, message: "Use at least 3 characters." },
  { field: "summary", value: long(300), ok: true },
  { field: "summary", value: long(301), ok: false, message: "Keep the summary under 300 characters." },
  { field: "summary", value: long(9), ok: false, message: "Write at least 10 characters." },
  { field: "slug", value: long(80), ok: true, importField: null },
  { field: "slug", value: long(81), ok: false, message: "Keep the slug under 80 characters.", importField: null },
  { field: "slug", value: "Bad Slug!", ok: false, message: "Use lowercase letters, digits and single hyphens.", importField: null },
  { field: "slug", value: "double--hyphen", ok: false, message: "Use lowercase letters, digits and single hyphens.", importField: null },
  { field: "estimatedMinutes", value: 6000, ok: true },
  { field: "estimatedMinutes", value: 6001, ok: false, message: "Keep it under 6,000 minutes." },
  { field: "estimatedMinutes", value: 0, ok: false, message: "Use at least 1 minute." },
  { field: "tags", value: Array.from({ length: 12 }, (_, i) => `tag${i}`), ok: true },
  { field: "tags", value: Array.from({ length: 13 }, (_, i) => `tag${i}`), ok: false, message: "Use at most 12 tags." },
  { field: "coverUrl", value: "javascript:alert(1)", ok: false, message: "Use an http(s) address or a path starting with /.", importField: "cover" },
  { field: "coverUrl", value: "https://example.com/cover.png", ok: true, importField: "cover" },
  { field: "description", value: long(20_000), ok: true, importField: null },
  { field: "description", value: long(20_001), ok: false, message: "Keep the description under 20,000 characters.", importField: null },
];

describe("a course's fields", () => {
  it.each(courseCases)("course $field, case %#: the studio, the API (POST and PUT) and the import agree", ({ field, value, ok, message, importField }) => {
    const expected = ok ? null : [message];
    expect(studio(courseInputSchema, { ...COURSE, [field]: value }, field), "studio form").toEqual(expected);
    expect(parsed(createCourseSchema, { ...COURSE, [field]: value }, field), "POST /api/courses").toEqual(expected);
    expect(parsed(updateCourseSchema, { [field]: value }, field), "PUT /api/courses/{id}").toEqual(expected);
    const front = importField === undefined ? field : importField;
    if (front) expect(parsed(CourseFrontMatter, { ...COURSE_FRONT, [front]: value }, front), "import").toEqual(expected);
  });

  it("a tag's own limit is the same everywhere", () => {
    const expected = ["Keep each tag under 40 characters."];
    expect(studio(courseInputSchema, { ...COURSE, tags: [long(41)] }, "tags[0]")).toEqual(expected);
    expect(parsed(createCourseSchema, { ...COURSE, tags: [long(41)] }, "tags.0")).toEqual(expected);
    expect(parsed(CourseFrontMatter, { ...COURSE_FRONT, tags: [long(41)] }, "tags.0")).toEqual(expected);
    expect(parsed(createCourseSchema, { ...COURSE, tags: [long(40)] }, "tags.0")).toBeNull();
  });
});

const LESSON = { title: "A lesson title", slug: "a-lesson", summary: "A lesson summary.", moduleId: "m1", estimatedMinutes: 5 };
const LESSON_FRONT = { type: "lesson", title: LESSON.title, module: "First steps", summary: LESSON.summary, estimatedMinutes: 5 };
const QUIZ = { title: "A quiz title", slug: "a-quiz", moduleId: "m1", passMark: 70 };
const QUIZ_FRONT = { type: "quiz", title: QUIZ.title, module: "First steps", passMark: 70 };
const QUESTION = { prompt: "What does Sentry capture?", kind: "SINGLE", explanation: "Errors and more.", options: [{ text: "Errors", correct: true }, { text: "Bread" }] };

function questionForm(overrides: { prompt?: string; explanation?: string; option?: string }) {
  const q = { ...QUESTION, ...overrides };
  return {
    prompt: q.prompt,
    kind: q.kind,
    explanation: q.explanation,
    "options[0].text": overrides.option ?? "Errors",
    "options[0].correct": "on",
    "options[1].text": "Bread",
  };
}
const questionFront = (overrides: { prompt?: string; explanation?: string; option?: string }) => ({
  ...QUIZ_FRONT,
  questions: [{ prompt: overrides.prompt ?? QUESTION.prompt, kind: "single", explanation: overrides.explanation ?? QUESTION.explanation, options: [{ text: overrides.option ?? "Errors", correct: true }, { text: "Bread" }] }],
});

describe("modules, lessons, quizzes and questions: the studio and the import agree", () => {
  it.each([
    { field: "title", value: long(160), ok: true },
    { field: "title", value: long(161), ok: false, message: "Keep the title under 160 characters." },
    { field: "summary", value: long(400), ok: true },
    { field: "summary", value: long(401), ok: false, message: "Keep the summary under 400 characters." },
    { field: "estimatedMinutes", value: 600, ok: true },
    { field: "estimatedMinutes", value: 601, ok: false, message: "Keep it under 600 minutes." },
  ])("lesson $field ($ok)", ({ field, value, ok, message }) => {
    const expected = ok ? null : [message];
    expect(studio(LessonSchema, { ...LESSON, [field]: value }, field)).toEqual(expected);
    expect(parsed(LessonFrontMatter, { ...LESSON_FRONT, [field]: value }, field)).toEqual(expected);
  });

  it("a lesson's or quiz's slug", () => {
    for (const schema of [LessonSchema, QuizSettingsSchema]) {
      const base = schema === LessonSchema ? LESSON : QUIZ;
      expect(studio(schema, { ...base, slug: long(80) }, "slug")).toBeNull();
      expect(studio(schema, { ...base, slug: long(81) }, "slug")).toEqual(["Keep the slug under 80 characters."]);
      expect(studio(schema, { ...base, slug: "Bad Slug!" }, "slug")).toEqual(["Use lowercase letters, digits and single hyphens."]);
    }
  });

  it.each([
    { field: "title", value: long(160), ok: true },
    { field: "title", value: long(161), ok: false, message: "Keep the title under 160 characters." },
    { field: "passMark", value: 100, ok: true },
    { field: "passMark", value: 101, ok: false, message: "Use at most 100%." },
  ])("quiz $field ($ok)", ({ field, value, ok, message }) => {
    const expected = ok ? null : [message];
    expect(studio(QuizSettingsSchema, { ...QUIZ, [field]: value }, field)).toEqual(expected);
    expect(parsed(QuizFrontMatter, { ...QUIZ_FRONT, questions: questionFront({}).questions, [field]: value }, field)).toEqual(expected);
  });

  it("a module's name", () => {
    expect(studio(ModuleSchema, { title: long(120) }, "title")).toBeNull();
    expect(studio(ModuleSchema, { title: long(121) }, "title")).toEqual(["Keep the name under 120 characters."]);
    expect(studio(ModuleSchema, { title: "a" }, "title")).toEqual(["Use at least 2 characters."]);
    expect(parsed(LessonFrontMatter, { ...LESSON_FRONT, module: long(120) }, "module")).toBeNull();
    expect(parsed(LessonFrontMatter, { ...LESSON_FRONT, module: long(121) }, "module")).toEqual(["Keep the name under 120 characters."]);
    expect(parsed(LessonFrontMatter, { ...LESSON_FRONT, module: "a" }, "module")).toEqual(["Use at least 2 characters."]);
  });

  it.each([
    { part: "prompt", at: 500, message: "Keep the question under 500 characters." },
    { part: "explanation", at: 2000, message: "Keep it under 2,000 characters." },
    { part: "option", at: 300, message: "Keep each option under 300 characters." },
  ])("a question's $part", ({ part, at, message }) => {
    const studioField = part === "option" ? "options[0].text" : part;
    const importField = part === "option" ? "questions.0.options.0.text" : `questions.0.${part}`;
    expect(studio(QuestionSchema, questionForm({ [part]: long(at) }), studioField)).toBeNull();
    expect(parsed(QuizFrontMatter, questionFront({ [part]: long(at) }), importField)).toBeNull();
    expect(studio(QuestionSchema, questionForm({ [part]: long(at + 1) }), studioField)).toEqual([message]);
    expect(parsed(QuizFrontMatter, questionFront({ [part]: long(at + 1) }), importField)).toEqual([message]);
  });
});
