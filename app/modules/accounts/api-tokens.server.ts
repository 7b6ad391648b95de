/**
 * Personal API tokens: `sa_` + 40 hex characters, sent as `Authorization:
 * Bearer sa_...` to the JSON API. The plaintext is shown once, when the token is
 * created; only its SHA-256 hash is stored (like password reset links), so a
 * database leak does not leak live tokens. Revoking keeps the row, marked.
 */
import { createHash, randomBytes } from "node:crypto";
import type { Prisma } from "~/generated/prisma/client.ts";
import { prisma } from "~/utils/db.server.ts";
import type { RoleName, SessionUser } from "~/utils/permissions.ts";

const API_TOKEN_PREFIX = "sa_";
const API_TOKEN_PATTERN = /^sa_[0-9a-f]{40}$/;
/** lastUsedAt is written at most this often per token, so API calls rarely write. */
const LAST_USED_RESOLUTION_MS = 60_000;

const hashApiToken = (token: string) => createHash("sha256").update(token).digest("hex");

function isWellFormedApiToken(token: string): boolean {
  return API_TOKEN_PATTERN.test(token);
}

/** A new token: the plaintext (for the user, once), its hash and its display prefix (for us). */
function generateApiToken() {
  const token = `${API_TOKEN_PREFIX}${randomBytes(20).toString("hex")}`;
  return { token, tokenHash: hashApiToken(token), prefix: token.slice(0, API_TOKEN_PREFIX.length + 6) };
}

export type ApiTokenSummary = { id: string; name: string; prefix: string; createdAt: Date; lastUsedAt: Date | null };

const summary = { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true } as const;

/** Creates a token; the returned plaintext is never stored and cannot be read again. */
export async function createApiToken(userId: string, name: string): Promise<{ token: string; apiToken: ApiTokenSummary }> {
  const { token, tokenHash, prefix } = generateApiToken();
  const apiToken = await prisma.apiToken.create({ data: { userId, name, tokenHash, prefix }, select: summary });
  return { token, apiToken };
}

/** The user's tokens that still work, newest first. */
export function listApiTokens(userId: string): Promise<ApiTokenSummary[]> {
  return prisma.apiToken.findMany({ where: { userId, revokedAt: null }, orderBy: { createdAt: "desc" }, select: summary });
}

/** Revokes one of the user's own tokens. Null when the user has no such live token (someone else's included). */
export async function revokeApiToken(userId: string, tokenId: string): Promise<{ name: string } | null> {
  const token = await prisma.apiToken.findFirst({ where: { id: tokenId, userId, revokedAt: null }, select: { name: true } });
  if (!token) return null;
  const revoked = await prisma.apiToken.updateMany({ where: { id: tokenId, userId, revokedAt: null }, data: { revokedAt: new Date() } });
  return revoked.count > 0 ? token : null;
}

/**
 * Revokes every live token of the user: on "log out everywhere", a password reset, and when a
 * GitHub/Google identity is connected to the account (whoever had access before loses it).
 */
export async function revokeAllApiTokens(userId: string, tx: Prisma.TransactionClient = prisma): Promise<number> {
  const revoked = await tx.apiToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
  return revoked.count;
}

/**
 * The owner of a live token, or null for a malformed, unknown or revoked one, or one whose owner
 * has not verified their email address (such accounts cannot make tokens). Notes when it was used.
 */
export async function authenticateApiToken(token: string): Promise<SessionUser | null> {
  if (!isWellFormedApiToken(token)) return null;
  const row = await prisma.apiToken.findUnique({
    where: { tokenHash: hashApiToken(token) },
    select: { id: true, revokedAt: true, lastUsedAt: true, user: { select: { id: true, email: true, name: true, role: true, emailVerifiedAt: true } } },
  });
  if (!row || row.revokedAt || !row.user.emailVerifiedAt) return null;
  const now = Date.now();
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    const stale = new Date(now - LAST_USED_RESOLUTION_MS);
    // Conditional, so concurrent calls in the same minute write once.
    await prisma.apiToken.updateMany({
      where: { id: row.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: stale } }] },
      data: { lastUsedAt: new Date(now) },
    });
  }
  const { emailVerifiedAt: _, ...user } = row.user;
  return { ...user, role: user.role as RoleName, emailVerified: true };
}
