/**
 * Course-level authoring shared by the instructor pages and the REST API
 * (`/api/courses`): who may edit a course, the course fields' schema, create,
 * update, delete, publish/unpublish, and the published versions.
 *
 * Rules: admins may edit every course; an instructor edits the courses they
 * author (Course.authorId). Lesson ids never change when content is edited, so a
 * learner's progress carries over every edit and every version.
 *
 * Versions: each publish, and each save to a course that is already published,
 * records a CourseVersion (a JSON snapshot of the course as learners now get it)
 * and moves `contentUpdatedAt`, which the course page shows as "Updated on".
 */
import { z } from "zod";
import type { Prisma } from "~/generated/prisma/client.ts";
import { prisma } from "~/utils/db.server.ts";
import { ConflictError, ForbiddenError, NotFoundError } from "~/utils/errors.ts";
import { hasRole, type RoleName } from "~/utils/permissions.ts";
import { clearCatalogCaches } from "./catalog.server.ts";
import { courseFields } from "./fields.ts";
import { renderMarkdown } from "./markdown.server.ts";

export type Author = { id: string; name: string; role: RoleName };

/** No such course (or a module, lesson, quiz or question not in it: the thrower says which). */
export class CourseNotFound extends NotFoundError {
  constructor(message = "There is no such course.") {
    super(message);
  }
}
/** Someone else's course: only its author and admins may change it. */
export class CourseForbidden extends ForbiddenError {
  constructor(message = "Only the course's author and admins can edit it.") {
    super(message);
  }
}
/** The request can't be done in the course's current state (message for people). */
export class CourseConflict extends ConflictError {}

/** May this user edit the course? Admins always; instructors their own courses. */
export function canEditCourse(user: Pick<Author, "id" | "role"> | null | undefined, course: { authorId: string | null }): boolean {
  if (!user) return false;
  if (user.role === "ADMIN") return true;
  return hasRole(user, ["INSTRUCTOR"]) && course.authorId === user.id;
}

/** The course, if the user may edit it; CourseNotFound / CourseForbidden otherwise. */
export async function requireEditableCourse(courseId: string, user: Author) {
  const course = await prisma.course.findUnique({ where: { id: courseId } });
  if (!course) throw new CourseNotFound();
  if (!canEditCourse(user, course)) throw new CourseForbidden();
  return course;
}

/** The courses this user may edit, newest first. */
export function editableCourses(user: Author) {
  return prisma.course.findMany({
    where: user.role === "ADMIN" ? {} : { authorId: user.id },
    orderBy: { updatedAt: "desc" },
    select: { id: true, slug: true, title: true, status: true, updatedAt: true, contentUpdatedAt: true, version: true, _count: { select: { enrollments: true, lessons: true } } },
  });
}

// ───────────── the course's own fields ─────────────

/** The course fields as the studio's forms and the API send them (each field defined once in fields.ts). */
export const courseInputSchema = z.object({
  title: courseFields.title,
  slug: courseFields.slug.optional(),
  summary: courseFields.summary,
  description: courseFields.description.default(""),
  level: courseFields.level,
  category: courseFields.category,
  tags: courseFields.tags.default([]),
  features: courseFields.features.default([]),
  platforms: courseFields.platforms.default([]),
  estimatedMinutes: courseFields.estimatedMinutes,
  // Empty removes the cover.
  coverUrl: z.literal("").or(courseFields.coverUrl).optional(),
});
export type CourseInput = z.output<typeof courseInputSchema>;
/** A partial update (the API's PUT may send only some fields). Without the defaults, a field left out stays as it is. */
export const coursePatchSchema = courseInputSchema
  .extend({
    description: courseInputSchema.shape.description.removeDefault(),
    tags: courseInputSchema.shape.tags.removeDefault(),
    features: courseInputSchema.shape.features.removeDefault(),
    platforms: courseInputSchema.shape.platforms.removeDefault(),
  })
  .partial();

export function slugify(title: string) {
  return (
    title
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60)
      .replace(/-+$/, "") || "course"
  );
}

async function freeSlug(base: string, exceptId?: string) {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    const taken = await prisma.course.findUnique({ where: { slug: candidate }, select: { id: true } });
    if (!taken || taken.id === exceptId) return candidate;
  }
}

function courseData(input: Partial<CourseInput>): Prisma.CourseUpdateInput {
  const data: Prisma.CourseUpdateInput = {};
  if (input.title !== undefined) data.title = input.title;
  if (input.summary !== undefined) data.summary = input.summary;
  if (input.description !== undefined) data.descriptionHtml = renderMarkdown(input.description);
  if (input.level !== undefined) data.level = input.level;
  if (input.category !== undefined) data.category = input.category;
  if (input.tags !== undefined) data.tags = input.tags;
  if (input.features !== undefined) data.features = input.features;
  if (input.platforms !== undefined) data.platforms = input.platforms;
  if (input.estimatedMinutes !== undefined) data.estimatedMinutes = input.estimatedMinutes;
  if (input.coverUrl !== undefined) data.coverUrl = input.coverUrl || null;
  return data;
}

/** A unique-slug violation (another course took it, even between a check and the write) as a CourseConflict. */
function slugTaken(slug: string | undefined) {
  return (error: unknown): never => {
    if ((error as { code?: string } | null)?.code === "P2002") throw new CourseConflict(`The slug "${slug ?? ""}" is taken by another course.`);
    throw error;
  };
}

/** A new draft course authored by `user` (instructors and admins). */
export async function createCourse(input: CourseInput, user: Author) {
  if (!hasRole(user, ["INSTRUCTOR"])) throw new CourseForbidden("Only instructors and admins can create courses.");
  const slug = input.slug ?? (await freeSlug(slugify(input.title)));
  return prisma.course
    .create({ data: { ...(courseData(input) as Prisma.CourseCreateInput), descriptionHtml: renderMarkdown(input.description ?? ""), slug, status: "DRAFT", author: { connect: { id: user.id } } } })
    .catch(slugTaken(slug));
}

/** Updates the course's fields; on a published course that is a new version for learners. */
export async function updateCourse(courseId: string, input: Partial<CourseInput>, user: Author, note = "Edited the course details") {
  await requireEditableCourse(courseId, user);
  // The change and its version in one transaction: learners never get one without the other.
  const updated = await prisma
    .$transaction(async (tx) => {
      const saved = await tx.course.update({ where: { id: courseId }, data: { ...courseData(input), ...(input.slug ? { slug: input.slug } : {}) } });
      if (saved.status !== "PUBLISHED") return saved;
      await recordVersion(courseId, user, note, tx);
      return tx.course.findUniqueOrThrow({ where: { id: courseId } });
    })
    .catch(slugTaken(input.slug));
  clearCatalogCaches();
  return updated;
}

/**
 * Deletes a course. A course with learners is refused (their progress and
 * certificates would go with it): unpublish it instead.
 */
export async function deleteCourse(courseId: string, user: Author) {
  await requireEditableCourse(courseId, user);
  const learners = await prisma.enrollment.count({ where: { courseId } });
  if (learners > 0) throw new CourseConflict(`${learners === 1 ? "1 learner is" : `${learners} learners are`} enrolled: unpublish the course instead of deleting it, so their progress and certificates stay.`);
  await prisma.course.delete({ where: { id: courseId } });
  clearCatalogCaches();
}

// ───────────── publishing and versions ─────────────

type Tx = Prisma.TransactionClient;

/** The course as learners get it: fields, modules, lessons (Markdown) and quizzes with their questions. */
async function snapshotOf(tx: Tx, courseId: string) {
  const course = await tx.course.findUniqueOrThrow({
    where: { id: courseId },
    include: {
      modules: { orderBy: { position: "asc" }, select: { id: true, title: true, position: true } },
      lessons: {
        orderBy: { position: "asc" },
        select: {
          id: true,
          moduleId: true,
          slug: true,
          title: true,
          summary: true,
          bodyMarkdown: true,
          position: true,
          required: true,
          estimatedMinutes: true,
          videoUrl: true,
          captionsUrl: true,
          resources: true,
          // An exercise lesson's code and tests (decision 043): a version holds the exercise as learners got it.
          exercise: { select: { language: true, starterCode: true, visibleTests: true, hiddenTests: true, solution: true } },
        },
      },
      quizzes: { orderBy: { position: "asc" }, include: { questions: { orderBy: { position: "asc" } } } },
    },
  });
  const { searchVector: _s, contentVector: _c, ...rest } = course as typeof course & { searchVector?: unknown; contentVector?: unknown };
  return JSON.parse(JSON.stringify(rest)) as Prisma.InputJsonValue;
}

/**
 * Records the course's current content as its next version and tells learners it
 * changed. Given the transaction that made the change, the snapshot is taken in it
 * (the course row locked), so two editors saving at once each get their own version.
 */
export async function recordVersion(courseId: string, user: Pick<Author, "id" | "name">, note: string, tx?: Tx): Promise<{ id: string; number: number }> {
  if (!tx) return prisma.$transaction((t) => recordVersion(courseId, user, note, t));
  await tx.$queryRaw`SELECT 1 FROM "Course" WHERE id = ${courseId} FOR UPDATE`;
  const snapshot = await snapshotOf(tx, courseId);
  const { version } = await tx.course.update({ where: { id: courseId }, data: { version: { increment: 1 }, contentUpdatedAt: new Date() }, select: { version: true } });
  return tx.courseVersion.create({ data: { courseId, number: version, snapshot, note: note.slice(0, 300), publishedById: user.id, publishedByName: user.name }, select: { id: true, number: true } });
}

/** What stops learners from finishing the course as it is: no lesson, or a quiz without questions (it can't be passed). */
export async function publishProblems(courseId: string) {
  const [lessons, empty] = await Promise.all([
    prisma.lesson.count({ where: { courseId } }),
    prisma.quiz.findMany({ where: { courseId, questions: { none: {} } }, orderBy: { position: "asc" }, select: { title: true } }),
  ]);
  return [
    ...(lessons === 0 ? ["Add at least one lesson before publishing."] : []),
    ...empty.map((q) => `The quiz “${q.title}” has no questions yet: add at least one, or delete the quiz.`),
  ];
}

/** Publishes (or republishes) the course once nothing stops learners from finishing it, and records the version they get. */
export async function publishCourse(courseId: string, user: Author, note = "") {
  const course = await requireEditableCourse(courseId, user);
  const [problem] = await publishProblems(courseId);
  if (problem) throw new CourseConflict(problem);
  const version = await prisma.$transaction(async (tx) => {
    if (course.status !== "PUBLISHED") await tx.course.update({ where: { id: courseId }, data: { status: "PUBLISHED", publishedAt: course.publishedAt ?? new Date() } });
    return recordVersion(courseId, user, note || (course.status === "PUBLISHED" ? "Republished" : "Published"), tx);
  });
  clearCatalogCaches();
  return version;
}

/** Takes the course out of the catalogue; enrolled learners keep their progress and certificates. */
export async function unpublishCourse(courseId: string, user: Author) {
  await requireEditableCourse(courseId, user);
  await prisma.course.update({ where: { id: courseId }, data: { status: "DRAFT" } });
  clearCatalogCaches();
}

export function courseVersions(courseId: string) {
  return prisma.courseVersion.findMany({ where: { courseId }, orderBy: { number: "desc" }, select: { id: true, number: true, note: true, publishedByName: true, publishedAt: true } });
}
