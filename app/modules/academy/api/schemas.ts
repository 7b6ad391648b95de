/**
 * What the Academy API answers, as Zod schemas: the serialisers
 * (serializers.server.ts, and the reads in ../api.server.ts) return their
 * `z.infer`, the OpenAPI document (modules/openapi/academy.ts) is generated from
 * them, and the API tests parse every answer with them. Timestamps ISO 8601,
 * `status` `draft`/`published`, `level` as courseInputSchema takes it.
 */
import { z } from "zod";
import { BADGES } from "../progress.ts";
import { CATEGORIES, FEATURE_SLUGS, LEVELS } from "../taxonomy.ts";

const LEVEL_VALUES = LEVELS.map((l) => l.value) as [string, ...string[]];
const BADGE_SLUGS = BADGES.map((b) => b.slug) as [string, ...string[]];

const timestamp = (description: string) => z.iso.datetime({ offset: true }).meta({ description });
const nullableTimestamp = (description: string) => z.iso.datetime({ offset: true }).nullable().meta({ description });
const strings = (description: string) => z.array(z.string()).meta({ description });
const pageUrl = (what: string) => z.url().meta({ description: `The ${what}'s page on the site.` });

const courseStatus = z.enum(["draft", "published"]).meta({ description: "Only published courses are in the catalogue; a draft is seen only by its author and admins." });

const progressSchema = z
  .object({ done: z.number().int(), total: z.number().int(), percent: z.number().int().min(0).max(100).meta({ description: "Rounded." }) })
  .meta({ description: "Required lessons and quizzes done (optional ones never block completion)." });

const courseBriefSchema = z.object({ id: z.string(), slug: z.string(), title: z.string(), status: courseStatus });
export const courseRefSchema = courseBriefSchema.extend({ url: pageUrl("course") });

export const nextItemSchema = z
  .object({ kind: z.enum(["lesson", "quiz"]), id: z.string(), slug: z.string(), title: z.string(), url: pageUrl("item") })
  .nullable()
  .meta({ description: "Where to continue: the first unfinished item after the lesson last worked on; null when everything is done." });

export const courseSchema = z
  .object({
    id: z.string(),
    slug: z.string().meta({ description: "In the course's URL; the API takes it wherever it takes the id." }),
    title: z.string(),
    summary: z.string(),
    level: z.enum(LEVEL_VALUES),
    category: z.enum(CATEGORIES),
    tags: strings("Free tags."),
    features: z.array(z.enum(FEATURE_SLUGS)).meta({ description: "The Sentry features it teaches (Sentry Connect recommends by these)." }),
    platforms: strings("Sentry platform ids, e.g. `javascript-react`."),
    estimatedMinutes: z.number().int(),
    coverUrl: z.string().nullable(),
    status: courseStatus,
    lessonCount: z.number().int(),
    quizCount: z.number().int(),
    version: z.number().int().meta({ description: "The latest published version (0: never published)." }),
    publishedAt: nullableTimestamp("When it was first published."),
    contentUpdatedAt: nullableTimestamp("When learners last got new content."),
    updatedAt: timestamp("When anything in it last changed."),
    editable: z.boolean().meta({ description: "Whether you may change it (its author or an admin)." }),
    url: pageUrl("course"),
  })
  .meta({ id: "Course" });

export const courseDetailSchema = courseSchema
  .extend({
    descriptionHtml: z.string().meta({ description: "The description, rendered from Markdown and sanitised." }),
    modules: z
      .array(
        z.object({
          id: z.string(),
          title: z.string(),
          items: z.array(
            z.object({
              kind: z.enum(["lesson", "quiz"]).meta({ description: "A lesson's id works with `/api/lessons/{id}`." }),
              id: z.string(),
              slug: z.string(),
              title: z.string(),
              summary: z.string(),
              position: z.number().int().meta({ description: "Order in the whole course (lessons and quizzes share it)." }),
              required: z.boolean().meta({ description: "Optional items don't count for completion." }),
              estimatedMinutes: z.number().int(),
            }),
          ),
        }),
      )
      .meta({ description: "The syllabus: modules in order, each with its lessons and quizzes in order." }),
  })
  .meta({ id: "CourseDetail" });

/** A list's `page`: where this page is and the path of the next one (api-request.server.ts's pageInfo). */
export const pageInfoSchema = (items: string) =>
  z.object({
    number: z.number().int().meta({ description: "This page, from 1." }),
    limit: z.number().int(),
    total: z.number().int().meta({ description: `${items} matching, on all pages.` }),
    pages: z.number().int(),
    next: z.string().nullable().meta({ description: "The path and query of the next page; null on the last one." }),
  });

export const coursePageSchema = z.object({ courses: z.array(courseSchema), page: pageInfoSchema("Courses") });

const moduleRef = z.object({ id: z.string(), title: z.string() });
const completed = z.boolean().meta({ description: "Signed in only: whether you completed it." });

/** What a lesson is in every answer that lists or shows it. */
const lessonFields = {
  id: z.string(),
  slug: z.string(),
  title: z.string(),
  summary: z.string(),
  position: z.number().int().meta({ description: "Order in the whole course (quizzes share it)." }),
  required: z.boolean(),
  estimatedMinutes: z.number().int(),
};

const lessonItemSchema = z.object({
  ...lessonFields,
  module: moduleRef,
  url: pageUrl("lesson"),
  completed: completed.optional(),
});

export const courseLessonsSchema = z.object({ course: courseBriefSchema, lessons: z.array(lessonItemSchema) });

export const lessonDetailSchema = z
  .object({
    ...lessonFields,
    features: strings("Sentry features the lesson covers."),
    platforms: strings("Sentry platform ids the lesson is about."),
    videoUrl: z.string().nullable(),
    captionsUrl: z.string().nullable().meta({ description: "WebVTT captions of the video." }),
    resources: z.array(z.object({ title: z.string(), url: z.string() })),
    bodyMarkdown: z.string().meta({ description: "The lesson as written (Markdown)." }),
    bodyHtml: z.string().meta({ description: "The same, rendered and sanitised, as the lesson page shows it." }),
    updatedAt: timestamp("When the lesson last changed."),
    module: moduleRef,
    course: courseBriefSchema,
    url: pageUrl("lesson"),
    completed: completed.optional(),
  })
  .meta({ id: "Lesson" });

export const completionSchema = z.object({
  lessonId: z.string(),
  completed: z.literal(true),
  course: z.object({
    id: z.string(),
    slug: z.string(),
    title: z.string(),
    progress: progressSchema,
    completed: z.boolean().meta({ description: "Every required item done." }),
  }),
  courseCompletedNow: z.boolean().meta({ description: "This lesson completed the course (the certificate was just issued)." }),
  certificateId: z.string().nullable().meta({ description: "Your certificate once the course is complete (its page is `/certificates/{id}`)." }),
  newBadges: z.array(z.enum(BADGE_SLUGS)).meta({ description: "Badges earned by this completion." }),
  next: nextItemSchema,
});

export const enrollmentOutSchema = z
  .object({
    course: courseRefSchema,
    enrolledAt: timestamp("When you enrolled."),
    completedAt: nullableTimestamp("When you completed the course."),
    progress: progressSchema,
    next: nextItemSchema,
    certificateId: z.string().nullable().meta({ description: "Your certificate of this course, unless there is none (or it was revoked)." }),
  })
  .meta({ id: "Enrollment" });

export const enrollmentListSchema = z.object({ enrollments: z.array(enrollmentOutSchema) });

export const progressSummarySchema = z.object({
  completedLessons: z.number().int(),
  completedCourses: z.number().int(),
  completedPaths: z.number().int().meta({ description: "Learning paths with every course completed." }),
  perfectQuizzes: z.number().int().meta({ description: "Quiz attempts scored 100%." }),
  currentStreak: z.number().int().meta({ description: "Days in a row with learning, up to today or yesterday (UTC)." }),
  longestStreak: z.number().int(),
  badges: z.array(z.object({ slug: z.enum(BADGE_SLUGS), label: z.string(), description: z.string(), earnedAt: timestamp("When.") })),
  courses: z
    .array(
      z.object({
        course: courseRefSchema,
        progress: progressSchema,
        completedAt: nullableTimestamp("When you completed it."),
        completedLessonIds: strings("Lessons you completed."),
        passedQuizIds: strings("Quizzes you passed."),
      }),
    )
    .meta({ description: "Every course you are enrolled in, newest enrolment first." }),
});
