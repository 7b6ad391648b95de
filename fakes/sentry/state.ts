/**
 * The fake Sentry's mutable state: the live scenario (changed by adoptFeature,
 * replaced by reset), tokens and OAuth grants, rate-limit windows, injected
 * faults and the request log; and the rules that read it directly
 * (authentication, rate limits, faults) and the in-process control methods.
 */
import { createHash, randomBytes } from "node:crypto";
import type http from "node:http";
import type { ProjectFlag, RateLimitSettings, Scenario, ScenarioOrganization, ScenarioUser } from "./scenario-types.ts";
import { cloneScenario, KNOWN_SCOPES, loadScenario, USER_TOKEN_RE } from "./scenario.ts";

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

// ---------------------------------------------------------------------------
// Internal state
// ---------------------------------------------------------------------------

type TokenKind = "user" | "oauth" | "org";
export type TokenRecord = {
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
export type Grant = { code: string; clientId: string; userId: string; redirectUri: string; scopes: string[]; challenge: string | null; method: string | null; expiresAt: number };
export type ActiveFault = Required<Pick<FaultSpec, "path" | "times">> & Omit<FaultSpec, "path" | "times">;
export type Window = { bucket: number; count: number };
export type Auth = { record: TokenRecord; user: ScenarioUser | null };

/** The request log keeps the most recent calls only (benchmarks make many). */
const MAX_CALLS = 10_000;

export const fingerprint = (token: string) => createHash("sha256").update(token).digest("hex").slice(0, 12);
export const newHex64 = () => randomBytes(32).toString("hex");

export type FakeSentryState = ReturnType<typeof createState>;

export function createState(options: FakeSentryOptions) {
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

  // ----- in-process control methods ----------------------------------------------

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

  // ----- the request log ---------------------------------------------------------

  function logCall(call: CallLog) {
    callLog.push(call);
    if (callLog.length > MAX_CALLS * 1.1) callLog = callLog.slice(-MAX_CALLS);
  }

  return {
    original,
    accessTokenTtlSeconds,
    tokens,
    refreshTokens,
    grants,
    timers,
    get scenario() {
      return scenario;
    },
    get faults(): readonly ActiveFault[] {
      return faults;
    },
    get callLog(): readonly CallLog[] {
      return callLog;
    },
    reset,
    findUser,
    findOrg,
    findProject,
    activeMember,
    authenticate,
    bearerToken,
    checkRateLimit,
    rateLimitBody,
    takeFault,
    delay,
    createToken,
    revokeToken,
    setRateLimit,
    injectFault,
    expireOAuthAccessTokens,
    logCall,
    clearCalls: () => {
      callLog = [];
    },
    clearFaults: () => {
      faults = [];
    },
  };
}

function faultMatches(pattern: string, pathname: string, template: string | null) {
  if (pattern === template) return true;
  const regex = new RegExp(`^${pattern.replace(/[.+?^$()|[\]\\{}]/g, "\\$&").replace(/\*/g, ".*")}$`);
  return regex.test(pathname);
}
