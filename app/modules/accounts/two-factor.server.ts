/**
 * Two-factor sign-in with TOTP (RFC 6238: 6 digits, 30 s, SHA-1, what every
 * authenticator app speaks) through otplib, plus 10 single-use recovery codes.
 *
 * - The secret is stored encrypted with the key ring (encryption.server.ts), bound
 *   to the user ("totp:<userId>"). While enrolling, the new secret travels in a
 *   hidden form field, sealed the same way under "totp-enrol:<userId>", so nothing
 *   is stored before the user proved their app has it (a valid code).
 * - Replay: the time step of the last accepted code is kept; a code of that step
 *   or an older one is refused (a conditional UPDATE, so two concurrent uses of one
 *   code let exactly one through).
 * - Recovery codes: only their SHA-256 hash is stored; using one marks it used
 *   (conditional UPDATE again). They are shown once, when made.
 * - Required for instructors, admins and SEs (TWO_FACTOR_ROLES) whenever the
 *   server can store secrets (ENCRYPTION_KEY set); staff cannot switch it off.
 */
import { randomInt } from "node:crypto";
import { generateSecret, generateURI, verify } from "otplib";
import QRCode from "qrcode";
import { prisma } from "~/utils/db.server.ts";
import { decrypt, DecryptionError, encrypt, encryptionConfigured } from "~/utils/encryption.server.ts";
import type { RoleName } from "~/utils/permissions.ts";
import { DEMO_TOTP_SECRET, totpSecretContext } from "./demo-accounts.ts";
import { hashToken } from "./one-time-token.server.ts";

const TWO_FACTOR_ROLES: readonly RoleName[] = ["INSTRUCTOR", "ADMIN", "SE"];
const RECOVERY_CODE_COUNT = 10;
const ISSUER = "Sentry Academy";
/** One step either side: a code typed just as it rolled over still works. */
const EPOCH_TOLERANCE_SECONDS = 30;


/** Whether the server can store second factors at all (it needs ENCRYPTION_KEY). */
function twoFactorAvailable(): boolean {
  return encryptionConfigured();
}

/** Staff must use a second factor (when the server can store one). */
function twoFactorRequiredFor(role: RoleName): boolean {
  return TWO_FACTOR_ROLES.includes(role) && twoFactorAvailable();
}

const secretContext = totpSecretContext;
const enrolContext = (userId: string) => `totp-enrol:${userId}`;

export type TwoFactorStatus = { enabled: boolean; enabledAt: Date | null; recoveryCodesLeft: number; required: boolean; available: boolean };

export async function twoFactorStatus(user: { id: string; role: RoleName }): Promise<TwoFactorStatus> {
  const [row, recoveryCodesLeft] = await Promise.all([
    prisma.user.findUnique({ where: { id: user.id }, select: { totpSecretCipher: true, totpEnabledAt: true } }),
    prisma.recoveryCode.count({ where: { userId: user.id, usedAt: null } }),
  ]);
  return {
    enabled: Boolean(row?.totpSecretCipher),
    enabledAt: row?.totpEnabledAt ?? null,
    recoveryCodesLeft,
    required: twoFactorRequiredFor(user.role),
    available: twoFactorAvailable(),
  };
}

/** Whether signing in as this user needs a second factor now. */
export function needsSecondFactor(user: { role: RoleName; totpSecretCipher: string | null }): boolean {
  return Boolean(user.totpSecretCipher) || twoFactorRequiredFor(user.role);
}

export type Enrolment = { secret: string; sealed: string; uri: string; qrSvg: string };

/** A fresh secret to enrol: for the QR code, the manual-entry text and the sealed hidden field. */
export async function newEnrolment(user: { id: string; email: string }): Promise<Enrolment> {
  const secret = generateSecret();
  return enrolmentFor(user, secret);
}

async function enrolmentFor(user: { id: string; email: string }, secret: string): Promise<Enrolment> {
  const uri = generateURI({ issuer: ISSUER, label: user.email, secret });
  // Our own otpauth URI rendered by qrcode: an SVG of paths, no text from users, no scripts.
  const qrSvg = await QRCode.toString(uri, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  return { secret, sealed: encrypt(secret, enrolContext(user.id)), uri, qrSvg };
}

/** The enrolment the form was showing (after a wrong code the same QR stays), or a new one. */
export async function reopenEnrolment(user: { id: string; email: string }, sealed: string): Promise<Enrolment> {
  const secret = unseal(sealed, enrolContext(user.id));
  return secret ? enrolmentFor(user, secret) : newEnrolment(user);
}

function unseal(sealed: string, context: string): string | null {
  try {
    return decrypt(sealed, context);
  } catch (error) {
    if (error instanceof DecryptionError) return null;
    throw error;
  }
}

/** Six digits, spaces and dashes ignored; anything else is no code. */
function normalizeTotp(code: string): string | null {
  const digits = code.replace(/[\s-]/g, "");
  return /^\d{6}$/.test(digits) ? digits : null;
}

async function checkTotp(secret: string, code: string, afterTimeStep: number | null) {
  const token = normalizeTotp(code);
  if (!token) return null;
  const result = await verify({
    secret,
    token,
    epochTolerance: EPOCH_TOLERANCE_SECONDS,
    ...(afterTimeStep !== null ? { afterTimeStep } : {}),
  });
  return result.valid && "timeStep" in result ? result.timeStep : null;
}

/**
 * Turns two-factor on with the sealed secret the enrolment form showed, if the
 * code matches. Returns the recovery codes (shown once), or null for a wrong code
 * or a tampered/foreign form. Already enrolled: null as well (nothing changes).
 */
export async function enableTwoFactor(userId: string, sealed: string, code: string): Promise<string[] | null> {
  const secret = unseal(sealed, enrolContext(userId));
  if (!secret) return null;
  const timeStep = await checkTotp(secret, code, null);
  if (timeStep === null) return null;
  const codes = generateRecoveryCodes();
  const enabled = await prisma.$transaction(async (tx) => {
    const updated = await tx.user.updateMany({
      where: { id: userId, totpSecretCipher: null },
      data: { totpSecretCipher: encrypt(secret, secretContext(userId)), totpEnabledAt: new Date(), totpLastTimeStep: timeStep },
    });
    if (updated.count !== 1) return false;
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await tx.recoveryCode.createMany({ data: codes.map((c) => ({ userId, codeHash: hashToken(c) })) });
    return true;
  });
  return enabled ? codes : null;
}

/** Checks a TOTP code of an enrolled user; a code (or an older one) accepted once never works again. */
export async function verifyTotpCode(userId: string, code: string): Promise<boolean> {
  const row = await prisma.user.findUnique({ where: { id: userId }, select: { totpSecretCipher: true, totpLastTimeStep: true } });
  if (!row?.totpSecretCipher) return false;
  const secret = unseal(row.totpSecretCipher, secretContext(userId));
  if (!secret) return false;
  const timeStep = await checkTotp(secret, code, row.totpLastTimeStep);
  if (timeStep === null) return false;
  // Conditional: of two requests with the same code, one wins.
  const claimed = await prisma.user.updateMany({
    where: { id: userId, OR: [{ totpLastTimeStep: null }, { totpLastTimeStep: { lt: timeStep } }] },
    data: { totpLastTimeStep: timeStep },
  });
  return claimed.count === 1;
}

/** Uses up one recovery code. False for a wrong, used or someone else's code. */
export async function redeemRecoveryCode(userId: string, code: string): Promise<boolean> {
  const normalized = normalizeRecoveryCode(code);
  if (!normalized) return false;
  const used = await prisma.recoveryCode.updateMany({
    where: { userId, codeHash: hashToken(normalized), usedAt: null },
    data: { usedAt: new Date() },
  });
  return used.count === 1;
}

export async function recoveryCodesLeft(userId: string): Promise<number> {
  return prisma.recoveryCode.count({ where: { userId, usedAt: null } });
}

/** New recovery codes (the old ones stop working), after a current TOTP code. Null for a wrong code. */
export async function regenerateRecoveryCodes(userId: string, code: string): Promise<string[] | null> {
  if (!(await verifyTotpCode(userId, code))) return null;
  const codes = generateRecoveryCodes();
  await prisma.$transaction([
    prisma.recoveryCode.deleteMany({ where: { userId } }),
    prisma.recoveryCode.createMany({ data: codes.map((c) => ({ userId, codeHash: hashToken(c) })) }),
  ]);
  return codes;
}

export class TwoFactorRequiredError extends Error {}

/** Turns two-factor off after a current code. Staff cannot (TwoFactorRequiredError). False for a wrong code. */
export async function disableTwoFactor(user: { id: string; role: RoleName }, code: string): Promise<boolean> {
  if (twoFactorRequiredFor(user.role)) throw new TwoFactorRequiredError("Two-factor authentication is required for your role.");
  if (!(await verifyTotpCode(user.id, code))) return false;
  await prisma.$transaction([
    prisma.user.update({ where: { id: user.id }, data: { totpSecretCipher: null, totpEnabledAt: null, totpLastTimeStep: null } }),
    prisma.recoveryCode.deleteMany({ where: { userId: user.id } }),
  ]);
  return true;
}

/** Demo mode only: the current code of a demo staff account, so a visitor can try the second step. */
export async function demoCodeFor(userId: string): Promise<string | null> {
  const row = await prisma.user.findUnique({ where: { id: userId }, select: { totpSecretCipher: true } });
  if (!row?.totpSecretCipher || unseal(row.totpSecretCipher, secretContext(userId)) !== DEMO_TOTP_SECRET) return null;
  const { generate } = await import("otplib");
  return generate({ secret: DEMO_TOTP_SECRET });
}

// Recovery codes: 10 characters of 31 letters and digits without look-alikes (49 bits), shown as xxxxx-xxxxx.
const RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

function generateRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join("");
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

function normalizeRecoveryCode(code: string): string | null {
  const compact = code.toLowerCase().replace(/[\s-]/g, "");
  if (compact.length !== 10 || ![...compact].every((c) => RECOVERY_ALPHABET.includes(c))) return null;
  return `${compact.slice(0, 5)}-${compact.slice(5)}`;
}

