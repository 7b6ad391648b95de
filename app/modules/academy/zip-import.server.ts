/**
 * Bulk upload: an instructor imports one course from a .zip of its folder of
 * Markdown files (prisma/seed/content/FORMAT.md). The zip is read in memory
 * (never unpacked to disk), within limits that stop zip bombs, and every file
 * gets a verdict; only a course whose files are all valid is written, in one
 * transaction (writeCatalog), so a broken upload leaves no trace.
 *
 * A new course is a draft authored by the uploader. Uploading a course whose
 * slug exists updates it in place (lessons keep their ids, so learners keep
 * their progress), which only someone who may edit that course can do.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { strToU8, unzipSync, zipSync } from "fflate";
import { prisma } from "~/utils/db.server.ts";
import { canEditCourse, recordVersion, type Author } from "./course-admin.server.ts";
import { parseCatalog, readContentDir, writeCatalog } from "./importer.server.ts";

/** Limits on what the zip holds (the upload itself is limited by the route). */
/** The largest .zip accepted by /instructor/import; the zip's contents have their own limits (ZIP_LIMITS). */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** The largest request body of that upload: the zip plus the multipart envelope (request-guard.server.ts). */
export const MAX_UPLOAD_BODY_BYTES = MAX_UPLOAD_BYTES + 64 * 1024;

export const ZIP_LIMITS = { entries: 500, fileBytes: 1024 * 1024, totalBytes: 20 * 1024 * 1024 };

/** One file of the zip and its verdict: its problems, or a note (skipped, not checked); neither means it is valid. */
export type FileReport = { path: string; problems: string[]; note?: string };

export type ZipImportResult =
  | { ok: true; course: { id: string; title: string; lessons: number; quizzes: number; updated: boolean } }
  /** `problems` concern the whole upload; `files` lists every file with its own problems; `hidden` counts system files left out. */
  | { ok: false; problems: string[]; files: FileReport[]; hidden: number };

class ZipRejected extends Error {}

const mb = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;

type Entry = { name: string; size: number };

/** The zip's table of contents, read without inflating anything. */
function listEntries(zip: Uint8Array): Entry[] {
  const entries: Entry[] = [];
  try {
    unzipSync(zip, {
      filter: (file) => {
        if (entries.length >= ZIP_LIMITS.entries) throw new ZipRejected(`The zip holds more than ${ZIP_LIMITS.entries} files: a course folder needs far fewer.`);
        // A stored (uncompressed) entry is copied at its compressed size: count the larger of the two.
        entries.push({ name: file.name, size: Math.max(file.size, file.originalSize) });
        return false;
      },
    });
  } catch (error) {
    if (error instanceof ZipRejected) throw error;
    throw new ZipRejected("This file isn't a readable .zip archive. Zip the course folder again and upload the new file.");
  }
  return entries;
}

/** Paths that would escape a folder if unpacked (absolute, drive letters, ".."). We never unpack, but such a zip is not a course export. */
function isUnsafe(name: string) {
  return name.startsWith("/") || /^[a-zA-Z]:/.test(name) || name.includes("\0") || name.split("/").includes("..");
}

/** macOS resource forks and hidden files (.DS_Store, .git/...) that zip tools add on their own. */
function isHidden(name: string) {
  const parts = name.split("/");
  return parts[0] === "__MACOSX" || parts.some((p) => p.startsWith("."));
}

const LAYOUT_HINT = "Put the course's files in a folder named after the course's slug (e.g. my-course/course.md) and zip that folder.";

type ReadZip = { files: Map<string, string>; zipPathOf: Map<string, string>; reports: FileReport[]; problems: string[]; hidden: number };

/**
 * Maps the zip's files to the importer's `courses/<slug>/<file>` paths. The
 * course folder may sit at the zip's root or one folder down (a zip of a
 * folder that holds it); every other file gets a problem or a reason it was skipped.
 */
function readCourseZip(zip: Uint8Array): ReadZip {
  const entries = listEntries(zip).map((e) => ({ ...e, name: e.name.replace(/\\/g, "/") }));
  const reports: FileReport[] = [];
  const problems: string[] = [];
  let hidden = 0;

  const candidates: Entry[] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    if (entry.name.endsWith("/")) continue;
    if (seen.has(entry.name)) problems.push(`"${entry.name}" is in the zip more than once. Zip the course folder again.`);
    else if (isUnsafe(entry.name)) reports.push({ path: entry.name, problems: ["unsafe path: it points outside the zip's folder, so it is not accepted"] });
    else if (isHidden(entry.name)) hidden++;
    else candidates.push(entry);
    seen.add(entry.name);
  }

  const courseFiles = candidates.filter((e) => e.name.split("/").at(-1) === "course.md");
  let courseDir: string | null = null;
  if (courseFiles.length === 0) {
    problems.push(`No course.md found. ${LAYOUT_HINT}`);
  } else if (courseFiles.length > 1) {
    problems.push(`Upload one course at a time: this zip has ${courseFiles.length} course.md files (${courseFiles.map((e) => e.name).join(", ")}).`);
  } else {
    const depth = courseFiles[0].name.split("/").length;
    if (depth === 2 || depth === 3) courseDir = courseFiles[0].name.slice(0, -"/course.md".length);
  }

  const wanted = new Map<string, string>(); // zip path -> importer path
  let total = 0;
  for (const entry of candidates) {
    const report: FileReport = { path: entry.name, problems: [] };
    reports.push(report);
    const base = entry.name.split("/").at(-1)!;
    const inCourse = courseDir !== null && entry.name.startsWith(`${courseDir}/`);
    const rest = inCourse ? entry.name.slice(courseDir!.length + 1) : null;
    if (!base.toLowerCase().endsWith(".md")) report.problems.push("not a Markdown file: only .md files can be imported (link images and videos by URL instead)");
    else if (base === "README.md" || base === "FORMAT.md") report.note = "Skipped: notes for people, not part of the course";
    else if (courseFiles.length === 1 && courseDir === null && base === "course.md") report.problems.push(`course.md must be in the course's folder, at the top of the zip or one folder down. ${LAYOUT_HINT}`);
    else if (courseDir === null) report.note = "Not checked: the zip has no usable course folder";
    else if (!inCourse) report.problems.push(`outside the course folder "${courseDir}/": move it into that folder or leave it out`);
    else if (rest!.includes("/")) report.problems.push("inside a subfolder: put lessons and quizzes directly in the course folder");
    else if (entry.size > ZIP_LIMITS.fileBytes) report.problems.push(`larger than ${mb(ZIP_LIMITS.fileBytes)}: split it into several lessons`);
    else {
      total += entry.size;
      wanted.set(entry.name, `courses/${courseDir!.split("/").at(-1)}/${rest}`);
    }
  }
  if (total > ZIP_LIMITS.totalBytes) throw new ZipRejected(`The course's files add up to more than ${mb(ZIP_LIMITS.totalBytes)} once unzipped.`);

  const files = new Map<string, string>();
  const zipPathOf = new Map<string, string>();
  if (wanted.size) {
    let contents: Record<string, Uint8Array>;
    try {
      // fflate inflates each entry into a buffer of its declared size, so a lying header can't grow past the limits checked above.
      contents = unzipSync(zip, { filter: (file) => wanted.has(file.name.replace(/\\/g, "/")) });
    } catch {
      throw new ZipRejected("Part of this zip is damaged and can't be read. Zip the course folder again and upload the new file.");
    }
    const decoder = new TextDecoder("utf-8", { fatal: true });
    for (const [rawName, bytes] of Object.entries(contents)) {
      const name = rawName.replace(/\\/g, "/");
      const target = wanted.get(name)!;
      try {
        files.set(target, decoder.decode(bytes));
        zipPathOf.set(target, name);
      } catch {
        reports.find((r) => r.path === name)!.problems.push("not UTF-8 text: save it as UTF-8 and zip it again");
      }
    }
  }
  reports.sort((a, b) => a.path.localeCompare(b.path));
  return { files, zipPathOf, reports, problems, hidden };
}

/** Validates the zip and, if every file is valid, writes the course; otherwise writes nothing and says why, file by file. */
export async function importCourseZip(zip: Uint8Array, user: Author): Promise<ZipImportResult> {
  let read: ReadZip;
  try {
    read = readCourseZip(zip);
  } catch (error) {
    if (error instanceof ZipRejected) return { ok: false, problems: [error.message], files: [], hidden: 0 };
    throw error;
  }
  const { files, zipPathOf, reports, problems, hidden } = read;
  const failed = () => ({ ok: false as const, problems, files: reports, hidden });
  if (problems.length || files.size === 0) {
    if (!problems.length && !reports.some((r) => r.problems.length)) problems.push(`No course files found. ${LAYOUT_HINT}`);
    for (const r of reports) if (!r.problems.length) r.note ??= "Not checked: fix the other problems first";
    return failed();
  }

  const parsed = parseCatalog(files);
  if (!parsed.ok) {
    for (const error of parsed.errors) {
      const report = reports.find((r) => r.path === zipPathOf.get(error.file));
      if (report) report.problems.push(error.message);
      else problems.push(error.message);
    }
  }
  if (!parsed.ok || reports.some((r) => r.problems.length)) return failed();

  const [course] = parsed.catalog.courses;
  const existing = await prisma.course.findUnique({ where: { slug: course.slug }, select: { id: true, authorId: true, status: true } });
  if (existing && !canEditCourse(user, existing)) {
    problems.push(`A course with the slug "${course.slug}" already exists and you can't edit it. Rename the course folder to import this as a new course.`);
    return failed();
  }

  await writeCatalog(prisma, parsed.catalog, { publish: false, authorId: user.id });
  const saved = await prisma.course.findUniqueOrThrow({ where: { slug: course.slug }, select: { id: true, status: true } });
  // Learners of a published course get the new content now: that is a new version, as with a save in the editor.
  if (saved.status === "PUBLISHED") await recordVersion(saved.id, user, "Re-imported from a .zip upload");
  return {
    ok: true,
    course: {
      id: saved.id,
      title: course.fm.title,
      lessons: course.items.filter((i) => i.kind === "lesson").length,
      quizzes: course.items.filter((i) => i.kind === "quiz").length,
      updated: Boolean(existing),
    },
  };
}

const EXAMPLE_COURSE = path.resolve("prisma/seed/content/courses/error-monitoring-fundamentals");
export const EXAMPLE_FOLDER = "my-error-monitoring-course";
let exampleZip: Uint8Array | undefined;

/** A starter course from the catalogue, in a folder with a new slug, zipped as an upload should be. */
export function exampleCourseZip(): Uint8Array | null {
  if (!existsSync(EXAMPLE_COURSE)) return null;
  exampleZip ??= zipSync(Object.fromEntries([...readContentDir(EXAMPLE_COURSE)].map(([file, text]) => [`${EXAMPLE_FOLDER}/${file}`, strToU8(text)])));
  return exampleZip;
}

/** The import page's summary of a course just imported, if the user may edit it. */
export async function importedCourseSummary(courseId: string, user: Author) {
  const course = await prisma.course.findUnique({
    where: { id: courseId },
    select: { id: true, slug: true, title: true, status: true, version: true, authorId: true, _count: { select: { lessons: true, quizzes: true, modules: true } } },
  });
  if (!course || !canEditCourse(user, course)) return null;
  return { id: course.id, slug: course.slug, title: course.title, status: course.status, version: course.version, ...course._count };
}
