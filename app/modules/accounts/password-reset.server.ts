/**
 * Forgotten passwords: a single-use link valid for one hour. Only a SHA-256
 * hash of the token is stored, so a database leak does not leak live links.
 */
import { createHash, randomBytes } from "node:crypto";
import { prisma } from "~/utils/db.server.ts";
import { queueEmail } from "~/utils/email.server.ts";
import { appUrl } from "~/utils/env.server.ts";
import { hashPassword } from "~/utils/password.server.ts";
import { clearLoginLimits } from "~/utils/rate-limit.server.ts";
import { normalizeEmail } from "./accounts.server.ts";

export const RESET_TTL_MS = 60 * 60 * 1000;

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** Sends a reset link if the account exists; the caller shows the same message either way. */
export async function requestPasswordReset(emailInput: string) {
  const user = await prisma.user.findUnique({ where: { email: normalizeEmail(emailInput) }, select: { id: true, email: true, name: true } });
  if (!user) return;
  const token = randomBytes(32).toString("base64url");
  await prisma.passwordReset.create({
    data: { userId: user.id, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + RESET_TTL_MS) },
  });
  const link = `${appUrl()}/reset-password?token=${token}`;
  await queueEmail({
    to: user.email,
    subject: "Reset your Sentry Academy password",
    text: [
      `Hi ${user.name},`,
      "",
      "Someone (hopefully you) asked to reset the password of your Sentry Academy account.",
      `Choose a new password here within the next hour: ${link}`,
      "",
      "If you did not ask for this, ignore this email: your password stays as it is.",
    ].join("\n"),
  });
}

export type ResetTokenState = "valid" | "invalid" | "expired" | "used";

export async function checkResetToken(token: string): Promise<ResetTokenState> {
  const reset = await prisma.passwordReset.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!reset) return "invalid";
  if (reset.usedAt) return "used";
  if (reset.expiresAt.getTime() <= Date.now()) return "expired";
  return "valid";
}

/** Sets the new password and signs every existing session out. */
export async function resetPassword(token: string, password: string): Promise<ResetTokenState> {
  const passwordHash = await hashPassword(password);
  return prisma.$transaction(async (tx) => {
    const reset = await tx.passwordReset.findUnique({
      where: { tokenHash: hashToken(token) },
      include: { user: { select: { email: true } } },
    });
    if (!reset) return "invalid";
    if (reset.usedAt) return "used";
    if (reset.expiresAt.getTime() <= Date.now()) return "expired";
    // Conditional update: of two concurrent submits, only one can use the token.
    const claimed = await tx.passwordReset.updateMany({ where: { id: reset.id, usedAt: null }, data: { usedAt: new Date() } });
    if (claimed.count === 0) return "used";
    await tx.user.update({ where: { id: reset.userId }, data: { passwordHash } });
    await tx.session.deleteMany({ where: { userId: reset.userId } });
    await clearLoginLimits(reset.user.email); // the owner proved it: sign-in counters start afresh
    return "valid";
  });
}
