/**
 * One course with 10,000 enrolments for the analytics benchmark, authored by the
 * demo instructor: 3 modules of 4 lessons and a 5-question quiz each. Enrolments
 * spread over the last year, denser lately; each learner completes lessons in
 * order until they drop off (about 6 on average, 1 in 7 all 12), with time per
 * lesson (none for 15%: JavaScript off) and 1 to 3 attempts at each quiz they
 * reach, answered right with a per-question chance. Generated set-wise in SQL
 * with a fixed random seed, once.
 */
import pg from "pg";

export const ANALYTICS_COURSE_ID = "bench-analytics";
export const ANALYTICS_LEARNERS = 10_000;
/** Bump when the generated data changes. */
const MARKER = "bench-analytics-v1";

const LESSONS = [
  "What Sentry captures",
  "Installing the SDK",
  "Reading an issue",
  "Stack traces that make sense",
  "Breadcrumbs and context",
  "Tags and custom data",
  "Grouping and fingerprints",
  "Triage: assign, resolve, archive",
  "Alerts on new issues",
  "Release health at a glance",
  "Suspect commits and ownership",
  "Putting it together: a production incident",
];
const QUIZZES = ["Checkpoint: capturing errors", "Checkpoint: context and grouping", "Final check: from alert to fix"];
const PROMPTS = [
  "Which call sends a handled exception?",
  "Where does a breadcrumb come from?",
  "What decides which issue an event joins?",
  "When does an alert rule fire?",
  "What does a suspect commit point at?",
];

export async function seedAnalytics(databaseUrl: string, log: (m: string) => void = console.log) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    if ((await client.query(`SELECT 1 FROM "AppSetting" WHERE key = $1`, [MARKER])).rowCount) {
      log("analytics course already present");
      return;
    }
    const t0 = Date.now();
    await client.query("BEGIN");
    await client.query(`DELETE FROM "Course" WHERE id = $1`, [ANALYTICS_COURSE_ID]);
    await client.query(`DELETE FROM "User" WHERE id LIKE 'bench-a-u%'`);
    await client.query(`DELETE FROM "AppSetting" WHERE key LIKE 'bench-analytics%'`);
    await client.query("SELECT setseed(0.17)");
    const now = `(now() AT TIME ZONE 'UTC')`;
    await client.query(
      `INSERT INTO "Course" (id, slug, title, summary, "descriptionHtml", level, category, tags, features, platforms, "estimatedMinutes",
                             status, "publishedAt", "updatedAt", "authorId", version, "contentUpdatedAt")
       SELECT $1, $1, 'Error monitoring at scale', 'Capture, group, triage and fix production errors with Sentry, end to end.',
              '<p>The analytics benchmark course.</p>', 'BEGINNER', 'Fundamentals', ARRAY['errors'], ARRAY['errors', 'alerts'],
              ARRAY['javascript'], 90, 'PUBLISHED', ${now} - interval '1 year', ${now}, id, 1, ${now}
         FROM "User" WHERE email = 'instructor@academy.test'`,
      [ANALYTICS_COURSE_ID],
    );
    await client.query(
      `INSERT INTO "CourseModule" (id, "courseId", title, position)
       SELECT 'bench-a-m' || m, $1, (ARRAY['Capturing errors', 'Context and grouping', 'From alert to fix'])[m], m - 1 FROM generate_series(1, 3) m`,
      [ANALYTICS_COURSE_ID],
    );
    // Lessons and quizzes share one sequence: 4 lessons, then the module's quiz.
    await client.query(
      `INSERT INTO "Lesson" (id, "courseId", "moduleId", slug, title, summary, "bodyMarkdown", "bodyHtml", position, "estimatedMinutes", features, platforms, "updatedAt")
       SELECT 'bench-a-l' || l, $1, 'bench-a-m' || ((l + 3) / 4), 'lesson-' || l, ($2::text[])[l], 'Lesson ' || l || '.', 'Body.', '<p>Body.</p>',
              l - 1 + (l - 1) / 4, 5 + l % 6, ARRAY['errors'], ARRAY['javascript'], ${now}
         FROM generate_series(1, 12) l`,
      [ANALYTICS_COURSE_ID, LESSONS],
    );
    await client.query(
      `INSERT INTO "Quiz" (id, "courseId", "moduleId", slug, title, "passMark", position)
       SELECT 'bench-a-q' || k, $1, 'bench-a-m' || k, 'quiz-' || k, ($2::text[])[k], 70, 5 * k - 1 FROM generate_series(1, 3) k`,
      [ANALYTICS_COURSE_ID, QUIZZES],
    );
    await client.query(
      `INSERT INTO "QuizQuestion" (id, "quizId", position, kind, prompt, "explanationHtml", options)
       SELECT 'bench-a-qq' || k || '-' || q, 'bench-a-q' || k, q - 1, 'SINGLE', ($1::text[])[q] || ' (part ' || k || ')', '<p>Because.</p>',
              '[{"id":"o1","text":"The right one","correct":true},{"id":"o2","text":"A near miss","correct":false},{"id":"o3","text":"Unrelated","correct":false}]'::jsonb
         FROM generate_series(1, 3) k, generate_series(1, 5) q`,
      [PROMPTS],
    );
    await client.query(
      `CREATE TEMP TABLE learner ON COMMIT DROP AS
       SELECT i, 'bench-a-u' || i AS user_id,
              ${now} - 365 * power(random(), 1.6) * interval '1 day' AS enrolled_at,
              least(12, floor(-ln(1 - random()) * 6))::int AS lessons_done
         FROM generate_series(1, ${ANALYTICS_LEARNERS}) i`,
    );
    await client.query(
      `INSERT INTO "User" (id, email, name, role, "createdAt", "updatedAt", "emailVerifiedAt")
       SELECT user_id, 'bench-analytics-' || i || '@example.com', 'Analytics Learner ' || i, 'STUDENT', enrolled_at, enrolled_at, enrolled_at FROM learner`,
    );
    await client.query(
      `INSERT INTO "Enrollment" ("userId", "courseId", "enrolledAt", "lastLessonId")
       SELECT user_id, $1, enrolled_at, 'bench-a-l' || least(12, lessons_done + 1) FROM learner`,
      [ANALYTICS_COURSE_ID],
    );
    // Completed lessons, then the one the learner stopped in (not completed).
    await client.query(
      `INSERT INTO "LessonProgress" ("userId", "lessonId", "completedAt", "timeSpentSeconds", "lastPosition", "updatedAt")
       SELECT user_id, 'bench-a-l' || l,
              CASE WHEN l <= lessons_done THEN least(${now}, enrolled_at + l * interval '20 hours') END,
              CASE WHEN random() < 0.15 THEN 0 ELSE ((120 + (l * 97) % 540) * (0.5 + random()))::int END,
              0, least(${now}, enrolled_at + l * interval '20 hours')
         FROM learner, generate_series(1, 12) l
        WHERE l <= lessons_done + 1`,
    );
    // 1 to 3 attempts at each quiz reached; later attempts do better, later questions are harder.
    await client.query(
      `CREATE TEMP TABLE attempt ON COMMIT DROP AS
       SELECT 'bench-a-t' || lr.i || '-' || k || '-' || a AS id, lr.user_id, k, a,
              least(${now}, lr.enrolled_at + (4 * k * 20 + a * 24) * interval '1 hour') AS at
         FROM learner lr CROSS JOIN generate_series(1, 3) k
        CROSS JOIN LATERAL (SELECT random() + 0 * k AS r) tries
        CROSS JOIN LATERAL generate_series(1, 1 + (tries.r > 0.55)::int + (tries.r > 0.85)::int) a
        WHERE lr.lessons_done >= 4 * k`,
    );
    await client.query(
      `INSERT INTO "QuizAttempt" (id, "userId", "quizId", score, passed, answers, "createdAt")
       SELECT t.id, t.user_id, 'bench-a-q' || t.k, s.score, s.score >= 70, s.answers, t.at
         FROM attempt t
        CROSS JOIN LATERAL (
          SELECT round(100.0 * count(*) FILTER (WHERE ok) / 5)::int AS score,
                 jsonb_object_agg('bench-a-qq' || t.k || '-' || q, CASE WHEN ok THEN '["o1"]'::jsonb ELSE '["o2"]'::jsonb END) AS answers
            FROM (SELECT q, random() < 0.97 - 0.09 * q - 0.04 * t.k + 0.12 * (t.a - 1) AS ok FROM generate_series(1, 5) q) x
        ) s`,
    );
    await client.query(
      `UPDATE "Enrollment" e SET "completedAt" = least(${now}, lr.enrolled_at + interval '12 days')
         FROM learner lr
        WHERE e."userId" = lr.user_id AND e."courseId" = $1 AND lr.lessons_done = 12
          AND (SELECT count(DISTINCT "quizId") FROM "QuizAttempt" a WHERE a."userId" = lr.user_id AND a.passed) = 3`,
      [ANALYTICS_COURSE_ID],
    );
    await client.query(`INSERT INTO "AppSetting" (key, value, "updatedAt") VALUES ($1, $2, now())`, [MARKER, String(ANALYTICS_LEARNERS)]);
    await client.query("COMMIT");
    await client.query(`ANALYZE "Enrollment", "LessonProgress", "QuizAttempt", "User"`);
    const counts = await client.query(`SELECT (SELECT count(*) FROM "Enrollment" WHERE "courseId" = $1) enrolments,
      (SELECT count(*) FROM "LessonProgress" WHERE "lessonId" LIKE 'bench-a-l%') progress,
      (SELECT count(*) FROM "QuizAttempt" WHERE "quizId" LIKE 'bench-a-q%') attempts`, [ANALYTICS_COURSE_ID]);
    log(`analytics course ready in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${JSON.stringify(counts.rows[0])}`);
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  } finally {
    await client.end();
  }
}
