/**
 * The catalogue: published courses with filters, and ranked full-text search
 * over courses and their lessons (one tsvector per course, "contentVector",
 * GIN-indexed; ts_rank_cd; ts_headline snippets), with a pg_trgm fallback for
 * typos when nothing matches exactly. Plain SQL: this is the hottest page.
 */
import { join, query, sql } from "~/utils/sql.server.ts";
import type { Course } from "~/generated/prisma/client.ts";
import { ttlCache } from "~/utils/ttl-cache.ts";
import { excerpt, HIGHLIGHT_END, HIGHLIGHT_START, PAGE_SIZE, type CatalogFilters, type TagKind } from "./catalog.ts";
import { FEATURES, isPlatform } from "./taxonomy.ts";

/**
 * The columns every course list shows (the catalogue, the JSON API), read with SQL: derived from the
 * Prisma model so that a renamed or retyped column fails the type check, not a request.
 */
export type CourseListColumns = Pick<Course, "id" | "slug" | "title" | "summary" | "level" | "category" | "tags" | "features" | "platforms" | "estimatedMinutes">;

export type CatalogCourse = CourseListColumns & {
  lessonCount: number;
  /** Learners enrolled: the "popular" signal and the second sort key. */
  learners: number;
  snippet: string | null;
  matchedLesson: { slug: string; title: string; snippet: string } | null;
};

export type CatalogResult = {
  courses: CatalogCourse[];
  total: number;
  pages: number;
  mode: "browse" | "search" | "fuzzy";
};

function filterSql(f: CatalogFilters) {
  const parts = [sql`c.status = 'PUBLISHED'`];
  if (f.category) parts.push(sql`c.category = ${f.category}`);
  if (f.level) parts.push(sql`c.level = ${f.level}::"CourseLevel"`);
  if (f.tag) parts.push(sql`c.tags @> ARRAY[${f.tag}]::text[]`);
  if (f.platform) parts.push(sql`c.platforms @> ARRAY[${f.platform}]::text[]`);
  if (f.feature) parts.push(sql`c.features @> ARRAY[${f.feature}]::text[]`);
  return join(parts, " AND ");
}

type Row = Omit<CatalogCourse, "matchedLesson" | "snippet" | "lessonCount" | "learners"> & { lesson_count: number; learners: number; total: string; snippet: string | null };

const COLUMNS = sql`c.id, c.slug, c.title, c.summary, c.level::text AS level, c.category, c.tags, c.features, c.platforms,
  c."estimatedMinutes" AS "estimatedMinutes", (SELECT count(*)::int FROM "Lesson" l WHERE l."courseId" = c.id) AS lesson_count,
  (SELECT count(*)::int FROM "Enrollment" e WHERE e."courseId" = c.id) AS learners`;

/** Beginner first (the enum's order), then the most learners, then the title. */
const BY_LEVEL = sql`c.level ASC, learners DESC, c.title`;

function orderSql(f: CatalogFilters, relevance: ReturnType<typeof sql> | null) {
  if (f.sort === "title") return sql`c.title`;
  if (f.sort === "popular") return sql`learners DESC, c.title`;
  if (f.sort === "level" || !relevance) return BY_LEVEL;
  return relevance;
}

function toCourse(row: Row, matchedLesson: CatalogCourse["matchedLesson"] = null): CatalogCourse {
  const { lesson_count, total: _total, snippet, ...rest } = row;
  return { ...rest, snippet: snippet ? excerpt(snippet) : null, lessonCount: lesson_count, matchedLesson };
}

// Result sets are public and the same for every viewer: keep each for 30 s per process.
const results = ttlCache<string, CatalogResult>({ ttlMs: 30_000, maxEntries: 1000 });

export function searchCatalog(f: CatalogFilters): Promise<CatalogResult> {
  return results.get(JSON.stringify(f), () => runSearch(f));
}

async function runSearch(f: CatalogFilters): Promise<CatalogResult> {
  const offset = (f.page - 1) * PAGE_SIZE;
  const where = filterSql(f);
  if (!f.q) {
    const rows = await query<Row>(sql`
      SELECT ${COLUMNS}, NULL AS snippet, count(*) OVER () AS total
        FROM "Course" c WHERE ${where}
       ORDER BY ${orderSql(f, null)} LIMIT ${PAGE_SIZE} OFFSET ${offset}`);
    return page(rows.map((r) => toCourse(r)), rows, "browse");
  }

  // Every match marked in the whole text: `excerpt` cuts it at the sentence and word boundaries.
  const headline = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_END}, HighlightAll=true`;
  const rows = await query<Row & { rank: number }>(sql`
    WITH query AS (SELECT websearch_to_tsquery('english', ${f.q}) AS q)
    SELECT ${COLUMNS}, ts_rank_cd(c."contentVector", query.q, 1) AS rank, count(*) OVER () AS total,
           ts_headline('english', c.summary, query.q, ${headline}) AS snippet
      FROM "Course" c, query
     WHERE c."contentVector" @@ query.q AND ${where}
     ORDER BY ${orderSql(f, sql`rank DESC, c.title`)}
     LIMIT ${PAGE_SIZE} OFFSET ${offset}`);
  if (rows.length > 0 || f.page > 1) {
    const lessons = await bestLessons(rows.map((r) => r.id), f.q, headline);
    return page(rows.map((r) => toCourse(r, lessons.get(r.id) ?? null)), rows, "search");
  }

  // Nothing matched the words as typed: look for close spellings in titles and tags.
  const fuzzy = await query<Row>(sql`
    SELECT ${COLUMNS}, NULL AS snippet, count(*) OVER () AS total
      FROM "Course" c
     WHERE ${where}
       AND (word_similarity(${f.q}, c.title) > 0.35 OR EXISTS (SELECT 1 FROM unnest(c.tags) t WHERE similarity(${f.q}, t) > 0.4))
     ORDER BY word_similarity(${f.q}, c.title) DESC, c.title
     LIMIT ${PAGE_SIZE} OFFSET ${offset}`);
  return page(fuzzy.map((r) => toCourse(r)), fuzzy, "fuzzy");
}

/** Published courses by slug, in the order given (missing or draft ones are left out). */
export async function publishedCoursesBySlug(slugs: string[]): Promise<CatalogCourse[]> {
  const rows = await query<Row>(sql`
    SELECT ${COLUMNS}, NULL AS snippet, 0 AS total FROM "Course" c WHERE c.status = 'PUBLISHED' AND c.slug = ANY(${slugs})`);
  return slugs.map((slug) => rows.find((r) => r.slug === slug)).filter((r) => r !== undefined).map((r) => toCourse(r));
}

function page(courses: CatalogCourse[], rows: { total: string }[], mode: CatalogResult["mode"]): CatalogResult {
  const total = rows.length ? Number(rows[0].total) : 0;
  return { courses, total, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)), mode };
}

/** The best-matching lesson of each course, with a highlighted excerpt. */
async function bestLessons(courseIds: string[], q: string, headline: string) {
  if (courseIds.length === 0) return new Map<string, CatalogCourse["matchedLesson"]>();
  const rows = await query<{ courseId: string; slug: string; title: string; snippet: string }>(sql`
    WITH query AS (SELECT websearch_to_tsquery('english', ${q}) AS q),
    best AS (
      SELECT DISTINCT ON (l."courseId") l."courseId", l.slug, l.title, l."bodyMarkdown"
        FROM "Lesson" l, query
       WHERE l."courseId" = ANY(${courseIds}) AND l."searchVector" @@ query.q
       ORDER BY l."courseId", ts_rank_cd(l."searchVector", query.q, 1) DESC
    )
    SELECT b."courseId" AS "courseId", b.slug, b.title,
           -- ts_headline's cost grows with the text: the first 2,000 characters hold the lesson's gist.
           ts_headline('english', regexp_replace(left(b."bodyMarkdown", 2000), '[#*_\`>|\\[\\]]+', ' ', 'g'), query.q, ${headline}) AS snippet
      FROM best b, query`);
  return new Map(rows.map((r) => [r.courseId, { slug: r.slug, title: r.title, snippet: excerpt(r.snippet) }]));
}

const normal = (s: string) => s.toLowerCase().replace(/[\s_]+/g, "-");
const featureWords = new Set(FEATURES.flatMap((f) => [normal(f.slug), normal(f.label), normal(f.slug).replace(/s$/, "")]));
/** Tools that aren't Sentry platform ids but name a stack: the "platform" group, not a topic. */
const TOOL_TAGS = new Set(["react", "django", "vue", "next.js", "nextjs", "rails", "express", "ios", "android", "flutter", "celery", "vite", "webpack", "sentry-cli", "javascript", "python", "node", "go", "ruby", "php", "java", "slack", "pagerduty", "github"]);

/** Which group of the tag filter a tag belongs to: a Sentry feature, a platform or tool, or a topic. */
function tagKind(tag: string): TagKind {
  const t = normal(tag);
  if (featureWords.has(t) || featureWords.has(t.replace(/s$/, ""))) return "feature";
  if (isPlatform(t) || TOOL_TAGS.has(t)) return "platform";
  return "topic";
}

type Facets = { tags: { value: string; count: number; kind: TagKind }[]; platforms: { value: string; count: number }[]; categories: { value: string; count: number }[] };
const facets = ttlCache<"all", Facets>({ ttlMs: 60_000, maxEntries: 1 });

/** Values for the filter controls, from published courses (cached per process for a minute). */
export function catalogFacets(): Promise<Facets> {
  return facets.get("all", loadFacets);
}

/** After publishing or importing: the next catalogue view reads fresh data. */
export function clearCatalogCaches() {
  results.clear();
  facets.clear();
}

async function loadFacets(): Promise<Facets> {
  const rows = await query<{ kind: string; value: string; count: number }>(sql`
    SELECT 'tag' AS kind, t AS value, count(*)::int AS count FROM "Course", unnest(tags) t WHERE status = 'PUBLISHED' GROUP BY t
    UNION ALL
    SELECT 'platform', p, count(*)::int FROM "Course", unnest(platforms) p WHERE status = 'PUBLISHED' GROUP BY p
    UNION ALL
    SELECT 'category', category, count(*)::int FROM "Course" WHERE status = 'PUBLISHED' GROUP BY category`);
  const pick = (kind: string) =>
    rows
      .filter((r) => r.kind === kind)
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))
      .map(({ value, count }) => ({ value, count }));
  // Every tag, grouped by kind in the form (<optgroup>), alphabetical within a group.
  const tags = pick("tag")
    .map((t) => ({ ...t, kind: tagKind(t.value) }))
    .sort((a, b) => a.value.localeCompare(b.value));
  return { tags, platforms: pick("platform"), categories: pick("category") };
}
