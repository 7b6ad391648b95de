import type { LoaderFunctionArgs } from "@remix-run/node";
import type { z } from "zod";
import type { recommendationSchema, recommendationsSchema } from "~/modules/sentry-connect/schemas.ts";
import { setupPageData } from "~/modules/sentry-connect/setup.server.ts";
import { requireApiUser } from "~/utils/api-auth.server.ts";

type Answer = z.infer<typeof recommendationsSchema>;
type Recommendation = z.infer<typeof recommendationSchema>;

/** The caller's recommendations as JSON (open first, then done), with docs and courses. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireApiUser(request);
  const setup = await setupPageData(user.id);
  if (!setup) return Response.json({ connected: false, recommendations: [] } satisfies Answer);
  const open = setup.groups.flatMap((g): Recommendation[] =>
    g.projects.map((p) => ({
      id: p.id,
      feature: g.feature,
      featureLabel: g.featureLabel,
      title: g.single ? g.title : `${g.title}: ${p.projectSlug}`,
      why: g.why,
      effort: g.effort,
      impact: g.impact,
      status: "open" as const,
      adoptedAt: null,
      organization: p.orgSlug,
      project: p.projectSlug,
      platform: p.platform,
      docsUrl: p.docsUrl,
      courses: g.courses.map((c) => ({ slug: c.slug, title: c.title, url: c.url })),
    })),
  );
  const done = setup.done.map((d): Recommendation => ({
    id: d.id,
    feature: d.feature,
    featureLabel: d.featureLabel,
    title: `${d.featureLabel} on ${d.projectSlug}`,
    status: "done" as const,
    adoptedAt: d.adoptedAt?.toISOString() ?? null,
    organization: d.orgSlug,
    project: d.projectSlug,
  }));
  return Response.json({
    connected: true,
    lastSyncedAt: setup.status.lastSyncedAt?.toISOString() ?? null,
    syncStatus: setup.status.syncStatus.toLowerCase() as Answer["syncStatus"],
    recommendations: [...open, ...done],
  } satisfies Answer);
}
