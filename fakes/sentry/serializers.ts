/**
 * The fake Sentry's JSON shapes, copied from shared/reference/sentry examples:
 * pure functions of the scenario and of who is looking (the Viewer).
 */
import { createHash } from "node:crypto";
import { PROJECT_FLAGS, type OrgRole, type ProjectFlag, type ScenarioDetector, type ScenarioMember, type ScenarioOrganization, type ScenarioProject, type ScenarioRelease, type ScenarioUser } from "./scenario-types.ts";
import type { FakeSentryState } from "./state.ts";

/** Who is looking: decides `isMember`, `access` and the URLs in `links`. */
export type Viewer = { origin: string; user: ScenarioUser | null; member: ScenarioMember | null };

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

export type Serializers = ReturnType<typeof createSerializers>;

export function createSerializers({ findUser, findProject }: Pick<FakeSentryState, "findUser" | "findProject">) {
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

  return { viewerScopes, orgLinks, orgSummary, orgDetail, orgEmbedded, projectSummary, projectBase, projectDetail, userJson, memberJson, teamJson, releaseJson, monitorJson, detectorJson, workflowJson, integrationJson };
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
