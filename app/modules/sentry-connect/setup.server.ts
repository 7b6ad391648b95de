/**
 * What the "Your Sentry Setup" page and /api/recommendations show: the synced
 * organizations and projects, the adoption matrix, ranked next steps with their
 * docs and Academy courses, adoption progress over time. Only safe fields:
 * nothing here carries a token.
 */
import { featureLabel } from "~/modules/academy/taxonomy.ts";
import { query, sql } from "~/utils/sql.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { MATRIX_FEATURES, platformFamily, platformFit, ruleFor, type Adoption } from "./features.ts";
import { groupRecommendations, platformName, rankTeaching, type RecommendationRow } from "./recommendations.ts";

export type CourseLink = {
  slug: string;
  title: string;
  url: string;
  matchesPlatform: boolean;
};
type LessonLink = { title: string; url: string; courseTitle: string };

/** A project's platform and its family (javascript-react → javascript, python-django → python: `platformFamily`). */
export function platformFamilySlugs(platforms: (string | null)[]): string[] {
  const slugs = new Set<string>();
  for (const p of platforms) {
    if (!p) continue;
    slugs.add(p);
    slugs.add(platformFamily(p));
  }
  return [...slugs];
}

/**
 * Up to `limit` published courses per feature, the best teacher of the feature first
 * (`rankTeaching`: the feature match dominates, the platform family breaks ties).
 */
export async function coursesForFeatures(features: string[], platforms: string[], limit = 3) {
  const map = new Map<string, CourseLink[]>();
  if (features.length === 0) return map;
  const rows = await query<{ slug: string; title: string; features: string[]; platforms: string[] }>(
    sql`SELECT slug, title, features, platforms FROM "Course"
         WHERE status = 'PUBLISHED' AND features && ${features}::text[]
         ORDER BY title`
  );
  for (const feature of features) {
    const ranked = rankTeaching(rows, feature, platforms).slice(0, limit);
    map.set(
      feature,
      ranked.map((row) => ({ slug: row.slug, title: row.title, url: `/courses/${row.slug}`, matchesPlatform: platformFit(row.platforms, platforms) >= 2 }))
    );
  }
  return map;
}

/** Up to `limit` lessons per feature from published courses, ranked like the courses; a lesson written for another platform family is left out. */
export async function lessonsForFeatures(features: string[], platforms: string[], limit = 2) {
  const map = new Map<string, LessonLink[]>();
  if (features.length === 0) return map;
  const rows = await query<{ title: string; slug: string; features: string[]; platforms: string[]; courseSlug: string; courseTitle: string }>(
    sql`SELECT le.title, le.slug, le.features, le.platforms, c.slug AS "courseSlug", c.title AS "courseTitle"
          FROM "Lesson" le JOIN "Course" c ON c.id = le."courseId"
         WHERE c.status = 'PUBLISHED' AND le.features && ${features}::text[]
         ORDER BY c.title, le.position`
  );
  for (const feature of features) {
    const ranked = rankTeaching(
      rows.filter((row) => platformFit(row.platforms, platforms) > 0),
      feature,
      platforms
    ).slice(0, limit);
    map.set(
      feature,
      ranked.map((row) => ({ title: row.title, url: `/courses/${row.courseSlug}/lessons/${row.slug}`, courseTitle: row.courseTitle }))
    );
  }
  return map;
}

/** Published courses written for the detected platforms or their families, the closest fit first. */
async function coursesForStack(platforms: string[], limit = 6) {
  if (platforms.length === 0) return [];
  const rows = await query<{ slug: string; title: string; summary: string; platforms: string[] }>(
    sql`SELECT slug, title, summary, platforms FROM "Course" WHERE status = 'PUBLISHED' AND cardinality(platforms) > 0 ORDER BY title`
  );
  const families = new Set(platforms.map(platformFamily));
  const overlap = (row: { platforms: string[] }) => row.platforms.filter((p) => platforms.includes(p) || families.has(platformFamily(p))).length;
  return rows
    .filter((row) => platformFit(row.platforms, platforms) >= 2)
    .sort((a, b) => platformFit(b.platforms, platforms) - platformFit(a.platforms, platforms) || overlap(b) - overlap(a))
    .slice(0, limit);
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
          /** One value per `matrixFeatures` column: true in use, false not yet, null doesn't apply. */
          values: MATRIX_FEATURES.map((f) => adoption[f.slug] ?? null),
        };
      }),
    })),
    /** The matrix columns, each with why it may not apply (said once, not per cell). */
    matrixFeatures: MATRIX_FEATURES.map((f) => ({ ...f, notApplicable: ruleFor(f.slug)!.notApplicable })),
    platforms: [...new Set(projects.map((p) => p.platform).filter((p): p is string => Boolean(p)))].map((p) => ({ slug: p, name: platformName(p) })),
    projectCount: projects.length,
    groups: groups.map((g, i) => ({ ...g, ...learning[i] })),
    done,
    history,
    stackCourses,
  };
}


type SetupData = NonNullable<Awaited<ReturnType<typeof setupPageData>>>;

/**
 * What the /sentry page itself shows, no more (its loader data is also in the HTML for
 * hydration): per next step the docs once per platform instead of once per project, the
 * projects as slugs, two courses and one lesson.
 */
export function setupPageView(setup: SetupData) {
  return {
    ...setup,
    stackCourses: setup.stackCourses.map(({ slug, title, summary }) => ({ slug, title, summary })),
    groups: setup.groups.map((g) => {
      const docs = new Map<string, { url: string; platformName: string; action: string; projects: string[] }>();
      for (const p of g.projects) {
        const entry = docs.get(p.docsUrl) ?? { url: p.docsUrl, platformName: p.platformName, action: p.action, projects: [] };
        entry.projects.push(p.projectSlug ?? "");
        docs.set(p.docsUrl, entry);
      }
      return {
        feature: g.feature,
        featureLabel: g.featureLabel,
        title: g.title,
        single: g.single ? { before: g.single.before, projectSlug: g.single.projectSlug } : null,
        why: g.why,
        effort: g.effort,
        impact: g.impact,
        // "Turn on tracing in your React projects web-frontend, storefront".
        docs: [...docs.values()].map((d) => (d.projects.length > 1 ? { ...d, action: d.action.replace(/ project$/, " projects") } : d)),
        courses: g.courses.slice(0, 2).map(({ slug, title, url }) => ({ slug, title, url })),
        lessons: g.lessons.slice(0, 1),
      };
    }),
  };
}
