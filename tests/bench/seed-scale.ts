/**
 * Fills a database with Academy data at scale for the benchmark: 1,000
 * courses, 20,000 lessons, 50,000 users and 1,000,000 lesson-progress rows
 * (plus 2,000 modules, 1,000 quizzes, 50,000 enrolments), generated set-wise
 * in SQL with a fixed random seed. The search triggers build the tsvectors as
 * rows are inserted, exactly as for imported content.
 */
import pg from "pg";

export const SCALE = { courses: 1000, lessonsPerCourse: 20, users: 50_000, progressPerUser: 20 } as const;

const WORDS = [
  "error", "exception", "stack", "trace", "span", "transaction", "latency", "throughput", "replay", "session", "profile",
  "flame", "graph", "cron", "monitor", "check-in", "uptime", "alert", "threshold", "release", "deploy", "commit", "source",
  "map", "minified", "bundle", "feedback", "widget", "log", "breadcrumb", "context", "tag", "dashboard", "widget", "query",
  "database", "cache", "queue", "worker", "request", "response", "browser", "server", "mobile", "android", "ios", "react",
  "django", "rails", "express", "node", "python", "ruby", "php", "java", "go", "sampling", "rate", "vitals", "regression",
  "incident", "triage", "owner", "issue", "grouping", "fingerprint", "symbolication", "debug", "crash", "hang", "memory",
];
const TOPICS = ["Tracing", "Session Replay", "Profiling", "Cron monitoring", "Uptime checks", "Alerting", "Release health", "Source maps", "User feedback", "Structured logs", "Dashboards", "Error triage"];
const PLATFORMS = ["javascript", "javascript-react", "node", "python", "python-django", "ruby-rails", "php", "go", "java", "android", "apple-ios", "react-native"];
const FEATURES = ["tracing", "session-replay", "profiling", "crons", "uptime", "alerts", "release-health", "source-maps", "user-feedback", "logs", "dashboards", "errors"];

export async function seedScale(databaseUrl: string, log: (m: string) => void = console.log) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const done = await client.query(`SELECT value FROM "AppSetting" WHERE key = 'bench-scale'`);
    if (done.rowCount) {
      log("scale data already present");
      return;
    }
    const t0 = Date.now();
    await client.query("SELECT setseed(0.42)");
    // A paragraph of n pseudo-random words from the vocabulary.
    const vocabulary = `ARRAY[${WORDS.map((w) => `'${w}'`).join(",")}]`;
    await client.query(`
      CREATE FUNCTION pg_temp.para(n int) RETURNS text LANGUAGE sql VOLATILE AS $$
        SELECT string_agg((${vocabulary})[1 + floor(random() * ${WORDS.length})::int], ' ') FROM generate_series(1, n)
      $$`);
    await client.query(
      `INSERT INTO "Course" (id, slug, title, summary, "descriptionHtml", level, category, tags, features, platforms, "estimatedMinutes", status, "publishedAt", "updatedAt")
       SELECT 'bench-c' || i, 'bench-course-' || i,
              ($1::text[])[1 + i % 12] || ' for ' || initcap(($2::text[])[1 + i % 12]) || ' teams, part ' || i,
              'Learn ' || lower(($1::text[])[1 + i % 12]) || ' with Sentry: ' || pg_temp.para(14),
              '<p>' || pg_temp.para(60) || '</p>',
              (ARRAY['BEGINNER','INTERMEDIATE','ADVANCED'])[1 + i % 3]::"CourseLevel",
              (ARRAY['Fundamentals','Frontend','Backend','Mobile','Operations'])[1 + i % 5],
              ARRAY[($3::text[])[1 + i % 12], 'observability'],
              ARRAY[($3::text[])[1 + i % 12], 'errors'],
              ARRAY[($2::text[])[1 + i % 12], ($2::text[])[1 + (i + 5) % 12]],
              60 + i % 120, 'PUBLISHED', now(), now()
         FROM generate_series(1, ${SCALE.courses}) AS i`,
      [TOPICS, PLATFORMS, FEATURES],
    );
    await client.query(
      `INSERT INTO "CourseModule" (id, "courseId", title, position)
       SELECT 'bench-m' || c || '-' || m, 'bench-c' || c, (ARRAY['Foundations','In practice'])[m + 1], m
         FROM generate_series(1, ${SCALE.courses}) c, generate_series(0, 1) m`,
    );
    log(`courses and modules: ${Date.now() - t0} ms`);
    // One content-vector refresh per course at the end instead of one per inserted lesson.
    await client.query(`ALTER TABLE "Lesson" DISABLE TRIGGER lesson_course_content_vector`);
    await client.query(
      `INSERT INTO "Lesson" (id, "courseId", "moduleId", slug, title, summary, "bodyMarkdown", "bodyHtml", position, "estimatedMinutes", features, platforms, "updatedAt")
       SELECT 'bench-l' || c || '-' || l, 'bench-c' || c, 'bench-m' || c || '-' || (CASE WHEN l <= 10 THEN 0 ELSE 1 END),
              'lesson-' || l, initcap(pg_temp.para(4)), pg_temp.para(12),
              body, '<p>' || body || '</p>', l - 1, 5 + l % 10, ARRAY['errors'], ARRAY['javascript'], now()
         FROM generate_series(1, ${SCALE.courses}) c, generate_series(1, ${SCALE.lessonsPerCourse}) l,
              LATERAL (SELECT '## ' || pg_temp.para(5) || E'\\n\\n' || pg_temp.para(180) || E'\\n\\n' || pg_temp.para(180) AS body WHERE c > 0 AND l > 0) b`,
    );
    await client.query(`ALTER TABLE "Lesson" ENABLE TRIGGER lesson_course_content_vector`);
    await client.query(`UPDATE "Course" SET "contentVector" = course_content_vector(id, "searchVector") WHERE id LIKE 'bench-c%'`);
    log(`lessons: ${Date.now() - t0} ms`);
    await client.query(
      `INSERT INTO "Quiz" (id, "courseId", "moduleId", slug, title, "passMark", position)
       SELECT 'bench-q' || c, 'bench-c' || c, 'bench-m' || c || '-1', 'final-quiz', 'Final quiz', 70, ${SCALE.lessonsPerCourse}
         FROM generate_series(1, ${SCALE.courses}) c`,
    );
    await client.query(
      `INSERT INTO "QuizQuestion" (id, "quizId", position, kind, prompt, "explanationHtml", options)
       SELECT 'bench-qq' || c || '-' || q, 'bench-q' || c, q, 'SINGLE', 'Question ' || q || '?', '<p>Because.</p>',
              '[{"id":"o1","text":"Yes","correct":true},{"id":"o2","text":"No","correct":false}]'::jsonb
         FROM generate_series(1, ${SCALE.courses}) c, generate_series(0, 3) q`,
    );
    await client.query(
      `INSERT INTO "User" (id, email, name, role, "updatedAt")
       SELECT 'bench-u' || u, 'bench-user-' || u || '@example.com', 'Bench Learner ' || u, 'STUDENT', now()
         FROM generate_series(1, ${SCALE.users}) u`,
    );
    await client.query(
      `INSERT INTO "Enrollment" ("userId", "courseId", "enrolledAt", "lastLessonId")
       SELECT 'bench-u' || u, 'bench-c' || (1 + u % ${SCALE.courses}), now() - (u % 365) * interval '1 day', 'bench-l' || (1 + u % ${SCALE.courses}) || '-1'
         FROM generate_series(1, ${SCALE.users}) u`,
    );
    log(`users and enrolments: ${Date.now() - t0} ms`);
    await client.query(
      `INSERT INTO "LessonProgress" ("userId", "lessonId", "completedAt", "timeSpentSeconds", "lastPosition", "updatedAt")
       SELECT 'bench-u' || u, 'bench-l' || (1 + u % ${SCALE.courses}) || '-' || l,
              CASE WHEN random() < 0.7 THEN now() - random() * interval '90 days' END, (random() * 900)::int, 0, now()
         FROM generate_series(1, ${SCALE.users}) u, generate_series(1, ${SCALE.progressPerUser}) l`,
    );
    log(`progress rows: ${Date.now() - t0} ms`);
    await client.query("ANALYZE");
    await client.query(`INSERT INTO "AppSetting" (key, value, "updatedAt") VALUES ('bench-scale', $1, now())`, [JSON.stringify(SCALE)]);
    const counts = await client.query(`SELECT (SELECT count(*) FROM "Course") courses, (SELECT count(*) FROM "Lesson") lessons,
      (SELECT count(*) FROM "User") users, (SELECT count(*) FROM "LessonProgress") progress`);
    log(`scale data ready in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${JSON.stringify(counts.rows[0])}`);
  } finally {
    await client.end();
  }
}
