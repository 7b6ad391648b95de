/**
 * Tokens of the links we send by email (password reset, email verification,
 * email change, "connect GitHub/Google"): 32 random bytes, base64url. Only the
 * SHA-256 hash is ever stored, so a database leak does not leak live links.
 */
import { createHash, randomBytes } from "node:crypto";

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export function newToken() {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashToken(token) };
}

/** What a link's token turned out to be, for the page that explains it. */
export type TokenState = "valid" | "invalid" | "expired" | "used";

export function tokenState(row: { usedAt: Date | null; expiresAt: Date } | null): TokenState {
  if (!row) return "invalid";
  if (row.usedAt) return "used";
  if (row.expiresAt.getTime() <= Date.now()) return "expired";
  return "valid";
}
