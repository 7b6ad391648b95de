/**
 * A local fake of sentry.io for tests, demo mode and benchmarks: the read-only
 * REST API the app uses and Sentry's OAuth 2.0 authorization server, speaking
 * Sentry's wire formats as documented in shared/reference/SOURCES.md ("SOURCES"
 * below) and shaped after the OpenAPI examples in shared/reference/sentry/.
 *
 * - API: Bearer tokens (user `sntryu_`, OAuth 64-hex, org `sntrys_`), scope checks,
 *   `Link` cursor pagination, `X-Sentry-Rate-Limit-*` headers and 429s, Sentry's
 *   error bodies.
 * - OAuth: /oauth/authorize/ consent page (works without JS), /oauth/token/ with
 *   authorization_code (+ PKCE S256) and rotating refresh_token grants.
 * - Control API under /__fake/ (and the same as in-process methods) to adopt
 *   features, mint/revoke tokens, inject faults and read the request log.
 *
 * The data comes from a scenario (scenario.ts, scenarios/default.json).
 */
import { createHash, randomBytes } from "node:crypto";
import http from "node:http";
import { escapeHtml, listen, readBody, sendJson, type FakeServer } from "../http.ts";
import {
  cloneScenario,
  KNOWN_SCOPES,
  loadScenario,
  PROJECT_FLAGS,
  USER_TOKEN_RE,
  type OrgRole,
  type ProjectFlag,
  type RateLimitSettings,
  type Scenario,
  type ScenarioDetector,
  type ScenarioMember,
  type ScenarioOAuthClient,
  type ScenarioOrganization,
  type ScenarioProject,
  type ScenarioRelease,
  type ScenarioUser,
} from "./scenario.ts";

// ---------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------

export type CallLog = {
  at: string;
  method: string;
  path: string;
  /** The endpoint's path template, e.g. /api/0/organizations/{org}/projects/ (null when unrouted). */
  template: string | null;
  query: Record<string, string | string[]>;
  status: number;
  /** First 12 hex chars of sha256(token); never the token itself. */
  token: string | null;
  durationMs: number;
};

export type FaultSpec = {
  /** A path with `*` wildcards (/api/0/organizations/*\/projects/) or a route template (/api/0/organizations/{org}/projects/). */
  path: string;
  method?: string;
  /** Answer with this status instead of the real response (429 gets Sentry's rate-limit body and headers). */
  status?: number;
  body?: unknown;
  /** Wait this long first (with no status: then answer normally) — for timeout tests. */
  delayMs?: number;
  /** How many matching requests to affect (default 1). */
  times?: number;
};

export type CreateTokenInput = { token?: string; scopes: string[]; userId?: string; expiresAt?: string | null };
export type ProjectPatch = Partial<Record<ProjectFlag | "isBookmarked", boolean>> & {
  firstEvent?: string | null | true;
  latestRelease?: string | null;
  platforms?: string[];
  environments?: string[];
  features?: string[];
  name?: string;
};

export type FakeSentryOptions = {
  port?: number;
  host?: string;
  scenario?: Scenario;
  rateLimit?: Partial<RateLimitSettings>;
  accessTokenTtlSeconds?: number;
};

export type FakeSentry = FakeServer & {
  /** The live scenario state (changes with adoptFeature, replaced by reset). */
  readonly scenario: Scenario;
  /** Env settings that point the app at this fake. */
  env: Record<string, string>;
  /** The scenario's demo user tokens by name ("demo", "expired", ...), and its org tokens. */
  tokens: Record<string, string>;
  calls(): CallLog[];
  clearCalls(): void;
  adoptFeature(org: string, project: string, patch: ProjectPatch): Record<string, unknown>;
  createToken(input: CreateTokenInput): string;
  revokeToken(token: string): boolean;
  reset(): void;
  setRateLimit(limits: Partial<RateLimitSettings>): RateLimitSettings;
  injectFault(fault: FaultSpec): void;
  clearFaults(): void;
  /** Make every current OAuth access token expired (their refresh tokens keep working). */
  expireOAuthAccessTokens(): number;
};

// ---------------------------------------------------------------------------
// Sentry's wire constants
// ---------------------------------------------------------------------------

const NOT_FOUND = { detail: "The requested resource does not exist" };
const FORBIDDEN = { detail: "You do not have permission to perform this action." };
const NOT_AUTHENTICATED = { detail: "Authentication credentials were not provided." };
/** never_cache on Sentry's OAuth token view. */
const NO_CACHE = { "Cache-Control": "max-age=0, no-cache, no-store, must-revalidate, private" };

/**
 * Scopes per endpoint, copied from shared/reference/sentry (_schemas.json `security`
 * and extra/*.json `scopes`). A token needs ANY one of them (ScopedPermission).
 */
const SCOPES = {
  org: ["org:admin", "org:read", "org:write"],
  project: ["project:admin", "project:read", "project:write"],
  releases: ["org:ci", "project:admin", "project:read", "project:releases", "project:write"],
  alerts: ["alerts:read", "org:admin", "org:read", "org:write"],
  integrations: ["org:admin", "org:integrations", "org:read", "org:write"],
  members: ["member:admin", "member:read", "member:write"],
} as const;

/** What each org role grants (Sentry's default role scopes). */
const ROLE_SCOPES: Record<OrgRole, string[]> = {
  member: ["member:read", "alerts:read", "org:read", "event:read", "project:read", "project:releases", "event:write", "team:read", "alerts:write"],
  admin: [
    "member:read", "alerts:read", "org:read", "event:read", "project:read", "project:releases", "event:write", "team:read", "alerts:write",
    "event:admin", "org:integrations", "project:write", "project:admin", "team:write", "team:admin",
  ],
  manager: [
    "member:read", "alerts:read", "org:read", "event:read", "project:read", "project:releases", "event:write", "team:read", "alerts:write",
    "event:admin", "org:integrations", "project:write", "project:admin", "team:write", "team:admin", "member:write", "member:admin", "member:invite",
  ],
  owner: [
    "member:read", "alerts:read", "org:read", "event:read", "project:read", "project:releases", "event:write", "team:read", "alerts:write",
    "event:admin", "org:integrations", "project:write", "project:admin", "team:write", "team:admin", "member:write", "member:admin", "member:invite",
    "org:write", "org:admin",
  ],
  billing: ["org:read", "org:billing", "member:read"],
};

const SCOPE_DESCRIPTIONS: Record<string, string> = {
  "org:read": "Read your organizations and their settings",
  "project:read": "Read your projects and their settings",
  "team:read": "Read your teams",
  "member:read": "Read the members of your organizations",
  "event:read": "Read issues and events",
  "alerts:read": "Read alerts and monitors",
  "project:releases": "Read and create releases",
  "org:integrations": "Read and manage integrations",
};

// ---------------------------------------------------------------------------
// Internal state
// ---------------------------------------------------------------------------

type TokenKind = "user" | "oauth" | "org";
type TokenRecord = {
  kind: TokenKind;
  token: string;
  userId: string | null;
  /** Org slug, for org auth tokens. */
  organization: string | null;
  scopes: string[];
  /** Epoch ms, or null for tokens that never expire. */
  expiresAt: number | null;
  refreshToken: string | null;
  clientId: string | null;
};
type Grant = { code: string; clientId: string; userId: string; redirectUri: string; scopes: string[]; challenge: string | null; method: string | null; expiresAt: number };
type ActiveFault = Required<Pick<FaultSpec, "path" | "times">> & Omit<FaultSpec, "path" | "times">;
type Window = { bucket: number; count: number };

type Auth = { record: TokenRecord; user: ScenarioUser | null };

/** Who is looking: decides `isMember`, `access` and the URLs in `links`. */
type Viewer = { origin: string; user: ScenarioUser | null; member: ScenarioMember | null };

type ApiContext = Viewer & {
  url: URL;
  params: Record<string, string>;
  auth: Auth | null;
  org: ScenarioOrganization | null;
  project: ScenarioProject | null;
};

type ApiResult = { status: number; body: unknown } | { rows: unknown[] };

type Route = {
  template: string;
  regex: RegExp;
  /** null: no permission check (the index endpoint). */
  scopes: readonly string[] | null;
  handler: (ctx: ApiContext) => ApiResult;
};

/** A 400 `{"detail": ...}` (DRF ParseError). */
class ParseError extends Error {}
/** A 403 with Sentry's permission message. */
class Forbidden extends Error {}

/** The request log keeps the most recent calls only (benchmarks make many). */
const MAX_CALLS = 10_000;

const fingerprint = (token: string) => createHash("sha256").update(token).digest("hex").slice(0, 12);
const newHex64 = () => randomBytes(32).toString("hex");

// ---------------------------------------------------------------------------
// The server
// ---------------------------------------------------------------------------

export async function startFakeSentry(options: FakeSentryOptions = {}): Promise<FakeSentry> {
  const original = cloneScenario(options.scenario ?? loadScenario());
  const initialRateLimit = (): RateLimitSettings => ({ ...original.rateLimit, ...options.rateLimit });
  const accessTokenTtlSeconds = options.accessTokenTtlSeconds ?? original.oauth.accessTokenTtlSeconds;

  let scenario = cloneScenario(original);
  let rateLimit = initialRateLimit();
  const tokens = new Map<string, TokenRecord>();
  const refreshTokens = new Map<string, TokenRecord>();
  const grants = new Map<string, Grant>();
  const windows = new Map<string, Window>();
  const inflight = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();
  let faults: ActiveFault[] = [];
  let callLog: CallLog[] = [];

  function loadTokens() {
    tokens.clear();
    refreshTokens.clear();
    grants.clear();
    for (const t of scenario.tokens) {
      tokens.set(t.token, { kind: "user", token: t.token, userId: t.userId, organization: null, scopes: t.scopes, expiresAt: t.expiresAt ? Date.parse(t.expiresAt) : null, refreshToken: null, clientId: null });
    }
    for (const t of scenario.orgTokens) {
      tokens.set(t.token, { kind: "org", token: t.token, userId: null, organization: t.organization, scopes: t.scopes, expiresAt: null, refreshToken: null, clientId: null });
    }
  }

  function reset() {
    scenario = cloneScenario(original);
    rateLimit = initialRateLimit();
    windows.clear();
    faults = [];
    callLog = [];
    loadTokens();
  }
  reset();

  // ----- lookups -------------------------------------------------------------

  const findUser = (id: string | null) => (id ? (scenario.users.find((u) => u.id === id) ?? null) : null);
  const findOrg = (idOrSlug: string) => scenario.organizations.find((o) => o.slug === idOrSlug || o.id === idOrSlug) ?? null;
  const findProject = (org: ScenarioOrganization, idOrSlug: string) => org.projects.find((p) => p.slug === idOrSlug || p.id === idOrSlug) ?? null;
  const activeMember = (org: ScenarioOrganization, userId: string | null) => (userId ? (org.members.find((m) => m.userId === userId && !m.pending) ?? null) : null);

  // ----- authentication [SOURCES: src/sentry/api/authentication.py] -----------

  type AuthOutcome = { ok: true; auth: Auth | null } | { ok: false; detail: string };

  function authenticate(req: http.IncomingMessage): AuthOutcome {
    const header = req.headers.authorization;
    if (!header) return { ok: true, auth: null };
    const [scheme, ...rest] = header.trim().split(/\s+/);
    if (scheme.toLowerCase() !== "bearer") return { ok: true, auth: null };
    if (rest.length !== 1) return { ok: false, detail: rest.length === 0 ? "Invalid token header. No credentials provided." : "Invalid token header. Token string should not contain spaces." };
    const token = rest[0];
    const record = tokens.get(token);
    // Bearer tokens starting with sntrys_ go to OrgAuthTokenAuthentication.
    if (token.startsWith("sntrys_")) {
      if (!record || record.kind !== "org") return { ok: false, detail: "Invalid org token" };
      return { ok: true, auth: { record, user: null } };
    }
    if (!record || record.kind === "org") return { ok: false, detail: "Invalid token" };
    if (record.expiresAt !== null && Date.now() >= record.expiresAt) return { ok: false, detail: "Token expired" };
    return { ok: true, auth: { record, user: findUser(record.userId) } };
  }

  const bearerToken = (req: http.IncomingMessage) => /^bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? "")?.[1] ?? null;

  // ----- rate limits [SOURCES: docs/api/ratelimits.mdx, src/sentry/middleware/ratelimit.py] ---

  type RateCheck = { limited: false | "window" | "concurrent"; headers: Record<string, string>; release: () => void };

  /** Fixed window per (token or IP, endpoint); windows are aligned to multiples of the window length. */
  function checkRateLimit(key: string): RateCheck {
    const now = Date.now() / 1000;
    const bucket = Math.floor(now / rateLimit.windowSeconds);
    const window = windows.get(key);
    const current = window && window.bucket === bucket ? window : { bucket, count: 0 };
    current.count += 1;
    windows.set(key, current);
    const running = (inflight.get(key) ?? 0) + 1;
    inflight.set(key, running);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      const left = (inflight.get(key) ?? 1) - 1;
      if (left <= 0) inflight.delete(key);
      else inflight.set(key, left);
    };
    const overWindow = current.count > rateLimit.limit;
    const overConcurrent = rateLimit.enforceConcurrent && running > rateLimit.concurrentLimit;
    const headers = {
      "X-Sentry-Rate-Limit-Remaining": String(overWindow ? 0 : rateLimit.limit - current.count),
      "X-Sentry-Rate-Limit-Limit": String(rateLimit.limit),
      "X-Sentry-Rate-Limit-Reset": String((bucket + 1) * rateLimit.windowSeconds),
      "X-Sentry-Rate-Limit-ConcurrentRemaining": String(Math.max(0, rateLimit.concurrentLimit - running)),
      "X-Sentry-Rate-Limit-ConcurrentLimit": String(rateLimit.concurrentLimit),
    };
    return { limited: overWindow ? "window" : overConcurrent ? "concurrent" : false, headers, release };
  }

  /** The 429 bodies of RatelimitMiddleware; it sets no Retry-After. */
  function rateLimitBody(kind: "window" | "concurrent") {
    return kind === "window"
      ? { detail: `You are attempting to use this endpoint too frequently. Limit is ${rateLimit.limit} requests in ${rateLimit.windowSeconds} seconds` }
      : { detail: `You are attempting to go above the allowed concurrency for this endpoint. Concurrency limit is ${rateLimit.concurrentLimit}` };
  }

  // ----- faults ----------------------------------------------------------------

  function takeFault(method: string, pathname: string, template: string | null): ActiveFault | null {
    const index = faults.findIndex((f) => (!f.method || f.method.toUpperCase() === method) && faultMatches(f.path, pathname, template));
    if (index === -1) return null;
    const fault = faults[index];
    fault.times -= 1;
    if (fault.times <= 0) faults.splice(index, 1);
    return fault;
  }

  function delay(ms: number) {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });
  }

  // ----- serializers (shapes copied from shared/reference/sentry examples) ------

  function viewerScopes(v: Viewer): string[] {
    return v.member ? ROLE_SCOPES[v.member.orgRole] : [];
  }

  function orgLinks(v: Viewer) {
    // Real Sentry answers https://<slug>.sentry.io and https://us.sentry.io; pointing both
    // at the fake keeps region-aware clients talking to it.
    return { organizationUrl: v.origin, regionUrl: v.origin };
  }

  /** list-organizations.json */
  function orgSummary(v: Viewer, org: ScenarioOrganization) {
    return {
      avatar: { avatarType: "letter_avatar", avatarUuid: null },
      dateCreated: org.dateCreated,
      features: org.features,
      hasAuthProvider: org.hasAuthProvider,
      id: org.id,
      isEarlyAdopter: org.isEarlyAdopter,
      allowMemberInvite: org.allowMemberInvite,
      allowMemberProjectCreation: org.allowMemberProjectCreation,
      allowSuperuserAccess: org.allowSuperuserAccess,
      links: orgLinks(v),
      name: org.name,
      require2FA: org.require2FA,
      slug: org.slug,
      status: { id: "active", name: "active" },
    };
  }

  /** retrieve-organization.json, plus the schema's optional `features` and `access`. */
  function orgDetail(v: Viewer, org: ScenarioOrganization) {
    const { features, ...rest } = orgSummary(v, org);
    return { ...rest, features, access: viewerScopes(v) };
  }

  /** The organization embedded in retrieve-project.json. */
  function orgEmbedded(v: Viewer, org: ScenarioOrganization) {
    return {
      id: org.id,
      slug: org.slug,
      status: { id: "active", name: "active" },
      name: org.name,
      dateCreated: org.dateCreated,
      isEarlyAdopter: org.isEarlyAdopter,
      allowMemberInvite: org.allowMemberInvite,
      allowMemberProjectCreation: org.allowMemberProjectCreation,
      allowSuperuserAccess: org.allowSuperuserAccess,
      require2FA: org.require2FA,
      avatar: { avatarType: "letter_avatar", avatarUuid: null },
      features: org.features,
      links: orgLinks(v),
      hasAuthProvider: org.hasAuthProvider,
    };
  }

  const teamRef = (org: ScenarioOrganization, slug: string) => {
    const team = org.teams.find((t) => t.slug === slug)!;
    return { id: team.id, name: team.name, slug: team.slug };
  };
  const isProjectMember = (v: Viewer, org: ScenarioOrganization, p: ScenarioProject) =>
    !!v.user && p.teams.some((slug) => org.teams.find((t) => t.slug === slug)?.members.includes(v.user!.id));
  const flagsOf = (p: ScenarioProject) => Object.fromEntries(PROJECT_FLAGS.map((f) => [f, p[f]])) as Record<ProjectFlag, boolean>;
  const latestRelease = (p: ScenarioProject) => (p.latestRelease ? { version: p.latestRelease } : null);

  /** list-organization-projects.json */
  function projectSummary(v: Viewer, org: ScenarioOrganization, p: ScenarioProject) {
    return {
      slug: p.slug,
      name: p.name,
      dateCreated: p.dateCreated,
      firstEvent: p.firstEvent,
      access: viewerScopes(v),
      hasAccess: true,
      id: p.id,
      isBookmarked: p.isBookmarked,
      isMember: isProjectMember(v, org, p),
      platform: p.platform,
      platforms: p.platforms,
      team: p.teams.length ? teamRef(org, p.teams[0]) : null,
      teams: p.teams.map((slug) => teamRef(org, slug)),
      environments: p.environments,
      features: p.features,
      ...flagsOf(p),
      latestRelease: latestRelease(p),
    };
  }

  /** The plain ProjectSerializer shape (projects inside teams and monitors). */
  function projectBase(v: Viewer, org: ScenarioOrganization, p: ScenarioProject) {
    const f = flagsOf(p);
    return {
      id: p.id,
      slug: p.slug,
      name: p.name,
      platform: p.platform,
      dateCreated: p.dateCreated,
      isBookmarked: p.isBookmarked,
      isMember: isProjectMember(v, org, p),
      features: p.features,
      firstEvent: p.firstEvent,
      firstTransactionEvent: f.firstTransactionEvent,
      access: viewerScopes(v),
      hasAccess: true,
      hasMinifiedStackTrace: f.hasMinifiedStackTrace,
      hasMonitors: f.hasMonitors,
      hasProfiles: f.hasProfiles,
      hasReplays: f.hasReplays,
      hasFlags: f.hasFlags,
      hasFeedbacks: f.hasFeedbacks,
      hasNewFeedbacks: f.hasNewFeedbacks,
      hasSessions: f.hasSessions,
      hasInsightsHttp: f.hasInsightsHttp,
      hasInsightsDb: f.hasInsightsDb,
      hasInsightsAssets: f.hasInsightsAssets,
      hasInsightsAppStart: f.hasInsightsAppStart,
      hasInsightsScreenLoad: f.hasInsightsScreenLoad,
      hasInsightsVitals: f.hasInsightsVitals,
      hasInsightsCaches: f.hasInsightsCaches,
      hasInsightsQueues: f.hasInsightsQueues,
      hasInsightsAgentMonitoring: f.hasInsightsAgentMonitoring,
      hasInsightsMCP: f.hasInsightsMCP,
      hasLogs: f.hasLogs,
      hasTraceMetrics: f.hasTraceMetrics,
      isInternal: false,
      isPublic: false,
      avatar: { avatarType: "letter_avatar", avatarUuid: null, avatarUrl: null },
      color: p.color,
      status: "active",
    };
  }

  /** retrieve-project.json */
  function projectDetail(v: Viewer, org: ScenarioOrganization, p: ScenarioProject) {
    const { avatar: _avatar, ...base } = projectBase(v, org, p);
    const securityToken = createHash("sha256").update(`security/${p.id}`).digest("hex").slice(0, 32);
    const defaultEnvironment = p.environments[0] ?? null;
    return {
      ...base,
      avatar: { avatarType: "letter_avatar", avatarUuid: null },
      team: p.teams.length ? teamRef(org, p.teams[0]) : null,
      teams: p.teams.map((slug) => teamRef(org, slug)),
      latestRelease: latestRelease(p),
      options: {
        "sentry:transaction_name_cluster_rules": [],
        "digests:mail:maximum_delay": 600,
        "sentry:scrub_defaults": true,
        "sentry:scrape_javascript": true,
        "mail:subject_prefix": "",
        "sentry:relay_pii_config": null,
        "sentry:scrub_data": true,
        "sentry:token": securityToken,
        "sentry:resolve_age": 0,
        "sentry:grouping_config": "newstyle:2023-01-11",
        "quotas:spike-protection-disabled": false,
        "sentry:store_crash_reports": null,
        "digests:mail:minimum_delay": 300,
        "sentry:secondary_grouping_config": null,
        "sentry:secondary_grouping_expiry": null,
        "sentry:builtin_symbol_sources": ["ios", "android", "chromium"],
        "sentry:origins": ["*"],
        "sentry:sensitive_fields": [],
        "sentry:scrub_ip_address": false,
        "sentry:default_environment": defaultEnvironment,
        "sentry:verify_ssl": false,
        "sentry:csp_ignored_sources_defaults": true,
        "sentry:csp_ignored_sources": "",
        "filters:blacklisted_ips": "",
        "filters:react-hydration-errors": true,
        "filters:chunk-load-error": true,
        "filters:releases": "",
        "filters:error_messages": "",
        "feedback:branding": true,
      },
      digestsMinDelay: 300,
      digestsMaxDelay: 600,
      subjectPrefix: "",
      allowedDomains: ["*"],
      resolveAge: 0,
      dataScrubber: true,
      dataScrubberDefaults: true,
      safeFields: [],
      storeCrashReports: null,
      sensitiveFields: [],
      subjectTemplate: "$shortID - $title",
      securityToken,
      securityTokenHeader: null,
      verifySSL: false,
      scrubIPAddresses: false,
      scrapeJavaScript: true,
      groupingConfig: "newstyle:2023-01-11",
      groupingEnhancements: "",
      derivedGroupingEnhancements: "",
      secondaryGroupingExpiry: 0,
      secondaryGroupingConfig: null,
      fingerprintingRules: "",
      organization: orgEmbedded(v, org),
      platforms: p.platforms,
      processingIssues: 0,
      defaultEnvironment,
      relayPiiConfig: null,
      builtinSymbolSources: ["ios", "android", "chromium"],
      dynamicSamplingBiases: [
        { id: "boostEnvironments", active: true },
        { id: "boostLatestRelease", active: true },
        { id: "ignoreHealthChecks", active: true },
        { id: "boostKeyTransactions", active: true },
        { id: "boostLowVolumeTransactions", active: true },
        { id: "boostReplayId", active: true },
        { id: "recalibrationRule", active: true },
      ],
      symbolSources: "[]",
      tempestFetchScreenshots: false,
      debugFilesRole: null,
      isDynamicallySampled: false,
      enableAutoReleaseCreation: true,
      autofixAutomationTuning: "off",
      seerScannerAutomation: true,
      seerNightshiftTweaks: null,
      highlightTags: [],
      highlightContext: {},
      highlightPreset: { tags: [], context: {} },
      scmSourceContextEnabled: false,
    };
  }

  /** The `user` object of organizations-org-members.json (Sentry's UserSerializer). */
  function userJson(u: ScenarioUser) {
    const gravatar = createHash("md5").update(u.email.trim().toLowerCase()).digest("hex");
    return {
      id: u.id,
      name: u.name,
      username: u.username,
      email: u.email,
      avatarUrl: `https://secure.gravatar.com/avatar/${gravatar}?s=32&d=mm`,
      isActive: true,
      isSuspended: false,
      hasPasswordAuth: true,
      isManaged: false,
      dateJoined: u.dateJoined,
      lastLogin: u.lastLogin,
      has2fa: u.has2fa,
      lastActive: u.lastActive,
      isSuperuser: false,
      isStaff: false,
      experiments: {},
      emails: [{ id: String(Number(u.id) * 7 + 1), email: u.email, is_verified: true }],
      avatar: { avatarType: "letter_avatar", avatarUuid: null },
      canReset2fa: true,
    };
  }

  function memberJson(m: ScenarioMember) {
    const user = findUser(m.userId);
    return {
      id: m.id,
      email: user?.email ?? m.email,
      name: user?.name ?? m.name,
      user: user ? userJson(user) : null,
      orgRole: m.orgRole,
      pending: m.pending,
      expired: m.expired,
      flags: {
        "idp:provisioned": false,
        "idp:role-restricted": false,
        "sso:linked": false,
        "sso:invalid": false,
        "member-limit:restricted": false,
        "partnership:restricted": false,
      },
      dateCreated: m.dateCreated,
      inviteStatus: m.inviteStatus,
      inviterName: m.inviterName,
    };
  }

  /** organizations-org-teams.json */
  function teamJson(v: Viewer, org: ScenarioOrganization, slug: string, detailed: boolean) {
    const team = org.teams.find((t) => t.slug === slug)!;
    const isMember = !!v.user && team.members.includes(v.user.id);
    return {
      id: team.id,
      slug: team.slug,
      name: team.name,
      dateCreated: team.dateCreated,
      isMember,
      teamRole: isMember ? "contributor" : null,
      flags: { "idp:provisioned": false },
      access: viewerScopes(v),
      hasAccess: true,
      isPending: false,
      memberCount: team.members.length,
      avatar: { avatarType: "letter_avatar", avatarUuid: null, avatarUrl: null },
      ...(detailed ? { projects: org.projects.filter((p) => p.teams.includes(team.slug)).map((p) => projectBase(v, org, p)) } : {}),
    };
  }

  /** organizations-org-releases.json */
  function releaseJson(org: ScenarioOrganization, r: ScenarioRelease) {
    const info = versionInfo(r.version);
    return {
      id: r.id,
      version: r.version,
      shortVersion: info.short,
      status: r.status,
      versionInfo: info.versionInfo,
      ref: r.ref,
      url: r.url,
      dateReleased: r.dateReleased,
      dateCreated: r.dateCreated,
      data: {},
      newGroups: r.newGroups,
      owner: null,
      commitCount: r.commitCount,
      lastCommit: null,
      deployCount: r.deployCount,
      lastDeploy: r.lastDeploy,
      authors: [],
      projects: r.projects.map((slug) => {
        const p = findProject(org, slug)!;
        return { id: Number(p.id), slug: p.slug, name: p.name, newGroups: r.newGroups, platform: p.platform, platforms: [p.platform], hasHealthData: p.hasSessions };
      }),
      firstEvent: r.firstEvent,
      lastEvent: r.lastEvent,
      currentProjectMeta: {},
      userAgent: null,
    };
  }

  /** organizations-org-monitors.json schema (the file has no example). */
  function monitorJson(v: Viewer, org: ScenarioOrganization, m: ScenarioOrganization["monitors"][number]) {
    return {
      id: m.id,
      name: m.name,
      slug: m.slug,
      status: m.status,
      isMuted: m.isMuted,
      isUpserting: false,
      type: "cron_job",
      config: m.config,
      dateCreated: m.dateCreated,
      project: projectBase(v, org, findProject(org, m.project)!),
      // The OpenAPI schema types this as one object, but MonitorSerializer returns a list.
      environments: m.environments,
      owner: m.owner,
    };
  }

  /** organizations-org-detectors.json */
  function detectorJson(org: ScenarioOrganization, d: ScenarioDetector) {
    return {
      id: d.id,
      projectId: findProject(org, d.project)!.id,
      name: d.name,
      description: d.description,
      type: d.type,
      workflowIds: org.workflows.filter((w) => w.detectorIds.includes(d.id)).map((w) => w.id),
      owner: d.owner,
      createdBy: d.createdBy,
      dateCreated: d.dateCreated,
      dateUpdated: d.dateUpdated,
      dataSources: d.dataSources,
      conditionGroup: d.conditionGroup,
      config: d.config,
      enabled: d.enabled,
      latestGroup: null,
    };
  }

  /** organizations-org-workflows.json */
  function workflowJson(org: ScenarioOrganization, w: ScenarioOrganization["workflows"][number]) {
    return {
      id: w.id,
      name: w.name,
      organizationId: org.id,
      createdBy: w.createdBy,
      dateCreated: w.dateCreated,
      dateUpdated: w.dateUpdated,
      triggers: w.triggers,
      actionFilters: w.actionFilters,
      environment: w.environment,
      config: w.config,
      detectorIds: w.detectorIds,
      enabled: w.enabled,
      lastTriggered: w.lastTriggered,
      owner: w.owner,
    };
  }

  /** organizations-org-integrations.json */
  function integrationJson(org: ScenarioOrganization, i: ScenarioOrganization["integrations"][number]) {
    return {
      id: i.id,
      name: i.name,
      icon: i.icon,
      domainName: i.domainName,
      accountType: i.accountType,
      scopes: i.scopes,
      outOfDate: i.outOfDate,
      status: i.status,
      provider: i.provider,
      configOrganization: i.configOrganization,
      configData: i.configData,
      externalId: i.externalId,
      organizationId: Number(org.id),
      organizationIntegrationStatus: i.status,
      gracePeriodEnd: null,
    };
  }

  // ----- query helpers -----------------------------------------------------------

  /** `project` query params are numeric ids; -1 means all [sentry/api/bases/organization.py]. */
  function projectFilter(ctx: ApiContext): Set<string> | null {
    const raw = ctx.url.searchParams.getAll("project");
    if (raw.length === 0) return null;
    if (raw.some((v) => !/^-?\d+$/.test(v.trim()))) throw new ParseError("Invalid project parameter. Values must be numbers.");
    const ids = raw.map((v) => String(Number(v.trim())));
    if (ids.includes("-1")) return null;
    const org = ctx.org!;
    if (ids.some((id) => !org.projects.some((p) => p.id === id))) throw new Forbidden();
    return new Set(ids.map((id) => org.projects.find((p) => p.id === id)!.slug));
  }

  /** Free text plus `key:value` terms, Sentry's search syntax in its simplest form. */
  function searchTerms(query: string | null) {
    const terms: Record<string, string> = {};
    const text: string[] = [];
    for (const part of (query ?? "").trim().split(/\s+/).filter(Boolean)) {
      const m = /^([a-z_]+):(.+)$/i.exec(part);
      if (m) terms[m[1].toLowerCase()] = m[2];
      else text.push(part.toLowerCase());
    }
    return { terms, text: text.join(" ") };
  }

  // ----- route handlers ----------------------------------------------------------

  const routes: Route[] = [
    route("/api/0/", null, (ctx) => ({
      status: 200,
      body: {
        version: "0",
        auth: ctx.auth ? { scopes: ctx.auth.record.scopes } : null,
        user: ctx.auth?.user ? userJson(ctx.auth.user) : null,
      },
    })),
    route("/api/0/organizations/", SCOPES.org, (ctx) => {
      const userId = ctx.auth?.user?.id ?? null;
      const { terms, text } = searchTerms(ctx.url.searchParams.get("query"));
      const onlyOwner = ctx.url.searchParams.get("owner") === "true";
      const rows = scenario.organizations
        .filter((o) => (ctx.auth?.record.kind === "org" ? o.slug === ctx.auth.record.organization : !!activeMember(o, userId)))
        .filter((o) => !onlyOwner || activeMember(o, userId)?.orgRole === "owner")
        .filter((o) => (!terms.slug || o.slug === terms.slug) && (!terms.id || o.id === terms.id))
        .filter((o) => !text || o.slug.includes(text) || o.name.toLowerCase().includes(text))
        // Sorted by the date they were created, newest first.
        .sort((a, b) => b.dateCreated.localeCompare(a.dateCreated))
        .map((o) => orgSummary({ ...ctx, member: activeMember(o, userId) }, o));
      return { rows };
    }),
    route("/api/0/organizations/{org}/", SCOPES.org, (ctx) => ({ status: 200, body: orgDetail(ctx, ctx.org!) })),
    route("/api/0/organizations/{org}/projects/", SCOPES.org, (ctx) => {
      const org = ctx.org!;
      const { terms, text } = searchTerms(ctx.url.searchParams.get("query"));
      const rows = [...org.projects]
        .filter((p) => (!terms.slug || p.slug === terms.slug) && (!terms.id || p.id === terms.id) && (!terms.platform || p.platform === terms.platform))
        .filter((p) => !terms.team || p.teams.includes(terms.team))
        .filter((p) => !text || p.slug.includes(text) || p.name.toLowerCase().includes(text))
        .sort((a, b) => a.slug.localeCompare(b.slug))
        .map((p) => projectSummary(ctx, org, p));
      return { rows };
    }),
    route("/api/0/projects/{org}/{project}/", SCOPES.project, (ctx) => ({ status: 200, body: projectDetail(ctx, ctx.org!, ctx.project!) })),
    route("/api/0/organizations/{org}/releases/", SCOPES.releases, (ctx) => {
      const org = ctx.org!;
      const projects = projectFilter(ctx);
      const query = ctx.url.searchParams.get("query")?.toLowerCase() ?? "";
      const rows = org.releases
        .filter((r) => !projects || r.projects.some((slug) => projects.has(slug)))
        .filter((r) => !query || r.version.toLowerCase().includes(query))
        .sort((a, b) => b.dateCreated.localeCompare(a.dateCreated))
        .map((r) => releaseJson(org, r));
      return { rows };
    }),
    route("/api/0/organizations/{org}/monitors/", SCOPES.alerts, (ctx) => {
      const org = ctx.org!;
      const projects = projectFilter(ctx);
      const environments = ctx.url.searchParams.getAll("environment");
      const rows = org.monitors
        .filter((m) => !projects || projects.has(m.project))
        .filter((m) => environments.length === 0 || m.environments.some((e) => environments.includes(e.name)))
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((m) => monitorJson(ctx, org, m));
      return { rows };
    }),
    route("/api/0/organizations/{org}/detectors/", SCOPES.alerts, (ctx) => {
      const org = ctx.org!;
      const projects = projectFilter(ctx);
      const ids = ctx.url.searchParams.getAll("id");
      const { terms, text } = searchTerms(ctx.url.searchParams.get("query"));
      const rows = org.detectors
        .filter((d) => !projects || projects.has(d.project))
        .filter((d) => ids.length === 0 || ids.includes(d.id))
        .filter((d) => !terms.type || d.type === terms.type)
        .filter((d) => !text || d.name.toLowerCase().includes(text))
        .sort(byNumericId)
        .map((d) => detectorJson(org, d));
      return { rows };
    }),
    route("/api/0/organizations/{org}/workflows/", SCOPES.alerts, (ctx) => {
      const org = ctx.org!;
      const projects = projectFilter(ctx);
      const ids = ctx.url.searchParams.getAll("id");
      const query = ctx.url.searchParams.get("query")?.toLowerCase() ?? "";
      const detectorProject = (id: string) => org.detectors.find((d) => d.id === id)?.project;
      const rows = org.workflows
        .filter((w) => !projects || w.detectorIds.some((id) => projects.has(detectorProject(id) ?? "")))
        .filter((w) => ids.length === 0 || ids.includes(w.id))
        .filter((w) => !query || w.name.toLowerCase().includes(query))
        .sort(byNumericId)
        .map((w) => workflowJson(org, w));
      return { rows };
    }),
    route("/api/0/organizations/{org}/integrations/", SCOPES.integrations, (ctx) => {
      const org = ctx.org!;
      const providerKey = ctx.url.searchParams.get("providerKey");
      const rows = org.integrations.filter((i) => !providerKey || i.provider.key === providerKey).map((i) => integrationJson(org, i));
      return { rows };
    }),
    route("/api/0/organizations/{org}/teams/", SCOPES.org, (ctx) => {
      const org = ctx.org!;
      const detailed = ctx.url.searchParams.get("detailed") !== "0";
      const query = ctx.url.searchParams.get("query")?.toLowerCase() ?? "";
      const rows = [...org.teams]
        .filter((t) => !query || t.slug.includes(query) || t.name.toLowerCase().includes(query))
        .sort((a, b) => a.slug.localeCompare(b.slug))
        .map((t) => teamJson(ctx, org, t.slug, detailed));
      return { rows };
    }),
    route("/api/0/organizations/{org}/members/", SCOPES.members, (ctx) => ({ rows: ctx.org!.members.map(memberJson) })),
  ];

  // ----- API dispatch ------------------------------------------------------------

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, url: URL, log: (status: number, template: string | null) => void) {
    const method = req.method ?? "GET";
    const matched = matchRoute(routes, url.pathname);
    if (!matched) return catchall(req, res, url, log);
    const { route: r, params } = matched;

    const fault = takeFault(method, url.pathname, r.template);
    if (fault?.delayMs) await delay(fault.delayMs);
    if (res.destroyed || req.socket.destroyed) return log(0, r.template);

    const token = bearerToken(req);
    const limitKey = `${token ? fingerprint(token) : `ip:${req.socket.remoteAddress}`} ${r.template}`;
    const limit = checkRateLimit(limitKey);
    res.on("close", limit.release);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      log(status, r.template);
      sendJson(res, status, body, { ...limit.headers, ...headers });
    };

    if (fault?.status) {
      if (fault.status === 429) return send(429, fault.body ?? rateLimitBody("window"), { "X-Sentry-Rate-Limit-Remaining": "0" });
      return send(fault.status, fault.body ?? { detail: http.STATUS_CODES[fault.status] ?? "Error" });
    }
    if (limit.limited) return send(429, rateLimitBody(limit.limited));

    // Authentication first (a bad token is a 401 on every endpoint, the index too), then
    // scopes (ScopedPermission.has_permission), then the organization and project lookups.
    const outcome = authenticate(req);
    if (!outcome.ok) return send(401, { detail: outcome.detail });
    if (r.scopes && !outcome.auth) return send(401, NOT_AUTHENTICATED);
    if (method !== "GET" && method !== "HEAD") return send(405, { detail: `Method "${method}" not allowed.` });

    const ctx: ApiContext = { url, origin: originOf(req), params, auth: outcome.auth, user: outcome.auth?.user ?? null, org: null, member: null, project: null };
    if (r.scopes && !ctx.auth!.record.scopes.some((s) => r.scopes!.includes(s))) return send(403, FORBIDDEN);
    if (params.org !== undefined) {
      const org = findOrg(params.org);
      if (!org) return send(404, NOT_FOUND);
      const record = ctx.auth!.record;
      // Org tokens only reach their own organization; users only organizations they are members of.
      if (record.kind === "org" ? record.organization !== org.slug : !activeMember(org, record.userId)) return send(403, FORBIDDEN);
      ctx.org = org;
      ctx.member = activeMember(org, record.userId);
    }
    if (params.project !== undefined) {
      ctx.project = findProject(ctx.org!, params.project);
      if (!ctx.project) return send(404, NOT_FOUND);
    }

    let result: ApiResult;
    try {
      result = r.handler(ctx);
    } catch (error) {
      if (error instanceof ParseError) return send(400, { detail: error.message });
      if (error instanceof Forbidden) return send(403, FORBIDDEN);
      throw error;
    }
    if ("body" in result) return send(result.status, result.body);
    const page = paginate(url, originOf(req), result.rows);
    if ("error" in page) return send(400, { detail: page.error });
    return send(200, page.rows, { Link: page.link });
  }

  /** Sentry's CatchallEndpoint: unrouted API paths. */
  function catchall(req: http.IncomingMessage, res: http.ServerResponse, url: URL, log: (status: number, template: string | null) => void) {
    log(404, null);
    if (url.pathname.endsWith("/")) {
      res.writeHead(404);
      return res.end();
    }
    const help = "Route not found, did you forget a trailing slash?";
    const suggestion = `try: ${url.pathname}/`;
    if ((req.headers["content-type"] ?? "").startsWith("application/json")) return sendJson(res, 404, { info: `${help} ${suggestion}` });
    res.writeHead(404, { "Content-Type": "text/plain" });
    res.end(`${help}\n\n${suggestion}\n${" ".repeat(suggestion.length - 1)}^\n`);
  }

  // ----- OAuth [SOURCES: src/sentry/web/frontend/oauth_token.py] -----------------

  type AuthorizeCheck =
    | { ok: true; client: ScenarioOAuthClient; redirectUri: string; scopes: string[] }
    | { ok: false; page: string }
    | { ok: false; redirect: string };

  function checkAuthorize(params: URLSearchParams): AuthorizeCheck {
    const client = scenario.oauthClients.find((c) => c.clientId === params.get("client_id"));
    if (!client) return { ok: false, page: "Invalid client_id" };
    const redirectUri = params.get("redirect_uri") || client.redirectUris[0];
    if (!redirectUri || !redirectAllowed(client, redirectUri)) return { ok: false, page: "Invalid redirect_uri" };
    const state = params.get("state");
    const fail = (error: string) => ({ ok: false as const, redirect: withParams(redirectUri, { error, state }) });
    if (params.get("response_type") !== "code") return fail("unsupported_response_type");
    const scopes = (params.get("scope") ?? "org:read").split(/[\s,]+/).filter(Boolean);
    if (scopes.length === 0 || scopes.some((s) => !KNOWN_SCOPES.has(s) || s === "org:ci")) return fail("invalid_scope");
    const challenge = params.get("code_challenge");
    const method = params.get("code_challenge_method");
    if ((challenge && method !== "S256") || (!challenge && method)) return fail("invalid_request");
    return { ok: true, client, redirectUri, scopes };
  }

  function authorizePage(params: URLSearchParams, res: http.ServerResponse) {
    const check = checkAuthorize(params);
    if (!check.ok) return "page" in check ? errorPage(res, check.page) : redirect(res, check.redirect);
    const user = findUser(scenario.demoUserId)!;
    const hidden = ["client_id", "redirect_uri", "response_type", "scope", "state", "code_challenge", "code_challenge_method"]
      .map((k) => [k, k === "redirect_uri" ? check.redirectUri : k === "scope" ? check.scopes.join(" ") : params.get(k)] as const)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v!)}">`)
      .join("\n");
    const scopeItems = check.scopes
      .map((s) => `<li><code>${escapeHtml(s)}</code>${SCOPE_DESCRIPTIONS[s] ? ` — ${escapeHtml(SCOPE_DESCRIPTIONS[s])}` : ""}</li>`)
      .join("");
    const app = escapeHtml(check.client.name);
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", ...NO_CACHE });
    res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Authorize ${app} · Sentry (local fake)</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#2b2233}button{margin:1rem .5rem 0 0;padding:.5rem 1.25rem;font-size:1rem}.note{color:#6c5fc7;font-size:.875rem}</style></head>
<body><main>
<h1>Authorize ${app}</h1>
<p><strong>${app}</strong> is requesting access to the Sentry account of <strong>${escapeHtml(user.name)}</strong> (${escapeHtml(user.email)}).</p>
<p>It will be able to:</p>
<ul>${scopeItems}</ul>
<form method="post" action="/oauth/authorize/">
${hidden}
<button type="submit" name="op" value="approve">Approve</button>
<button type="submit" name="op" value="deny">Deny</button>
</form>
<p class="note">This is a local fake of sentry.io for development and tests.</p>
</main></body></html>`);
  }

  function authorizeDecision(form: URLSearchParams, res: http.ServerResponse) {
    const check = checkAuthorize(form);
    if (!check.ok) return "page" in check ? errorPage(res, check.page) : redirect(res, check.redirect);
    const state = form.get("state");
    if (form.get("op") !== "approve") return redirect(res, withParams(check.redirectUri, { error: "access_denied", state }));
    const code = newHex64();
    grants.set(code, {
      code,
      clientId: check.client.clientId,
      userId: scenario.demoUserId,
      redirectUri: check.redirectUri,
      scopes: check.scopes,
      challenge: form.get("code_challenge"),
      method: form.get("code_challenge_method"),
      expiresAt: Date.now() + scenario.oauth.grantTtlSeconds * 1000,
    });
    redirect(res, withParams(check.redirectUri, { code, state }));
  }

  type TokenOutcome = { status: number; body: Record<string, unknown>; headers?: Record<string, string> };

  function tokenError(error: string, status = 400): TokenOutcome {
    // RFC 6749 §5.2: invalid_client comes with WWW-Authenticate.
    return { status, body: { error }, headers: error === "invalid_client" ? { "WWW-Authenticate": 'Basic realm="oauth"' } : {} };
  }

  function clientCredentials(req: http.IncomingMessage, form: URLSearchParams): { id: string | null; secret: string | null } | TokenOutcome {
    const header = req.headers.authorization ?? "";
    const [scheme, param] = header.split(" ", 2);
    const bodyId = form.get("client_id");
    const bodySecret = form.get("client_secret");
    if (scheme?.toLowerCase() === "basic" && param) {
      // Only one client authentication method per request (RFC 6749 §2.3).
      if (bodyId || bodySecret) return tokenError("invalid_request");
      const decoded = Buffer.from(param.trim(), "base64").toString("utf8");
      if (!decoded.includes(":")) return tokenError("invalid_client", 401);
      const at = decoded.indexOf(":");
      return { id: decodeURIComponent(decoded.slice(0, at)), secret: decodeURIComponent(decoded.slice(at + 1)) };
    }
    return { id: bodyId, secret: bodySecret };
  }

  function issueTokens(record: TokenRecord): TokenOutcome {
    const user = findUser(record.userId)!;
    const expiresAt = record.expiresAt!;
    return {
      status: 200,
      body: {
        access_token: record.token,
        refresh_token: record.refreshToken,
        expires_in: Math.max(0, Math.round((expiresAt - Date.now()) / 1000)),
        expires_at: new Date(expiresAt).toISOString(),
        token_type: "Bearer",
        scope: record.scopes.join(" "),
        user: { id: user.id, name: user.name, email: user.email },
      },
    };
  }

  function tokenExchange(req: http.IncomingMessage, form: URLSearchParams): TokenOutcome {
    const grantType = form.get("grant_type");
    if (!grantType) return tokenError("invalid_request");
    if (grantType !== "authorization_code" && grantType !== "refresh_token") return tokenError("unsupported_grant_type");
    const creds = clientCredentials(req, form);
    if ("status" in creds) return creds;
    const client = scenario.oauthClients.find((c) => c.clientId === creds.id && c.clientSecret === creds.secret);
    if (!creds.id || !creds.secret || !client) return tokenError("invalid_client", 401);

    if (grantType === "authorization_code") {
      const grant = grants.get(form.get("code") ?? "");
      if (!grant || grant.clientId !== client.clientId) return tokenError("invalid_grant");
      grants.delete(grant.code); // single use, also when the exchange fails below
      if (Date.now() > grant.expiresAt) return tokenError("invalid_grant");
      const redirectUri = form.get("redirect_uri");
      if (redirectUri !== null && redirectUri !== grant.redirectUri) return tokenError("invalid_grant");
      if (grant.challenge) {
        const verifier = form.get("code_verifier") ?? "";
        const expected = createHash("sha256").update(verifier).digest("base64url");
        if (!verifier || expected !== grant.challenge) return tokenError("invalid_grant");
      }
      const record: TokenRecord = {
        kind: "oauth",
        token: newHex64(),
        userId: grant.userId,
        organization: null,
        scopes: grant.scopes,
        expiresAt: Date.now() + accessTokenTtlSeconds * 1000,
        refreshToken: newHex64(),
        clientId: client.clientId,
      };
      tokens.set(record.token, record);
      refreshTokens.set(record.refreshToken!, record);
      return issueTokens(record);
    }

    const refreshToken = form.get("refresh_token");
    if (!refreshToken) return tokenError("invalid_request");
    const record = refreshTokens.get(refreshToken);
    if (!record || record.clientId !== client.clientId) return tokenError("invalid_grant");
    // RFC 6749 §6: a refresh may repeat the scopes (OAuth clients such as arctic do), never widen them.
    const asked = (form.get("scope") ?? "").split(/\s+/).filter(Boolean);
    if (asked.some((scope) => !record.scopes.includes(scope))) return tokenError("invalid_scope");
    // ApiToken.refresh(): new access token and new refresh token; the old ones stop working.
    tokens.delete(record.token);
    refreshTokens.delete(refreshToken);
    record.token = newHex64();
    record.refreshToken = newHex64();
    record.expiresAt = Date.now() + accessTokenTtlSeconds * 1000;
    tokens.set(record.token, record);
    refreshTokens.set(record.refreshToken, record);
    return issueTokens(record);
  }

  // ----- in-process control methods ----------------------------------------------

  function adoptFeature(orgRef: string, projectRef: string, patch: ProjectPatch) {
    const org = findOrg(orgRef);
    const project = org && findProject(org, projectRef);
    if (!org || !project) throw new Error(`No project ${orgRef}/${projectRef} in the fake`);
    applyPatch(project, patch);
    const user = findUser(scenario.demoUserId);
    return projectSummary({ origin: "", user, member: activeMember(org, user?.id ?? null) }, org, project);
  }

  function createToken(input: CreateTokenInput) {
    const userId = input.userId ?? scenario.demoUserId;
    if (!findUser(userId)) throw new Error(`Unknown user ${userId}`);
    for (const s of input.scopes) if (!KNOWN_SCOPES.has(s)) throw new Error(`Unknown scope ${s}`);
    const token = input.token ?? `sntryu_${newHex64()}`;
    if (!USER_TOKEN_RE.test(token)) throw new Error("A user token is sntryu_ + 64 lowercase hex (or 64 hex)");
    const expiresAt = input.expiresAt ? Date.parse(input.expiresAt) : null;
    if (expiresAt !== null && Number.isNaN(expiresAt)) throw new Error("expiresAt must be an ISO date");
    tokens.set(token, { kind: "user", token, userId, organization: null, scopes: [...input.scopes], expiresAt, refreshToken: null, clientId: null });
    return token;
  }

  function revokeToken(token: string) {
    const record = tokens.get(token);
    if (!record) return false;
    tokens.delete(token);
    if (record.refreshToken) refreshTokens.delete(record.refreshToken);
    return true;
  }

  function setRateLimit(limits: Partial<RateLimitSettings>) {
    for (const [k, v] of Object.entries(limits)) {
      if (k === "enforceConcurrent" ? typeof v !== "boolean" : !(typeof v === "number" && v > 0)) throw new Error(`Invalid rate limit setting ${k}`);
    }
    rateLimit = { ...rateLimit, ...limits };
    windows.clear();
    return { ...rateLimit };
  }

  function injectFault(fault: FaultSpec) {
    if (!fault.path) throw new Error("A fault needs a path");
    faults.push({ ...fault, times: fault.times ?? 1 });
  }

  function expireOAuthAccessTokens() {
    let n = 0;
    for (const record of tokens.values()) {
      if (record.kind === "oauth") {
        record.expiresAt = Date.now() - 1000;
        n++;
      }
    }
    return n;
  }

  // ----- control API under /__fake/ ------------------------------------------------

  async function handleControl(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
    const method = req.method ?? "GET";
    const path = url.pathname.replace(/\/+$/, "");
    const body = async () => {
      const text = await readBody(req);
      return (text ? JSON.parse(text) : {}) as Record<string, unknown>;
    };
    try {
      let m: RegExpExecArray | null;
      if ((m = /^\/__fake\/projects\/([^/]+)\/([^/]+)$/.exec(path)) && method === "POST") {
        return sendJson(res, 200, adoptFeature(decodeURIComponent(m[1]), decodeURIComponent(m[2]), (await body()) as ProjectPatch));
      }
      if (path === "/__fake/tokens" && method === "POST") {
        const input = (await body()) as CreateTokenInput;
        const token = createToken(input);
        const record = tokens.get(token)!;
        return sendJson(res, 201, { token, userId: record.userId, scopes: record.scopes, expiresAt: record.expiresAt ? new Date(record.expiresAt).toISOString() : null });
      }
      if ((m = /^\/__fake\/tokens\/([^/]+)$/.exec(path)) && method === "DELETE") {
        return revokeToken(decodeURIComponent(m[1])) ? (res.writeHead(204), res.end()) : sendJson(res, 404, { error: "unknown token" });
      }
      if (path === "/__fake/reset" && method === "POST") {
        reset();
        return sendJson(res, 200, { ok: true });
      }
      if (path === "/__fake/calls" && method === "GET") return sendJson(res, 200, callLog);
      if (path === "/__fake/calls" && method === "DELETE") {
        callLog = [];
        return (res.writeHead(204), res.end());
      }
      if (path === "/__fake/rate-limit" && method === "POST") return sendJson(res, 200, setRateLimit((await body()) as Partial<RateLimitSettings>));
      if (path === "/__fake/faults" && method === "POST") {
        const input = await body();
        for (const fault of Array.isArray(input) ? input : [input]) injectFault(fault as FaultSpec);
        return sendJson(res, 201, { faults: faults.length });
      }
      if (path === "/__fake/faults" && method === "DELETE") {
        faults = [];
        return (res.writeHead(204), res.end());
      }
      if (path === "/__fake/oauth/expire-access-tokens" && method === "POST") return sendJson(res, 200, { expired: expireOAuthAccessTokens() });
      if (path === "/__fake/scenario" && method === "GET") return sendJson(res, 200, scenario);
      return sendJson(res, 404, { error: `No control endpoint ${method} ${url.pathname}` });
    } catch (error) {
      return sendJson(res, 400, { error: error instanceof Error ? error.message : String(error) });
    }
  }

  // ----- HTTP server ------------------------------------------------------------------

  const server = http.createServer(async (req, res) => {
    const started = Date.now();
    const url = new URL(req.url ?? "/", "http://fake-sentry.local");
    const log = (status: number, template: string | null) => {
      const token = bearerToken(req);
      callLog.push({
        at: new Date(started).toISOString(),
        method: req.method ?? "GET",
        path: url.pathname,
        template,
        query: queryObject(url.searchParams),
        status,
        token: token ? fingerprint(token) : null,
        durationMs: Date.now() - started,
      });
      if (callLog.length > MAX_CALLS * 1.1) callLog = callLog.slice(-MAX_CALLS);
    };
    try {
      if (url.pathname.startsWith("/__fake/")) return await handleControl(req, res, url);
      if (url.pathname === "/oauth/authorize/" || url.pathname === "/oauth/authorize") {
        if (req.method === "POST") {
          const form = new URLSearchParams(await readBody(req));
          authorizeDecision(form, res);
        } else authorizePage(url.searchParams, res);
        return log(res.statusCode, "/oauth/authorize/");
      }
      if ((url.pathname === "/oauth/token/" || url.pathname === "/oauth/token") && req.method === "POST") {
        const form = new URLSearchParams(await readBody(req));
        const fault = takeFault("POST", url.pathname, "/oauth/token/");
        if (fault?.delayMs) await delay(fault.delayMs);
        const outcome = fault?.status ? { status: fault.status, body: (fault.body ?? { error: "server_error" }) as Record<string, unknown> } : tokenExchange(req, form);
        log(outcome.status, "/oauth/token/");
        return sendJson(res, outcome.status, outcome.body, { ...NO_CACHE, ...("headers" in outcome ? outcome.headers : {}) });
      }
      if (url.pathname.startsWith("/api/0/") || url.pathname === "/api/0") return await handleApi(req, res, url, log);
      log(404, null);
      sendJson(res, 404, NOT_FOUND);
    } catch (error) {
      log(500, null);
      if (!res.headersSent) sendJson(res, 500, { detail: "Internal Error", error: String(error) });
      else res.end();
    }
  });

  const listening = await listen(server, options.port ?? 0, options.host ?? "127.0.0.1");
  const client = original.oauthClients[0];
  const tokenNames: Record<string, string> = Object.fromEntries([
    ...original.tokens.map((t) => [t.name, t.token]),
    ...original.orgTokens.map((t) => [t.name, t.token]),
  ]);

  return {
    ...listening,
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await listening.close();
    },
    get scenario() {
      return scenario;
    },
    env: {
      SENTRY_URL: listening.url,
      ...(client ? { SENTRY_CLIENT_ID: client.clientId, SENTRY_CLIENT_SECRET: client.clientSecret } : {}),
    },
    tokens: tokenNames,
    calls: () => [...callLog],
    clearCalls: () => {
      callLog = [];
    },
    adoptFeature,
    createToken,
    revokeToken,
    reset,
    setRateLimit,
    injectFault,
    clearFaults: () => {
      faults = [];
    },
    expireOAuthAccessTokens,
  };
}

// ---------------------------------------------------------------------------
// Helpers (pure)
// ---------------------------------------------------------------------------

function route(template: string, scopes: readonly string[] | null, handler: Route["handler"]): Route {
  const pattern = template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{(\w+)\}/g, "(?<$1>[^/]+)");
  return { template, regex: new RegExp(`^${pattern}$`), scopes, handler };
}

function matchRoute(routes: Route[], pathname: string) {
  for (const r of routes) {
    const m = r.regex.exec(pathname);
    if (m) return { route: r, params: Object.fromEntries(Object.entries(m.groups ?? {}).map(([k, v]) => [k, decodeURIComponent(v)])) };
  }
  return null;
}

function faultMatches(pattern: string, pathname: string, template: string | null) {
  if (pattern === template) return true;
  const regex = new RegExp(`^${pattern.replace(/[.+?^$()|[\]\\{}]/g, "\\$&").replace(/\*/g, ".*")}$`);
  return regex.test(pathname);
}

/** Detectors and workflows list by id when no sortBy is given. */
function byNumericId(a: { id: string }, b: { id: string }) {
  return Number(a.id) - Number(b.id);
}

function originOf(req: http.IncomingMessage) {
  const socket = req.socket;
  return `http://${req.headers.host ?? `${socket.localAddress}:${socket.localPort}`}`;
}

/**
 * Sentry's offset pagination: `per_page` (default and max 100) and `cursor`
 * `value:offset:is_prev`; `Link` header as in SOURCES (docs/api/pagination.mdx) and
 * Endpoint.build_cursor_link (other query params kept, `?&cursor=` when there are none).
 */
function paginate(url: URL, origin: string, rows: unknown[]): { rows: unknown[]; link: string } | { error: string } {
  const rawPerPage = url.searchParams.get("per_page");
  let perPage = 100;
  if (rawPerPage !== null) {
    if (!/^\s*[+-]?\d+\s*$/.test(rawPerPage)) return { error: "Invalid per_page parameter." };
    perPage = Number.parseInt(rawPerPage, 10);
    if (perPage > 100) return { error: "Invalid per_page value. Cannot exceed 100." };
    if (perPage < 1) return { error: "Invalid per_page parameter." };
  }
  let offset = 0;
  const rawCursor = url.searchParams.get("cursor");
  if (rawCursor !== null) {
    const m = /^(-?\d+(?:\.\d+)?):(\d+):([01])$/.exec(rawCursor);
    if (!m) return { error: "Invalid cursor parameter." };
    offset = Number(m[2]);
  }
  const page = rows.slice(offset, offset + perPage);
  const others = new URLSearchParams(url.searchParams);
  others.delete("cursor");
  const qs = others.toString();
  const base = `${origin}${url.pathname}?${qs}`;
  const prev = `0:${Math.max(0, offset - perPage)}:1`;
  const next = `0:${offset + perPage}:0`;
  const part = (cursor: string, rel: string, has: boolean) => `<${base}&cursor=${cursor}>; rel="${rel}"; results="${has}"; cursor="${cursor}"`;
  return { rows: page, link: `${part(prev, "previous", offset > 0)}, ${part(next, "next", offset + perPage < rows.length)}` };
}

/** `frontend@1.0.0` → versionInfo as in organizations-org-releases.json. */
function versionInfo(version: string) {
  const at = version.indexOf("@");
  const pkg = at > 0 ? version.slice(0, at) : null;
  const raw = at > 0 ? version.slice(at + 1) : version;
  const semver = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+([0-9A-Za-z.-]+))?$/.exec(raw);
  const isHash = /^[0-9a-f]{40}$/.test(raw);
  return {
    short: isHash ? `${pkg ? `${pkg}@` : ""}${raw.slice(0, 12)}` : version,
    versionInfo: {
      package: pkg,
      version: semver
        ? { raw, major: Number(semver[1]), minor: Number(semver[2]), patch: Number(semver[3]), pre: semver[4] ?? null, buildCode: semver[5] ?? null, components: 3 }
        : { raw },
      description: isHash ? raw.slice(0, 12) : raw,
      buildHash: isHash ? raw : null,
    },
  };
}

/** Add query params to a redirect URI, keeping its own; null values are left out. */
function withParams(uri: string, params: Record<string, string | null>) {
  const url = new URL(uri);
  for (const [k, v] of Object.entries(params)) if (v !== null) url.searchParams.set(k, v);
  return url.toString();
}

function redirectAllowed(client: ScenarioOAuthClient, uri: string) {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return false;
  }
  // Sentry accepts a registered redirect URI or a URI it is a prefix of.
  if (client.redirectUris.some((r) => uri === r || uri.startsWith(r))) return true;
  return client.allowedRedirectOrigins.some((pattern) => {
    const regex = new RegExp(`^${pattern.replace(/[.+?^$()|[\]\\{}/]/g, "\\$&").replace(/\*/g, "\\d+")}$`);
    return regex.test(url.origin);
  });
}

function applyPatch(project: ScenarioProject, patch: ProjectPatch) {
  const flags = new Set<string>([...PROJECT_FLAGS, "isBookmarked"]);
  const lists = new Set(["platforms", "environments", "features"]);
  for (const [key, value] of Object.entries(patch)) {
    if (flags.has(key)) {
      if (typeof value !== "boolean") throw new Error(`${key} must be a boolean`);
    } else if (lists.has(key)) {
      if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) throw new Error(`${key} must be a list of strings`);
    } else if (key === "firstEvent") {
      if (!(value === null || value === true || (typeof value === "string" && !Number.isNaN(Date.parse(value))))) throw new Error("firstEvent must be an ISO date, true or null");
    } else if (key === "latestRelease" || key === "name") {
      if (!(typeof value === "string" || (key === "latestRelease" && value === null))) throw new Error(`${key} must be a string`);
    } else {
      throw new Error(`Unknown project field ${key}`);
    }
  }
  const { firstEvent, ...rest } = patch;
  Object.assign(project, rest);
  if (firstEvent !== undefined) project.firstEvent = firstEvent === true ? new Date().toISOString() : firstEvent;
}

function queryObject(params: URLSearchParams) {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    out[key] = values.length === 1 ? values[0] : values;
  }
  return out;
}

function errorPage(res: http.ServerResponse, message: string) {
  res.writeHead(400, { "Content-Type": "text/html; charset=utf-8" });
  res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Error · Sentry (local fake)</title></head><body><main><h1>Authorization error</h1><p>${escapeHtml(message)}</p></main></body></html>`);
}

function redirect(res: http.ServerResponse, location: string) {
  res.writeHead(302, { Location: location });
  res.end();
}
