/**
 * What the "Your Sentry Setup" page and /api/recommendations show: the synced
 * organizations and projects, the adoption matrix, ranked next steps with their
 * docs and Academy courses, adoption progress over time. Only safe fields:
 * nothing here carries a token.
 */
import { sentryPlatforms } from "~/data/sentry-platforms.ts";
import { featureLabel } from "~/modules/academy/taxonomy.ts";
import { query, sql } from "~/utils/sql.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { featureDocsUrl, MATRIX_FEATURES, ruleFor, type Adoption } from "./features.ts";
import { groupRecommendations, platformName, type RecommendationRow } from "./recommendations.ts";

export type CourseLink = {
  slug: string;
  title: string;
  url: string;
  matchesPlatform: boolean;
};
type LessonLink = { title: string; url: string; courseTitle: string };

const basePlatform = new Map(sentryPlatforms.map((p) => [p.id, p.platform]));

/** A project's platform and its base language platform (javascript-react → javascript). */
export function platformFamilySlugs(platforms: (string | null)[]): string[] {
  const slugs = new Set<string>();
  for (const p of platforms) {
    if (!p) continue;
    slugs.add(p);
    const base = basePlatform.get(p);
    if (base) slugs.add(base);
  }
  return [...slugs];
}

/** Up to `limit` published courses per feature, those for the user's platforms first, then platform-neutral ones. */
export async function coursesForFeatures(features: string[], platforms: string[], limit = 3) {
  if (features.length === 0) return new Map<string, CourseLink[]>();
  const rows = await query<{
    feature: string;
    slug: string;
    title: string;
    matches: boolean;
  }>(
    sql`SELECT f.feature, c.slug, c.title, c.matches
       FROM unnest(${features}::text[]) AS f(feature)
       CROSS JOIN LATERAL (
         SELECT slug, title, (platforms && ${platforms}::text[]) AS matches
           FROM "Course"
          WHERE status = 'PUBLISHED' AND features @> ARRAY[f.feature]
            AND (cardinality(platforms) = 0 OR platforms && ${platforms}::text[])
          ORDER BY (platforms && ${platforms}::text[]) DESC, cardinality(features) ASC, title
          LIMIT ${limit}) c`
  );
  const map = new Map<string, CourseLink[]>();
  for (const row of rows) {
    map.set(row.feature, [
      ...(map.get(row.feature) ?? []),
      {
        slug: row.slug,
        title: row.title,
        url: `/courses/${row.slug}`,
        matchesPlatform: row.matches,
      },
    ]);
  }
  return map;
}

/** Up to `limit` lessons per feature from published courses, platform matches first. */
async function lessonsForFeatures(features: string[], platforms: string[], limit = 2) {
  if (features.length === 0) return new Map<string, LessonLink[]>();
  const rows = await query<{
    feature: string;
    title: string;
    lessonSlug: string;
    courseSlug: string;
    courseTitle: string;
  }>(
    sql`SELECT f.feature, l.title, l.slug AS "lessonSlug", l."courseSlug", l."courseTitle"
       FROM unnest(${features}::text[]) AS f(feature)
       CROSS JOIN LATERAL (
         SELECT le.title, le.slug, c.slug AS "courseSlug", c.title AS "courseTitle"
           FROM "Lesson" le JOIN "Course" c ON c.id = le."courseId"
          WHERE c.status = 'PUBLISHED' AND le.features @> ARRAY[f.feature]
            AND (cardinality(le.platforms) = 0 OR le.platforms && ${platforms}::text[])
          ORDER BY (le.platforms && ${platforms}::text[]) DESC, cardinality(le.features) ASC, le.position
          LIMIT ${limit}) l`
  );
  const map = new Map<string, LessonLink[]>();
  for (const row of rows) {
    const link = {
      title: row.title,
      url: `/courses/${row.courseSlug}/lessons/${row.lessonSlug}`,
      courseTitle: row.courseTitle,
    };
    map.set(row.feature, [...(map.get(row.feature) ?? []), link]);
  }
  return map;
}

/** Published courses for the detected platforms, most overlapping first. */
async function coursesForStack(platforms: string[], limit = 6) {
  if (platforms.length === 0) return [];
  return query<{
    slug: string;
    title: string;
    summary: string;
    platforms: string[];
  }>(
    sql`SELECT slug, title, summary, platforms FROM "Course"
      WHERE status = 'PUBLISHED' AND platforms && ${platforms}::text[]
      ORDER BY cardinality(ARRAY(SELECT unnest(platforms) INTERSECT SELECT unnest(${platforms}::text[]))) DESC, title
      LIMIT ${limit}`
  );
}

export async function setupPageData(userId: string) {
  const connection = await prisma.sentryConnection.findUnique({
    where: { userId },
    select: {
      id: true,
      method: true,
      status: true,
      statusReason: true,
      scopes: true,
      sentryUserName: true,
      sentryUserEmail: true,
      syncStatus: true,
      syncStartedAt: true,
      lastSyncedAt: true,
      lastSyncError: true,
      createdAt: true,
      organizations: {
        orderBy: { slug: "asc" },
        select: {
          slug: true,
          name: true,
          details: true,
          projects: {
            orderBy: { slug: "asc" },
            select: { slug: true, name: true, platform: true, adoption: true },
          },
        },
      },
      recommendations: { orderBy: [{ score: "desc" }, { key: "asc" }] },
      snapshots: {
        orderBy: { takenAt: "desc" },
        take: 12,
        select: {
          takenAt: true,
          summary: true,
          apiCalls: true,
          durationMs: true,
        },
      },
    },
  });
  if (!connection) return null;
  const { organizations, recommendations, snapshots, ...status } = connection;
  const projects = organizations.flatMap((o) =>
    o.projects.map((p) => ({
      ...p,
      orgSlug: o.slug,
      adoption: p.adoption as Adoption,
    }))
  );
  const applicable: Record<string, number> = {};
  for (const p of projects) for (const [f, v] of Object.entries(p.adoption)) if (v !== null) applicable[f] = (applicable[f] ?? 0) + 1;

  const groups = groupRecommendations(recommendations as RecommendationRow[], applicable);
  const platforms = platformFamilySlugs(projects.map((p) => p.platform));
  // Courses and lessons per next step, for the platforms of that step's own projects.
  const [learning, stackCourses] = await Promise.all([
    Promise.all(
      groups.map(async (g) => {
        const own = platformFamilySlugs(g.projects.map((p) => p.platform));
        const [courses, lessons] = await Promise.all([coursesForFeatures([g.feature], own, 2), lessonsForFeatures([g.feature], own, 2)]);
        return { courses: courses.get(g.feature) ?? [], lessons: lessons.get(g.feature) ?? [] };
      }),
    ),
    coursesForStack(platforms),
  ]);
  const done = recommendations
    .filter((r) => r.status === "DONE")
    .sort((a, b) => (b.adoptedAt?.getTime() ?? 0) - (a.adoptedAt?.getTime() ?? 0))
    .map((r) => ({
      id: r.id,
      feature: r.feature,
      featureLabel: featureLabel(r.feature),
      projectSlug: r.projectSlug,
      orgSlug: r.orgSlug,
      adoptedAt: r.adoptedAt,
    }));
  const history = snapshots
    .map((s) => {
      const adoption = ((
        s.summary as {
          adoption?: Record<string, { adopted: number; applicable: number }>;
        }
      ).adoption ?? {}) as Record<string, { adopted: number; applicable: number }>;
      const totals = Object.values(adoption).reduce(
        (acc, t) => ({
          adopted: acc.adopted + t.adopted,
          applicable: acc.applicable + t.applicable,
        }),
        { adopted: 0, applicable: 0 }
      );
      return {
        takenAt: s.takenAt,
        ...totals,
        apiCalls: s.apiCalls,
        durationMs: s.durationMs,
      };
    })
    .reverse();
  return {
    status,
    organizations: organizations.map((o) => ({
      slug: o.slug,
      name: o.name,
      integrations: ((o.details as { integrations?: { key: string; name: string }[] }).integrations ?? []).map((i) => i.name),
      notes: (o.details as { notes?: string[] }).notes ?? [],
      projects: o.projects.map((p) => {
        const adoption = p.adoption as Adoption;
        return {
          slug: p.slug,
          name: p.name,
          platform: p.platform,
          platformName: platformName(p.platform) || "Unknown platform",
          cells: MATRIX_FEATURES.map((f) => {
            const rule = ruleFor(f.slug)!;
            const value = adoption[f.slug] ?? null;
            return {
              feature: f.slug,
              value,
              reason: value === null ? rule.notApplicable : null,
              docsUrl: featureDocsUrl(rule, p.platform),
            };
          }),
        };
      }),
    })),
    platforms: [...new Set(projects.map((p) => p.platform).filter((p): p is string => Boolean(p)))].map((p) => ({ slug: p, name: platformName(p) })),
    projectCount: projects.length,
    groups: groups.map((g, i) => ({ ...g, ...learning[i] })),
    done,
    history,
    stackCourses,
  };
}

