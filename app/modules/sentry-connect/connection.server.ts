/**
 * A learner's Sentry connection: saving tokens (encrypted), handing a usable
 * access token to the sync (refreshing OAuth tokens before they expire), the
 * audit log of API calls, disconnect and export.
 *
 * Tokens are decrypted only here, at the moment of a call; they never leave the
 * server, never go into a log line or an error message.
 */
import { prisma } from "~/utils/db.server.ts";
import { decrypt, encrypt, encryptionConfigured } from "~/utils/encryption.server.ts";
import { createSentryClient, SentryApiError, type ApiCall, type SentryIndex, type SentryOrganizationSummary } from "./client.server.ts";
import { SENTRY_SYNC_QUEUE } from "./queue.server.ts";
import { refreshSentryTokens, sentryOAuthConfigured, type SentryTokens } from "./oauth.server.ts";

export { sentryOAuthConfigured };

/** Whether Sentry Connect can run at all here, and if not, what to configure. */
export function connectAvailability(): { ok: true } | { ok: false; message: string } {
  if (!encryptionConfigured()) {
    return {
      ok: false,
      message: "Sentry Connect is switched off on this server: an administrator needs to set ENCRYPTION_KEY so tokens can be stored encrypted.",
    };
  }
  return { ok: true };
}

const tokenContext = (userId: string, which: "access" | "refresh") => `sentry-${which}:${userId}`;

export function getConnection(userId: string) {
  return prisma.sentryConnection.findUnique({ where: { userId } });
}

export type Connection = NonNullable<Awaited<ReturnType<typeof getConnection>>>;

/** A client whose every call lands in the user's audit log. */
export function auditedClient(userId: string, token: string, options: { onCall?: (call: ApiCall) => void; baseUrl?: string } = {}) {
  return createSentryClient({
    token,
    baseUrl: options.baseUrl,
    onCall: async (call) => {
      options.onCall?.(call);
      await prisma.sentryApiCall.create({ data: { userId, ...call } });
    },
  });
}

const READ_SCOPES = [
  ["org:read", "org:write", "org:admin"],
  ["project:read", "project:write", "project:admin"],
];

export type TokenCheckResult = {
  user: { name: string | null; email: string | null };
  scopes: string[];
  organizations: SentryOrganizationSummary[];
};

/**
 * The live check of a pasted token: `GET /api/0/` (who is it, which scopes) then
 * the organizations list. Throws SentryApiError with a message for the user.
 */
export async function checkToken(userId: string, token: string): Promise<TokenCheckResult> {
  const client = auditedClient(userId, token);
  const index = await client.get<SentryIndex>("/api/0/");
  if (!index.auth) throw new SentryApiError("invalid_token", "Sentry did not accept the token.", 200, "/api/0/");
  const scopes = index.auth.scopes ?? [];
  const missing = READ_SCOPES.filter((group) => !group.some((s) => scopes.includes(s))).map((group) => group[0]);
  if (missing.length > 0) {
    throw new SentryApiError(
      "forbidden",
      `The token is missing the ${missing.join(" and ")} scope${missing.length > 1 ? "s" : ""}. Create a new token with org:read and project:read.`,
      200,
      "/api/0/"
    );
  }
  // Academy only reads (the seed's promise "read-only access"): a token that could also change
  // things in the user's Sentry is refused rather than stored (decision 020).
  const writes = scopes.filter((s) => !s.endsWith(":read"));
  if (writes.length > 0) {
    throw new SentryApiError(
      "forbidden",
      `The token can also change things in Sentry (${writes.join(", ")}). Academy only reads: create a token with read scopes only (org:read and project:read).`,
      200,
      "/api/0/"
    );
  }
  const organizations = (await client.all<SentryOrganizationSummary>("/api/0/organizations/?per_page=100")).map((o) => ({
    id: String(o.id),
    slug: o.slug,
    name: o.name,
  }));
  return {
    user: { name: index.user?.name ?? null, email: index.user?.email ?? null },
    scopes,
    organizations,
  };
}

export async function recordEvent(userId: string, kind: "connected" | "disconnected" | "adopted", extra: { method?: string; feature?: string } = {}) {
  await prisma.sentryConnectionEvent.create({
    data: { userId, kind, ...extra },
  });
}

export async function saveTokenConnection(userId: string, token: string, check: TokenCheckResult) {
  return saveConnection(userId, "TOKEN", {
    accessToken: token,
    refreshToken: null,
    expiresAt: null,
    scopes: check.scopes,
    user: {
      name: check.user.name ?? undefined,
      email: check.user.email ?? undefined,
    },
  });
}

export async function saveOAuthConnection(userId: string, tokens: SentryTokens) {
  return saveConnection(userId, "OAUTH", tokens);
}

async function saveConnection(userId: string, method: "TOKEN" | "OAUTH", tokens: SentryTokens) {
  const data = {
    method,
    status: "ACTIVE" as const,
    statusReason: null,
    accessTokenCipher: encrypt(tokens.accessToken, tokenContext(userId, "access")),
    refreshTokenCipher: tokens.refreshToken ? encrypt(tokens.refreshToken, tokenContext(userId, "refresh")) : null,
    tokenExpiresAt: tokens.expiresAt,
    scopes: tokens.scopes,
    sentryUserName: tokens.user?.name ?? null,
    sentryUserEmail: tokens.user?.email ?? null,
  };
  const existing = await getConnection(userId);
  const connection = await prisma.sentryConnection.upsert({
    where: { userId },
    create: { userId, ...data },
    update: data,
  });
  if (!existing) await recordEvent(userId, "connected", { method });
  return connection;
}

export class ReconnectNeeded extends Error {}

/** Refresh OAuth tokens this long before they expire. */
const REFRESH_MARGIN_MS = 5 * 60 * 1000;

/**
 * The plaintext access token for a call, refreshed (and rotated) first when an
 * OAuth token is about to expire. A failed refresh marks the connection
 * "needs reconnect" and throws ReconnectNeeded.
 */
export async function accessTokenFor(connection: Connection): Promise<string> {
  if (connection.status === "NEEDS_RECONNECT") throw new ReconnectNeeded(connection.statusReason ?? "Connect again to continue.");
  const expiring = connection.tokenExpiresAt && connection.tokenExpiresAt.getTime() - Date.now() < REFRESH_MARGIN_MS;
  if (connection.method !== "OAUTH" || !expiring) return decrypt(connection.accessTokenCipher, tokenContext(connection.userId, "access"));
  if (!connection.refreshTokenCipher) {
    await markNeedsReconnect(connection.userId, "Your Sentry authorization has expired. Connect again to renew it.");
    throw new ReconnectNeeded("expired");
  }
  const refreshToken = decrypt(connection.refreshTokenCipher, tokenContext(connection.userId, "refresh"));
  let tokens: SentryTokens;
  const started = Date.now();
  try {
    tokens = await refreshSentryTokens(refreshToken);
    await prisma.sentryApiCall.create({
      data: {
        userId: connection.userId,
        method: "POST",
        endpoint: "/oauth/token/ (refresh)",
        status: 200,
        durationMs: Date.now() - started,
      },
    });
  } catch (error) {
    const status = (error as { status?: number }).status ?? 400;
    await prisma.sentryApiCall.create({
      data: {
        userId: connection.userId,
        method: "POST",
        endpoint: "/oauth/token/ (refresh)",
        status,
        durationMs: Date.now() - started,
      },
    });
    await markNeedsReconnect(connection.userId, "Sentry refused to renew your authorization (it was revoked or expired). Connect again to continue.");
    throw new ReconnectNeeded("refresh failed");
  }
  await prisma.sentryConnection.update({
    where: { userId: connection.userId },
    data: {
      accessTokenCipher: encrypt(tokens.accessToken, tokenContext(connection.userId, "access")),
      refreshTokenCipher: tokens.refreshToken ? encrypt(tokens.refreshToken, tokenContext(connection.userId, "refresh")) : connection.refreshTokenCipher,
      tokenExpiresAt: tokens.expiresAt,
      scopes: tokens.scopes.length ? tokens.scopes : connection.scopes,
    },
  });
  return tokens.accessToken;
}

export async function markNeedsReconnect(userId: string, reason: string) {
  await prisma.sentryConnection.updateMany({
    where: { userId },
    data: { status: "NEEDS_RECONNECT", statusReason: reason },
  });
}

/**
 * Deletes the tokens and everything synced from Sentry for the user, at once:
 * the connection (organizations, projects, snapshots and recommendations go with
 * it), the audit log and the adoption events. Only a "disconnected" event stays
 * (no Sentry data in it) for the admin metrics.
 */
export async function disconnect(userId: string) {
  const existing = await getConnection(userId);
  await prisma.$transaction([
    prisma.sentryConnection.deleteMany({ where: { userId } }),
    prisma.sentryApiCall.deleteMany({ where: { userId } }),
    prisma.sentryConnectionEvent.deleteMany({
      where: { userId, kind: "adopted" },
    }),
  ]);
  // Finished sync jobs keep the user id in pg-boss's tables; they go too.
  for (const table of ["job", "archive"]) {
    await prisma.$executeRawUnsafe(`DELETE FROM pgboss.${table} WHERE name = $1 AND data->>'userId' = $2`, SENTRY_SYNC_QUEUE, userId).catch(() => 0);
  }
  if (existing) await recordEvent(userId, "disconnected");
  return Boolean(existing);
}

/** Everything stored about the user's Sentry connection, for the JSON export. Tokens appear only as "stored encrypted". */
export async function exportConnection(userId: string) {
  const connection = await prisma.sentryConnection.findUnique({
    where: { userId },
    include: {
      organizations: {
        include: { projects: { orderBy: { slug: "asc" } } },
        orderBy: { slug: "asc" },
      },
      snapshots: { orderBy: { takenAt: "asc" } },
      recommendations: { orderBy: { createdAt: "asc" } },
    },
  });
  const apiCalls = await prisma.sentryApiCall.findMany({
    where: { userId },
    orderBy: { at: "asc" },
    omit: { userId: true, id: true },
  });
  const events = await prisma.sentryConnectionEvent.findMany({
    where: { userId },
    orderBy: { at: "asc" },
    select: { kind: true, method: true, feature: true, at: true },
  });
  if (!connection)
    return {
      exportedAt: new Date().toISOString(),
      connection: null,
      apiCalls,
      events,
    };
  const { accessTokenCipher, refreshTokenCipher, organizations, snapshots, recommendations, ...rest } = connection;
  return {
    exportedAt: new Date().toISOString(),
    connection: {
      ...rest,
      accessToken: accessTokenCipher ? "stored encrypted (AES-256-GCM); not included" : null,
      refreshToken: refreshTokenCipher ? "stored encrypted (AES-256-GCM); not included" : null,
    },
    organizations: organizations.map(({ connectionId: _c, projects, ...org }) => ({
      ...org,
      projects: projects.map(({ organizationId: _o, ...project }) => project),
    })),
    snapshots: snapshots.map(({ connectionId: _c, ...s }) => s),
    recommendations: recommendations.map(({ connectionId: _c, ...r }) => r),
    apiCalls,
    events,
  };
}

export function recentApiCalls(userId: string, take = 200) {
  return prisma.sentryApiCall.findMany({
    where: { userId },
    orderBy: { at: "desc" },
    take,
    select: {
      at: true,
      method: true,
      endpoint: true,
      status: true,
      durationMs: true,
    },
  });
}
