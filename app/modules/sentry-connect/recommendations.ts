/**
 * From adoption to next steps: one candidate per (feature, project) that applies
 * but is not adopted, ranked by impact and effort; and the wording that groups
 * them for people ("2 of your 3 projects send no transactions").
 */
import { FEATURE_RULES, type Effort, type Impact } from "~/data/feature-applicability.ts";
import { sentryPlatforms } from "~/data/sentry-platforms.ts";
import { featureLabel } from "~/modules/academy/taxonomy.ts";
import { featureDocsUrl, platformFit, ruleFor, type Adoption } from "./features.ts";

export type SyncedProject = {
  orgSlug: string;
  slug: string;
  name: string;
  platform: string | null;
  adoption: Adoption;
};

export type Candidate = {
  key: string;
  feature: string;
  orgSlug: string;
  projectSlug: string;
  platform: string | null;
  score: number;
};

const IMPACT_SCORE: Record<Impact, number> = { high: 30, medium: 20, low: 10 };
const EFFORT_SCORE: Record<Effort, number> = {
  minutes: 5,
  "an hour": 3,
  "a day": 1,
};

const recommendationKey = (feature: string, orgSlug: string, projectSlug: string) => `${feature}:${orgSlug}/${projectSlug}`;

export function recommendationCandidates(projects: SyncedProject[]): Candidate[] {
  const candidates: Candidate[] = [];
  for (const project of projects) {
    // A project that never sent an event gets one step: send the first one.
    const silent = project.adoption.errors === false;
    for (const rule of FEATURE_RULES) {
      if (project.adoption[rule.feature] !== false) continue;
      if (silent && rule.feature !== "errors") continue;
      const score = (rule.feature === "errors" ? 100 : 0) + IMPACT_SCORE[rule.impact] + EFFORT_SCORE[rule.effort];
      candidates.push({
        key: recommendationKey(rule.feature, project.orgSlug, project.slug),
        feature: rule.feature,
        orgSlug: project.orgSlug,
        projectSlug: project.slug,
        platform: project.platform,
        score,
      });
    }
  }
  return candidates.sort((a, b) => b.score - a.score || a.key.localeCompare(b.key));
}

/** A course or lesson, as far as "does it teach this feature for these platforms" goes. */
export type Teaching = { features: string[]; platforms: string[]; title: string };

/**
 * Best teacher of `feature` first, for projects on `platforms`. The feature match dominates:
 * an item whose subject is the feature (first in its list) beats one that mentions it among
 * others; an item written for another platform family comes after those that fit; a focused
 * item (fewer features) beats a broad one (a capstone); then the platform fit breaks ties
 * (same platform, same family, platform-neutral). Items that don't list the feature are left out.
 */
export function rankTeaching<T extends Teaching>(items: T[], feature: string, platforms: string[]): T[] {
  const key = (item: T) => {
    const fit = platformFit(item.platforms, platforms);
    return [item.features[0] === feature ? 1 : 0, fit > 0 ? 1 : 0, -item.features.length, fit];
  };
  return items
    .filter((item) => item.features.includes(feature))
    .map((item) => ({ item, key: key(item) }))
    .sort((a, b) => {
      for (let i = 0; i < a.key.length; i += 1) if (a.key[i] !== b.key[i]) return b.key[i] - a.key[i];
      return 0; // stable: the caller's order (title, or course and position) decides the rest
    })
    .map(({ item }) => item);
}

const platformNames = new Map(sentryPlatforms.map((p) => [p.id, p.name]));
export const platformName = (platform: string | null) => (platform ? platformNames.get(platform) ?? platform : "");

const ACTION: Record<string, string> = {
  errors: "Send the first event from",
  tracing: "Turn on tracing in",
  "session-replay": "Enable Session Replay on",
  profiling: "Turn on profiling in",
  crons: "Monitor the scheduled jobs of",
  uptime: "Add an uptime check for",
  alerts: "Set up an alert for",
  releases: "Tell Sentry about the releases of",
  "release-health": "Track release health for",
  "source-maps": "Upload source maps for",
  "user-feedback": "Collect user feedback in",
  logs: "Send logs from",
};

const MISSING: Record<string, string> = {
  errors: "have never sent an event",
  tracing: "send no transactions",
  "session-replay": "record no replays",
  profiling: "send no profiles",
  crons: "have no cron monitors",
  uptime: "have no uptime check",
  alerts: "have no alert",
  releases: "report no releases",
  "release-health": "track no sessions",
  "source-maps": "show minified stack traces",
  "user-feedback": "collect no user feedback",
  logs: "send no logs",
};

/** "Enable Session Replay on your React project `web-frontend`" (slug returned apart, for <code>). */
function singleTitle(feature: string, platform: string | null) {
  const name = platformName(platform);
  return {
    before: `${ACTION[feature] ?? `Adopt ${featureLabel(feature)} in`} your ${name ? `${name} ` : ""}project`,
  };
}

/** "2 of your 3 projects send no transactions". */
function groupTitle(feature: string, missing: number, applicable: number) {
  const verb = MISSING[feature] ?? `don't use ${featureLabel(feature)}`;
  if (missing === applicable) return missing === 2 ? `Both of your projects ${verb}` : `All ${missing} of your projects ${verb}`;
  return `${missing} of your ${applicable} projects ${verb}`;
}

export type RecommendationRow = {
  id: string;
  feature: string;
  orgSlug: string | null;
  projectSlug: string | null;
  platform: string | null;
  status: "OPEN" | "DONE";
  score: number;
  createdAt: Date;
  adoptedAt: Date | null;
};

export type RecommendationGroup = {
  feature: string;
  featureLabel: string;
  title: string;
  /** Set when the group is one project: render as `before <code>slug</code>`. */
  single: {
    before: string;
    projectSlug: string;
    orgSlug: string | null;
  } | null;
  why: string;
  effort: Effort;
  impact: Impact;
  score: number;
  /** Each project with its own action line ("Enable Session Replay on your React project"). */
  projects: {
    id: string;
    action: string;
    orgSlug: string | null;
    projectSlug: string | null;
    platform: string | null;
    platformName: string;
    docsUrl: string;
  }[];
};

/** Groups OPEN rows by feature, ranked; `applicableCount` says how many projects each feature applies to. */
export function groupRecommendations(rows: RecommendationRow[], applicableCount: Record<string, number>): RecommendationGroup[] {
  const byFeature = new Map<string, RecommendationRow[]>();
  for (const row of rows.filter((r) => r.status === "OPEN")) {
    byFeature.set(row.feature, [...(byFeature.get(row.feature) ?? []), row]);
  }
  const groups: RecommendationGroup[] = [];
  for (const [feature, list] of byFeature) {
    const rule = ruleFor(feature);
    if (!rule) continue;
    const sorted = [...list].sort((a, b) => (a.projectSlug ?? "").localeCompare(b.projectSlug ?? ""));
    const one = sorted.length === 1 ? sorted[0] : null;
    const single = one
      ? {
          ...singleTitle(feature, one.platform),
          projectSlug: one.projectSlug ?? "",
          orgSlug: one.orgSlug,
        }
      : null;
    groups.push({
      feature,
      featureLabel: featureLabel(feature),
      title: single ? `${single.before} ${single.projectSlug}` : groupTitle(feature, sorted.length, Math.max(applicableCount[feature] ?? sorted.length, sorted.length)),
      single,
      why: rule.why,
      effort: rule.effort,
      impact: rule.impact,
      score: Math.max(...sorted.map((r) => r.score)) + sorted.length,
      projects: sorted.map((r) => ({
        id: r.id,
        action: singleTitle(feature, r.platform).before,
        orgSlug: r.orgSlug,
        projectSlug: r.projectSlug,
        platform: r.platform,
        platformName: platformName(r.platform),
        docsUrl: featureDocsUrl(rule, r.platform),
      })),
    });
  }
  return groups.sort((a, b) => b.score - a.score || a.feature.localeCompare(b.feature));
}
