/**
 * Forgotten passwords: a single-use link valid for one hour. Only a SHA-256
 * hash of the token is stored, and the outbox keeps the mail with the link
 * sealed (app/utils/email.server.ts), so a database leak does not leak live
 * links. One link works at a time: a new one, or a use, voids the others.
 *
 * The request itself only queues a job (the same work whether or not the
 * account exists, so the answer's timing says nothing); the job looks the
 * address up and sends the link.
 */
import { prisma } from "~/utils/db.server.ts";
import { PRIVATE_LINK, queueEmail } from "~/utils/email.server.ts";
import { appUrl } from "~/utils/env.server.ts";
import { getBoss } from "~/utils/jobs.server.ts";
import { hashPassword } from "~/utils/password.server.ts";
import { revokeAllApiTokens } from "./api-tokens.server.ts";
import { clearLoginLimits } from "~/utils/rate-limit.server.ts";
import { normalizeEmail } from "./accounts.server.ts";
import { hashToken, newToken, tokenState, type TokenState } from "./one-time-token.server.ts";
import { mailboxOwnerProved } from "./verification.server.ts";

const RESET_TTL_MS = 60 * 60 * 1000;
export const PASSWORD_RESET_QUEUE = "password-reset-request";

/** The caller shows the same message either way: the lookup happens in the job. */
export async function requestPasswordReset(emailInput: string) {
  const boss = await getBoss();
  await boss.send(PASSWORD_RESET_QUEUE, { email: normalizeEmail(emailInput) });
}

/** The job: sends a reset link if the account exists; earlier unused links stop working. */
export async function sendPasswordReset(emailInput: string) {
  const user = await prisma.user.findUnique({ where: { email: normalizeEmail(emailInput) }, select: { id: true, email: true, name: true } });
  if (!user) return "no-account";
  const { token, tokenHash } = newToken();
  await prisma.$transaction([
    prisma.passwordReset.deleteMany({ where: { userId: user.id, usedAt: null } }),
    prisma.passwordReset.create({ data: { userId: user.id, tokenHash, expiresAt: new Date(Date.now() + RESET_TTL_MS) } }),
  ]);
  await queueEmail({
    to: user.email,
    subject: "Reset your Sentry Academy password",
    text: [
      `Hi ${user.name},`,
      "",
      "Someone (hopefully you) asked to reset the password of your Sentry Academy account.",
      "Choose a new password here within the next hour:",
      PRIVATE_LINK,
      "",
      "If you did not ask for this, ignore this email: your password stays as it is.",
    ].join("\n"),
    privateLink: `${appUrl()}/reset-password?token=${token}`,
  });
  return "sent";
}

export type ResetTokenState = TokenState;

export async function checkResetToken(token: string): Promise<ResetTokenState> {
  return tokenState(await prisma.passwordReset.findUnique({ where: { tokenHash: hashToken(token) } }));
}

/**
 * Sets the new password and signs every existing session out, revokes every API token and
 * voids the other reset links. The link proves the address is the user's: an unverified
 * account becomes verified (and loses what was set up before, see mailboxOwnerProved).
 */
export async function resetPassword(token: string, password: string): Promise<ResetTokenState> {
  const passwordHash = await hashPassword(password);
  return prisma.$transaction(async (tx) => {
    const reset = await tx.passwordReset.findUnique({
      where: { tokenHash: hashToken(token) },
      include: { user: { select: { email: true } } },
    });
    const state = tokenState(reset);
    if (state !== "valid" || !reset) return state;
    // Conditional update: of two concurrent submits, only one can use the token.
    const claimed = await tx.passwordReset.updateMany({ where: { id: reset.id, usedAt: null }, data: { usedAt: new Date() } });
    if (claimed.count === 0) return "used";
    await tx.passwordReset.deleteMany({ where: { userId: reset.userId, usedAt: null } });
    await mailboxOwnerProved(tx, reset.userId);
    await tx.user.update({ where: { id: reset.userId }, data: { passwordHash } });
    await tx.session.deleteMany({ where: { userId: reset.userId } });
    await revokeAllApiTokens(reset.userId, tx);
    await clearLoginLimits(reset.user.email); // the owner proved it: sign-in counters start afresh
    return "valid";
  });
}
