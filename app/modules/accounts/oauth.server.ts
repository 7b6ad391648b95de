/**
 * "Sign in with GitHub / Google" through remix-auth-oauth2 (authorization code
 * with state and PKCE S256). Endpoints come from the environment, so tests and
 * the demo point them at the local fake provider (fakes/oauth-provider.ts).
 */
import { createCookie } from "@remix-run/node";
import { Authenticator } from "remix-auth";
import { OAuth2Strategy } from "remix-auth-oauth2";
import { prisma } from "~/utils/db.server.ts";
import { appUrl, getEnv } from "~/utils/env.server.ts";
import { normalizeEmail } from "./accounts.server.ts";
import { linkIdentity, requestIdentityLink, sendVerificationEmail } from "./verification.server.ts";

const OAUTH_PROVIDERS = ["github", "google"] as const;
export type OAuthProvider = (typeof OAUTH_PROVIDERS)[number];
export const PROVIDER_LABELS: Record<OAuthProvider, string> = { github: "GitHub", google: "Google" };

export type OAuthProfile = { provider: OAuthProvider; providerUserId: string; email: string; name: string; emailVerified: boolean };

export class OAuthProfileError extends Error {}

export function isOAuthProvider(value: string | undefined): value is OAuthProvider {
  return (OAUTH_PROVIDERS as readonly string[]).includes(value ?? "");
}

export function configuredProviders(): OAuthProvider[] {
  const env = getEnv();
  return OAUTH_PROVIDERS.filter((p) =>
    p === "github" ? env.GITHUB_CLIENT_ID && env.GITHUB_CLIENT_SECRET : env.GOOGLE_CLIENT_ID && env.GOOGLE_CLIENT_SECRET,
  );
}

async function getJson(url: string, accessToken: string) {
  const response = await fetch(url, {
    headers: { Authorization: `Bearer ${accessToken}`, Accept: "application/json", "User-Agent": "sentry-academy" },
  });
  if (!response.ok) throw new OAuthProfileError(`profile request failed with ${response.status}`);
  return response.json();
}

async function githubProfile(accessToken: string): Promise<OAuthProfile> {
  const api = getEnv().GITHUB_API_URL.replace(/\/$/, "");
  const user = (await getJson(`${api}/user`, accessToken)) as { id: number; login: string; name: string | null; email: string | null };
  const emails = (await getJson(`${api}/user/emails`, accessToken)) as { email: string; primary: boolean; verified: boolean }[];
  const primary = emails.find((e) => e.primary && e.verified) ?? emails.find((e) => e.verified);
  if (!primary) throw new OAuthProfileError("Your GitHub account has no verified email address.");
  return { provider: "github", providerUserId: String(user.id), email: primary.email, name: user.name ?? user.login, emailVerified: true };
}

async function googleProfile(accessToken: string): Promise<OAuthProfile> {
  const info = (await getJson(getEnv().GOOGLE_USERINFO_URL, accessToken)) as { sub: string; email?: string; email_verified?: boolean; name?: string };
  if (!info.email) throw new OAuthProfileError("Your Google account did not share an email address.");
  return { provider: "google", providerUserId: info.sub, email: info.email, name: info.name ?? info.email.split("@")[0], emailVerified: info.email_verified === true };
}

let authenticator: Authenticator<OAuthProfile> | undefined;

export function getAuthenticator(): Authenticator<OAuthProfile> {
  if (authenticator) return authenticator;
  const env = getEnv();
  const auth = new Authenticator<OAuthProfile>();
  const cookie = (provider: OAuthProvider) => ({
    ...stateCookie(provider),
    httpOnly: true as const,
    sameSite: "Lax" as const,
    maxAge: 600,
    ...(appUrl().startsWith("https:") ? { secure: true as const } : {}),
  });
  if (env.GITHUB_CLIENT_ID && env.GITHUB_CLIENT_SECRET) {
    auth.use(
      new OAuth2Strategy(
        {
          cookie: cookie("github"),
          clientId: env.GITHUB_CLIENT_ID,
          clientSecret: env.GITHUB_CLIENT_SECRET,
          authorizationEndpoint: env.GITHUB_AUTHORIZE_URL,
          tokenEndpoint: env.GITHUB_TOKEN_URL,
          redirectURI: `${appUrl()}/auth/github/callback`,
          scopes: ["read:user", "user:email"],
        },
        ({ tokens }) => githubProfile(tokens.accessToken()),
      ),
      "github",
    );
  }
  if (env.GOOGLE_CLIENT_ID && env.GOOGLE_CLIENT_SECRET) {
    auth.use(
      new OAuth2Strategy(
        {
          cookie: cookie("google"),
          clientId: env.GOOGLE_CLIENT_ID,
          clientSecret: env.GOOGLE_CLIENT_SECRET,
          authorizationEndpoint: env.GOOGLE_AUTHORIZE_URL,
          tokenEndpoint: env.GOOGLE_TOKEN_URL,
          redirectURI: `${appUrl()}/auth/google/callback`,
          scopes: ["openid", "email", "profile"],
        },
        ({ tokens }) => googleProfile(tokens.accessToken()),
      ),
      "google",
    );
  }
  authenticator = auth;
  return auth;
}

/** The cookie header that clears the provider's state/PKCE cookie after the callback. */
export function clearOAuthStateCookie(provider: OAuthProvider) {
  const { name, path } = stateCookie(provider);
  return `${name}=; Path=${path}; Max-Age=0; HttpOnly; SameSite=Lax`;
}

/** Where remix-auth-oauth2 keeps the state and PKCE verifier of a sign-in in progress. */
function stateCookie(provider: OAuthProvider) {
  return { name: `oauth2_${provider}`, path: "/auth" };
}

export type OAuthOutcome =
  | { kind: "signed-in"; user: { id: string; email: string; name: string } }
  | { kind: "linked"; user: { id: string; email: string; name: string } }
  | { kind: "link-sent"; email: string };

/**
 * What a completed "Sign in with GitHub/Google" does (docs/auth.md):
 * - the identity is already connected: sign in as its account;
 * - the browser asked to connect it from the account page (`link`, still signed in to
 *   that account): connect it, end the account's other sessions, revoke its API tokens;
 * - an account has the same address: connect nothing (an address match proves nothing
 *   about who owns the account) but email the account a link that connects it;
 * - otherwise: a new student account, verified if the provider verified the address.
 */
export async function resolveOAuthSignIn(
  profile: OAuthProfile,
  link?: { userId: string; sessionId: string },
): Promise<OAuthOutcome> {
  const select = { id: true, email: true, name: true } as const;
  const label = PROVIDER_LABELS[profile.provider];
  const identity = { provider: profile.provider, providerUserId: profile.providerUserId, email: profile.email, label };
  if (link) {
    const user = await prisma.$transaction(async (tx) => {
      await linkIdentity(tx, link.userId, identity, link.sessionId);
      return tx.user.findUniqueOrThrow({ where: { id: link.userId }, select });
    });
    return { kind: "linked", user };
  }
  const known = await prisma.oAuthIdentity.findUnique({
    where: { provider_providerUserId: { provider: profile.provider, providerUserId: profile.providerUserId } },
    select: { user: { select } },
  });
  if (known) return { kind: "signed-in", user: known.user };
  const email = normalizeEmail(profile.email);
  const existing = await prisma.user.findUnique({ where: { email }, select });
  if (existing) {
    await requestIdentityLink(existing, identity);
    return { kind: "link-sent", email };
  }
  try {
    const user = await prisma.user.create({
      data: {
        email,
        name: profile.name.slice(0, 80),
        emailVerifiedAt: profile.emailVerified ? new Date() : null,
        identities: { create: { provider: profile.provider, providerUserId: profile.providerUserId, email } },
      },
      select,
    });
    if (!profile.emailVerified) await sendVerificationEmail(user);
    return { kind: "signed-in", user };
  } catch (error) {
    // The same identity or address signing up twice at once: the other request won.
    if (error instanceof Error && "code" in error && error.code === "P2002") {
      throw new OAuthProfileError(`Sign-in with ${label} didn't complete. Please try again.`);
    }
    throw error;
  }
}

let returnCookie: ReturnType<typeof createCookie> | undefined;
/**
 * Where to go after the provider sends the user back, and, when the account page started
 * the flow to connect the identity, which account asked (a signed, 10-minute cookie).
 */
export type OAuthReturn = { to: string; link?: string };

export async function readOAuthReturn(request: Request): Promise<OAuthReturn> {
  const value: unknown = await oauthReturnCookie().parse(request.headers.get("Cookie"));
  if (typeof value === "string") return { to: value };
  if (value && typeof value === "object" && "to" in value && typeof value.to === "string") {
    const link = "link" in value && typeof value.link === "string" ? value.link : undefined;
    return { to: value.to, link };
  }
  return { to: "" };
}

export function oauthReturnCookie() {
  returnCookie ??= createCookie("oauth_return", {
    httpOnly: true,
    sameSite: "lax",
    path: "/auth",
    maxAge: 600,
    secure: appUrl().startsWith("https:"),
    secrets: getEnv().SESSION_SECRET,
  });
  return returnCookie;
}
