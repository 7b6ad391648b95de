/**
 * The types of a fake Sentry scenario: the normalized shape every module of the
 * fake reads (every field present), and the input shape a scenario JSON file may
 * write (scenario.ts normalizeScenario fills in the rest).
 */

// ---------------------------------------------------------------------------
// Types (normalized: every field present)
// ---------------------------------------------------------------------------

/** The boolean adoption fields of a project, in the order Sentry serializes them. */
export const PROJECT_FLAGS = [
  "firstTransactionEvent",
  "hasSessions",
  "hasProfiles",
  "hasReplays",
  "hasFlags",
  "hasMinifiedStackTrace",
  "hasMonitors",
  "hasFeedbacks",
  "hasNewFeedbacks",
  "hasUserReports",
  "hasInsightsHttp",
  "hasInsightsDb",
  "hasInsightsAssets",
  "hasInsightsAppStart",
  "hasInsightsScreenLoad",
  "hasInsightsVitals",
  "hasInsightsCaches",
  "hasInsightsQueues",
  "hasInsightsAgentMonitoring",
  "hasInsightsMCP",
  "hasLogs",
  "hasTraceMetrics",
] as const;
export type ProjectFlag = (typeof PROJECT_FLAGS)[number];
export type ProjectFlags = Record<ProjectFlag, boolean>;

export type OrgRole = "owner" | "manager" | "admin" | "member" | "billing";
type Owner = { type: "user" | "team"; id: string; name: string; email?: string };

export type RateLimitSettings = {
  /** Requests allowed per window, per token and endpoint. */
  limit: number;
  windowSeconds: number;
  concurrentLimit: number;
  /** Sentry only rejects over-concurrency when ENFORCE_CONCURRENT_RATE_LIMITS is on; off by default. */
  enforceConcurrent: boolean;
};

export type ScenarioUser = {
  id: string;
  name: string;
  username: string;
  email: string;
  dateJoined: string;
  lastLogin: string | null;
  lastActive: string | null;
  has2fa: boolean;
};

type ScenarioUserToken = { token: string; userId: string; scopes: string[]; expiresAt: string | null; name: string };
type ScenarioOrgToken = { token: string; organization: string; scopes: string[]; name: string };
export type ScenarioOAuthClient = {
  clientId: string;
  clientSecret: string;
  name: string;
  homepageUrl: string | null;
  /** Registered redirect URIs; Sentry also accepts a registered URI as a prefix. */
  redirectUris: string[];
  /** Origins accepted for any path, `*` standing for a port: `http://127.0.0.1:*` (tests on random ports). */
  allowedRedirectOrigins: string[];
};

export type ScenarioProject = ProjectFlags & {
  id: string;
  slug: string;
  name: string;
  /** A platform id from app/data/sentry-platforms.ts. */
  platform: string;
  dateCreated: string;
  firstEvent: string | null;
  /** Team slugs; the first is the project's `team`. */
  teams: string[];
  /** Event platforms seen (Sentry's `platforms`, e.g. ["javascript"]). */
  platforms: string[];
  environments: string[];
  features: string[];
  isBookmarked: boolean;
  color: string;
  latestRelease: string | null;
};

type ScenarioTeam = { id: string; slug: string; name: string; dateCreated: string; members: string[] };

export type ScenarioMember = {
  id: string;
  userId: string | null;
  email: string;
  name: string;
  orgRole: OrgRole;
  pending: boolean;
  expired: boolean;
  dateCreated: string;
  inviteStatus: "approved" | "requested_to_be_invited" | "requested_to_join" | "pending";
  inviterName: string | null;
};

export type ScenarioRelease = {
  id: number;
  version: string;
  status: "open" | "archived";
  dateCreated: string;
  dateReleased: string | null;
  projects: string[];
  ref: string | null;
  url: string | null;
  newGroups: number;
  commitCount: number;
  deployCount: number;
  lastDeploy: Record<string, unknown> | null;
  firstEvent: string | null;
  lastEvent: string | null;
};

type MonitorConfig = {
  schedule_type: "crontab" | "interval";
  schedule: string | [number, string];
  checkin_margin: number | null;
  max_runtime: number | null;
  timezone: string | null;
  failure_issue_threshold: number | null;
  recovery_threshold: number | null;
  alert_rule_id: number | null;
};
type MonitorEnvironment = {
  name: string;
  status: "active" | "ok" | "error" | "missed_checkin" | "timeout" | "disabled";
  isMuted: boolean;
  dateCreated: string;
  lastCheckIn: string | null;
  nextCheckIn: string | null;
  nextCheckInLatest: string | null;
  activeIncident: Record<string, unknown> | null;
};
export type ScenarioMonitor = {
  id: string;
  slug: string;
  name: string;
  project: string;
  status: "active" | "disabled";
  isMuted: boolean;
  dateCreated: string;
  owner: Owner | null;
  config: MonitorConfig;
  environments: MonitorEnvironment[];
};

export type ScenarioDetector = {
  id: string;
  project: string;
  name: string;
  description: string | null;
  /** "error" | "metric_issue" | "uptime_domain_failure" | ... */
  type: string;
  owner: Owner | null;
  createdBy: string | null;
  dateCreated: string;
  dateUpdated: string;
  dataSources: Record<string, unknown>[] | null;
  conditionGroup: Record<string, unknown> | null;
  config: Record<string, unknown>;
  enabled: boolean;
};

export type ScenarioWorkflow = {
  id: string;
  name: string;
  createdBy: string | null;
  dateCreated: string;
  dateUpdated: string;
  triggers: Record<string, unknown>;
  actionFilters: Record<string, unknown>[];
  environment: string | null;
  config: { frequency: number };
  detectorIds: string[];
  enabled: boolean;
  lastTriggered: string | null;
  owner: string | null;
};

export type IntegrationProvider = { key: string; slug: string; name: string; canAdd: boolean; canDisable: boolean; features: string[]; aspects: Record<string, unknown> };
type ScenarioIntegration = {
  id: string;
  name: string;
  icon: string | null;
  domainName: string;
  accountType: string | null;
  scopes: string[] | null;
  outOfDate: boolean;
  status: "active" | "disabled";
  provider: IntegrationProvider;
  configOrganization: unknown[];
  configData: Record<string, unknown>;
  externalId: string;
};

export type ScenarioOrganization = {
  id: string;
  slug: string;
  name: string;
  dateCreated: string;
  features: string[];
  isEarlyAdopter: boolean;
  require2FA: boolean;
  allowMemberInvite: boolean;
  allowMemberProjectCreation: boolean;
  allowSuperuserAccess: boolean;
  hasAuthProvider: boolean;
  members: ScenarioMember[];
  teams: ScenarioTeam[];
  projects: ScenarioProject[];
  releases: ScenarioRelease[];
  monitors: ScenarioMonitor[];
  detectors: ScenarioDetector[];
  workflows: ScenarioWorkflow[];
  integrations: ScenarioIntegration[];
};

export type Scenario = {
  name: string;
  description: string;
  /** The user who is "signed in" on the fake OAuth consent page. */
  demoUserId: string;
  rateLimit: RateLimitSettings;
  oauth: { accessTokenTtlSeconds: number; grantTtlSeconds: number };
  users: ScenarioUser[];
  tokens: ScenarioUserToken[];
  orgTokens: ScenarioOrgToken[];
  oauthClients: ScenarioOAuthClient[];
  organizations: ScenarioOrganization[];
};

// ---------------------------------------------------------------------------
// Input types (what a scenario JSON file may leave out)
// ---------------------------------------------------------------------------

type Opt<T, K extends keyof T> = Omit<T, K> & Partial<Pick<T, K>>;

export type ProjectInput = Partial<ProjectFlags> &
  Opt<Omit<ScenarioProject, ProjectFlag>, "name" | "dateCreated" | "firstEvent" | "platforms" | "environments" | "features" | "isBookmarked" | "color" | "latestRelease">;
export type DetectorInput = Opt<ScenarioDetector, "description" | "owner" | "createdBy" | "dateUpdated" | "dataSources" | "conditionGroup" | "config" | "enabled" | "name"> & {
  /** Shorthand for an uptime detector's data source and config. */
  uptime?: { url: string; method?: string; intervalSeconds?: number; timeoutMs?: number; environment?: string };
  /** Shorthand for a metric issue detector. */
  metric?: { aggregate: string; query?: string; timeWindow?: number; dataset?: string; threshold: number; environment?: string | null };
};
export type WorkflowActionInput =
  | { type: "email"; targetType: "issue_owners" | "team" | "user"; targetIdentifier?: string | null }
  | { type: "slack"; integrationId: string; channel: string; channelId?: string };
export type WorkflowInput = Opt<Omit<ScenarioWorkflow, "triggers" | "actionFilters" | "config" | "detectorIds">, "createdBy" | "dateUpdated" | "environment" | "enabled" | "lastTriggered" | "owner"> & {
  /** Detector ids, or `error:<project-slug>` for a project's error detector. */
  detectors: string[];
  /** Trigger condition types, e.g. "new_high_priority_issue". */
  triggers?: string[];
  actions: WorkflowActionInput[];
  frequency?: number;
};
export type OrganizationInput = Opt<
  Omit<ScenarioOrganization, "members" | "teams" | "projects" | "releases" | "monitors" | "detectors" | "workflows" | "integrations">,
  "features" | "isEarlyAdopter" | "require2FA" | "allowMemberInvite" | "allowMemberProjectCreation" | "allowSuperuserAccess" | "hasAuthProvider"
> & {
  members: Opt<ScenarioMember, "pending" | "expired" | "inviteStatus" | "inviterName" | "email" | "name">[];
  teams: Opt<ScenarioTeam, "members">[];
  projects: ProjectInput[];
  releases?: Opt<ScenarioRelease, "status" | "dateReleased" | "ref" | "url" | "newGroups" | "commitCount" | "deployCount" | "lastDeploy" | "firstEvent" | "lastEvent">[];
  monitors?: (Opt<Omit<ScenarioMonitor, "config">, "status" | "isMuted" | "owner" | "environments"> & { config: Partial<MonitorConfig> & Pick<MonitorConfig, "schedule"> })[];
  detectors?: DetectorInput[];
  workflows?: WorkflowInput[];
  integrations?: (Opt<ScenarioIntegration, "icon" | "accountType" | "scopes" | "outOfDate" | "status" | "configOrganization" | "configData" | "provider"> & {
    provider: string | IntegrationProvider;
  })[];
};
export type ScenarioInput = {
  name: string;
  description?: string;
  demoUserId: string;
  rateLimit?: Partial<RateLimitSettings>;
  oauth?: Partial<Scenario["oauth"]>;
  users: Opt<ScenarioUser, "username" | "dateJoined" | "lastLogin" | "lastActive" | "has2fa">[];
  tokens: Opt<ScenarioUserToken, "expiresAt" | "name">[];
  orgTokens?: Opt<ScenarioOrgToken, "scopes" | "name">[];
  oauthClients: Opt<ScenarioOAuthClient, "homepageUrl" | "redirectUris" | "allowedRedirectOrigins">[];
  organizations: OrganizationInput[];
};
