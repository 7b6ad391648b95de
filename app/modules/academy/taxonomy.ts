/**
 * The Academy's fixed vocabularies. Features are the Sentry features a course
 * teaches; Sentry Connect recommends courses by these slugs and by platform.
 */
import { sentryPlatforms } from "~/data/sentry-platforms.ts";

export const FEATURES = [
  { slug: "errors", label: "Error monitoring" },
  { slug: "tracing", label: "Tracing & performance" },
  { slug: "session-replay", label: "Session Replay" },
  { slug: "profiling", label: "Profiling" },
  { slug: "crons", label: "Cron monitoring" },
  { slug: "uptime", label: "Uptime monitoring" },
  { slug: "alerts", label: "Alerts" },
  { slug: "releases", label: "Releases" },
  { slug: "release-health", label: "Release health" },
  { slug: "source-maps", label: "Source maps" },
  { slug: "user-feedback", label: "User feedback" },
  { slug: "logs", label: "Logs" },
  { slug: "dashboards", label: "Dashboards" },
] as const;
export type FeatureSlug = (typeof FEATURES)[number]["slug"];
export const FEATURE_SLUGS = FEATURES.map((f) => f.slug) as [FeatureSlug, ...FeatureSlug[]];
export const featureLabel = (slug: string) => FEATURES.find((f) => f.slug === slug)?.label ?? slug;

export const LEVELS = [
  { value: "BEGINNER", slug: "beginner", label: "Beginner" },
  { value: "INTERMEDIATE", slug: "intermediate", label: "Intermediate" },
  { value: "ADVANCED", slug: "advanced", label: "Advanced" },
] as const;
export const levelLabel = (value: string) => LEVELS.find((l) => l.value === value || l.slug === value)?.label ?? value;

export const CATEGORIES = ["Fundamentals", "Frontend", "Backend", "Mobile", "Operations"] as const;

const PLATFORMS = sentryPlatforms;
const platformNames = new Map(PLATFORMS.map((p) => [p.id, p.name]));
export const isPlatform = (slug: string) => platformNames.has(slug);
export const platformLabel = (slug: string) => platformNames.get(slug) ?? slug;
