/**
 * Fills a database with Academy data at scale for the benchmark: 1,000
 * courses, 20,000 lessons, 50,000 users and 1,000,000 lesson-progress rows
 * (plus 2,000 modules, 1,000 quizzes, 50,000 enrolments), generated set-wise
 * in SQL with a fixed random seed. The search triggers build the tsvectors as
 * rows are inserted, exactly as for imported content.
 */
import pg from "pg";

export const SCALE = { courses: 1000, lessonsPerCourse: 20, users: 50_000, progressPerUser: 20 } as const;
/** Bump when the generated data changes. */
const MARKER = "bench-scale-v2";

// General words every lesson uses, and words specific to each course topic (the same index as TOPICS), so a
// search matches like real content does: many documents share common words, few share a topic's terms.
const COMMON = (
  "the a an and or but with without for from into onto over under when while where which what who how why this that these those " +
  "your our their its can will should would could must may might then than also only just even very more most less many much " +
  "team service user users request requests response page app application code function value values data time times first next " +
  "last new old small large fast slow simple clear useful common different same other each every some any all both few several " +
  "set send read write run runs start stop open close show find fix check keep make take give use used using add remove change " +
  "example step steps result results problem problems reason way ways part parts case cases work works project projects setting " +
  "settings option options default production environment config configuration version build deploy file files line lines name"
).split(" ");
const TOPIC_WORDS: string[][] = [
  ["span", "trace", "transaction", "propagation", "sampling", "waterfall", "latency", "header", "baggage", "instrumentation", "distributed", "duration", "operation", "child", "root"],
  ["replay", "recording", "masking", "privacy", "rrweb", "dom", "click", "rage", "playback", "session", "blocking", "mutation", "viewport", "input", "scrub"],
  ["profile", "profiler", "flame", "graph", "stack", "frame", "cpu", "sample", "hotspot", "continuous", "overhead", "function", "slowest", "call", "chart"],
  ["cron", "schedule", "check-in", "monitor", "crontab", "margin", "runtime", "missed", "job", "interval", "timezone", "celery", "beat", "slug", "heartbeat"],
  ["uptime", "probe", "status", "endpoint", "downtime", "outage", "region", "timeout", "availability", "health", "ping", "http", "incident", "bot", "interval"],
  ["alert", "rule", "threshold", "notification", "slack", "pagerduty", "routing", "owner", "escalation", "noise", "metric", "condition", "action", "on-call", "frequency"],
  ["release", "crash-free", "adoption", "sessions", "health", "regression", "rollout", "commit", "suspect", "deploy", "version", "finalize", "semver", "stability", "canary"],
  ["source", "map", "minified", "bundle", "debug", "upload", "webpack", "vite", "artifact", "symbolicate", "obfuscated", "column", "inject", "sourcemap", "dist"],
  ["feedback", "widget", "form", "report", "dialog", "comment", "screenshot", "reporter", "email", "survey", "message", "crash", "submit", "triage", "inbox"],
  ["log", "logger", "structured", "attribute", "level", "warning", "info", "breadcrumb", "message", "format", "correlation", "filter", "pii", "json", "ingest"],
  ["dashboard", "widget", "query", "chart", "visualization", "aggregate", "percentile", "filter", "panel", "discover", "insight", "table", "group", "series", "vitals"],
  ["error", "exception", "issue", "grouping", "fingerprint", "stacktrace", "triage", "assign", "resolve", "archive", "event", "context", "tag", "unhandled", "capture"],
];
const TOPICS = ["Tracing", "Session Replay", "Profiling", "Cron monitoring", "Uptime checks", "Alerting", "Release health", "Source maps", "User feedback", "Structured logs", "Dashboards", "Error triage"];
if (TOPICS.length !== TOPIC_WORDS.length) throw new Error("one word list per topic");
const PLATFORMS = ["javascript", "javascript-react", "node", "python", "python-django", "ruby-rails", "php", "go", "java", "android", "apple-ios", "react-native"];
const FEATURES = ["tracing", "session-replay", "profiling", "crons", "uptime", "alerts", "release-health", "source-maps", "user-feedback", "logs", "dashboards", "errors"];

export async function seedScale(databaseUrl: string, log: (m: string) => void = console.log) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const done = await client.query(`SELECT value FROM "AppSetting" WHERE key = $1`, [MARKER]);
    if (done.rowCount) {
      log("scale data already present");
      return;
    }
    // Data from an older version of this generator goes first.
    await client.query(`DELETE FROM "Course" WHERE id LIKE 'bench-c%'`);
    await client.query(`DELETE FROM "User" WHERE id LIKE 'bench-u%'`);
    await client.query(`DELETE FROM "AppSetting" WHERE key LIKE 'bench-scale%'`);
    const t0 = Date.now();
    await client.query("SELECT setseed(0.42)");
    // A paragraph of n words: 70% common words, 25% words of the course's topic, 5% words of any topic.
    const common = `ARRAY[${COMMON.map((w) => `'${w}'`).join(",")}]`;
    const topical = `ARRAY[${TOPIC_WORDS.map((ws) => `ARRAY[${ws.map((w) => `'${w}'`).join(",")}]`).join(",")}]`;
    await client.query(`
      CREATE FUNCTION pg_temp.para(n int, topic int) RETURNS text LANGUAGE sql VOLATILE AS $$
        SELECT string_agg(CASE
                 WHEN r < 0.70 THEN (${common})[1 + floor(random() * ${COMMON.length})::int]
                 WHEN r < 0.95 THEN (${topical})[topic + 1][1 + floor(random() * 15)::int]
                 ELSE (${topical})[1 + floor(random() * ${TOPIC_WORDS.length})::int][1 + floor(random() * 15)::int]
               END, ' ')
          FROM (SELECT random() AS r FROM generate_series(1, n)) g
      $$`);
    await client.query(
      `INSERT INTO "Course" (id, slug, title, summary, "descriptionHtml", level, category, tags, features, platforms, "estimatedMinutes", status, "publishedAt", "updatedAt")
       SELECT 'bench-c' || i, 'bench-course-' || i,
              ($1::text[])[1 + i % 12] || ' for ' || initcap(($2::text[])[1 + i % 12]) || ' teams, part ' || i,
              'Learn ' || lower(($1::text[])[1 + i % 12]) || ' with Sentry: ' || pg_temp.para(14, i % 12),
              '<p>' || pg_temp.para(60, i % 12) || '</p>',
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
              'lesson-' || l, initcap(pg_temp.para(4, c % 12)), pg_temp.para(12, c % 12),
              body, '<p>' || body || '</p>', l - 1, 5 + l % 10, ARRAY['errors'], ARRAY['javascript'], now()
         FROM generate_series(1, ${SCALE.courses}) c, generate_series(1, ${SCALE.lessonsPerCourse}) l,
              LATERAL (SELECT '## ' || pg_temp.para(5, c % 12) || E'\\n\\n' || pg_temp.para(180, c % 12) || E'\\n\\n' || pg_temp.para(180, c % 12) AS body WHERE c > 0 AND l > 0) b`,
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
      `INSERT INTO "User" (id, email, name, role, "updatedAt", "emailVerifiedAt")
       SELECT 'bench-u' || u, 'bench-user-' || u || '@example.com', 'Bench Learner ' || u, 'STUDENT', now(), now()
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
    await client.query(`INSERT INTO "AppSetting" (key, value, "updatedAt") VALUES ($1, $2, now())`, [MARKER, JSON.stringify(SCALE)]);
    const counts = await client.query(`SELECT (SELECT count(*) FROM "Course") courses, (SELECT count(*) FROM "Lesson") lessons,
      (SELECT count(*) FROM "User") users, (SELECT count(*) FROM "LessonProgress") progress`);
    log(`scale data ready in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${JSON.stringify(counts.rows[0])}`);
  } finally {
    await client.end();
  }
}
