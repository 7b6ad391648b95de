/**
 * Feature detection from the fields Sentry really returns: the project list's
 * has and first flags, plus the organization's monitors, detectors, workflows and releases.
 * Pure functions over plain data, so the sync job, the pages and tests share them.
 */
import { FAMILY_PATTERNS, FEATURE_RULES, SOURCE_MAP_PLATFORMS, type Family, type FeatureRule } from "~/data/feature-applicability.ts";
import { sentryPlatforms } from "~/data/sentry-platforms.ts";
import { featureLabel } from "~/modules/academy/taxonomy.ts";

/** The project fields we read and keep (a subset of GET /organizations/{org}/projects/). */
export type ProjectFacts = {
  id: string;
  slug: string;
  name: string;
  platform: string | null;
  firstEvent: string | null;
  firstTransactionEvent: boolean;
  hasSessions: boolean;
  hasProfiles: boolean;
  hasReplays: boolean;
  hasMinifiedStackTrace: boolean;
  hasMonitors: boolean;
  hasFeedbacks: boolean;
  hasNewFeedbacks: boolean;
  hasUserReports: boolean;
  hasLogs: boolean;
  latestRelease: unknown;
};

/** What the per-organization endpoints told us, reduced to what detection needs. */
export type OrganizationFacts = {
  cronProjectIds: string[];
  uptimeProjectIds: string[];
  alertedProjectIds: string[];
  releasedProjectIds: string[];
  integrations: { key: string; name: string }[];
  counts: {
    monitors: number;
    detectors: number;
    workflows: number;
    releases: number;
    integrations: number;
  };
};

/** true = adopted, false = not yet, null = does not apply to this platform. */
export type Adoption = Record<string, boolean | null>;

const platformById = new Map(sentryPlatforms.map((p) => [p.id, p]));

/**
 * A platform's family: its language (python-django → python, javascript-react → javascript,
 * node-express → node, apple-ios → apple). The one rule for "the same platform family":
 * a plain `python` project matches lessons written for `python-django`.
 */
export function platformFamily(platform: string): string {
  return platformById.get(platform)?.language ?? platform.split("-")[0];
}

/** How well an item written for `itemPlatforms` fits projects on `platforms`: 3 the same platform, 2 the same family, 1 platform-neutral, 0 another platform. */
export function platformFit(itemPlatforms: string[], platforms: string[]): 0 | 1 | 2 | 3 {
  if (itemPlatforms.length === 0) return 1;
  if (itemPlatforms.some((p) => platforms.includes(p))) return 3;
  const families = new Set(platforms.map(platformFamily));
  return itemPlatforms.some((p) => families.has(platformFamily(p))) ? 2 : 0;
}

function familyOf(platform: string | null): Family | null {
  if (!platform) return null;
  const language = platformFamily(platform);
  for (const { family, match } of FAMILY_PATTERNS) {
    if (match.includes(platform) || match.includes(`lang:${language}`)) return family;
  }
  return null;
}

/** Does this feature make sense for the project? Unknown platforms get every feature. */
export function applies(rule: FeatureRule, project: Pick<ProjectFacts, "platform" | "hasMinifiedStackTrace">): boolean {
  if (rule.feature === "source-maps") {
    return project.hasMinifiedStackTrace || SOURCE_MAP_PLATFORMS.test(project.platform ?? "");
  }
  const family = familyOf(project.platform);
  return family === null || rule.appliesTo.includes(family);
}

function detected(feature: string, p: ProjectFacts, org: OrganizationFacts): boolean {
  switch (feature) {
    case "errors":
      return p.firstEvent !== null;
    case "tracing":
      return p.firstTransactionEvent;
    case "session-replay":
      return p.hasReplays;
    case "profiling":
      return p.hasProfiles;
    case "crons":
      return p.hasMonitors || org.cronProjectIds.includes(p.id);
    case "uptime":
      return org.uptimeProjectIds.includes(p.id);
    case "alerts":
      return org.alertedProjectIds.includes(p.id);
    case "releases":
      return Boolean(p.latestRelease) || org.releasedProjectIds.includes(p.id);
    case "release-health":
      return p.hasSessions;
    case "source-maps":
      // Sentry flags projects whose recent stack traces are minified: those lack source maps.
      return p.firstEvent !== null && !p.hasMinifiedStackTrace;
    case "user-feedback":
      return p.hasFeedbacks || p.hasNewFeedbacks || p.hasUserReports;
    case "logs":
      return p.hasLogs;
    default:
      return false;
  }
}

export function detectAdoption(project: ProjectFacts, org: OrganizationFacts): Adoption {
  const adoption: Adoption = {};
  for (const rule of FEATURE_RULES) {
    adoption[rule.feature] = applies(rule, project) ? detected(rule.feature, project, org) : null;
  }
  return adoption;
}

type Detector = {
  projectId?: string | number | null;
  type?: string;
  workflowIds?: (string | number)[];
};
type Workflow = { detectorIds?: (string | number)[]; enabled?: boolean };
type Monitor = { project?: { id?: string | number } | null };
type Release = { projects?: { id?: string | number }[] };
type Integration = {
  provider?: { key?: string; name?: string };
  status?: string;
};

/** Reduces the raw per-organization lists to OrganizationFacts. */
export function organizationFacts(raw: {
  monitors: Monitor[];
  detectors: Detector[];
  workflows: Workflow[];
  releases: Release[];
  integrations: Integration[];
}): OrganizationFacts {
  const id = (v: string | number | null | undefined) => (v === null || v === undefined ? null : String(v));
  const workflowDetectorIds = new Set(raw.workflows.filter((w) => w.enabled !== false).flatMap((w) => (w.detectorIds ?? []).map(String)));
  const alerted = raw.detectors.filter((d) => (d.workflowIds?.length ?? 0) > 0 || workflowDetectorIds.has(String((d as { id?: string | number }).id)));
  const unique = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => v !== null))];
  return {
    cronProjectIds: unique(raw.monitors.map((m) => id(m.project?.id))),
    uptimeProjectIds: unique(raw.detectors.filter((d) => d.type?.startsWith("uptime")).map((d) => id(d.projectId))),
    alertedProjectIds: unique(alerted.map((d) => id(d.projectId))),
    releasedProjectIds: unique(raw.releases.flatMap((r) => (r.projects ?? []).map((p) => id(p.id)))),
    integrations: raw.integrations
      .filter((i) => i.status !== "disabled")
      .map((i) => ({
        key: i.provider?.key ?? "unknown",
        name: i.provider?.name ?? "Integration",
      })),
    counts: {
      monitors: raw.monitors.length,
      detectors: raw.detectors.length,
      workflows: raw.workflows.length,
      releases: raw.releases.length,
      integrations: raw.integrations.length,
    },
  };
}

export function projectFacts(raw: Record<string, unknown>): ProjectFacts {
  const bool = (key: string) => raw[key] === true;
  return {
    id: String(raw.id),
    slug: String(raw.slug),
    name: String(raw.name ?? raw.slug),
    platform: typeof raw.platform === "string" && raw.platform ? raw.platform : null,
    firstEvent: typeof raw.firstEvent === "string" ? raw.firstEvent : null,
    firstTransactionEvent: bool("firstTransactionEvent"),
    hasSessions: bool("hasSessions"),
    hasProfiles: bool("hasProfiles"),
    hasReplays: bool("hasReplays"),
    hasMinifiedStackTrace: bool("hasMinifiedStackTrace"),
    hasMonitors: bool("hasMonitors"),
    hasFeedbacks: bool("hasFeedbacks"),
    hasNewFeedbacks: bool("hasNewFeedbacks"),
    hasUserReports: bool("hasUserReports"),
    hasLogs: bool("hasLogs"),
    latestRelease: raw.latestRelease ?? null,
  };
}

/** The Sentry docs page for a feature on a platform (guide pages when the platform has one). */
export function featureDocsUrl(rule: FeatureRule, platform: string | null): string {
  if (rule.docs.startsWith("https://")) return rule.docs;
  const base = (platform && platformById.get(platform)?.docsUrl) || "https://docs.sentry.io/platforms/";
  return `${base.replace(/\/?$/, "/")}${rule.docs}`;
}

export const ruleFor = (feature: string) => FEATURE_RULES.find((r) => r.feature === feature);

/** The matrix columns, in the order of the applicability table. */
export const MATRIX_FEATURES = FEATURE_RULES.map((r) => ({ slug: r.feature, label: featureLabel(r.feature) }));
