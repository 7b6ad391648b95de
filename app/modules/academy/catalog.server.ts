/**
 * The catalogue: published courses with filters, and ranked full-text search
 * over courses and lessons (tsvector + GIN, ts_rank_cd, ts_headline snippets),
 * with a pg_trgm fallback for typos when nothing matches exactly.
 */
import { Prisma } from "~/generated/prisma/client.ts";
import { prisma } from "~/utils/db.server.ts";
import { HIGHLIGHT_END, HIGHLIGHT_START, PAGE_SIZE, type CatalogFilters } from "./catalog.ts";

export type CatalogCourse = {
  id: string;
  slug: string;
  title: string;
  summary: string;
  level: string;
  category: string;
  tags: string[];
  features: string[];
  platforms: string[];
  estimatedMinutes: number;
  lessonCount: number;
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
  const parts = [Prisma.sql`c.status = 'PUBLISHED'`];
  if (f.category) parts.push(Prisma.sql`c.category = ${f.category}`);
  if (f.level) parts.push(Prisma.sql`c.level = ${f.level}::"CourseLevel"`);
  if (f.tag) parts.push(Prisma.sql`c.tags @> ARRAY[${f.tag}]::text[]`);
  if (f.platform) parts.push(Prisma.sql`c.platforms @> ARRAY[${f.platform}]::text[]`);
  if (f.feature) parts.push(Prisma.sql`c.features @> ARRAY[${f.feature}]::text[]`);
  return Prisma.join(parts, " AND ");
}

type Row = Omit<CatalogCourse, "matchedLesson" | "snippet" | "lessonCount"> & { lesson_count: number; total: bigint; snippet: string | null };

const COLUMNS = Prisma.sql`c.id, c.slug, c.title, c.summary, c.level::text AS level, c.category, c.tags, c.features, c.platforms,
  c."estimatedMinutes" AS "estimatedMinutes", (SELECT count(*)::int FROM "Lesson" l WHERE l."courseId" = c.id) AS lesson_count`;

function toCourse(row: Row, matchedLesson: CatalogCourse["matchedLesson"] = null): CatalogCourse {
  const { lesson_count, total: _total, ...rest } = row;
  return { ...rest, lessonCount: lesson_count, matchedLesson };
}

export async function searchCatalog(f: CatalogFilters): Promise<CatalogResult> {
  const offset = (f.page - 1) * PAGE_SIZE;
  const where = filterSql(f);
  if (!f.q) {
    const rows = await prisma.$queryRaw<Row[]>`
      SELECT ${COLUMNS}, NULL AS snippet, count(*) OVER () AS total
        FROM "Course" c WHERE ${where}
       ORDER BY c.title LIMIT ${PAGE_SIZE} OFFSET ${offset}`;
    return page(rows.map((r) => toCourse(r)), rows, "browse");
  }

  const headline = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_END}, MaxWords=30, MinWords=12, MaxFragments=1`;
  const rows = await prisma.$queryRaw<(Row & { rank: number })[]>`
    WITH query AS (SELECT websearch_to_tsquery('english', ${f.q}) AS q),
    hits AS (
      SELECT c.id, ts_rank_cd(c."searchVector", query.q, 1) AS rank
        FROM "Course" c, query WHERE c."searchVector" @@ query.q
      UNION ALL
      SELECT l."courseId", 0.6 * ts_rank_cd(l."searchVector", query.q, 1)
        FROM "Lesson" l, query WHERE l."searchVector" @@ query.q
    ),
    ranked AS (SELECT id, sum(rank) AS rank FROM hits GROUP BY id)
    SELECT ${COLUMNS}, r.rank, count(*) OVER () AS total,
           ts_headline('english', c.summary, query.q, ${headline}) AS snippet
      FROM ranked r JOIN "Course" c ON c.id = r.id, query
     WHERE ${where}
     ORDER BY r.rank DESC, c.title
     LIMIT ${PAGE_SIZE} OFFSET ${offset}`;
  if (rows.length > 0 || f.page > 1) {
    const lessons = await bestLessons(rows.map((r) => r.id), f.q, headline);
    return page(rows.map((r) => toCourse(r, lessons.get(r.id) ?? null)), rows, "search");
  }

  // Nothing matched the words as typed: look for close spellings in titles and tags.
  const fuzzy = await prisma.$queryRaw<Row[]>`
    SELECT ${COLUMNS}, NULL AS snippet, count(*) OVER () AS total
      FROM "Course" c
     WHERE ${where}
       AND (word_similarity(${f.q}, c.title) > 0.35 OR EXISTS (SELECT 1 FROM unnest(c.tags) t WHERE similarity(${f.q}, t) > 0.4))
     ORDER BY word_similarity(${f.q}, c.title) DESC, c.title
     LIMIT ${PAGE_SIZE} OFFSET ${offset}`;
  return page(fuzzy.map((r) => toCourse(r)), fuzzy, "fuzzy");
}

function page(courses: CatalogCourse[], rows: { total: bigint }[], mode: CatalogResult["mode"]): CatalogResult {
  const total = rows.length ? Number(rows[0].total) : 0;
  return { courses, total, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)), mode };
}

/** The best-matching lesson of each course, with a highlighted excerpt. */
async function bestLessons(courseIds: string[], q: string, headline: string) {
  if (courseIds.length === 0) return new Map<string, CatalogCourse["matchedLesson"]>();
  const rows = await prisma.$queryRaw<{ courseId: string; slug: string; title: string; snippet: string }[]>`
    WITH query AS (SELECT websearch_to_tsquery('english', ${q}) AS q),
    best AS (
      SELECT DISTINCT ON (l."courseId") l."courseId", l.slug, l.title, l."bodyMarkdown"
        FROM "Lesson" l, query
       WHERE l."courseId" = ANY(${courseIds}) AND l."searchVector" @@ query.q
       ORDER BY l."courseId", ts_rank_cd(l."searchVector", query.q, 1) DESC
    )
    SELECT b."courseId" AS "courseId", b.slug, b.title,
           ts_headline('english', regexp_replace(b."bodyMarkdown", '[#*_\`>|\\[\\]]+', ' ', 'g'), query.q, ${headline}) AS snippet
      FROM best b, query`;
  return new Map(rows.map((r) => [r.courseId, { slug: r.slug, title: r.title, snippet: r.snippet }]));
}

/** Values for the filter controls, from published courses. */
export async function catalogFacets() {
  const rows = await prisma.course.findMany({ where: { status: "PUBLISHED" }, select: { tags: true, platforms: true, category: true } });
  const count = (values: string[]) => {
    const counts = new Map<string, number>();
    for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([value, n]) => ({ value, count: n }));
  };
  return {
    tags: count(rows.flatMap((r) => r.tags)).slice(0, 40),
    platforms: count(rows.flatMap((r) => r.platforms)),
    categories: count(rows.map((r) => r.category)),
  };
}
