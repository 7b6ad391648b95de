/**
 * Which Sentry features make sense on which kind of project, and why. Data, not
 * code: app/modules/sentry-connect/features.ts reads it to decide what to recommend
 * (no Session Replay for a Go service) and shows the reasons on the setup page.
 *
 * Families group the platform ids of sentry-platforms.ts; a platform matches the
 * first family whose pattern list contains its id or its `language` (prefix `lang:`).
 */
export type Family = "browser" | "mobile" | "backend" | "desktop" | "gaming";

/** Ordered: the first match wins (ids before languages). */
export const FAMILY_PATTERNS: { family: Family; match: string[] }[] = [
  { family: "mobile", match: ["android", "apple-ios", "flutter", "react-native", "dart", "dotnet-maui", "dotnet-xamarin", "kotlin", "capacitor", "ionic", "cordova"] },
  { family: "desktop", match: ["electron", "apple-macos", "native", "native-qt", "minidump", "dotnet-wpf", "dotnet-winforms", "dotnet-uwp"] },
  { family: "gaming", match: ["unity", "unreal", "godot", "nintendo-switch", "playstation", "xbox"] },
  { family: "browser", match: ["lang:javascript"] },
  { family: "backend", match: ["lang:node", "lang:python", "lang:php", "lang:ruby", "lang:java", "lang:go", "lang:dotnet", "lang:elixir", "lang:rust", "lang:bun", "lang:deno", "lang:powershell", "lang:apple"] },
];

export type Effort = "minutes" | "an hour" | "a day";
export type Impact = "high" | "medium" | "low";

export type FeatureRule = {
  feature: string;
  /** Families where the feature applies. */
  appliesTo: Family[];
  /** Why it does not apply elsewhere, shown instead of a recommendation. */
  notApplicable: string;
  /** Why it matters, in one sentence. */
  why: string;
  effort: Effort;
  impact: Impact;
  /** Path under the platform's docs URL, or an absolute product-docs URL. */
  docs: string;
  /** How we tell from Sentry's data, for the "how we know" note. */
  detectedBy: string;
};

const ALL: Family[] = ["browser", "mobile", "backend", "desktop", "gaming"];

export const FEATURE_RULES: FeatureRule[] = [
  {
    feature: "errors",
    appliesTo: ALL,
    notApplicable: "",
    why: "Nothing else works until the SDK sends its first event: errors are the base every other feature builds on.",
    effort: "minutes",
    impact: "high",
    docs: "",
    detectedBy: "the project's firstEvent",
  },
  {
    feature: "tracing",
    appliesTo: ALL,
    notApplicable: "",
    why: "Traces show which request, query or render is slow, and connect front-end actions to back-end work.",
    effort: "minutes",
    impact: "high",
    docs: "tracing/",
    detectedBy: "firstTransactionEvent",
  },
  {
    feature: "session-replay",
    appliesTo: ["browser", "mobile"],
    notApplicable: "Session Replay records what a user saw in a browser or mobile app; a server has no screen to replay.",
    why: "A replay shows what the user did before an error, so you reproduce bugs in minutes instead of guessing.",
    effort: "minutes",
    impact: "high",
    docs: "session-replay/",
    detectedBy: "hasReplays",
  },
  {
    feature: "profiling",
    appliesTo: ["browser", "mobile", "backend"],
    notApplicable: "Sentry's profilers cover browser, mobile and server runtimes, not this kind of project yet.",
    why: "Profiles point at the exact function that burns CPU inside a slow transaction, in production.",
    effort: "minutes",
    impact: "medium",
    docs: "profiling/",
    detectedBy: "hasProfiles",
  },
  {
    feature: "crons",
    appliesTo: ["backend"],
    notApplicable: "Cron monitors watch scheduled jobs, which run on servers, not in browsers, apps or games.",
    why: "A job that silently stops running is invisible until data goes stale; a monitor alerts on missed and failed check-ins.",
    effort: "minutes",
    impact: "medium",
    docs: "crons/",
    detectedBy: "hasMonitors and the organization's cron monitors",
  },
  {
    feature: "uptime",
    appliesTo: ["browser", "backend"],
    notApplicable: "Uptime checks probe a public URL; apps installed on devices have none.",
    why: "An uptime check notices that your site or API is down before your users tell you.",
    effort: "minutes",
    impact: "medium",
    docs: "https://docs.sentry.io/product/uptime-monitoring/",
    detectedBy: "uptime detectors for the project",
  },
  {
    feature: "alerts",
    appliesTo: ALL,
    notApplicable: "",
    why: "Without an alert, new and regressed issues wait until someone happens to open Sentry.",
    effort: "minutes",
    impact: "high",
    docs: "https://docs.sentry.io/product/alerts/",
    detectedBy: "alert workflows connected to the project's monitors",
  },
  {
    feature: "releases",
    appliesTo: ALL,
    notApplicable: "",
    why: "Releases tie each error to the deploy that introduced it and unlock suspect commits and regressions.",
    effort: "an hour",
    impact: "high",
    docs: "configuration/releases/",
    detectedBy: "latestRelease and the organization's releases",
  },
  {
    feature: "release-health",
    appliesTo: ["browser", "mobile", "desktop", "gaming"],
    notApplicable: "Release health counts user sessions of apps people run; server SDKs track requests instead.",
    why: "Crash-free session and user rates tell you whether a release is safe to roll out further.",
    effort: "minutes",
    impact: "medium",
    docs: "configuration/releases/",
    detectedBy: "hasSessions",
  },
  {
    feature: "source-maps",
    appliesTo: ["browser", "mobile"],
    notApplicable: "Only minified JavaScript needs source maps.",
    why: "Minified stack traces hide the real file and line; source maps restore them.",
    effort: "an hour",
    impact: "high",
    docs: "sourcemaps/",
    detectedBy: "hasMinifiedStackTrace (a project that has it lacks source maps)",
  },
  {
    feature: "user-feedback",
    appliesTo: ["browser", "mobile"],
    notApplicable: "User feedback is a widget in your UI; servers have no users to ask.",
    why: "Feedback from the person who hit the bug, attached to its replay and error, explains what numbers can't.",
    effort: "minutes",
    impact: "low",
    docs: "user-feedback/",
    detectedBy: "hasFeedbacks, hasNewFeedbacks or hasUserReports",
  },
  {
    feature: "logs",
    appliesTo: ["browser", "mobile", "backend", "desktop"],
    notApplicable: "Sentry Logs isn't available for this SDK yet.",
    why: "Logs next to the trace and error they belong to answer \"what happened just before?\" without another tool.",
    effort: "minutes",
    impact: "medium",
    docs: "logs/",
    detectedBy: "hasLogs",
  },
];

/** Source maps apply to JavaScript on mobile too (React Native, Capacitor...), not native mobile. */
export const SOURCE_MAP_PLATFORMS = /^(javascript|react-native|capacitor|ionic|cordova|electron|node)/;
