/**
 * Scenario data for the fake Sentry server: who the demo user is, which tokens
 * and OAuth clients exist, and the organizations with their projects, teams,
 * members, releases, cron monitors, detectors, alert workflows and integrations.
 *
 * A scenario is data (scenarios/*.json). The loader fills in defaults, derives
 * what real Sentry derives (every project has an `error` detector, a project's
 * latestRelease is its newest release) and checks references, so a typo in a
 * scenario fails loudly instead of producing a subtly wrong fake.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { sentryPlatforms } from "../../app/data/sentry-platforms.ts";
import { PROJECT_FLAGS, type ProjectFlags, type RateLimitSettings, type ScenarioProject, type ScenarioRelease, type ScenarioMonitor, type ScenarioDetector, type ScenarioWorkflow, type IntegrationProvider, type ScenarioOrganization, type Scenario, type ProjectInput, type DetectorInput, type WorkflowActionInput, type WorkflowInput, type OrganizationInput, type ScenarioInput } from "./scenario-types.ts";

// ---------------------------------------------------------------------------
// Constants
// ---------------------------------------------------------------------------

const DEFAULT_SCENARIO_PATH = fileURLToPath(new URL("./scenarios/default.json", import.meta.url));

/** Sentry's default API rate limit: 40 requests per second per endpoint, 25 concurrent. */
const DEFAULT_RATE_LIMIT: RateLimitSettings = { limit: 40, windowSeconds: 1, concurrentLimit: 25, enforceConcurrent: false };

/** 30-day access tokens, 10-minute grants [SOURCES.md, src/sentry/web/frontend/oauth_token.py]. */
const DEFAULT_OAUTH = { accessTokenTtlSeconds: 30 * 24 * 3600, grantTtlSeconds: 600 };

const DEFAULT_ORG_FEATURES = ["session-replay-video", "onboarding", "advanced-search", "monitor-seat-billing", "issue-platform"];
const DEFAULT_PROJECT_FEATURES = [
  "alert-filters",
  "custom-inbound-filters",
  "discard-groups",
  "minidump",
  "rate-limits",
  "servicehooks",
  "similarity-indexing",
  "similarity-indexing-v2",
  "similarity-view",
  "similarity-view-v2",
];

/** Provider metadata for integrations a scenario names by key. */
const INTEGRATION_PROVIDERS: Record<string, IntegrationProvider> = {
  github: { key: "github", slug: "github", name: "GitHub", canAdd: true, canDisable: false, features: ["codeowners", "commits", "issue-basic", "stacktrace-link"], aspects: {} },
  gitlab: { key: "gitlab", slug: "gitlab", name: "GitLab", canAdd: true, canDisable: false, features: ["codeowners", "commits", "issue-basic", "stacktrace-link"], aspects: {} },
  slack: { key: "slack", slug: "slack", name: "Slack", canAdd: true, canDisable: false, features: ["alert-rule", "chat-unfurl"], aspects: {} },
  jira: { key: "jira", slug: "jira", name: "Jira", canAdd: true, canDisable: false, features: ["issue-basic", "issue-sync"], aspects: {} },
  vercel: { key: "vercel", slug: "vercel", name: "Vercel", canAdd: true, canDisable: false, features: ["deployment"], aspects: {} },
};

/** Sentry's event `platform` values, from a project platform's language. */
const EVENT_PLATFORM_BY_LANGUAGE: Record<string, string> = {
  javascript: "javascript",
  node: "node",
  python: "python",
  go: "go",
  apple: "cocoa",
  android: "java",
  java: "java",
  kotlin: "java",
  ruby: "ruby",
  php: "php",
  dotnet: "csharp",
  native: "native",
  elixir: "elixir",
  dart: "dart",
  flutter: "dart",
  rust: "native",
};

const PLATFORM_IDS = new Set(sentryPlatforms.map((p) => p.id));

/** All token scopes Sentry knows (used to validate scenario, control-API and OAuth scopes). */
export const KNOWN_SCOPES = new Set([
  "org:read",
  "org:write",
  "org:admin",
  "org:integrations",
  "org:ci",
  "project:read",
  "project:write",
  "project:admin",
  "project:releases",
  "project:distribution",
  "team:read",
  "team:write",
  "team:admin",
  "member:read",
  "member:write",
  "member:admin",
  "member:invite",
  "event:read",
  "event:write",
  "event:admin",
  "alerts:read",
  "alerts:write",
  "openid",
  "profile",
  "email",
]);

// ---------------------------------------------------------------------------
// Token formats [SOURCES.md: src/sentry/types/token.py, models/apitoken.py, orgauthtoken_token.py]
// ---------------------------------------------------------------------------

/** sntryu_ + 64 lowercase hex (71 chars). Tokens made before prefixes are 64 hex. */
export const USER_TOKEN_RE = /^(sntryu_)?[0-9a-f]{64}$/;
/** Decode an org auth token's payload; null when it isn't `sntrys_<base64 json>_<secret>`. */
function parseOrgToken(token: string): { iat: number; url: string; region_url: string; org: string } | null {
  if (!token.startsWith("sntrys_") || token.split("_").length !== 3) return null;
  const payload = token.slice("sntrys_".length, token.lastIndexOf("_"));
  try {
    const parsed = JSON.parse(Buffer.from(payload, "base64").toString("utf8")) as Record<string, unknown>;
    if (!parsed.iat || typeof parsed.org !== "string") return null;
    return parsed as { iat: number; url: string; region_url: string; org: string };
  } catch {
    return null;
  }
}

const hex64 = (seed: string) => createHash("sha256").update(seed).digest("hex");

// ---------------------------------------------------------------------------
// Loading and normalizing
// ---------------------------------------------------------------------------

export function loadScenario(path: string = DEFAULT_SCENARIO_PATH): Scenario {
  const input = JSON.parse(readFileSync(path, "utf8")) as ScenarioInput;
  return normalizeScenario(input);
}

export function cloneScenario(scenario: Scenario): Scenario {
  return structuredClone(scenario);
}

class ScenarioError extends Error {
  constructor(scenario: string, message: string) {
    super(`Fake Sentry scenario "${scenario}": ${message}`);
    this.name = "ScenarioError";
  }
}

function normalizeScenario(input: ScenarioInput): Scenario {
  const fail = (message: string): never => {
    throw new ScenarioError(input.name, message);
  };
  const users = input.users.map((u) => ({
    id: u.id,
    name: u.name,
    username: u.username ?? u.email,
    email: u.email,
    dateJoined: u.dateJoined ?? "2023-03-01T09:00:00.000000Z",
    lastLogin: u.lastLogin ?? null,
    lastActive: u.lastActive ?? null,
    has2fa: u.has2fa ?? false,
  }));
  const userIds = new Set(users.map((u) => u.id));
  if (!userIds.has(input.demoUserId)) fail(`demoUserId ${input.demoUserId} is not a user`);

  const checkScopes = (scopes: string[], where: string) => {
    for (const s of scopes) if (!KNOWN_SCOPES.has(s)) fail(`${where}: unknown scope "${s}"`);
  };
  const tokens = input.tokens.map((t) => {
    if (!USER_TOKEN_RE.test(t.token)) fail(`user token ${t.token.slice(0, 12)}… must be sntryu_ + 64 lowercase hex`);
    if (!userIds.has(t.userId)) fail(`token ${t.token.slice(0, 12)}… belongs to unknown user ${t.userId}`);
    checkScopes(t.scopes, `token ${t.name ?? t.token.slice(0, 12)}`);
    return { token: t.token, userId: t.userId, scopes: [...t.scopes], expiresAt: t.expiresAt ?? null, name: t.name ?? "token" };
  });

  const detectorIds = idAllocator(input.organizations.flatMap((o) => (o.detectors ?? []).map((d) => d.id)));
  const organizations = input.organizations.map((o) => normalizeOrganization(o, userIds, detectorIds, fail));
  const orgSlugs = new Set(organizations.map((o) => o.slug));
  if (orgSlugs.size !== organizations.length) fail("organization slugs must be unique");

  const orgTokens = (input.orgTokens ?? []).map((t) => {
    const parsed = parseOrgToken(t.token);
    if (!parsed) fail(`org token for ${t.organization} is not sntrys_<base64 payload>_<secret>`);
    if (!orgSlugs.has(t.organization)) fail(`org token for unknown organization ${t.organization}`);
    // Org auth tokens are always created with ["org:ci"] [SOURCES.md].
    return { token: t.token, organization: t.organization, scopes: t.scopes ?? ["org:ci"], name: t.name ?? "org token" };
  });

  const oauthClients = input.oauthClients.map((c) => ({
    clientId: c.clientId,
    clientSecret: c.clientSecret,
    name: c.name,
    homepageUrl: c.homepageUrl ?? null,
    redirectUris: c.redirectUris ?? [],
    allowedRedirectOrigins: c.allowedRedirectOrigins ?? [],
  }));

  return {
    name: input.name,
    description: input.description ?? "",
    demoUserId: input.demoUserId,
    rateLimit: { ...DEFAULT_RATE_LIMIT, ...input.rateLimit },
    oauth: { ...DEFAULT_OAUTH, ...input.oauth },
    users,
    tokens,
    orgTokens,
    oauthClients,
    organizations,
  };
}

/** Detector ids are global in Sentry: auto-created ones continue after the highest listed id. */
function idAllocator(existing: string[]) {
  let next = Math.max(1_000_000, ...existing.map(Number).filter(Number.isFinite)) + 1;
  return () => String(next++);
}

function normalizeOrganization(o: OrganizationInput, userIds: Set<string>, nextDetectorId: () => string, fail: (message: string) => never): ScenarioOrganization {
  const where = `organization ${o.slug}`;
  const members = o.members.map((m) => {
    if (m.userId && !userIds.has(m.userId)) fail(`${where}: member ${m.id} is unknown user ${m.userId}`);
    const pending = m.pending ?? m.userId === null;
    return {
      id: m.id,
      userId: m.userId,
      email: m.email ?? "",
      name: m.name ?? m.email ?? "",
      orgRole: m.orgRole,
      pending,
      expired: m.expired ?? false,
      dateCreated: m.dateCreated,
      inviteStatus: m.inviteStatus ?? (pending ? "pending" : "approved"),
      inviterName: m.inviterName ?? null,
    };
  });
  const teams = o.teams.map((t) => ({ id: t.id, slug: t.slug, name: t.name, dateCreated: t.dateCreated, members: t.members ?? [] }));
  const teamSlugs = new Set(teams.map((t) => t.slug));

  const releases = (o.releases ?? []).map((r) => ({
    id: r.id,
    version: r.version,
    status: r.status ?? "open",
    dateCreated: r.dateCreated,
    dateReleased: r.dateReleased ?? null,
    projects: r.projects,
    ref: r.ref ?? null,
    url: r.url ?? null,
    newGroups: r.newGroups ?? 0,
    commitCount: r.commitCount ?? 0,
    deployCount: r.deployCount ?? 0,
    lastDeploy: r.lastDeploy ?? null,
    firstEvent: r.firstEvent ?? null,
    lastEvent: r.lastEvent ?? null,
  }));

  const projects = o.projects.map((p) => normalizeProject(p, releases, teamSlugs, `${where}, project ${p.slug}`, fail));
  const projectSlugs = new Set(projects.map((p) => p.slug));
  if (projectSlugs.size !== projects.length) fail(`${where}: project slugs must be unique`);
  for (const r of releases) for (const slug of r.projects) if (!projectSlugs.has(slug)) fail(`${where}: release ${r.version} names unknown project ${slug}`);

  const monitors = (o.monitors ?? []).map((m) => {
    if (!projectSlugs.has(m.project)) fail(`${where}: monitor ${m.slug} names unknown project ${m.project}`);
    return {
      id: m.id,
      slug: m.slug,
      name: m.name,
      project: m.project,
      status: m.status ?? "active",
      isMuted: m.isMuted ?? false,
      dateCreated: m.dateCreated,
      owner: m.owner ?? null,
      config: {
        schedule_type: m.config.schedule_type ?? (typeof m.config.schedule === "string" ? "crontab" : "interval"),
        schedule: m.config.schedule,
        checkin_margin: m.config.checkin_margin ?? null,
        max_runtime: m.config.max_runtime ?? null,
        timezone: m.config.timezone ?? "UTC",
        failure_issue_threshold: m.config.failure_issue_threshold ?? null,
        recovery_threshold: m.config.recovery_threshold ?? null,
        alert_rule_id: m.config.alert_rule_id ?? null,
      },
      environments: m.environments ?? [],
    } satisfies ScenarioMonitor;
  });

  const detectors = normalizeDetectors(o, projects, nextDetectorId, fail);
  const workflows = (o.workflows ?? []).map((w) => normalizeWorkflow(w, o.id, detectors, projects, `${where}, workflow ${w.name}`, fail));

  const integrations = (o.integrations ?? []).map((i) => {
    const provider = typeof i.provider === "string" ? INTEGRATION_PROVIDERS[i.provider] : i.provider;
    if (!provider) fail(`${where}: integration ${i.name} has unknown provider ${String(i.provider)}`);
    return {
      id: i.id,
      name: i.name,
      icon: i.icon ?? null,
      domainName: i.domainName,
      accountType: i.accountType ?? null,
      scopes: i.scopes ?? null,
      outOfDate: i.outOfDate ?? false,
      status: i.status ?? "active",
      provider,
      configOrganization: i.configOrganization ?? [],
      configData: i.configData ?? {},
      externalId: i.externalId,
    };
  });

  return {
    id: o.id,
    slug: o.slug,
    name: o.name,
    dateCreated: o.dateCreated,
    features: o.features ?? DEFAULT_ORG_FEATURES,
    isEarlyAdopter: o.isEarlyAdopter ?? false,
    require2FA: o.require2FA ?? false,
    allowMemberInvite: o.allowMemberInvite ?? true,
    allowMemberProjectCreation: o.allowMemberProjectCreation ?? true,
    allowSuperuserAccess: o.allowSuperuserAccess ?? false,
    hasAuthProvider: o.hasAuthProvider ?? false,
    members,
    teams,
    projects,
    releases,
    monitors,
    detectors,
    workflows,
    integrations,
  };
}

function normalizeProject(p: ProjectInput, releases: ScenarioRelease[], teamSlugs: Set<string>, where: string, fail: (message: string) => never): ScenarioProject {
  if (!PLATFORM_IDS.has(p.platform)) fail(`${where}: platform "${p.platform}" is not an id in app/data/sentry-platforms.ts`);
  for (const t of p.teams) if (!teamSlugs.has(t)) fail(`${where}: unknown team ${t}`);
  const flags = Object.fromEntries(PROJECT_FLAGS.map((f) => [f, p[f] ?? false])) as ProjectFlags;
  const firstEvent = p.firstEvent ?? null;
  return {
    id: p.id,
    slug: p.slug,
    name: p.name ?? titleCase(p.slug),
    platform: p.platform,
    dateCreated: p.dateCreated ?? "2024-01-15T10:00:00.000000Z",
    firstEvent,
    teams: p.teams,
    platforms: p.platforms ?? (firstEvent ? [eventPlatform(p.platform)] : []),
    environments: p.environments ?? (firstEvent ? ["production"] : []),
    features: p.features ?? DEFAULT_PROJECT_FEATURES,
    isBookmarked: p.isBookmarked ?? false,
    color: p.color ?? projectColor(p.slug),
    latestRelease: p.latestRelease !== undefined ? p.latestRelease : newestRelease(releases, p.slug),
    ...flags,
  };
}

/** Every Sentry project has one `error` detector; add it where the scenario doesn't list one. */
function normalizeDetectors(o: OrganizationInput, projects: ScenarioProject[], nextId: () => string, fail: (message: string) => never): ScenarioDetector[] {
  const slugs = new Set(projects.map((p) => p.slug));
  const listed = (o.detectors ?? []).map((d) => {
    if (!slugs.has(d.project)) fail(`organization ${o.slug}: detector ${d.id} names unknown project ${d.project}`);
    return normalizeDetector(d, o.id);
  });
  const added = projects
    .filter((p) => !listed.some((d) => d.type === "error" && d.project === p.slug))
    .map((p) => normalizeDetector({ id: nextId(), project: p.slug, name: "Error Monitor", type: "error", dateCreated: p.dateCreated }, o.id));
  return [...listed, ...added];
}

function normalizeDetector(d: DetectorInput, orgId: string): ScenarioDetector {
  const base = {
    id: d.id,
    project: d.project,
    name: d.name ?? (d.type === "error" ? "Error Monitor" : d.type),
    description: d.description ?? null,
    type: d.type,
    owner: d.owner ?? null,
    createdBy: d.createdBy ?? null,
    dateCreated: d.dateCreated,
    dateUpdated: d.dateUpdated ?? d.dateCreated,
    enabled: d.enabled ?? true,
  };
  if (d.uptime) {
    // Shape of the "uptime_domain_failure" detector in organizations-org-detectors.json.
    return {
      ...base,
      dataSources: d.dataSources ?? [
        {
          id: `${d.id}1`,
          organizationId: orgId,
          type: "uptime_subscription",
          sourceId: `${d.id}2`,
          queryObj: {
            url: d.uptime.url,
            method: d.uptime.method ?? "GET",
            body: null,
            headers: [],
            intervalSeconds: d.uptime.intervalSeconds ?? 60,
            timeoutMs: d.uptime.timeoutMs ?? 5000,
            traceSampling: false,
          },
        },
      ],
      conditionGroup: d.conditionGroup ?? {
        id: `${d.id}3`,
        organizationId: orgId,
        logicType: "any",
        conditions: [
          { id: `${d.id}4`, type: "eq", comparison: "failure", conditionResult: 75 },
          { id: `${d.id}5`, type: "eq", comparison: "success", conditionResult: 0 },
        ],
        actions: [],
      },
      config: d.config ?? { mode: 1, environment: d.uptime.environment ?? "production", downtimeThreshold: 3, recoveryThreshold: 1 },
    };
  }
  if (d.metric) {
    // Shape of the "metric_issue" detector in organizations-org-detectors.json.
    return {
      ...base,
      dataSources: d.dataSources ?? [
        {
          id: `${d.id}1`,
          organizationId: orgId,
          type: "snuba_query_subscription",
          sourceId: `${d.id}2`,
          queryObj: {
            id: `${d.id}3`,
            status: 0,
            subscription: `1/${d.id}`,
            snubaQuery: {
              id: `${d.id}4`,
              dataset: d.metric.dataset ?? "events_analytics_platform",
              query: d.metric.query ?? "",
              aggregate: d.metric.aggregate,
              timeWindow: d.metric.timeWindow ?? 3600,
              environment: d.metric.environment ?? null,
              eventTypes: ["trace_item_span"],
              extrapolationMode: "unknown",
            },
          },
        },
      ],
      conditionGroup: d.conditionGroup ?? {
        id: `${d.id}5`,
        organizationId: orgId,
        logicType: "any",
        conditions: [
          { id: `${d.id}6`, type: "gt", comparison: d.metric.threshold, conditionResult: 75 },
          { id: `${d.id}7`, type: "lte", comparison: d.metric.threshold, conditionResult: 0 },
        ],
        actions: [],
      },
      config: d.config ?? { detectionType: "static", comparisonDelta: null },
    };
  }
  return { ...base, dataSources: d.dataSources ?? null, conditionGroup: d.conditionGroup ?? null, config: d.config ?? {} };
}

function normalizeWorkflow(
  w: WorkflowInput,
  orgId: string,
  detectors: ScenarioDetector[],
  projects: ScenarioProject[],
  where: string,
  fail: (message: string) => never,
): ScenarioWorkflow {
  const detectorIds = w.detectors.map((ref) => {
    const match = /^error:(.+)$/.exec(ref);
    const found = match ? detectors.find((d) => d.type === "error" && d.project === match[1]) : detectors.find((d) => d.id === ref);
    if (!found) fail(`${where}: unknown detector ${ref}${match && !projects.some((p) => p.slug === match[1]) ? " (no such project)" : ""}`);
    return found!.id;
  });
  const id = (n: number) => `${w.id}${String(n).padStart(2, "0")}`;
  // Shape of organizations-org-workflows.json: `triggers` is a condition group, `actionFilters` a list of them.
  return {
    id: w.id,
    name: w.name,
    createdBy: w.createdBy ?? null,
    dateCreated: w.dateCreated,
    dateUpdated: w.dateUpdated ?? w.dateCreated,
    triggers: {
      id: id(1),
      organizationId: orgId,
      logicType: "any-short",
      conditions: (w.triggers ?? ["new_high_priority_issue", "existing_high_priority_issue"]).map((type, i) => ({ id: id(10 + i), type, comparison: true, conditionResult: true })),
      actions: [],
    },
    actionFilters: [
      {
        id: id(2),
        organizationId: orgId,
        logicType: "all",
        conditions: [],
        actions: w.actions.map((a, i) => workflowAction(a, id(30 + i))),
      },
    ],
    environment: w.environment ?? null,
    config: { frequency: w.frequency ?? 30 },
    detectorIds,
    enabled: w.enabled ?? true,
    lastTriggered: w.lastTriggered ?? null,
    owner: w.owner ?? null,
  };
}

function workflowAction(a: WorkflowActionInput, id: string) {
  if (a.type === "slack") {
    return {
      id,
      type: "slack",
      integrationId: a.integrationId,
      data: { tags: "", notes: "" },
      config: { targetType: "specific", targetDisplay: a.channel, targetIdentifier: a.channelId ?? `C0${hex64(a.channel).slice(0, 8).toUpperCase()}` },
      status: "active",
    };
  }
  return {
    id,
    type: "email",
    integrationId: null,
    data: a.targetType === "issue_owners" ? { fallthroughType: "ActiveMembers" } : {},
    config: { targetType: a.targetType, targetDisplay: null, targetIdentifier: a.targetIdentifier ?? null },
    status: "active",
  };
}

function newestRelease(releases: ScenarioRelease[], projectSlug: string): string | null {
  const mine = releases.filter((r) => r.projects.includes(projectSlug)).sort((a, b) => b.dateCreated.localeCompare(a.dateCreated));
  return mine[0]?.version ?? null;
}

function eventPlatform(platformId: string) {
  const language = sentryPlatforms.find((p) => p.id === platformId)?.language ?? "other";
  return EVENT_PLATFORM_BY_LANGUAGE[language] ?? "other";
}

function titleCase(slug: string) {
  return slug
    .split("-")
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(" ");
}

/** A stable colour per project, like Sentry's letter avatars ("#3f70bf"). */
function projectColor(slug: string) {
  const hue = parseInt(hex64(slug).slice(0, 4), 16) % 360;
  const [r, g, b] = hslToRgb(hue / 360, 0.5, 0.5);
  return `#${[r, g, b].map((c) => c.toString(16).padStart(2, "0")).join("")}`;
}

function hslToRgb(h: number, s: number, l: number): [number, number, number] {
  const q = l < 0.5 ? l * (1 + s) : l + s - l * s;
  const p = 2 * l - q;
  const channel = (t: number) => {
    const x = t < 0 ? t + 1 : t > 1 ? t - 1 : t;
    const v = x < 1 / 6 ? p + (q - p) * 6 * x : x < 1 / 2 ? q : x < 2 / 3 ? p + (q - p) * (2 / 3 - x) * 6 : p;
    return Math.round(v * 255);
  };
  return [channel(h + 1 / 3), channel(h), channel(h - 1 / 3)];
}

// ---------------------------------------------------------------------------
// Generator for a large organization (benchmarks, pagination tests)
// ---------------------------------------------------------------------------

export type LargeOrganizationOptions = {
  /** Number of projects (e.g. 500). */
  projects: number;
  slug?: string;
  name?: string;
  /** Projects per team. */
  teamSize?: number;
  /** Keep the base scenario's organizations next to the generated one. */
  keepBaseOrganizations?: boolean;
  /** Users, tokens and OAuth clients come from here (default: the default scenario). */
  base?: Scenario;
};

const GENERATED_PLATFORMS = [
  "javascript-react",
  "python-django",
  "go",
  "node-express",
  "apple-ios",
  "android",
  "javascript-nextjs",
  "ruby-rails",
  "php-laravel",
  "java-spring-boot",
  "dotnet-aspnetcore",
  "python",
];

/**
 * A scenario whose demo user owns one organization with `projects` projects,
 * spread over platforms and adoption levels deterministically (project i has
 * replays when i % 4 === 0, and so on), for benchmarks and pagination tests.
 */
export function generateLargeOrganization(options: LargeOrganizationOptions): Scenario {
  const base = options.base ?? loadScenario();
  const slug = options.slug ?? "megacorp";
  const orgId = "4509900000000001";
  const teamSize = options.teamSize ?? 25;
  const teamCount = Math.max(1, Math.ceil(options.projects / teamSize));
  const demo = base.demoUserId;
  const pad = (n: number) => String(n).padStart(4, "0");

  const teams = Array.from({ length: teamCount }, (_, t) => ({
    id: String(4509900000100000 + t),
    slug: `team-${pad(t + 1)}`,
    name: `Team ${t + 1}`,
    dateCreated: "2024-02-01T09:00:00.000000Z",
    members: t === 0 ? [demo] : [],
  }));

  const projects: ProjectInput[] = Array.from({ length: options.projects }, (_, i) => {
    const platform = GENERATED_PLATFORMS[i % GENERATED_PLATFORMS.length];
    const silent = i % 17 === 16; // some projects never sent an event
    return {
      id: String(4509900001000000 + i),
      slug: `service-${pad(i + 1)}`,
      name: `Service ${pad(i + 1)}`,
      platform,
      dateCreated: new Date(Date.UTC(2024, 2, 1) + i * 3_600_000).toISOString(),
      firstEvent: silent ? null : new Date(Date.UTC(2024, 2, 2) + i * 3_600_000).toISOString(),
      teams: [teams[Math.floor(i / teamSize)].slug],
      firstTransactionEvent: !silent && i % 3 !== 0,
      hasSessions: !silent && i % 2 === 0,
      hasReplays: !silent && i % 4 === 0,
      hasProfiles: !silent && i % 5 === 0,
      hasMinifiedStackTrace: !silent && i % 6 === 1,
      hasMonitors: i % 10 === 0,
      hasLogs: !silent && i % 7 === 0,
      hasFeedbacks: !silent && i % 9 === 0,
      hasInsightsHttp: !silent && i % 3 === 1,
      hasInsightsDb: !silent && i % 3 === 2,
    };
  });

  const org: OrganizationInput = {
    id: orgId,
    slug,
    name: options.name ?? "Megacorp",
    dateCreated: "2024-02-01T09:00:00.000000Z",
    members: [{ id: "4509900000000101", userId: demo, email: base.users.find((u) => u.id === demo)?.email, orgRole: "owner", dateCreated: "2024-02-01T09:00:00.000000Z" }],
    teams,
    projects,
    releases: projects
      .filter((_, i) => i % 8 === 0)
      .map((p, k) => ({ id: 990000 + k, version: `${p.slug}@1.${k % 10}.0`, dateCreated: "2024-06-01T12:00:00.000000Z", projects: [p.slug] })),
    monitors: projects
      .filter((p) => p.hasMonitors)
      .map((p, k) => ({
        id: hex64(`monitor/${p.slug}`).slice(0, 32).replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, "$1-$2-$3-$4-$5"),
        slug: `${p.slug}-nightly`,
        name: `${p.name} nightly job`,
        project: p.slug,
        dateCreated: "2024-06-01T12:00:00.000000Z",
        config: { schedule: `${k % 60} 3 * * *` },
      })),
    workflows: [
      {
        id: "990001",
        name: "Send a notification for high priority issues",
        dateCreated: "2024-06-01T12:00:00.000000Z",
        detectors: projects.slice(0, Math.min(20, projects.length)).map((p) => `error:${p.slug}`),
        actions: [{ type: "email", targetType: "issue_owners" }],
      },
    ],
  };

  const nextDetectorId = idAllocator(base.organizations.flatMap((o) => o.detectors.map((d) => d.id)));
  const generated = normalizeOrganization(org, new Set(base.users.map((u) => u.id)), nextDetectorId, (message) => {
    throw new ScenarioError(`generated ${slug}`, message);
  });
  const copy = cloneScenario(base);
  return {
    ...copy,
    name: `${base.name}+${slug}-${options.projects}`,
    description: `${options.projects} generated projects in ${slug}`,
    organizations: [...(options.keepBaseOrganizations ? copy.organizations : []), generated],
    orgTokens: options.keepBaseOrganizations ? copy.orgTokens : [],
  };
}
