/**
 * The fake Sentry's REST API: the routes table (one entry per endpoint the app
 * uses, with its scopes) and the dispatch in front of it, in Sentry's order:
 * faults, rate limits, authentication, scopes, organization and project lookups,
 * then the handler, paginated with `Link` cursors.
 */
import http from "node:http";
import { sendJson } from "../http.ts";
import type { ScenarioOrganization, ScenarioProject } from "./scenario-types.ts";
import type { Serializers, Viewer } from "./serializers.ts";
import { fingerprint, type Auth, type FakeSentryState } from "./state.ts";

export const NOT_FOUND = { detail: "The requested resource does not exist" };
const FORBIDDEN = { detail: "You do not have permission to perform this action." };
const NOT_AUTHENTICATED = { detail: "Authentication credentials were not provided." };

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

export function createApi(state: FakeSentryState, serializers: Serializers) {
  const { findOrg, findProject, activeMember, takeFault, delay, bearerToken, checkRateLimit, rateLimitBody, authenticate } = state;
  const { orgSummary, orgDetail, projectSummary, projectDetail, releaseJson, monitorJson, detectorJson, workflowJson, integrationJson, teamJson, memberJson, userJson } = serializers;

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
      const rows = state.scenario.organizations
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

  return { handleApi };
}

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
