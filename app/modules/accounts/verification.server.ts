/**
 * Proving an email address is yours, by a link sent to it: confirming the
 * address after sign-up, moving the account to a new address, and connecting a
 * GitHub/Google identity to an existing account. The links are EmailToken rows
 * (only the hash stored, single use, expiring; a new link of the same kind
 * voids the older ones) and go out through the outbox as its private link.
 *
 * The rule behind account pre-takeover (docs/auth.md): an account whose address
 * was never verified may have been registered by someone else. The first time
 * the mailbox owner proves the address is theirs on such an account, whatever
 * the squatter set up goes: password, GitHub/Google identities, sessions and
 * API tokens.
 */
import type { Prisma } from "~/generated/prisma/client.ts";
import { prisma } from "~/utils/db.server.ts";
import { PRIVATE_LINK, queueEmail } from "~/utils/email.server.ts";
import { appUrl } from "~/utils/env.server.ts";
import { hashPassword } from "~/utils/password.server.ts";
import { revokeAllApiTokens } from "./api-tokens.server.ts";
import { normalizeEmail } from "./accounts.server.ts";
import { hashToken, newToken, tokenState, type TokenState } from "./one-time-token.server.ts";

const VERIFY_TTL_MS = 24 * 60 * 60 * 1000;
const CHANGE_EMAIL_TTL_MS = 24 * 60 * 60 * 1000;
const LINK_OAUTH_TTL_MS = 60 * 60 * 1000;

type Purpose = "VERIFY_EMAIL" | "CHANGE_EMAIL" | "LINK_OAUTH";

/** A new link of this kind for the user; older unused ones of the same kind stop working. */
async function issueToken(input: { userId: string; purpose: Purpose; email: string; ttlMs: number; provider?: string; providerUserId?: string }) {
  const { token, tokenHash } = newToken();
  const { ttlMs, ...data } = input;
  await prisma.$transaction([
    prisma.emailToken.deleteMany({ where: { userId: input.userId, purpose: input.purpose, usedAt: null } }),
    prisma.emailToken.create({ data: { ...data, tokenHash, expiresAt: new Date(Date.now() + ttlMs) } }),
  ]);
  return token;
}

/** The token's row when it is of this kind, for the page that asks to confirm (GET never uses it up). */
export async function checkEmailToken(token: string, purpose: Purpose) {
  const row = await prisma.emailToken.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { user: { select: { email: true, name: true } } },
  });
  const found = row?.purpose === purpose ? row : null;
  return { state: tokenState(found), row: found };
}

/** Claims the token (single use, also under concurrent submits); the row, or why not. */
async function claimToken(tx: Prisma.TransactionClient, token: string, purpose: Purpose) {
  const row = await tx.emailToken.findUnique({ where: { tokenHash: hashToken(token) } });
  const found = row?.purpose === purpose ? row : null;
  const state = tokenState(found);
  if (state !== "valid" || !found) return { state, row: null };
  const claimed = await tx.emailToken.updateMany({ where: { id: found.id, usedAt: null }, data: { usedAt: new Date() } });
  if (claimed.count === 0) return { state: "used" as const, row: null };
  return { state, row: found };
}

/**
 * The mailbox owner has just proved the account's address is theirs (a link followed, a reset).
 * If it was not verified before, everything set up without that proof is removed.
 */
export async function mailboxOwnerProved(tx: Prisma.TransactionClient, userId: string) {
  const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { emailVerifiedAt: true } });
  if (user.emailVerifiedAt) return { wasVerified: true };
  await tx.user.update({ where: { id: userId }, data: { emailVerifiedAt: new Date(), passwordHash: null } });
  await tx.oAuthIdentity.deleteMany({ where: { userId } });
  await tx.session.deleteMany({ where: { userId } });
  await revokeAllApiTokens(userId, tx);
  return { wasVerified: false };
}

function mailText(name: string, lines: string[]) {
  return [`Hi ${name},`, "", ...lines].join("\n");
}

export async function sendVerificationEmail(user: { id: string; email: string; name: string }) {
  const token = await issueToken({ userId: user.id, purpose: "VERIFY_EMAIL", email: user.email, ttlMs: VERIFY_TTL_MS });
  await queueEmail({
    to: user.email,
    subject: "Confirm your email address for Sentry Academy",
    text: mailText(user.name, [
      "Welcome to Sentry Academy! Confirm that this address is yours within 24 hours:",
      PRIVATE_LINK,
      "",
      "If you did not create this account, don't follow the link: someone else typed your address, and the account stays unconfirmed.",
    ]),
    privateLink: `${appUrl()}/verify-email?token=${token}`,
  });
}

/** Resend from the banner: only for a signed-in user whose address is still unverified. */
export async function resendVerificationEmail(userId: string) {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { id: true, email: true, name: true, emailVerifiedAt: true } });
  if (!user || user.emailVerifiedAt) return false;
  await sendVerificationEmail(user);
  return true;
}

/**
 * Sign-up. The answer is the same whether or not the address already has an account
 * ("check your email"), so the form cannot be used to find out who has one: a new
 * address gets an unverified account and a verification link, a known one a note that
 * someone tried to sign up with it. Both paths hash a password, so they take as long.
 */
export async function signUp(input: { email: string; name: string; password: string }) {
  const email = normalizeEmail(input.email);
  const existing = await prisma.user.findUnique({ where: { email }, select: { id: true, name: true } });
  if (!existing) {
    const passwordHash = await hashPassword(input.password);
    try {
      const user = await prisma.user.create({ data: { email, name: input.name.trim(), passwordHash }, select: { id: true, email: true, name: true } });
      await sendVerificationEmail(user);
      return;
    } catch (error) {
      // Two sign-ups for one address at once: the second is "already has an account".
      if (!(error instanceof Error && "code" in error && error.code === "P2002")) throw error;
    }
  } else {
    await hashPassword(input.password);
  }
  const owner = existing ?? (await prisma.user.findUniqueOrThrow({ where: { email }, select: { name: true } }));
  await queueEmail({
    to: email,
    subject: "Someone tried to sign up to Sentry Academy with your address",
    text: mailText(owner.name, [
      "Someone (hopefully you) tried to create a Sentry Academy account with this address, which already has one.",
      `To get in, log in at ${appUrl()}/login, or choose a new password at ${appUrl()}/forgot-password.`,
      "",
      "If it wasn't you, ignore this email: nothing has changed.",
    ]),
  });
}

export type ConfirmResult = { state: TokenState | "taken"; userId?: string; email?: string };

/** Follows a verification link: the address is confirmed if it is still the account's. */
export async function confirmEmailVerification(token: string): Promise<ConfirmResult> {
  return prisma.$transaction(async (tx) => {
    const { state, row } = await claimToken(tx, token, "VERIFY_EMAIL");
    if (!row) return { state };
    const user = await tx.user.findUniqueOrThrow({ where: { id: row.userId }, select: { email: true, emailVerifiedAt: true } });
    // The account moved to another address since the link was sent: this link proves nothing now.
    if (user.email !== row.email) return { state: "invalid" };
    if (!user.emailVerifiedAt) await tx.user.update({ where: { id: row.userId }, data: { emailVerifiedAt: new Date() } });
    return { state, userId: row.userId, email: row.email };
  });
}

/**
 * Asks to move the account to a new address: a link goes to the new address, and the
 * address changes only when it is followed. The answer does not say whether the new
 * address belongs to another account (then nothing is sent).
 */
export async function requestEmailChange(user: { id: string; name: string; email: string }, newEmailInput: string) {
  const email = normalizeEmail(newEmailInput);
  if (email === user.email) return;
  const taken = await prisma.user.findUnique({ where: { email }, select: { id: true } });
  if (taken) return;
  const token = await issueToken({ userId: user.id, purpose: "CHANGE_EMAIL", email, ttlMs: CHANGE_EMAIL_TTL_MS });
  await queueEmail({
    to: email,
    subject: "Confirm your new email address for Sentry Academy",
    text: mailText(user.name, [
      `You asked to use this address for your Sentry Academy account instead of ${user.email}. Confirm it within 24 hours:`,
      PRIVATE_LINK,
      "",
      "If you did not ask for this, ignore this email: nothing changes.",
    ]),
    privateLink: `${appUrl()}/verify-email?token=${token}`,
  });
}

/** The address change the user is waiting on, if any (for the account page). */
export async function pendingEmailChange(userId: string) {
  const row = await prisma.emailToken.findFirst({
    where: { userId, purpose: "CHANGE_EMAIL", usedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
    select: { email: true },
  });
  return row?.email ?? null;
}

/** Follows an email-change link: the account moves to the new (now verified) address. */
export async function confirmEmailChange(token: string): Promise<ConfirmResult> {
  type Change = ConfirmResult & { oldEmail?: string; name?: string };
  const result = await prisma.$transaction(async (tx): Promise<Change> => {
    const { state, row } = await claimToken(tx, token, "CHANGE_EMAIL");
    if (!row) return { state };
    if (await tx.user.findUnique({ where: { email: row.email }, select: { id: true } })) return { state: "taken" };
    const before = await tx.user.findUniqueOrThrow({ where: { id: row.userId }, select: { email: true, name: true } });
    await tx.user.update({ where: { id: row.userId }, data: { email: row.email, emailVerifiedAt: new Date() } });
    // Failed sign-ins were counted against the old address; other links went to it.
    await tx.emailToken.deleteMany({ where: { userId: row.userId, usedAt: null } });
    await tx.passwordReset.deleteMany({ where: { userId: row.userId, usedAt: null } });
    return { state, userId: row.userId, email: row.email, oldEmail: before.email, name: before.name };
  });
  if (result.oldEmail && result.email) {
    await queueEmail({
      to: result.oldEmail,
      subject: "Your Sentry Academy email address was changed",
      text: mailText(result.name ?? "", [
        `Your Sentry Academy account now uses ${result.email} instead of this address.`,
        "If you did not do this, reply to this email or contact an administrator right away.",
      ]),
    });
  }
  return { state: result.state, userId: result.userId, email: result.email };
}

/** Which kind of link a token is, for /verify-email (verification and address change share it). */
export async function emailLinkPurpose(token: string): Promise<"VERIFY_EMAIL" | "CHANGE_EMAIL" | null> {
  const row = await prisma.emailToken.findUnique({ where: { tokenHash: hashToken(token) }, select: { purpose: true } });
  return row?.purpose === "VERIFY_EMAIL" || row?.purpose === "CHANGE_EMAIL" ? row.purpose : null;
}

// ───────────────────────── GitHub / Google identities ─────────────────────────

export type IdentityToLink = { provider: string; providerUserId: string; email: string; label: string };

export class IdentityTakenError extends Error {}

/**
 * Connects a GitHub/Google identity to the account. Whoever had access before loses it:
 * every other session ends and every API token is revoked (`keepSessionId`: the browser
 * that asked, when it was already signed in to this account).
 */
export async function linkIdentity(tx: Prisma.TransactionClient, userId: string, identity: IdentityToLink, keepSessionId?: string) {
  const existing = await tx.oAuthIdentity.findUnique({
    where: { provider_providerUserId: { provider: identity.provider, providerUserId: identity.providerUserId } },
    select: { userId: true },
  });
  if (existing && existing.userId !== userId) throw new IdentityTakenError(`This ${identity.label} account is already connected to another Sentry Academy account.`);
  if (!existing) {
    await tx.oAuthIdentity.create({
      data: { provider: identity.provider, providerUserId: identity.providerUserId, userId, email: normalizeEmail(identity.email) },
    });
  }
  await tx.session.deleteMany({ where: { userId, ...(keepSessionId ? { id: { not: keepSessionId } } : {}) } });
  await revokeAllApiTokens(userId, tx);
}

/**
 * Someone signed in with GitHub/Google with the address of an existing account: nothing is
 * linked by the match alone. A link goes to the account's address; following it connects
 * the identity.
 */
export async function requestIdentityLink(user: { id: string; email: string; name: string }, identity: IdentityToLink) {
  const token = await issueToken({
    userId: user.id,
    purpose: "LINK_OAUTH",
    email: user.email,
    provider: identity.provider,
    providerUserId: identity.providerUserId,
    ttlMs: LINK_OAUTH_TTL_MS,
  });
  await queueEmail({
    to: user.email,
    subject: `Connect ${identity.label} to your Sentry Academy account`,
    text: mailText(user.name, [
      `Someone (hopefully you) signed in with ${identity.label} (${identity.email}) and asked to connect it to your Sentry Academy account.`,
      `If it was you, confirm within the hour: after that you can sign in with ${identity.label}, and every other session and API token of the account stops working.`,
      PRIVATE_LINK,
      "",
      "If it wasn't you, ignore this email: nothing is connected.",
    ]),
    privateLink: `${appUrl()}/auth/link?token=${token}`,
  });
}

/** Follows a "connect GitHub/Google" link: the mailbox owner confirms, the identity is connected. */
export async function confirmIdentityLink(token: string, labelOf: (provider: string) => string): Promise<ConfirmResult> {
  return prisma.$transaction(async (tx) => {
    const { state, row } = await claimToken(tx, token, "LINK_OAUTH");
    if (!row || !row.provider || !row.providerUserId) return { state: row ? "invalid" : state };
    const user = await tx.user.findUniqueOrThrow({ where: { id: row.userId }, select: { email: true } });
    if (user.email !== row.email) return { state: "invalid" };
    await mailboxOwnerProved(tx, row.userId);
    const identity = { provider: row.provider, providerUserId: row.providerUserId, email: row.email, label: labelOf(row.provider) };
    await linkIdentity(tx, row.userId, identity);
    return { state, userId: row.userId, email: row.email };
  });
}
