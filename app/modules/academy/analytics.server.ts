/**
 * Course analytics for the course's instructor (and admins): enrolments over
 * time, the completion funnel, time per lesson, quiz pass rates, the hardest
 * questions, and a student-progress table with its CSV export.
 *
 * Everything is aggregated in PostgreSQL, a few queries per course. A course
 * with 10,000 learners takes about 0.1 s to aggregate (and as long for a page of
 * its learner table), and the page is opened far more often than the figures
 * move, so each course's figures and each page of its learner table are kept
 * per process for a minute; the page says when they were taken. Nothing
 * invalidates them early: a learner's progress shows up within the minute. The
 * page's rendered HTML is kept too (utils/render-cache.server.ts). The CSV is
 * always computed fresh.
 */
import { requireRole } from "~/utils/auth.server.ts";
import { AREA_ROLES } from "~/utils/permissions.ts";
import { empty, query, queryOne, raw, sql, type Sql } from "~/utils/sql.server.ts";
import { ttlCache } from "~/utils/ttl-cache.ts";
import { canEditCourse } from "./course-admin.server.ts";
import { pageParam } from "~/utils/page-param.ts";
import { formatIsoDay } from "~/utils/dates.ts";

export const ANALYTICS_TTL_SECONDS = 60;
const LEARNERS_PAGE_SIZE = 25;

type AnalyticsCourse = { id: string; slug: string; title: string; status: "DRAFT" | "PUBLISHED"; version: number; authorId: string | null };

/**
 * The signed-in instructor or admin and the course, when they may edit it (only
 * they see its analytics): guests go to login, students and other instructors
 * get a 403, an unknown course a 404. Plain SQL: every view of the page runs it.
 */
export async function requireAnalyticsAccess(request: Request, courseId: string | undefined) {
  const user = await requireRole(request, AREA_ROLES.instructor);
  const course = courseId
    ? await queryOne<AnalyticsCourse>(sql`
        SELECT id, slug, title, status::text AS status, version, "authorId" FROM "Course" WHERE id = ${courseId}`)
    : null;
  if (!course) throw new Response("There is no course at this address.", { status: 404 });
  if (!canEditCourse(user, course)) throw new Response("Only the course's instructor and admins see its analytics.", { status: 403 });
  return { user, course };
}

// ───────────── the course's figures ─────────────

export type EnrolmentUnit = "day" | "week" | "month";

export type CourseAnalytics = {
  asOf: Date;
  summary: { enrolled: number; completed: number; enrolledLast30Days: number; averageProgress: number; requiredItems: number };
  /** New enrolments per day (first enrolment under 45 days ago), week (under 2 years) or month, from the first to now. */
  enrolments: { unit: EnrolmentUnit; points: { start: Date; count: number; total: number }[] };
  /** Every lesson and quiz in course order: learners who completed the lesson / passed the quiz. */
  funnel: { kind: "lesson" | "quiz"; id: string; title: string; required: boolean; learners: number }[];
  /** Average time over the learners with time recorded (the lesson page's beacon needs JavaScript). */
  lessonTime: { id: string; title: string; averageSeconds: number; learners: number }[];
  quizzes: { id: string; title: string; passMark: number; questions: number; attempts: number; learners: number; passed: number; averageScore: number }[];
  /** The questions most often answered wrong: share of the attempts that included the question. */
  hardestQuestions: { id: string; prompt: string; quizTitle: string; attempts: number; wrong: number }[];
};

const HARDEST_QUESTIONS = 5;
const figures = ttlCache<string, CourseAnalytics>({ ttlMs: ANALYTICS_TTL_SECONDS * 1000, maxEntries: 200 });

export function courseAnalytics(courseId: string): Promise<CourseAnalytics> {
  return figures.get(courseId, () => computeAnalytics(courseId));
}

function enrolmentUnit(first: Date | null, now: Date): EnrolmentUnit {
  const days = first ? (now.getTime() - first.getTime()) / 86_400_000 : 0;
  return days < 45 ? "day" : days < 730 ? "week" : "month";
}

async function computeAnalytics(courseId: string): Promise<CourseAnalytics> {
  const asOf = new Date();
  const [summary, items, quizzes, hardestQuestions] = await Promise.all([
    queryOne<{ enrolled: number; completed: number; recent: number; first: Date | null }>(sql`
      SELECT count(*)::int AS enrolled, count("completedAt")::int AS completed,
             count(*) FILTER (WHERE "enrolledAt" > (now() AT TIME ZONE 'UTC') - interval '30 days')::int AS recent,
             min("enrolledAt") AS first
        FROM "Enrollment" WHERE "courseId" = ${courseId}`),
    query<{ kind: "lesson" | "quiz"; id: string; title: string; required: boolean; completed: number; timed: number; avg_seconds: number }>(sql`
      SELECT i.kind, i.id, i.title, i.required, i.completed, i.timed, i.avg_seconds
        FROM (
          SELECT 'lesson' AS kind, l.id, l."moduleId", l.title, l.position, l.required,
                 count(p."completedAt")::int AS completed,
                 count(*) FILTER (WHERE p."timeSpentSeconds" > 0)::int AS timed,
                 coalesce(round(avg(p."timeSpentSeconds") FILTER (WHERE p."timeSpentSeconds" > 0)), 0)::int AS avg_seconds
            FROM "Lesson" l LEFT JOIN "LessonProgress" p ON p."lessonId" = l.id
           WHERE l."courseId" = ${courseId}
           GROUP BY l.id
          UNION ALL
          SELECT 'quiz', q.id, q."moduleId", q.title, q.position, q.required, 0, 0, 0 FROM "Quiz" q WHERE q."courseId" = ${courseId}
        ) i JOIN "CourseModule" m ON m.id = i."moduleId"
       ORDER BY m.position, i.position`),
    query<CourseAnalytics["quizzes"][number]>(sql`
      SELECT q.id, q.title, q."passMark" AS "passMark",
             (SELECT count(*) FROM "QuizQuestion" qq WHERE qq."quizId" = q.id)::int AS questions,
             count(a.id)::int AS attempts,
             count(DISTINCT a."userId")::int AS learners,
             count(DISTINCT a."userId") FILTER (WHERE a.passed)::int AS passed,
             coalesce(round(avg(a.score)), 0)::int AS "averageScore"
        FROM "Quiz" q JOIN "CourseModule" m ON m.id = q."moduleId"
        LEFT JOIN "QuizAttempt" a ON a."quizId" = q.id
       WHERE q."courseId" = ${courseId}
       GROUP BY q.id, m.position
       ORDER BY m.position, q.position`),
    // An attempt stores the chosen option ids of every question it graded ({questionId: optionId[]});
    // it got a question right when it chose exactly the correct options (quiz.ts): the same set both ways.
    query<CourseAnalytics["hardestQuestions"][number]>(sql`
      WITH questions AS MATERIALIZED (
        SELECT qq.id, qq.prompt, qq."quizId", q.title AS quiz_title,
               coalesce((SELECT jsonb_agg(o->'id') FROM jsonb_array_elements(qq.options) o WHERE (o->>'correct')::boolean), '[]') AS correct
          FROM "QuizQuestion" qq JOIN "Quiz" q ON q.id = qq."quizId"
         WHERE q."courseId" = ${courseId}
      ), tally AS (
        SELECT qs.id, qs.prompt, qs.quiz_title, count(*)::int AS attempts,
               count(*) FILTER (WHERE NOT ((a.answers->qs.id) @> qs.correct AND qs.correct @> (a.answers->qs.id)))::int AS wrong
          FROM questions qs JOIN "QuizAttempt" a ON a."quizId" = qs."quizId" AND a.answers ? qs.id
         GROUP BY qs.id, qs.prompt, qs.quiz_title
      )
      SELECT id, prompt, quiz_title AS "quizTitle", attempts, wrong FROM tally
       WHERE wrong > 0
       ORDER BY wrong::float / attempts DESC, attempts DESC, prompt
       LIMIT ${HARDEST_QUESTIONS}`),
  ]);
  const { enrolled, completed, recent, first } = summary!;
  const unit = enrolmentUnit(first, asOf);
  const perPeriod = await query<{ start: Date; count: number }>(sql`
    SELECT s.start, coalesce(c.count, 0)::int AS count
      FROM generate_series(
             date_trunc(${unit}, (SELECT min("enrolledAt") FROM "Enrollment" WHERE "courseId" = ${courseId})),
             date_trunc(${unit}, now() AT TIME ZONE 'UTC'),
             ${`1 ${unit}`}::interval) AS s(start)
      LEFT JOIN (SELECT date_trunc(${unit}, "enrolledAt") AS start, count(*) FROM "Enrollment" WHERE "courseId" = ${courseId} GROUP BY 1) c
           USING (start)
     ORDER BY s.start`);
  let total = 0;
  const points = perPeriod.map((p) => ({ ...p, total: (total += p.count) }));

  const passedByQuiz = new Map(quizzes.map((q) => [q.id, q.passed]));
  const funnel = items.map((i) => ({ kind: i.kind, id: i.id, title: i.title, required: i.required, learners: i.kind === "lesson" ? i.completed : (passedByQuiz.get(i.id) ?? 0) }));
  const required = funnel.filter((i) => i.required);
  const requiredDone = required.reduce((sum, i) => sum + Math.min(i.learners, enrolled), 0);
  return {
    asOf,
    summary: {
      enrolled,
      completed,
      enrolledLast30Days: recent,
      averageProgress: enrolled && required.length ? Math.round((requiredDone / (enrolled * required.length)) * 100) : 0,
      requiredItems: required.length,
    },
    enrolments: { unit, points },
    funnel,
    lessonTime: items.filter((i) => i.kind === "lesson").map((i) => ({ id: i.id, title: i.title, averageSeconds: i.avg_seconds, learners: i.timed })),
    quizzes,
    hardestQuestions,
  };
}

// ───────────── learners: the table and the CSV ─────────────

const LEARNER_SORTS = ["name", "enrolled", "progress", "activity", "completed"] as const;
export type LearnerSort = (typeof LEARNER_SORTS)[number];
export type LearnerQuery = { sort: LearnerSort; dir: "asc" | "desc"; page: number };

/** The table's sort and page from the URL; anything unknown falls back to the newest enrolments first. */
export function parseLearnerQuery(params: URLSearchParams): LearnerQuery {
  const sort = LEARNER_SORTS.find((s) => s === params.get("sort")) ?? "enrolled";
  const dir = params.get("dir") === "asc" ? "asc" : params.get("dir") === "desc" ? "desc" : sort === "name" ? "asc" : "desc";
  const page = pageParam(params, 100_000);
  return { sort, dir, page };
}

type LearnerRow = {
  id: string;
  name: string;
  enrolledAt: Date;
  completedAt: Date | null;
  lastActivityAt: Date;
  lessonsCompleted: number;
  /** Percent of the required lessons and quizzes done, as the learner's own course page counts it. */
  progress: number;
  secondsSpent: number;
  /** Best score per quiz id, for quizzes the learner took. */
  bestScores: Record<string, number>;
};

const ORDER: Record<LearnerSort, Sql> = {
  name: sql`lower(name)`,
  enrolled: sql`"enrolledAt"`,
  progress: sql`progress`,
  activity: sql`"lastActivityAt"`,
  completed: sql`"completedAt"`,
};

function learnerRows(courseId: string, order: Pick<LearnerQuery, "sort" | "dir">, page?: { limit: number; offset: number }) {
  const direction = raw(order.dir === "asc" ? "ASC NULLS LAST" : "DESC NULLS LAST");
  return query<LearnerRow & { total: number }>(sql`
    WITH required AS (
      SELECT (SELECT count(*) FROM "Lesson" WHERE "courseId" = ${courseId} AND required)
           + (SELECT count(*) FROM "Quiz" WHERE "courseId" = ${courseId} AND required) AS items
    ), lessons AS (
      SELECT p."userId", count(p."completedAt")::int AS completed, count(p."completedAt") FILTER (WHERE l.required) AS required_done,
             sum(p."timeSpentSeconds")::int AS seconds, max(p."updatedAt") AS last_at
        FROM "LessonProgress" p JOIN "Lesson" l ON l.id = p."lessonId"
       WHERE l."courseId" = ${courseId}
       GROUP BY p."userId"
    ), best AS (
      SELECT a."userId", a."quizId", max(a.score) AS score, bool_or(a.passed AND q.required) AS required_passed, max(a."createdAt") AS last_at
        FROM "QuizAttempt" a JOIN "Quiz" q ON q.id = a."quizId"
       WHERE q."courseId" = ${courseId}
       GROUP BY a."userId", a."quizId"
    ), quizzes AS (
      SELECT "userId", jsonb_object_agg("quizId", score) AS scores, count(*) FILTER (WHERE required_passed) AS required_done, max(last_at) AS last_at
        FROM best GROUP BY "userId"
    )
    SELECT u.id, u.name, e."enrolledAt", e."completedAt",
           greatest(e."enrolledAt", lessons.last_at, quizzes.last_at) AS "lastActivityAt",
           coalesce(lessons.completed, 0) AS "lessonsCompleted",
           CASE WHEN required.items = 0 THEN 0
                ELSE round(100.0 * (coalesce(lessons.required_done, 0) + coalesce(quizzes.required_done, 0)) / required.items)::int END AS progress,
           coalesce(lessons.seconds, 0) AS "secondsSpent",
           coalesce(quizzes.scores, '{}'::jsonb) AS "bestScores",
           count(*) OVER ()::int AS total
      FROM "Enrollment" e
      JOIN "User" u ON u.id = e."userId"
      CROSS JOIN required
      LEFT JOIN lessons ON lessons."userId" = e."userId"
      LEFT JOIN quizzes ON quizzes."userId" = e."userId"
     WHERE e."courseId" = ${courseId}
     ORDER BY ${ORDER[order.sort]} ${direction}, name, u.id
     ${page ? sql`LIMIT ${page.limit} OFFSET ${page.offset}` : empty}`);
}

type TableRow = Pick<LearnerRow, "id" | "name" | "enrolledAt" | "completedAt" | "lastActivityAt" | "progress">;
export type LearnerPage = { asOf: Date; rows: TableRow[]; total: number; pages: number; pageSize: number } & LearnerQuery;

const learnerPages = ttlCache<string, LearnerPage>({ ttlMs: ANALYTICS_TTL_SECONDS * 1000, maxEntries: 500 });

/** One page of the student-progress table (kept for a minute, like the figures). */
export function learnerPage(courseId: string, q: LearnerQuery): Promise<LearnerPage> {
  return learnerPages.get(`${courseId}|${q.sort}|${q.dir}|${q.page}`, async () => {
    const asOf = new Date();
    const rows = await learnerRows(courseId, q, { limit: LEARNERS_PAGE_SIZE, offset: (q.page - 1) * LEARNERS_PAGE_SIZE });
    // A page past the end has no rows to carry the total: count it then.
    const total = rows[0]?.total ?? (q.page > 1 ? ((await queryOne<{ n: number }>(sql`SELECT count(*)::int AS n FROM "Enrollment" WHERE "courseId" = ${courseId}`))?.n ?? 0) : 0);
    return {
      ...q,
      asOf,
      total,
      pages: Math.max(1, Math.ceil(total / LEARNERS_PAGE_SIZE)),
      pageSize: LEARNERS_PAGE_SIZE,
      rows: rows.map(({ id, name, enrolledAt, completedAt, lastActivityAt, progress }) => ({ id, name, enrolledAt, completedAt, lastActivityAt, progress })),
    };
  });
}

// ───────────── CSV ─────────────

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break,
 * quotes doubled. Text that a spreadsheet would run as a formula (=, +, -, @,
 * tab, CR first) gets a leading apostrophe, so a learner's name can't become one.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function toCsv(rows: (string | number | null)[][]): string {
  return rows.map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n";
}

const isoDay = (d: Date | null) => (d ? formatIsoDay(d) : null);
const isoMinute = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

/**
 * The student-progress CSV: one row per enrolled learner, by name: enrolment date,
 * lessons completed (of the course's lessons), progress, time spent, last
 * activity, completion date, then the best score of each quiz (empty when not
 * taken). Names only, no email addresses: the page shows no more than that.
 */
export async function analyticsCsv(courseId: string): Promise<string> {
  const [rows, lessons, quizzes] = await Promise.all([
    learnerRows(courseId, { sort: "name", dir: "asc" }),
    queryOne<{ n: number }>(sql`SELECT count(*)::int AS n FROM "Lesson" WHERE "courseId" = ${courseId}`),
    query<{ id: string; title: string }>(sql`
      SELECT q.id, q.title FROM "Quiz" q JOIN "CourseModule" m ON m.id = q."moduleId"
       WHERE q."courseId" = ${courseId} ORDER BY m.position, q.position`),
  ]);
  const header = [
    "Learner",
    "Enrolled on",
    `Lessons completed (of ${lessons?.n ?? 0})`,
    "Progress %",
    "Time spent (minutes)",
    "Last activity",
    "Completed on",
    ...quizzes.map((q) => `${q.title}: best score %`),
  ];
  const body = rows.map((r) => [
    r.name,
    isoDay(r.enrolledAt),
    r.lessonsCompleted,
    r.progress,
    Math.round(r.secondsSpent / 6) / 10,
    isoMinute(r.lastActivityAt),
    isoDay(r.completedAt),
    ...quizzes.map((q) => r.bestScores[q.id] ?? null),
  ]);
  return toCsv([header, ...body]);
}
