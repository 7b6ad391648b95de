/**
 * The Academy's JSON API (app/routes/api.courses*.ts, api.lessons*.ts,
 * api.enrollments.ts, api.users.me.enrollments.ts, api.users.me.progress.ts):
 * its dispatch policy, who may read and write what, the request schemas, the
 * course and lesson reads and the learning writes. Serialisers:
 * api/serializers.server.ts; a learner's enrolments and progress:
 * api/learner.server.ts; answer schemas: api/schemas.ts. Routes stay thin and
 * pick from here.
 *
 * The rules are the pages' rules: the published catalogue is public (a guest
 * reads courses and lessons, no enrolment needed, as on /courses); a draft
 * exists only for who may edit it (course-admin.server.ts: the author or an
 * admin) and is a 404 for everyone else; course writes need an instructor or
 * admin role, then the right to edit that course; learning needs a signed-in
 * user and a published course. Wire format: timestamps ISO 8601, `status`
 * `draft`/`published`, `level` as courseInputSchema takes it.
 */
import { z } from "zod";
import { requireApiUser } from "~/utils/api-auth.server.ts";
import { apiError, closedObject, dispatch as dispatchApi, invalid, json, pageInfo, query as searchParams, wholeNumber, type ApiMethod, type Ctx, type Handler } from "~/utils/api-request.server.ts";
import { getOptionalUser, type SessionUser } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { hasRole } from "~/utils/permissions.ts";
import { isCrossSite } from "~/utils/request-guard.server.ts";
import { join, query, queryOne, sql, type Sql } from "~/utils/sql.server.ts";
import {
  canEditCourse,
  CourseConflict,
  CourseForbidden,
  courseInputSchema,
  coursePatchSchema,
  createCourse,
  deleteCourse,
  publishCourse,
  publishProblems,
  unpublishCourse,
  updateCourse,
} from "./course-admin.server.ts";
import { enrollmentsJson } from "./api/learner.server.ts";
import { courseJson, type CourseRow, type LessonRow, nextJson } from "./api/serializers.server.ts";
import type { completionSchema } from "./api/schemas.ts";
import { completeLesson, enroll, learnerState } from "./learning.server.ts";
import { nextItem } from "./progress.ts";
import { CATEGORIES, FEATURE_SLUGS, isPlatform, LEVELS } from "./taxonomy.ts";

type Method = Extract<ApiMethod, "GET" | "POST" | "PUT" | "DELETE">;

// ───────────── responses ─────────────

const notFound = (what: string) => apiError(404, "not_found", `There is no ${what} with this id.`);
const notPublished = () => apiError(409, "not_published", "This course is a draft: learners can enrol and make progress once it is published.");

/**
 * Runs the handler for the request's method (api-request.server.ts's dispatch;
 * course-admin.server.ts's CourseNotFound/CourseForbidden/CourseConflict answer
 * 404/403/409 with their own messages). What a guest reads (no cookie, no
 * Authorization) is the same for every guest, so caches may keep it for 10 s
 * (the page cache in front of the app keeps the course list that long,
 * docs/decisions/005-hot-path-sql.md); anything else is private.
 */
export function dispatch(ctx: Ctx, handlers: Partial<Record<Method, Handler>>): Promise<Response> {
  return dispatchApi(ctx, handlers, { cache: "guests-10s" });
}

// ───────────── who is calling ─────────────

/** The caller if there is one; a guest is null. A bad token is still a 401: a script never silently reads as a guest. */
export function optionalCaller(request: Request): Promise<SessionUser | null> {
  return request.headers.has("Authorization") ? requireApiUser(request) : getOptionalUser(request);
}

/**
 * A caller who may write (401 otherwise). A browser sends the session cookie
 * with requests other sites' pages start too; SameSite=Lax stops cross-site
 * form posts but not a sibling subdomain's. So a write signed in by the cookie
 * must be JSON (no page on another origin can send that without a CORS
 * preflight, which we never grant) and, when the browser says where it comes
 * from, come from this site. A browser never sends an Authorization header on
 * its own, so token writes need neither.
 */
export async function requireWriter(request: Request): Promise<SessionUser> {
  const user = await requireApiUser(request);
  if (request.headers.has("Authorization")) return user;
  const type = (request.headers.get("Content-Type") ?? "").split(";")[0].trim().toLowerCase();
  // Every write passed request-guard.server.ts's cross-site rule already; asked again for callers outside it.
  if (type !== "application/json" || isCrossSite(request)) {
    throw apiError(
      403,
      "cross_site_request",
      "A write signed in with the session cookie must come from this site with `Content-Type: application/json` (an empty body is fine where none is needed). Scripts: use an API token.",
    );
  }
  return user;
}

/** An instructor or admin who may write; a student gets a 403. */
export async function requireAuthor(request: Request): Promise<SessionUser> {
  const user = await requireWriter(request);
  if (!hasRole(user, ["INSTRUCTOR"])) throw apiError(403, "forbidden", "Only instructors and admins can create or change courses.");
  return user;
}

// ───────────── courses ─────────────

const isVisible = (user: SessionUser | null, course: { status: string; authorId: string | null }) => course.status === "PUBLISHED" || canEditCourse(user, course);

const COURSE_COLUMNS = sql`c.id, c.slug, c.title, c.summary, c.level::text AS level, c.category, c.tags, c.features, c.platforms,
  c."estimatedMinutes", c."coverUrl", c.status::text AS status, c."authorId", c.version, c."publishedAt", c."contentUpdatedAt", c."updatedAt",
  (SELECT count(*)::int FROM "Lesson" l WHERE l."courseId" = c.id) AS "lessonCount",
  (SELECT count(*)::int FROM "Quiz" q WHERE q."courseId" = c.id) AS "quizCount"`;

/** The course with this id or slug (the id wins), with its description. */
function findCourse(idOrSlug: string) {
  return queryOne<CourseRow & { descriptionHtml: string }>(sql`
    SELECT ${COURSE_COLUMNS}, c."descriptionHtml" FROM "Course" c
     WHERE c.id = ${idOrSlug} OR c.slug = ${idOrSlug} ORDER BY c.id = ${idOrSlug} DESC LIMIT 1`);
}

/** A course just written, read back the way the API shows it. */
export async function courseById(id: string) {
  const course = await findCourse(id);
  if (!course) throw notFound("course");
  return course;
}

/** The course of the `:id` param (id or slug) as the caller may see it; a draft they may not edit is a 404. */
export async function visibleCourse(ctx: Ctx, user: SessionUser | null) {
  const course = await findCourse(ctx.params.id ?? "");
  if (!course || !isVisible(user, course)) throw notFound("course");
  return course;
}

const caseInsensitive = <T extends string>(values: readonly T[]) =>
  z.string().transform((s, ctx) => {
    const value = values.find((v) => v.toLowerCase() === s.trim().toLowerCase());
    if (value === undefined) ctx.addIssue({ code: "custom", input: s, message: `Use one of ${values.join(", ")}.` });
    return value as T;
  });

const LEVEL_VALUES = LEVELS.map((l) => l.value);

export const listQuerySchema = z.object({
  q: z.string().trim().max(200, "At most 200 characters.").optional(),
  category: caseInsensitive(CATEGORIES).optional(),
  level: caseInsensitive(LEVEL_VALUES).optional(),
  platform: z
    .string()
    .trim()
    .toLowerCase()
    .refine(isPlatform, "Unknown platform: use a Sentry platform id such as javascript-react.")
    .optional(),
  feature: z.enum(FEATURE_SLUGS, `Use one of ${FEATURE_SLUGS.join(", ")}.`).optional(),
  tag: z.string().trim().toLowerCase().max(40, "At most 40 characters.").optional(),
  status: z.enum(["published", "draft", "all"], "Use published, draft or all.").optional(),
  mine: z.enum(["true", "false"], "Use true or false.").optional(),
  page: wholeNumber(1, 1000).default(1),
  limit: wholeNumber(1, 100).default(20),
});
type ListQuery = z.output<typeof listQuerySchema>;

/** Courses for the list: published ones for everyone; with `mine` or `status`, an instructor's or admin's editable ones. */
export async function listCourses(request: Request) {
  const params = searchParams(request, listQuerySchema);
  const mine = params.mine === "true";
  const status = params.status ?? (mine ? "all" : "published");
  const wantsDrafts = mine || status !== "published";
  const user = wantsDrafts ? await requireApiUser(request) : await optionalCaller(request);
  if (wantsDrafts && !hasRole(user, ["INSTRUCTOR"])) {
    throw apiError(403, "forbidden", "Only instructors and admins have drafts: `mine=true` and `status` other than published are for them.");
  }
  return json(await listPage(request, params, status, mine, user));
}

/** One page of courses in one query, with the page info and the `next` link. */
async function listPage(request: Request, params: ListQuery, status: "published" | "draft" | "all", mine: boolean, user: SessionUser | null) {
  const offset = (params.page - 1) * params.limit;
  const search = params.q ? sql`websearch_to_tsquery('english', ${params.q})` : null;
  const where = search ? sql`${listWhere(params, status, mine, user)} AND c."contentVector" @@ ${search}` : listWhere(params, status, mine, user);
  const rows = await query<CourseRow & { total: string }>(sql`
    SELECT ${COURSE_COLUMNS}, count(*) OVER () AS total
      FROM "Course" c
     WHERE ${where}
     ORDER BY ${search ? sql`ts_rank_cd(c."contentVector", ${search}, 1) DESC, ` : sql``}c.title, c.id
     LIMIT ${params.limit} OFFSET ${offset}`);
  // Past the last page the window has no row to carry the total: count on its own (rare).
  const total = rows.length ? Number(rows[0].total) : offset === 0 ? 0 : Number((await queryOne<{ n: string }>(sql`SELECT count(*) AS n FROM "Course" c WHERE ${where}`))!.n);
  return {
    courses: rows.map((row) => courseJson(row, user)),
    page: pageInfo(request, params.page, params.limit, total),
  };
}

function listWhere(f: ListQuery, status: "published" | "draft" | "all", mine: boolean, user: SessionUser | null): Sql {
  const editable = user?.role === "ADMIN" ? sql`TRUE` : user ? sql`c."authorId" = ${user.id}` : sql`FALSE`;
  const parts = [status === "published" ? sql`c.status = 'PUBLISHED'` : status === "draft" ? sql`c.status = 'DRAFT' AND ${editable}` : sql`(c.status = 'PUBLISHED' OR ${editable})`];
  if (mine) parts.push(editable);
  if (f.category) parts.push(sql`c.category = ${f.category}`);
  if (f.level) parts.push(sql`c.level = ${f.level}::"CourseLevel"`);
  if (f.platform) parts.push(sql`c.platforms @> ARRAY[${f.platform}]::text[]`);
  if (f.feature) parts.push(sql`c.features @> ARRAY[${f.feature}]::text[]`);
  if (f.tag) parts.push(sql`c.tags @> ARRAY[${f.tag}]::text[]`);
  return join(parts, " AND ");
}

export const createCourseSchema = closedObject(courseInputSchema.shape);

const COURSE_FIELDS = Object.keys(coursePatchSchema.shape);
/** PUT: any of the course fields, and `status` to publish or unpublish. */
export const updateCourseSchema = closedObject(
  { ...coursePatchSchema.shape, status: z.enum(["draft", "published"], "Use draft or published.").optional() },
  { atLeastOne: [...COURSE_FIELDS, "status"] },
);

/** The `:id` course (id or slug) for a write: a student is refused first, a hidden draft is a 404, someone else's course a 403. */
export async function courseForWrite(ctx: Ctx) {
  const user = await requireAuthor(ctx.request);
  const course = await visibleCourse(ctx, user);
  if (!canEditCourse(user, course)) throw new CourseForbidden();
  return { user, course };
}

/** Writes a PUT: the fields, then the status. Unpublishing goes first, so a course leaving the catalogue records no version. */
export async function applyCourseUpdate(courseId: string, body: z.output<typeof updateCourseSchema>, user: SessionUser, current: "DRAFT" | "PUBLISHED") {
  const { status, ...rest } = body;
  const fields = Object.fromEntries(Object.entries(rest).filter(([k, v]) => COURSE_FIELDS.includes(k) && v !== undefined));
  const publishing = status === "published" && current !== "PUBLISHED";
  // The conflicts are checked before anything is written, so a refused PUT leaves the course as it was.
  const [problem] = publishing ? await publishProblems(courseId) : [];
  if (problem) throw new CourseConflict(problem);
  if (body.slug && (await prisma.course.findFirst({ where: { slug: body.slug, id: { not: courseId } }, select: { id: true } }))) {
    throw new CourseConflict(`The slug "${body.slug}" is taken by another course.`);
  }
  if (status === "draft" && current === "PUBLISHED") await unpublishCourse(courseId, user);
  if (Object.keys(fields).length) await updateCourse(courseId, fields, user, "Edited the course details (API)");
  if (publishing) await publishCourse(courseId, user, "Published (API)");
}

export { createCourse, deleteCourse };

// ───────────── lessons ─────────────

/** The lesson of the `:id` param, if the caller may see its course (as on the lesson page: no enrolment needed). */
export async function visibleLesson(ctx: Ctx, user: SessionUser | null) {
  const lesson = await queryOne<LessonRow>(sql`
    SELECT l.id, l.slug, l.title, l.summary, l."bodyMarkdown", l."bodyHtml", l.position, l.required, l."estimatedMinutes", l.features, l.platforms,
           l."videoUrl", l."captionsUrl", l.resources, l."updatedAt", m.id AS "moduleId", m.title AS "moduleTitle",
           c.id AS "courseId", c.slug AS "courseSlug", c.title AS "courseTitle", c.status::text AS status, c."authorId"
      FROM "Lesson" l JOIN "Course" c ON c.id = l."courseId" JOIN "CourseModule" m ON m.id = l."moduleId"
     WHERE l.id = ${ctx.params.id ?? ""}`);
  if (!lesson || !isVisible(user, lesson)) throw notFound("lesson");
  return lesson;
}

/** Marks the lesson done for the caller, enrolling them as the lesson page does; a draft course's lesson is a 409. */
export async function completeLessonJson(lesson: LessonRow, user: SessionUser): Promise<z.infer<typeof completionSchema>> {
  if (lesson.status !== "PUBLISHED") throw notPublished();
  const outcome = await completeLesson(user.id, { id: lesson.id, courseId: lesson.courseId });
  const state = await learnerState(user.id, lesson.courseId);
  // The documented fields only (progressSchema): done, total, percent.
  const { done, total, percent } = outcome.progress;
  const progress = { done, total, percent };
  return {
    lessonId: lesson.id,
    completed: true,
    course: { id: lesson.courseId, slug: lesson.courseSlug, title: lesson.courseTitle, progress, completed: outcome.progress.complete },
    courseCompletedNow: outcome.courseCompleted,
    certificateId: outcome.certificateId,
    newBadges: outcome.newBadges,
    next: nextJson(lesson.courseSlug, nextItem(outcome.items, state, lesson.id)),
  };
}

// ───────────── enrolments and progress ─────────────

export const enrollmentSchema = closedObject({
  courseId: z.string("Required: the course's id or slug.").trim().min(1, "Can't be empty."),
});

/** Enrols the caller in a published course; `created` is false when they already were. */
export async function enrollIn(user: SessionUser, idOrSlug: string) {
  const course = await findCourse(idOrSlug);
  if (!course || !isVisible(user, course)) throw invalid({ courseId: ["There is no course with this id or slug."] });
  if (course.status !== "PUBLISHED") throw notPublished();
  const created = await enroll(user.id, course.id);
  const [enrollment] = await enrollmentsJson(user.id, course.id);
  return { created, enrollment };
}
