/**
 * OpenAPI path items of the Academy API: courses (app/routes/api.courses*.ts),
 * lessons (api.lessons*.ts), enrolments (api.enrollments.ts) and the caller's
 * learning (api.users.me.enrollments.ts, api.users.me.progress.ts). Shared
 * schemas (`Error`, `ValidationError`) and the security schemes live in
 * openapi.ts. The field rules mirror app/modules/academy/api.server.ts and
 * course-admin.server.ts's courseInputSchema.
 */
import { BADGES } from "~/modules/academy/progress.ts";
import { CATEGORIES, FEATURE_SLUGS, LEVELS } from "~/modules/academy/taxonomy.ts";
import type { OperationObject, ParameterObject, PathItems, ResponseObject, SchemaObject } from "./openapi.ts";

const TAG = "Academy";
/** Reading the published catalogue needs no sign-in; signed in, the answer adds what is yours (drafts you edit, lessons you completed). */
const optionalAuth: Record<string, string[]>[] = [{}, { bearerAuth: [] }, { cookieAuth: [] }];
const COOKIE_WRITES =
  " With the session cookie, send `Content-Type: application/json` from this site (an empty body is fine where none is needed); otherwise 403 `cross_site_request`. An API token needs neither.";

const json = (schema: SchemaObject, example?: unknown) => ({ "application/json": { schema, ...(example === undefined ? {} : { example }) } });
const ok = (description: string, schema: SchemaObject): ResponseObject => ({ description, content: json(schema) });
const errorRef = { $ref: "#/components/schemas/Error" };
const error = (description: string): ResponseObject => ({ description, content: json(errorRef) });

// ───────────── schemas ─────────────

const timestamp = (description: string): SchemaObject => ({ type: "string", format: "date-time", description });
const nullableTimestamp = (description: string): SchemaObject => ({ type: ["string", "null"], format: "date-time", description });
const LEVEL_VALUES = LEVELS.map((l) => l.value);
const status: SchemaObject = { type: "string", enum: ["draft", "published"], description: "Only published courses are in the catalogue; a draft is seen only by its author and admins." };
const level: SchemaObject = { type: "string", enum: LEVEL_VALUES };
const category: SchemaObject = { type: "string", enum: [...CATEGORIES] };
const strings = (description: string): SchemaObject => ({ type: "array", items: { type: "string" }, description });
const pageUrl = (what: string): SchemaObject => ({ type: "string", format: "uri", description: `The ${what}'s page on the site.` });
const progress: SchemaObject = {
  type: "object",
  required: ["done", "total", "percent"],
  description: "Required lessons and quizzes done (optional ones never block completion).",
  properties: { done: { type: "integer" }, total: { type: "integer" }, percent: { type: "integer", minimum: 0, maximum: 100, description: "Rounded." } },
};
const courseBrief: SchemaObject = {
  type: "object",
  required: ["id", "slug", "title", "status"],
  properties: { id: { type: "string" }, slug: { type: "string" }, title: { type: "string" }, status },
};
const courseRef: SchemaObject = { ...courseBrief, required: [...courseBrief.required!, "url"], properties: { ...courseBrief.properties, url: pageUrl("course") } };
const nextItem: SchemaObject = {
  type: ["object", "null"],
  description: "Where to continue: the first unfinished item after the lesson last worked on; null when everything is done.",
  required: ["kind", "id", "slug", "title", "url"],
  properties: { kind: { type: "string", enum: ["lesson", "quiz"] }, id: { type: "string" }, slug: { type: "string" }, title: { type: "string" }, url: pageUrl("item") },
};

const course: SchemaObject = {
  type: "object",
  required: [
    "id", "slug", "title", "summary", "level", "category", "tags", "features", "platforms", "estimatedMinutes", "coverUrl", "status",
    "lessonCount", "quizCount", "version", "publishedAt", "contentUpdatedAt", "updatedAt", "editable", "url",
  ],
  properties: {
    id: { type: "string" },
    slug: { type: "string", description: "In the course's URL; the API takes it wherever it takes the id." },
    title: { type: "string" },
    summary: { type: "string" },
    level,
    category,
    tags: strings("Free tags."),
    features: { type: "array", items: { type: "string", enum: [...FEATURE_SLUGS] }, description: "The Sentry features it teaches (Sentry Connect recommends by these)." },
    platforms: strings("Sentry platform ids, e.g. `javascript-react`."),
    estimatedMinutes: { type: "integer" },
    coverUrl: { type: ["string", "null"] },
    status,
    lessonCount: { type: "integer" },
    quizCount: { type: "integer" },
    version: { type: "integer", description: "The latest published version (0: never published)." },
    publishedAt: nullableTimestamp("When it was first published."),
    contentUpdatedAt: nullableTimestamp("When learners last got new content."),
    updatedAt: timestamp("When anything in it last changed."),
    editable: { type: "boolean", description: "Whether you may change it (its author or an admin)." },
    url: pageUrl("course"),
  },
};

const courseDetail: SchemaObject = {
  ...course,
  required: [...course.required!, "descriptionHtml", "modules"],
  properties: {
    ...course.properties,
    descriptionHtml: { type: "string", description: "The description, rendered from Markdown and sanitised." },
    modules: {
      type: "array",
      description: "The syllabus: modules in order, each with its lessons and quizzes in order.",
      items: {
        type: "object",
        required: ["id", "title", "items"],
        properties: {
          id: { type: "string" },
          title: { type: "string" },
          items: {
            type: "array",
            items: {
              type: "object",
              required: ["kind", "id", "slug", "title", "summary", "position", "required", "estimatedMinutes"],
              properties: {
                kind: { type: "string", enum: ["lesson", "quiz"], description: "A lesson's id works with `/api/lessons/{id}`." },
                id: { type: "string" },
                slug: { type: "string" },
                title: { type: "string" },
                summary: { type: "string" },
                position: { type: "integer", description: "Order in the whole course (lessons and quizzes share it)." },
                required: { type: "boolean", description: "Optional items don't count for completion." },
                estimatedMinutes: { type: "integer" },
              },
            },
          },
        },
      },
    },
  },
};

/** A list's `page`: where this page is and the path of the next one. */
export const pageInfoSchema = (items: string): SchemaObject => ({
  type: "object",
  required: ["number", "limit", "total", "pages", "next"],
  properties: {
    number: { type: "integer", description: "This page, from 1." },
    limit: { type: "integer" },
    total: { type: "integer", description: `${items} matching, on all pages.` },
    pages: { type: "integer" },
    next: { type: ["string", "null"], description: "The path and query of the next page; null on the last one." },
  },
});

const coursePage: SchemaObject = {
  type: "object",
  required: ["courses", "page"],
  properties: {
    courses: { type: "array", items: course },
    page: pageInfoSchema("Courses"),
  },
};

const courseFields: Record<string, SchemaObject> = {
  title: { type: "string", minLength: 3, maxLength: 120 },
  slug: { type: "string", minLength: 3, maxLength: 80, pattern: "^[a-z0-9]+(?:-[a-z0-9]+)*$", description: "Made from the title when left out; a taken one is a 409." },
  summary: { type: "string", minLength: 10, maxLength: 300 },
  description: { type: "string", maxLength: 20000, description: "Markdown." },
  level,
  category,
  tags: { type: "array", maxItems: 12, items: { type: "string", maxLength: 40 }, description: "Or one comma-separated string." },
  features: { type: "array", items: { type: "string", enum: [...FEATURE_SLUGS] }, description: "Or one comma-separated string. An unknown one is a 400 naming it (`features[1]`)." },
  platforms: { type: "array", items: { type: "string" }, description: "Sentry platform ids, or one comma-separated string." },
  estimatedMinutes: { type: "integer", minimum: 1, maximum: 6000 },
  coverUrl: { type: "string", maxLength: 500, description: "An http(s) address or a path starting with `/`; empty removes it." },
};

const courseInput: SchemaObject = {
  type: "object",
  required: ["title", "summary", "level", "category", "estimatedMinutes"],
  additionalProperties: false,
  properties: courseFields,
};

const coursePatch: SchemaObject = {
  type: "object",
  minProperties: 1,
  additionalProperties: false,
  description: "Only the fields sent change.",
  properties: {
    ...courseFields,
    status: { ...status, description: "`published` publishes it (it needs a lesson, otherwise 409) and records a version; `draft` takes it out of the catalogue (learners keep their progress)." },
  },
};

const lessonItem: SchemaObject = {
  type: "object",
  required: ["id", "slug", "title", "summary", "position", "required", "estimatedMinutes", "module", "url"],
  properties: {
    id: { type: "string" },
    slug: { type: "string" },
    title: { type: "string" },
    summary: { type: "string" },
    position: { type: "integer", description: "Order in the whole course (quizzes share it)." },
    required: { type: "boolean" },
    estimatedMinutes: { type: "integer" },
    module: { type: "object", required: ["id", "title"], properties: { id: { type: "string" }, title: { type: "string" } } },
    url: pageUrl("lesson"),
    completed: { type: "boolean", description: "Signed in only: whether you completed it." },
  },
};

const lessonDetail: SchemaObject = {
  type: "object",
  required: [
    "id", "slug", "title", "summary", "position", "required", "estimatedMinutes", "features", "platforms", "videoUrl", "captionsUrl", "resources",
    "bodyMarkdown", "bodyHtml", "updatedAt", "module", "course", "url",
  ],
  properties: {
    ...lessonItem.properties,
    features: strings("Sentry features the lesson covers."),
    platforms: strings("Sentry platform ids the lesson is about."),
    videoUrl: { type: ["string", "null"] },
    captionsUrl: { type: ["string", "null"], description: "WebVTT captions of the video." },
    resources: { type: "array", items: { type: "object", required: ["title", "url"], properties: { title: { type: "string" }, url: { type: "string" } } } },
    bodyMarkdown: { type: "string", description: "The lesson as written (Markdown)." },
    bodyHtml: { type: "string", description: "The same, rendered and sanitised, as the lesson page shows it." },
    updatedAt: timestamp("When the lesson last changed."),
    course: courseBrief,
  },
};

const completion: SchemaObject = {
  type: "object",
  required: ["lessonId", "completed", "course", "courseCompletedNow", "certificateId", "newBadges", "next"],
  properties: {
    lessonId: { type: "string" },
    completed: { const: true },
    course: {
      type: "object",
      required: ["id", "slug", "title", "progress", "completed"],
      properties: { id: { type: "string" }, slug: { type: "string" }, title: { type: "string" }, progress, completed: { type: "boolean", description: "Every required item done." } },
    },
    courseCompletedNow: { type: "boolean", description: "This lesson completed the course (the certificate was just issued)." },
    certificateId: { type: ["string", "null"], description: "Your certificate once the course is complete (its page is `/certificates/{id}`)." },
    newBadges: { type: "array", items: { type: "string", enum: BADGES.map((b) => b.slug) }, description: "Badges earned by this completion." },
    next: nextItem,
  },
};

const enrollment: SchemaObject = {
  type: "object",
  required: ["course", "enrolledAt", "completedAt", "progress", "next", "certificateId"],
  properties: {
    course: courseRef,
    enrolledAt: timestamp("When you enrolled."),
    completedAt: nullableTimestamp("When you completed the course."),
    progress,
    next: nextItem,
    certificateId: { type: ["string", "null"], description: "Your certificate of this course, unless there is none (or it was revoked)." },
  },
};

const progressSummary: SchemaObject = {
  type: "object",
  required: ["completedLessons", "completedCourses", "completedPaths", "perfectQuizzes", "currentStreak", "longestStreak", "badges", "courses"],
  properties: {
    completedLessons: { type: "integer" },
    completedCourses: { type: "integer" },
    completedPaths: { type: "integer", description: "Learning paths with every course completed." },
    perfectQuizzes: { type: "integer", description: "Quiz attempts scored 100%." },
    currentStreak: { type: "integer", description: "Days in a row with learning, up to today or yesterday (UTC)." },
    longestStreak: { type: "integer" },
    badges: {
      type: "array",
      items: {
        type: "object",
        required: ["slug", "label", "description", "earnedAt"],
        properties: { slug: { type: "string", enum: BADGES.map((b) => b.slug) }, label: { type: "string" }, description: { type: "string" }, earnedAt: timestamp("When.") },
      },
    },
    courses: {
      type: "array",
      description: "Every course you are enrolled in, newest enrolment first.",
      items: {
        type: "object",
        required: ["course", "progress", "completedAt", "completedLessonIds", "passedQuizIds"],
        properties: {
          course: courseRef,
          progress,
          completedAt: nullableTimestamp("When you completed it."),
          completedLessonIds: strings("Lessons you completed."),
          passedQuizIds: strings("Quizzes you passed."),
        },
      },
    },
  },
};

// ───────────── responses and parameters ─────────────

const unauthorized = { $ref: "#/components/responses/Unauthorized" };
const invalidBody: ResponseObject = {
  description: "A field is missing or invalid, or unknown to this endpoint: `fields` names each one.",
  content: json({ $ref: "#/components/schemas/ValidationError" }, { error: "invalid_request", message: "Some fields are missing or invalid.", fields: { title: ["Enter a title."] } }),
};
const invalidQuery: ResponseObject = {
  description: "A query parameter is invalid: `fields` names each one.",
  content: json({ $ref: "#/components/schemas/ValidationError" }, { error: "invalid_request", message: "Some fields are missing or invalid.", fields: { level: ["Use one of BEGINNER, INTERMEDIATE, ADVANCED."] } }),
};
const courseNotFound = error("No course with this id or slug, or a draft you may not edit (`not_found`).");
const lessonNotFound = error("No lesson with this id, or it belongs to a draft you may not edit (`not_found`).");
const crossSite = "or a cookie-signed write without `Content-Type: application/json` or from another site (`cross_site_request`)";
const writeForbidden = error(`A student: only instructors and admins write courses, and only their own (\`forbidden\`); ${crossSite}.`);
const ownCourseForbidden = error(`Not the course's author or an admin, or a student (\`forbidden\`); ${crossSite}.`);
const learnerForbidden = error(`A cookie-signed write without \`Content-Type: application/json\` or from another site (\`cross_site_request\`).`);
const notPublished = error("The course is a draft: learners enrol and make progress once it is published (`not_published`).");

const idParam: ParameterObject = { name: "id", in: "path", required: true, description: "The course's id or slug.", schema: { type: "string" } };
const lessonId: ParameterObject = { name: "id", in: "path", required: true, description: "The lesson's id.", schema: { type: "string" } };
const queryParam = (name: string, description: string, schema: SchemaObject): ParameterObject => ({ name, in: "query", description, schema });

const op = (o: Omit<OperationObject, "tags">): OperationObject => ({ tags: [TAG], ...o });

export const academyPaths: PathItems = {
  "/api/courses": {
    get: op({
      operationId: "listCourses",
      summary: "Courses",
      description:
        "Published courses, as in the catalogue, by title (by relevance with `q`). Instructors and admins may ask for the courses they may edit with `mine=true` or `status`. A guest's answer may be up to 10 s old (`Cache-Control: public, max-age=10`).",
      security: optionalAuth,
      parameters: [
        queryParam("q", "Words to search for in titles, descriptions and lessons.", { type: "string", maxLength: 200 }),
        queryParam("category", "Any case.", category),
        queryParam("level", "Any case, e.g. `beginner`.", level),
        queryParam("platform", "A Sentry platform id, e.g. `python`.", { type: "string" }),
        queryParam("feature", "A Sentry feature.", { type: "string", enum: [...FEATURE_SLUGS] }),
        queryParam("tag", "A tag.", { type: "string", maxLength: 40 }),
        queryParam("status", "`published` (the default), `draft` or `all`. Other than published: instructors and admins, and only the drafts they may edit.", {
          type: "string",
          enum: ["published", "draft", "all"],
        }),
        queryParam("mine", "`true`: only courses you may edit (an admin may edit all), any status unless `status` says.", { type: "string", enum: ["true", "false"] }),
        queryParam("page", "From 1.", { type: "integer", minimum: 1, maximum: 1000, default: 1 }),
        queryParam("limit", "Courses per page.", { type: "integer", minimum: 1, maximum: 100, default: 20 }),
      ],
      responses: {
        "200": ok("A page of courses.", coursePage),
        "400": invalidQuery,
        "401": unauthorized,
        "403": error("`mine` or `status` from a student (`forbidden`)."),
      },
    }),
    post: op({
      operationId: "createCourse",
      summary: "Create a course",
      description: `A new draft authored by you (instructors and admins). Add lessons in the studio, then publish with PUT \`status\`.${COOKIE_WRITES}`,
      requestBody: { required: true, content: json(courseInput) },
      responses: {
        "201": { ...ok("The new draft.", courseDetail), headers: { Location: { description: "`/api/courses/{id}`.", schema: { type: "string" } } } },
        "400": invalidBody,
        "401": unauthorized,
        "403": writeForbidden,
        "409": error("The slug is taken (`conflict`)."),
      },
    }),
  },
  "/api/courses/{id}": {
    get: op({
      operationId: "getCourse",
      summary: "A course",
      description: "With its description and syllabus. A draft only for its author and admins.",
      security: optionalAuth,
      parameters: [idParam],
      responses: { "200": ok("The course.", courseDetail), "401": unauthorized, "404": courseNotFound },
    }),
    put: op({
      operationId: "updateCourse",
      summary: "Change or publish a course",
      description: `Changes the fields sent, and publishes or unpublishes with \`status\` (the author or an admin). A change to a published course is a new version for its learners.${COOKIE_WRITES}`,
      parameters: [idParam],
      requestBody: { required: true, content: json(coursePatch, { summary: "What you will be able to do after this course.", status: "published" }) },
      responses: {
        "200": ok("The course as stored now.", courseDetail),
        "400": invalidBody,
        "401": unauthorized,
        "403": ownCourseForbidden,
        "404": courseNotFound,
        "409": error("The slug is taken, or publishing a course without lessons (`conflict`); nothing was written."),
      },
    }),
    delete: op({
      operationId: "deleteCourse",
      summary: "Delete a course",
      description: `Only while nobody is enrolled: learners' progress and certificates would go with it (unpublish it instead).${COOKIE_WRITES}`,
      parameters: [idParam],
      responses: {
        "200": ok("Deleted.", { type: "object", required: ["deleted", "id"], properties: { deleted: { const: true }, id: { type: "string" } } }),
        "401": unauthorized,
        "403": ownCourseForbidden,
        "404": courseNotFound,
        "409": error("Learners are enrolled (`conflict`)."),
      },
    }),
  },
  "/api/courses/{id}/lessons": {
    get: op({
      operationId: "listCourseLessons",
      summary: "A course's lessons",
      description: "In order (quizzes are in the course's `modules`). Signed in, each says whether you completed it.",
      security: optionalAuth,
      parameters: [idParam],
      responses: {
        "200": ok("The lessons.", { type: "object", required: ["course", "lessons"], properties: { course: courseBrief, lessons: { type: "array", items: lessonItem } } }),
        "401": unauthorized,
        "404": courseNotFound,
      },
    }),
  },
  "/api/lessons/{id}": {
    get: op({
      operationId: "getLesson",
      summary: "A lesson",
      description: "The lesson as Markdown and as HTML. Like the lesson page, public for a published course: no enrolment needed (enrolment tracks progress, it does not gate reading). A draft's lessons only for its author and admins.",
      security: optionalAuth,
      parameters: [lessonId],
      responses: { "200": ok("The lesson.", lessonDetail), "401": unauthorized, "404": lessonNotFound },
    }),
  },
  "/api/lessons/{id}/complete": {
    post: op({
      operationId: "completeLesson",
      summary: "Complete a lesson",
      description: `Marks it done for you, enrolling you in its course if you were not (as the lesson page does). Completing again changes nothing. The last required item issues the certificate.${COOKIE_WRITES}`,
      parameters: [lessonId],
      responses: { "200": ok("What it completed, and where to continue.", completion), "401": unauthorized, "403": learnerForbidden, "404": lessonNotFound, "409": notPublished },
    }),
  },
  "/api/enrollments": {
    post: op({
      operationId: "enroll",
      summary: "Enrol in a course",
      description: `Enrols you in a published course.${COOKIE_WRITES}`,
      requestBody: {
        required: true,
        content: json({ type: "object", required: ["courseId"], additionalProperties: false, properties: { courseId: { type: "string", description: "The course's id or slug; an unknown one is a 400 naming `courseId`." } } }, {
          courseId: "error-monitoring-fundamentals",
        }),
      },
      responses: {
        "201": { ...ok("Enrolled.", enrollment), headers: { Location: { description: "`/api/users/me/enrollments`.", schema: { type: "string" } } } },
        "200": ok("You already were: nothing changed.", enrollment),
        "400": invalidBody,
        "401": unauthorized,
        "403": learnerForbidden,
        "409": notPublished,
      },
    }),
  },
  "/api/users/me/enrollments": {
    get: op({
      operationId: "listMyEnrollments",
      summary: "Your courses",
      description: "Every course you are enrolled in, newest first, with your progress and where to continue.",
      responses: { "200": ok("Your enrolments.", { type: "object", required: ["enrollments"], properties: { enrollments: { type: "array", items: enrollment } } }), "401": unauthorized },
    }),
  },
  "/api/users/me/progress": {
    get: op({
      operationId: "getMyProgress",
      summary: "Your progress",
      description: "Totals, streaks and badges, and per course the lessons and quizzes you have done.",
      responses: { "200": ok("Your progress.", progressSummary), "401": unauthorized },
    }),
  },
};
