/**
 * One sync of a connection: walk organizations, every page of their projects and
 * the per-organization endpoints (monitors, detectors, workflows, integrations,
 * one page of releases), then store the result, a snapshot for history, and the
 * recommendations. A later sync that sees a recommended feature adopted marks
 * it done with the date.
 *
 * Calls per organization: ceil(projects / 100) + 5. No per-project requests: the
 * project list already carries every has and first flag we need.
 */
import { prisma } from "~/utils/db.server.ts";
import { SentryApiError, type SentryOrganizationSummary } from "./client.server.ts";
import { accessTokenFor, auditedClient, getConnection, markNeedsReconnect, ReconnectNeeded, recordEvent } from "./connection.server.ts";
import { detectAdoption, organizationFacts, projectFacts, type OrganizationFacts } from "./features.ts";
import { recommendationCandidates, type SyncedProject } from "./recommendations.ts";

export type SyncResult =
  | {
      ok: true;
      apiCalls: number;
      durationMs: number;
      organizations: number;
      projects: number;
      adopted: string[];
    }
  | { ok: false; message: string; retry: boolean };

type FetchedOrg = {
  org: SentryOrganizationSummary;
  projects: Record<string, unknown>[];
  facts: OrganizationFacts;
  notes: string[];
};

/** Lists that may be refused or missing on some plans: an empty list plus a note instead of a failed sync. */
async function optionalList<T>(load: () => Promise<T[]>, what: string, notes: string[]): Promise<T[]> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof SentryApiError && (error.kind === "forbidden" || error.kind === "not_found")) {
      notes.push(`${what} couldn't be read (${error.status}).`);
      return [];
    }
    throw error;
  }
}

async function fetchAll(client: ReturnType<typeof auditedClient>): Promise<FetchedOrg[]> {
  const orgs = await client.all<SentryOrganizationSummary>("/api/0/organizations/?per_page=100");
  const result: FetchedOrg[] = [];
  for (const org of orgs) {
    const base = `/api/0/organizations/${encodeURIComponent(org.slug)}`;
    const notes: string[] = [];
    const projects = await client.all<Record<string, unknown>>(`${base}/projects/?per_page=100`);
    const [monitors, detectors, workflows, integrations, releases] = [
      await optionalList(() => client.all(`${base}/monitors/?per_page=100`), "Cron monitors", notes),
      await optionalList(() => client.get<unknown[]>(`${base}/detectors/`), "Monitors (detectors)", notes),
      await optionalList(() => client.get<unknown[]>(`${base}/workflows/`), "Alerts (workflows)", notes),
      await optionalList(() => client.all(`${base}/integrations/?per_page=100`), "Integrations", notes),
      // One page is enough: a project's own latestRelease covers the rest.
      await optionalList(() => client.get<unknown[]>(`${base}/releases/?per_page=100`), "Releases", notes),
    ];
    const facts = organizationFacts({
      monitors,
      detectors,
      workflows,
      integrations,
      releases,
    } as Parameters<typeof organizationFacts>[0]);
    result.push({
      org: { id: String(org.id), slug: org.slug, name: org.name },
      projects,
      facts,
      notes,
    });
  }
  return result;
}

/** `baseUrl` overrides SENTRY_URL (the benchmark syncs against its own fake). */
export async function syncConnection(userId: string, options: { baseUrl?: string } = {}): Promise<SyncResult> {
  const connection = await getConnection(userId);
  if (!connection) return { ok: false, message: "Not connected.", retry: false };
  const started = Date.now();
  await prisma.sentryConnection.update({
    where: { userId },
    data: { syncStatus: "RUNNING", syncStartedAt: new Date() },
  });
  let apiCalls = 0;
  try {
    const token = await accessTokenFor(connection);
    const client = auditedClient(userId, token, {
      onCall: () => (apiCalls += 1),
      baseUrl: options.baseUrl,
    });
    const fetched = await fetchAll(client);
    const stored = await store(connection.id, userId, fetched, {
      apiCalls,
      durationMs: Date.now() - started,
    });
    return {
      ok: true,
      apiCalls,
      durationMs: Date.now() - started,
      organizations: fetched.length,
      projects: stored.projects,
      adopted: stored.adopted,
    };
  } catch (error) {
    const retry = error instanceof SentryApiError && !error.needsReconnect && error.kind !== "not_found";
    const message =
      error instanceof SentryApiError || error instanceof ReconnectNeeded
        ? error instanceof SentryApiError
          ? error.message
          : (await getConnection(userId))?.statusReason ?? "Connect again to continue."
        : "The sync failed unexpectedly. We'll try again later.";
    if (error instanceof SentryApiError && error.needsReconnect) await markNeedsReconnect(userId, error.message);
    if (!(error instanceof SentryApiError || error instanceof ReconnectNeeded)) console.error("[sentry] sync failed:", (error as Error).message);
    await prisma.sentryConnection.updateMany({
      where: { userId },
      data: { syncStatus: "FAILED", lastSyncError: message },
    });
    return { ok: false, message, retry };
  }
}

async function store(connectionId: string, userId: string, fetched: FetchedOrg[], stats: { apiCalls: number; durationMs: number }) {
  const now = new Date();
  // Each project's facts and adoption, computed once for the rows, the snapshot and the recommendations.
  const analysed = fetched.map((f) => ({
    ...f,
    projects: f.projects.map((raw) => {
      const p = projectFacts(raw);
      return { raw, p, adoption: detectAdoption(p, f.facts) };
    }),
  }));
  const synced: SyncedProject[] = analysed.flatMap(({ org, projects }) =>
    projects.map(({ p, adoption }) => ({ orgSlug: org.slug, slug: p.slug, name: p.name, platform: p.platform, adoption })),
  );
  const adoptionTotals: Record<string, { adopted: number; applicable: number }> = {};
  for (const { adoption } of synced) {
    for (const [feature, value] of Object.entries(adoption)) {
      if (value === null) continue;
      const total = (adoptionTotals[feature] ??= { adopted: 0, applicable: 0 });
      total.applicable += 1;
      if (value) total.adopted += 1;
    }
  }
  const perProject = synced.map((s) => ({ org: s.orgSlug, project: s.slug, platform: s.platform, adoption: s.adoption }));
  const candidates = recommendationCandidates(synced);
  const candidateKeys = new Set(candidates.map((c) => c.key));
  const adoptedNow = new Set(
    synced.flatMap((p) =>
      Object.entries(p.adoption)
        .filter(([, v]) => v === true)
        .map(([feature]) => `${feature}:${p.orgSlug}/${p.slug}`)
    )
  );

  const adopted: string[] = [];
  await prisma.$transaction(
    async (tx) => {
      // Organizations and projects: replace with what Sentry says now.
      await tx.sentryOrganization.deleteMany({
        where: {
          connectionId,
          sentryId: { notIn: fetched.map((f) => f.org.id) },
        },
      });
      for (const { org, projects, facts, notes } of analysed) {
        const details = { ...facts, notes };
        const row = await tx.sentryOrganization.upsert({
          where: { connectionId_sentryId: { connectionId, sentryId: org.id } },
          create: {
            connectionId,
            sentryId: org.id,
            slug: org.slug,
            name: org.name,
            details,
            syncedAt: now,
          },
          update: { slug: org.slug, name: org.name, details, syncedAt: now },
        });
        await tx.sentryProject.deleteMany({
          where: { organizationId: row.id },
        });
        await tx.sentryProject.createMany({
          data: projects.map(({ raw, p, adoption }) => ({
            organizationId: row.id,
            sentryId: p.id,
            slug: p.slug,
            name: p.name,
            platform: p.platform,
            adoption,
            raw: { ...p, teams: raw.teams ?? [] } as object,
            syncedAt: now,
          })),
        });
      }
      // Recommendations: open ones now adopted become DONE with the date; new gaps open.
      const existing = await tx.sentryRecommendation.findMany({
        where: { connectionId },
      });
      const existingKeys = new Set(existing.map((r) => r.key));
      for (const rec of existing) {
        if (rec.status === "OPEN" && adoptedNow.has(rec.key)) {
          await tx.sentryRecommendation.update({
            where: { id: rec.id },
            data: { status: "DONE", adoptedAt: now },
          });
          adopted.push(rec.key);
        } else if (rec.status === "OPEN" && !candidateKeys.has(rec.key)) {
          // The project is gone, or the feature no longer applies: not an adoption.
          await tx.sentryRecommendation.delete({ where: { id: rec.id } });
        } else if (rec.status === "DONE" && candidateKeys.has(rec.key)) {
          // Adopted once, lost again (e.g. replays switched off): open it again.
          await tx.sentryRecommendation.update({
            where: { id: rec.id },
            data: { status: "OPEN", adoptedAt: null },
          });
        }
      }
      await tx.sentryRecommendation.createMany({
        data: candidates
          .filter((c) => !existingKeys.has(c.key))
          .map((c) => ({
            connectionId,
            key: c.key,
            feature: c.feature,
            orgSlug: c.orgSlug,
            projectSlug: c.projectSlug,
            platform: c.platform,
            score: c.score,
          })),
      });
      await tx.sentrySnapshot.create({
        data: {
          connectionId,
          takenAt: now,
          apiCalls: stats.apiCalls,
          durationMs: stats.durationMs,
          summary: { adoption: adoptionTotals, projects: perProject },
        },
      });
      await tx.sentryConnection.update({
        where: { id: connectionId },
        data: {
          syncStatus: "SUCCEEDED",
          lastSyncedAt: now,
          lastSyncError: null,
          status: "ACTIVE",
          statusReason: null,
        },
      });
    },
    { timeout: 60_000 }
  );
  for (const key of adopted) await recordEvent(userId, "adopted", { feature: key.split(":")[0] });
  return { projects: synced.length, adopted };
}
