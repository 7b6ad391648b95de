/**
 * Imports courses and learning paths from Markdown files with front matter
 * (prisma/seed/content/FORMAT.md). The same importer loads the starter
 * catalogue and instructors' bulk uploads: every file is validated first and
 * reported on by name; only a fully valid set is written, in one transaction,
 * so nothing is ever half-imported. Re-importing updates courses in place
 * (matched by slug) so learners keep their progress.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { Prisma, PrismaClient } from "~/generated/prisma/client.ts";
import {
  CourseFrontMatter,
  ExerciseFrontMatter,
  type ExerciseCode,
  formatIssues,
  LessonFrontMatter,
  parseExerciseBody,
  PathFrontMatter,
  QuizFrontMatter,
  SlugSchema,
  splitFrontMatter,
} from "./content-format.ts";
import { importLocalMedia } from "~/modules/media/catalog-media.server.ts";
import { clearCatalogCaches } from "./catalog.server.ts";
import { renderMarkdown } from "./markdown.server.ts";

export type FileError = { file: string; message: string };

type ParsedItem =
  /** An exercise is a lesson with `exercise` (its code; the body is then the instructions without the code blocks). */
  | { kind: "lesson"; slug: string; file: string; module: string; fm: ReturnType<typeof LessonFrontMatter.parse>; body: string; exercise?: ParsedExercise }
  | { kind: "quiz"; slug: string; file: string; module: string; fm: ReturnType<typeof QuizFrontMatter.parse>; body: string };

type ParsedExercise = ExerciseCode & { language: "JAVASCRIPT" | "TYPESCRIPT" };

type ParsedCourse = { slug: string; fm: ReturnType<typeof CourseFrontMatter.parse>; body: string; items: ParsedItem[] };
type ParsedPath = { slug: string; fm: ReturnType<typeof PathFrontMatter.parse>; body: string };
export type ParsedCatalog = { courses: ParsedCourse[]; paths: ParsedPath[] };

/** Reads every .md file under dir into { relativePath: contents }. */
export function readContentDir(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (current: string) => {
    for (const name of readdirSync(current).sort()) {
      const full = path.join(current, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith(".md") && name !== "FORMAT.md" && name !== "README.md") {
        files.set(path.relative(dir, full).split(path.sep).join("/"), readFileSync(full, "utf8"));
      }
    }
  };
  walk(dir);
  return files;
}

const ITEM_FILE = /^(\d{2,3})-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$/;

/** Validates a set of files; returns the parsed catalogue or every problem found, by file. */
export function parseCatalog(files: Map<string, string>, opts: { knownCourseSlugs?: string[] } = {}):
  | { ok: true; catalog: ParsedCatalog }
  | { ok: false; errors: FileError[] } {
  const errors: FileError[] = [];
  const courses = new Map<string, ParsedCourse>();
  const itemFiles: [string, string, string][] = [];
  const paths: ParsedPath[] = [];

  for (const [file, source] of files) {
    const parts = file.split("/");
    // Accept both "courses/<slug>/..." and a bare "<slug>/..." (a zip of one course folder).
    const rel = parts[0] === "courses" ? parts.slice(1) : parts[0] === "paths" ? parts : parts;
    try {
      if (rel[0] === "paths" && rel.length === 2) {
        const slug = SlugSchema.safeParse(rel[1].replace(/\.md$/, ""));
        if (!slug.success) throw new Error(`file name: ${formatIssues(slug.error)}`);
        const { data, body } = splitFrontMatter(source);
        const fm = PathFrontMatter.safeParse(data);
        if (!fm.success) throw new Error(formatIssues(fm.error));
        paths.push({ slug: slug.data, fm: fm.data, body });
      } else if (rel.length === 2 && rel[1] === "course.md") {
        const slug = SlugSchema.safeParse(rel[0]);
        if (!slug.success) throw new Error(`folder name: ${formatIssues(slug.error)}`);
        const { data, body } = splitFrontMatter(source);
        const fm = CourseFrontMatter.safeParse(data);
        if (!fm.success) throw new Error(formatIssues(fm.error));
        courses.set(slug.data, { slug: slug.data, fm: fm.data, body, items: [] });
      } else if (rel.length === 2) {
        itemFiles.push([file, rel[0], rel[1]]);
      } else {
        throw new Error("unexpected location: use courses/<course-slug>/course.md, courses/<course-slug>/NN-<item>.md or paths/<path>.md");
      }
    } catch (error) {
      errors.push({ file, message: error instanceof Error ? error.message : String(error) });
    }
  }

  for (const [file, courseSlug, name] of itemFiles) {
    try {
      const match = ITEM_FILE.exec(name);
      if (!match) throw new Error('name it "NN-<slug>.md", e.g. 01-capture-your-first-error.md');
      const course = courses.get(courseSlug);
      if (!course) throw new Error(`its course folder "${courseSlug}" has no valid course.md`);
      const { data, body } = splitFrontMatter(files.get(file)!);
      const type = (data as { type?: unknown }).type;
      if (type === "quiz") {
        const fm = QuizFrontMatter.safeParse(data);
        if (!fm.success) throw new Error(formatIssues(fm.error));
        course.items.push({ kind: "quiz", slug: match[2], file, module: fm.data.module, fm: fm.data, body });
      } else if (type === "exercise") {
        const fm = ExerciseFrontMatter.safeParse(data);
        const code = parseExerciseBody(body);
        const problems = [...(fm.success ? [] : [formatIssues(fm.error)]), ...(code.ok ? [] : [code.message])];
        if (!fm.success || !code.ok) throw new Error(problems.join("; "));
        const { type: _exercise, language, ...lesson } = fm.data;
        const exercise = { ...code.code, language: language === "typescript" ? ("TYPESCRIPT" as const) : ("JAVASCRIPT" as const) };
        course.items.push({ kind: "lesson", slug: match[2], file, module: fm.data.module, fm: { ...lesson, type: "lesson" }, body: code.instructions, exercise });
      } else {
        const fm = LessonFrontMatter.safeParse(data);
        if (!fm.success) throw new Error(type === undefined ? `type: say "lesson", "exercise" or "quiz"; ${formatIssues(fm.error)}` : formatIssues(fm.error));
        course.items.push({ kind: "lesson", slug: match[2], file, module: fm.data.module, fm: fm.data, body });
      }
    } catch (error) {
      errors.push({ file, message: error instanceof Error ? error.message : String(error) });
    }
  }

  for (const course of courses.values()) {
    course.items.sort((a, b) => a.file.localeCompare(b.file));
    if (!course.items.some((i) => i.kind === "lesson")) errors.push({ file: `courses/${course.slug}/course.md`, message: "the course has no lessons" });
    const seen = new Set<string>();
    for (const item of course.items) {
      if (seen.has(item.slug)) errors.push({ file: item.file, message: `another item of this course is also named "${item.slug}"` });
      seen.add(item.slug);
    }
  }
  const known = new Set([...courses.keys(), ...(opts.knownCourseSlugs ?? [])]);
  for (const p of paths) {
    const missing = p.fm.courses.filter((c) => !known.has(c));
    if (missing.length) errors.push({ file: `paths/${p.slug}.md`, message: `unknown course${missing.length > 1 ? "s" : ""}: ${missing.join(", ")}` });
  }
  if (courses.size === 0 && paths.length === 0 && errors.length === 0) errors.push({ file: "(upload)", message: "no course.md or path file found" });
  if (errors.length) return { ok: false, errors: errors.sort((a, b) => a.file.localeCompare(b.file)) };
  return { ok: true, catalog: { courses: [...courses.values()], paths } };
}

const LEVEL = { beginner: "BEGINNER", intermediate: "INTERMEDIATE", advanced: "ADVANCED" } as const;

type Tx = Prisma.TransactionClient;

async function writeCourse(tx: Tx, course: ParsedCourse, publish: boolean, authorId?: string) {
  const { fm } = course;
  const data = {
    title: fm.title,
    summary: fm.summary,
    descriptionHtml: renderMarkdown(course.body),
    level: LEVEL[fm.level],
    category: fm.category,
    tags: fm.tags.map((t) => t.toLowerCase()),
    features: fm.features,
    platforms: fm.platforms,
    estimatedMinutes: fm.estimatedMinutes,
    coverUrl: fm.cover ?? null,
  };
  const saved = await tx.course.upsert({
    where: { slug: course.slug },
    create: { slug: course.slug, ...data, status: publish ? "PUBLISHED" : "DRAFT", publishedAt: publish ? new Date() : null, authorId },
    update: { ...data, ...(publish ? { status: "PUBLISHED" as const, publishedAt: new Date() } : {}) },
  });

  const moduleTitles: string[] = [];
  for (const item of course.items) if (moduleTitles.at(-1) !== item.module) moduleTitles.push(item.module);
  const moduleIds: string[] = [];
  for (const [position, title] of moduleTitles.entries()) {
    const m = await tx.courseModule.upsert({
      where: { courseId_position: { courseId: saved.id, position } },
      create: { courseId: saved.id, position, title },
      update: { title },
    });
    moduleIds.push(m.id);
  }

  const lessonSlugs: string[] = [];
  const quizSlugs: string[] = [];
  let moduleIndex = -1;
  let previousModule: string | null = null;
  for (const [position, item] of course.items.entries()) {
    if (item.module !== previousModule) moduleIndex++;
    previousModule = item.module;
    const moduleId = moduleIds[moduleIndex];
    if (item.kind === "lesson") {
      lessonSlugs.push(item.slug);
      const lesson = {
        moduleId,
        title: item.fm.title,
        summary: item.fm.summary,
        bodyMarkdown: item.body,
        bodyHtml: renderMarkdown(item.body),
        position,
        required: item.fm.required,
        estimatedMinutes: item.fm.estimatedMinutes,
        features: item.fm.features ?? fm.features,
        platforms: item.fm.platforms ?? fm.platforms,
        videoUrl: item.fm.video ?? null,
        captionsUrl: item.fm.captions ?? null,
        resources: item.fm.resources,
      };
      const savedLesson = await tx.lesson.upsert({
        where: { courseId_slug: { courseId: saved.id, slug: item.slug } },
        create: { courseId: saved.id, slug: item.slug, ...lesson },
        update: lesson,
      });
      // An exercise is a lesson with an Exercise row; a lesson that stops being one loses it (and its submissions).
      if (item.exercise) {
        const exercise = { ...item.exercise, solution: item.exercise.solution ?? null };
        await tx.exercise.upsert({ where: { lessonId: savedLesson.id }, create: { lessonId: savedLesson.id, ...exercise }, update: exercise });
      } else {
        await tx.exercise.deleteMany({ where: { lessonId: savedLesson.id } });
      }
    } else {
      quizSlugs.push(item.slug);
      const quiz = { moduleId, title: item.fm.title, introHtml: renderMarkdown(item.body), passMark: item.fm.passMark, position, required: item.fm.required };
      const savedQuiz = await tx.quiz.upsert({
        where: { courseId_slug: { courseId: saved.id, slug: item.slug } },
        create: { courseId: saved.id, slug: item.slug, ...quiz },
        update: quiz,
      });
      await tx.quizQuestion.deleteMany({ where: { quizId: savedQuiz.id } });
      await tx.quizQuestion.createMany({
        data: item.fm.questions.map((q, i) => ({
          quizId: savedQuiz.id,
          position: i,
          kind: q.kind === "multiple" ? ("MULTIPLE" as const) : ("SINGLE" as const),
          prompt: q.prompt,
          explanationHtml: renderMarkdown(q.explanation),
          options: q.options.map((o, j) => ({ id: `o${j + 1}`, text: o.text, correct: o.correct })),
        })),
      });
    }
  }
  await tx.lesson.deleteMany({ where: { courseId: saved.id, slug: { notIn: lessonSlugs } } });
  await tx.quiz.deleteMany({ where: { courseId: saved.id, slug: { notIn: quizSlugs } } });
  await tx.courseModule.deleteMany({ where: { courseId: saved.id, position: { gte: moduleTitles.length } } });
  return saved;
}

export type ImportReport = { courses: { slug: string; title: string; lessons: number; quizzes: number }[]; paths: string[] };

/**
 * Writes a validated catalogue in one transaction; `authorId` owns the courses it creates (an instructor's upload).
 * With `localMediaDir` (the starter catalogue: public/), a lesson's `video:` / `captions:` naming a file there
 * then becomes a media asset, transcoded like an upload (modules/media/catalog-media.server.ts).
 */
export async function writeCatalog(
  prisma: PrismaClient,
  catalog: ParsedCatalog,
  opts: { publish: boolean; authorId?: string; localMediaDir?: string },
): Promise<ImportReport> {
  const report = await prisma.$transaction(
    async (tx) => {
      const report: ImportReport = { courses: [], paths: [] };
      for (const course of catalog.courses) {
        await writeCourse(tx, course, opts.publish, opts.authorId);
        report.courses.push({
          slug: course.slug,
          title: course.fm.title,
          lessons: course.items.filter((i) => i.kind === "lesson").length,
          quizzes: course.items.filter((i) => i.kind === "quiz").length,
        });
      }
      for (const p of catalog.paths) {
        const saved = await tx.learningPath.upsert({
          where: { slug: p.slug },
          create: { slug: p.slug, title: p.fm.title, summary: p.fm.summary, description: renderMarkdown(p.body) },
          update: { title: p.fm.title, summary: p.fm.summary, description: renderMarkdown(p.body) },
        });
        const courseRows = await tx.course.findMany({ where: { slug: { in: p.fm.courses } }, select: { id: true, slug: true } });
        const ids = new Map(courseRows.map((c) => [c.slug, c.id]));
        await tx.learningPathCourse.deleteMany({ where: { pathId: saved.id } });
        await tx.learningPathCourse.createMany({ data: p.fm.courses.map((slug, position) => ({ pathId: saved.id, courseId: ids.get(slug)!, position })) });
        report.paths.push(p.slug);
      }
      return report;
    },
    { timeout: 120_000, maxWait: 10_000 },
  ).finally(clearCatalogCaches);
  if (opts.localMediaDir) await importLocalMedia(prisma, catalog, { publicDir: opts.localMediaDir, uploadedById: opts.authorId });
  return report;
}
