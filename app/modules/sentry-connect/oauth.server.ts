/**
 * "Connect with Sentry": OAuth authorization code with state and PKCE S256 through
 * remix-auth-oauth2, scopes org:read and project:read only. Sentry rotates both
 * tokens on refresh (SOURCES.md), so every refresh stores the new pair.
 */
import { Authenticator } from "remix-auth";
import { OAuth2Strategy } from "remix-auth-oauth2";
import { appUrl, getEnv } from "~/utils/env.server.ts";

export const SENTRY_SCOPES = ["org:read", "project:read"];

export type SentryTokens = {
  accessToken: string;
  refreshToken: string | null;
  expiresAt: Date | null;
  scopes: string[];
  user: { name?: string; email?: string } | null;
};

/** The cookie holding the state and PKCE verifier while the user is on Sentry. */
const STATE_COOKIE = { name: "oauth2_sentry", path: "/api/sentry" };

export function sentryOAuthConfigured(): boolean {
  const env = getEnv();
  return Boolean(env.SENTRY_CLIENT_ID && env.SENTRY_CLIENT_SECRET);
}

function toTokens(tokens: { accessToken(): string; hasRefreshToken(): boolean; refreshToken(): string; data: object }): SentryTokens {
  const data = tokens.data as {
    expires_in?: number;
    expires_at?: string;
    scope?: string;
    user?: { name?: string; email?: string };
  };
  const expiresAt = data.expires_at ? new Date(data.expires_at) : data.expires_in ? new Date(Date.now() + data.expires_in * 1000) : null;
  return {
    accessToken: tokens.accessToken(),
    refreshToken: tokens.hasRefreshToken() ? tokens.refreshToken() : null,
    expiresAt: expiresAt && !Number.isNaN(expiresAt.getTime()) ? expiresAt : null,
    scopes: (data.scope ?? SENTRY_SCOPES.join(" ")).split(/[\s,]+/).filter(Boolean),
    user: data.user ?? null,
  };
}

let strategy: OAuth2Strategy<SentryTokens> | undefined;
let authenticator: Authenticator<SentryTokens> | undefined;

function getStrategy(): OAuth2Strategy<SentryTokens> {
  if (strategy) return strategy;
  const env = getEnv();
  if (!env.SENTRY_CLIENT_ID || !env.SENTRY_CLIENT_SECRET) throw new Error("Sentry OAuth is not configured");
  const base = env.SENTRY_URL.replace(/\/$/, "");
  strategy = new OAuth2Strategy<SentryTokens>(
    {
      cookie: {
        ...STATE_COOKIE,
        httpOnly: true,
        sameSite: "Lax",
        maxAge: 600,
        ...(appUrl().startsWith("https:") ? { secure: true } : {}),
      },
      clientId: env.SENTRY_CLIENT_ID,
      clientSecret: env.SENTRY_CLIENT_SECRET,
      authorizationEndpoint: `${base}/oauth/authorize/`,
      tokenEndpoint: `${base}/oauth/token/`,
      redirectURI: `${appUrl()}/api/sentry/callback`,
      scopes: SENTRY_SCOPES,
    },
    async ({ tokens }) => toTokens(tokens)
  );
  return strategy;
}

export function sentryAuthenticator(): Authenticator<SentryTokens> {
  if (!authenticator) {
    authenticator = new Authenticator<SentryTokens>();
    authenticator.use(getStrategy(), "sentry");
  }
  return authenticator;
}

/** Exchanges a refresh token for a new pair (Sentry rotates both). */
export async function refreshSentryTokens(refreshToken: string): Promise<SentryTokens> {
  return toTokens(await getStrategy().refreshToken(refreshToken));
}

export function clearSentryStateCookie() {
  return `${STATE_COOKIE.name}=; Path=${STATE_COOKIE.path}; Max-Age=0; HttpOnly; SameSite=Lax`;
}
