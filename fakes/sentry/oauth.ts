/**
 * The fake Sentry's OAuth 2.0 authorization server: the consent page
 * (/oauth/authorize/, works without JavaScript) and the token endpoint
 * (/oauth/token/: authorization_code with PKCE S256, rotating refresh_token).
 */
import { createHash } from "node:crypto";
import type http from "node:http";
import { escapeHtml } from "../http.ts";
import type { ScenarioOAuthClient } from "./scenario-types.ts";
import { KNOWN_SCOPES } from "./scenario.ts";
import { newHex64, type FakeSentryState, type TokenRecord } from "./state.ts";

/** never_cache on Sentry's OAuth token view. */
export const NO_CACHE = { "Cache-Control": "max-age=0, no-cache, no-store, must-revalidate, private" };

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

export function createOAuth(fake: FakeSentryState) {
  const { grants, tokens, refreshTokens, accessTokenTtlSeconds, findUser } = fake;

  // ----- OAuth [SOURCES: src/sentry/web/frontend/oauth_token.py] -----------------

  type AuthorizeCheck =
    | { ok: true; client: ScenarioOAuthClient; redirectUri: string; scopes: string[] }
    | { ok: false; page: string }
    | { ok: false; redirect: string };

  function checkAuthorize(params: URLSearchParams): AuthorizeCheck {
    const client = fake.scenario.oauthClients.find((c) => c.clientId === params.get("client_id"));
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
    const user = findUser(fake.scenario.demoUserId)!;
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
      userId: fake.scenario.demoUserId,
      redirectUri: check.redirectUri,
      scopes: check.scopes,
      challenge: form.get("code_challenge"),
      method: form.get("code_challenge_method"),
      expiresAt: Date.now() + fake.scenario.oauth.grantTtlSeconds * 1000,
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
    const client = fake.scenario.oauthClients.find((c) => c.clientId === creds.id && c.clientSecret === creds.secret);
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

  return { authorizePage, authorizeDecision, tokenExchange };
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

function errorPage(res: http.ServerResponse, message: string) {
  res.writeHead(400, { "Content-Type": "text/html; charset=utf-8" });
  res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Error · Sentry (local fake)</title></head><body><main><h1>Authorization error</h1><p>${escapeHtml(message)}</p></main></body></html>`);
}

function redirect(res: http.ServerResponse, location: string) {
  res.writeHead(302, { Location: location });
  res.end();
}
