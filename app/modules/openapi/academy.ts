/**
 * The Academy API in the OpenAPI document: courses (app/routes/api.courses*.ts),
 * lessons (api.lessons*.ts), enrolments (api.enrollments.ts) and the caller's
 * learning (api.users.me.enrollments.ts, api.users.me.progress.ts). Bodies and
 * query parameters are academy/api.server.ts's request schemas, answers
 * academy/api/schemas.ts's.
 */
import { createCourseSchema, enrollmentSchema, listQuerySchema, updateCourseSchema } from "~/modules/academy/api.server.ts";
import {
  completionSchema,
  courseDetailSchema,
  courseLessonsSchema,
  coursePageSchema,
  enrollmentListSchema,
  enrollmentOutSchema,
  lessonDetailSchema,
  progressSummarySchema,
} from "~/modules/academy/api/schemas.ts";
import { deletedSchema, described, error, invalidBody, location, ok, op, pathParams, unauthorized, type Registry } from "./shared.ts";

const TAG = "Academy";
/** Reading the published catalogue needs no sign-in; signed in, the answer adds what is yours (drafts you edit, lessons you completed). */
const optionalAuth: Record<string, string[]>[] = [{}, { bearerAuth: [] }, { cookieAuth: [] }];
const COOKIE_WRITES =
  " With the session cookie, send `Content-Type: application/json` from this site (an empty body is fine where none is needed); otherwise 403 `cross_site_request`. An API token needs neither.";

const invalid = invalidBody(undefined, { error: "invalid_request", message: "Some fields are missing or invalid.", fields: { title: ["Enter a title."] } });
const courseNotFound = error("No course with this id or slug, or a draft you may not edit (`not_found`).");
const lessonNotFound = error("No lesson with this id, or it belongs to a draft you may not edit (`not_found`).");
const crossSite = "or a cookie-signed write without `Content-Type: application/json` or from another site (`cross_site_request`)";
const writeForbidden = error(`A student: only instructors and admins write courses, and only their own (\`forbidden\`); ${crossSite}.`);
const ownCourseForbidden = error(`Not the course's author or an admin, or a student (\`forbidden\`); ${crossSite}.`);
const learnerForbidden = error("A cookie-signed write without `Content-Type: application/json` or from another site (`cross_site_request`).");
const notPublished = error("The course is a draft: learners enrol and make progress once it is published (`not_published`).");

const courseParams = pathParams({ id: "The course's id or slug." });
const lessonParams = pathParams({ id: "The lesson's id." });

const courseFields = {
  slug: "Made from the title when left out; a taken one is a 409.",
  description: "Markdown.",
  tags: "Or one comma-separated string.",
  features: "Or one comma-separated string. An unknown one is a 400 naming it (`features[1]`).",
  platforms: "Sentry platform ids, or one comma-separated string.",
  coverUrl: "An http(s) address or a path starting with `/`; empty removes it.",
};

export function registerAcademy(r: Registry) {
  op(r, {
    method: "get",
    path: "/api/courses",
    tags: [TAG],
    operationId: "listCourses",
    summary: "Courses",
    description:
      "Published courses, as in the catalogue, by title (by relevance with `q`). Instructors and admins may ask for the courses they may edit with `mine=true` or `status`. A guest's answer may be up to 10 s old (`Cache-Control: public, max-age=10`).",
    security: optionalAuth,
    request: {
      query: described(listQuerySchema, {
        q: "Words to search for in titles, descriptions and lessons.",
        category: "Any case.",
        level: "Any case, e.g. `beginner`.",
        platform: "A Sentry platform id, e.g. `python`.",
        feature: "A Sentry feature.",
        tag: "A tag.",
        status: "`published` (the default), `draft` or `all`. Other than published: instructors and admins, and only the drafts they may edit.",
        mine: "`true`: only courses you may edit (an admin may edit all), any status unless `status` says.",
        page: "From 1.",
        limit: "Courses per page.",
      }),
    },
    responses: {
      200: ok("A page of courses.", coursePageSchema),
      400: invalidBody("A query parameter is invalid: `fields` names each one.", {
        error: "invalid_request",
        message: "Some fields are missing or invalid.",
        fields: { level: ["Use one of BEGINNER, INTERMEDIATE, ADVANCED."] },
      }),
      401: unauthorized,
      403: error("`mine` or `status` from a student (`forbidden`)."),
    },
  });
  op(r, {
    method: "post",
    path: "/api/courses",
    tags: [TAG],
    operationId: "createCourse",
    summary: "Create a course",
    description: `A new draft authored by you (instructors and admins). Add lessons in the studio, then publish with PUT \`status\`.${COOKIE_WRITES}`,
    request: { body: described(createCourseSchema, courseFields) },
    responses: {
      201: ok("The new draft.", courseDetailSchema, location("`/api/courses/{id}`.")),
      400: invalid,
      401: unauthorized,
      403: writeForbidden,
      409: error("The slug is taken (`conflict`)."),
    },
  });
  op(r, {
    method: "get",
    path: "/api/courses/{id}",
    tags: [TAG],
    operationId: "getCourse",
    summary: "A course",
    description: "With its description and syllabus. A draft only for its author and admins.",
    security: optionalAuth,
    request: { params: courseParams },
    responses: { 200: ok("The course.", courseDetailSchema), 401: unauthorized, 404: courseNotFound },
  });
  op(r, {
    method: "put",
    path: "/api/courses/{id}",
    tags: [TAG],
    operationId: "updateCourse",
    summary: "Change or publish a course",
    description: `Changes the fields sent (only those), and publishes or unpublishes with \`status\` (the author or an admin): \`published\` publishes it (it needs a lesson, otherwise 409) and records a version; \`draft\` takes it out of the catalogue (learners keep their progress). A change to a published course is a new version for its learners.${COOKIE_WRITES}`,
    request: { params: courseParams, body: described(updateCourseSchema, courseFields) },
    responses: {
      200: ok("The course as stored now.", courseDetailSchema),
      400: invalid,
      401: unauthorized,
      403: ownCourseForbidden,
      404: courseNotFound,
      409: error("The slug is taken, or publishing a course without lessons (`conflict`); nothing was written."),
    },
  });
  op(r, {
    method: "delete",
    path: "/api/courses/{id}",
    tags: [TAG],
    operationId: "deleteCourse",
    summary: "Delete a course",
    description: `Only while nobody is enrolled: learners' progress and certificates would go with it (unpublish it instead).${COOKIE_WRITES}`,
    request: { params: courseParams },
    responses: { 200: ok("Deleted.", deletedSchema), 401: unauthorized, 403: ownCourseForbidden, 404: courseNotFound, 409: error("Learners are enrolled (`conflict`).") },
  });
  op(r, {
    method: "get",
    path: "/api/courses/{id}/lessons",
    tags: [TAG],
    operationId: "listCourseLessons",
    summary: "A course's lessons",
    description: "In order (quizzes are in the course's `modules`). Signed in, each says whether you completed it.",
    security: optionalAuth,
    request: { params: courseParams },
    responses: { 200: ok("The lessons.", courseLessonsSchema), 401: unauthorized, 404: courseNotFound },
  });
  op(r, {
    method: "get",
    path: "/api/lessons/{id}",
    tags: [TAG],
    operationId: "getLesson",
    summary: "A lesson",
    description:
      "The lesson as Markdown and as HTML. Like the lesson page, public for a published course: no enrolment needed (enrolment tracks progress, it does not gate reading). A draft's lessons only for its author and admins.",
    security: optionalAuth,
    request: { params: lessonParams },
    responses: { 200: ok("The lesson.", lessonDetailSchema), 401: unauthorized, 404: lessonNotFound },
  });
  op(r, {
    method: "post",
    path: "/api/lessons/{id}/complete",
    tags: [TAG],
    operationId: "completeLesson",
    summary: "Complete a lesson",
    description: `Marks it done for you, enrolling you in its course if you were not (as the lesson page does). Completing again changes nothing. The last required item issues the certificate.${COOKIE_WRITES}`,
    request: { params: lessonParams },
    responses: { 200: ok("What it completed, and where to continue.", completionSchema), 401: unauthorized, 403: learnerForbidden, 404: lessonNotFound, 409: error("The course is a draft (`not_published`), or the lesson is an exercise, which only passing its tests completes (`conflict`).") },
  });
  op(r, {
    method: "post",
    path: "/api/enrollments",
    tags: [TAG],
    operationId: "enroll",
    summary: "Enrol in a course",
    description: `Enrols you in a published course.${COOKIE_WRITES}`,
    request: { body: described(enrollmentSchema, { courseId: "The course's id or slug; an unknown one is a 400 naming `courseId`." }) },
    responses: {
      201: ok("Enrolled.", enrollmentOutSchema, location("`/api/users/me/enrollments`.")),
      200: ok("You already were: nothing changed.", enrollmentOutSchema),
      400: invalid,
      401: unauthorized,
      403: learnerForbidden,
      409: notPublished,
    },
  });
  op(r, {
    method: "get",
    path: "/api/users/me/enrollments",
    tags: [TAG],
    operationId: "listMyEnrollments",
    summary: "Your courses",
    description: "Every course you are enrolled in, newest first, with your progress and where to continue.",
    responses: { 200: ok("Your enrolments.", enrollmentListSchema), 401: unauthorized },
  });
  op(r, {
    method: "get",
    path: "/api/users/me/progress",
    tags: [TAG],
    operationId: "getMyProgress",
    summary: "Your progress",
    description: "Totals, streaks and badges, and per course the lessons and quizzes you have done.",
    responses: { 200: ok("Your progress.", progressSummarySchema), 401: unauthorized },
  });
}
