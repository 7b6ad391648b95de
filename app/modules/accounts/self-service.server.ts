/**
 * Account self-service (seed 001, GDPR): name, password, sessions, "log out
 * everywhere", data export and account deletion with a grace period. Every
 * function takes the signed-in user's id and touches only that user's rows, so
 * another user's ids simply match nothing.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { prisma } from "~/utils/db.server.ts";
import { getBoss } from "~/utils/jobs.server.ts";
import { hashPassword, verifyPassword } from "~/utils/password.server.ts";
import { revokeAllApiTokens } from "./api-tokens.server.ts";
import { newPasswordField } from "./schemas.ts";

export const DELETION_GRACE_DAYS = 14;
const EXPORT_TTL_MS = 7 * 24 * 3600_000;
export const ACCOUNT_EXPORT_QUEUE = "account-export";
const DELETED_USER_NAME = "Deleted user";

// ───────────── Schemas (shared by the actions and the tests' expectations) ─────────────

export const ChangeNameSchema = z.object({
  name: z.string({ error: "Enter your name" }).trim().min(2, "Your name needs at least 2 characters").max(80, "Use at most 80 characters"),
});

export const ChangePasswordSchema = z
  .object({
    currentPassword: z.string({ error: "Enter your current password" }).min(1, "Enter your current password").max(200),
    newPassword: newPasswordField,
    confirmPassword: z.string({ error: "Repeat the new password" }),
  })
  .refine((d) => d.newPassword === d.confirmPassword, { message: "The two passwords don't match", path: ["confirmPassword"] });

export const DeleteAccountSchema = z.object({
  confirm: z.string({ error: "Type DELETE to confirm" }).refine((v) => v.trim() === "DELETE", "Type DELETE (in capitals) to confirm"),
  password: z.string().max(200).optional(),
  keepCertificates: z.enum(["yes", "no"], { error: "Choose what happens to your certificates" }),
});

// ───────────────────────────── Name and password ─────────────────────────────

/** The new name is printed on certificates from now on, and on the ones already issued. */
export async function changeName(userId: string, name: string) {
  await prisma.$transaction([
    prisma.user.update({ where: { id: userId }, data: { name } }),
    prisma.certificate.updateMany({ where: { userId, revokedAt: null }, data: { learnerName: name } }),
  ]);
}

export type PasswordChange = { ok: true; sessionsEnded: number; tokensRevoked: number } | { ok: false; reason: "wrong-password" | "no-password" };

/** Needs the current password; ends every other session and revokes every API token. */
export async function changePassword(userId: string, keepSessionId: string, current: string, next: string): Promise<PasswordChange> {
  const row = await prisma.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
  if (!row?.passwordHash) return { ok: false, reason: "no-password" };
  if (!(await verifyPassword(row.passwordHash, current))) return { ok: false, reason: "wrong-password" };
  const passwordHash = await hashPassword(next);
  return prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash } });
    const sessions = await tx.session.deleteMany({ where: { userId, id: { not: keepSessionId } } });
    return { ok: true, sessionsEnded: sessions.count, tokensRevoked: await revokeAllApiTokens(userId, tx) };
  });
}

// ───────────────────────────── Sessions ─────────────────────────────

/** A session's public handle: a hash of its id, so the page never holds a session id (the cookie's secret). */
export function sessionHandle(sessionId: string): string {
  return createHash("sha256").update(`session-handle:${sessionId}`).digest("base64url").slice(0, 22);
}

/** Ends one of the user's own sessions by its handle (not the current one: that is "Log out"). */
export async function revokeSession(userId: string, handle: string, currentSessionId: string): Promise<boolean> {
  const sessions = await prisma.session.findMany({ where: { userId }, select: { id: true } });
  const match = sessions.find((s) => s.id !== currentSessionId && sessionHandle(s.id) === handle);
  if (!match) return false;
  return (await prisma.session.deleteMany({ where: { id: match.id, userId } })).count === 1;
}


// ───────────────────────────── Export ─────────────────────────────

export type ExportSummary = { id: string; status: string; createdAt: Date; readyAt: Date | null; expiresAt: Date };

/** The user's newest export that has not expired, if any. */
export function latestExport(userId: string): Promise<ExportSummary | null> {
  return prisma.dataExport.findFirst({
    where: { userId, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
    select: { id: true, status: true, createdAt: true, readyAt: true, expiresAt: true },
  });
}

/** A new export at most this often (each one is a job reading all the user's rows). */
const EXPORT_INTERVAL_MS = 5 * 60_000;

/**
 * Queues an export. One at a time: while one is being built, or within 5 minutes of the last one,
 * asking again queues nothing. A new export replaces the older files.
 */
export async function requestExport(userId: string): Promise<{ id: string; queued: true } | { queued: false; reason: "building" | "recent"; retryAt: Date }> {
  const latest = await prisma.dataExport.findFirst({
    where: { userId, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
    select: { status: true, createdAt: true },
  });
  if (latest && Date.now() - latest.createdAt.getTime() < EXPORT_INTERVAL_MS) {
    return { queued: false, reason: latest.status === "PENDING" ? "building" : "recent", retryAt: new Date(latest.createdAt.getTime() + EXPORT_INTERVAL_MS) };
  }
  const row = await prisma.$transaction(async (tx) => {
    await tx.dataExport.deleteMany({ where: { userId } });
    return tx.dataExport.create({ data: { userId, expiresAt: new Date(Date.now() + EXPORT_TTL_MS) }, select: { id: true } });
  });
  const boss = await getBoss();
  await boss.send(ACCOUNT_EXPORT_QUEUE, { exportId: row.id }, { singletonKey: row.id });
  return { id: row.id, queued: true };
}

/** The export file of its owner, while it is ready and not expired; null for anyone else. */
export async function exportDownload(userId: string, exportId: string): Promise<{ content: string; createdAt: Date } | null> {
  const row = await prisma.dataExport.findFirst({
    where: { id: exportId, userId, status: "READY", expiresAt: { gt: new Date() } },
    select: { content: true, createdAt: true },
  });
  return row?.content ? { content: row.content, createdAt: row.createdAt } : null;
}

/** Everything the app holds about the user, without secrets (no password hash, token hashes or Sentry tokens). */
async function collectUserData(userId: string) {
  const [user, identities, sessions, enrollments, progress, quizAttempts, certificates, notes, posts, bookmarks, badges, activityDays, apiTokens, sentry, pocs, code] =
    await Promise.all([
      prisma.user.findUniqueOrThrow({
        where: { id: userId },
        select: { id: true, email: true, name: true, role: true, createdAt: true, updatedAt: true, totpEnabledAt: true, deletionDueAt: true },
      }),
      prisma.oAuthIdentity.findMany({ where: { userId }, select: { provider: true, email: true, createdAt: true } }),
      prisma.session.findMany({ where: { userId }, select: { createdAt: true, expiresAt: true, userAgent: true } }),
      prisma.enrollment.findMany({ where: { userId }, select: { enrolledAt: true, completedAt: true, course: { select: { slug: true, title: true } } } }),
      prisma.lessonProgress.findMany({
        where: { userId },
        select: { completedAt: true, timeSpentSeconds: true, lastPosition: true, updatedAt: true, lesson: { select: { slug: true, title: true } } },
      }),
      prisma.quizAttempt.findMany({ where: { userId }, select: { score: true, passed: true, answers: true, createdAt: true, quiz: { select: { slug: true, title: true } } } }),
      prisma.certificate.findMany({
        where: { userId },
        select: { verificationCode: true, learnerName: true, courseTitle: true, issuedAt: true, revokedAt: true, revokedReason: true },
      }),
      prisma.note.findMany({ where: { userId }, select: { body: true, updatedAt: true, lesson: { select: { slug: true, title: true } } } }),
      prisma.discussionPost.findMany({
        where: { userId },
        select: { id: true, parentId: true, bodyMarkdown: true, createdAt: true, editedAt: true, hiddenAt: true, lesson: { select: { slug: true, title: true } } },
      }),
      prisma.bookmark.findMany({ where: { userId }, select: { createdAt: true, lesson: { select: { slug: true, title: true } } } }),
      prisma.userBadge.findMany({ where: { userId }, select: { badge: true, earnedAt: true } }),
      prisma.activityDay.findMany({ where: { userId }, select: { day: true } }),
      prisma.apiToken.findMany({ where: { userId }, select: { name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true } }),
      prisma.sentryConnection.findUnique({
        where: { userId },
        select: {
          method: true,
          status: true,
          scopes: true,
          sentryUserName: true,
          sentryUserEmail: true,
          lastSyncedAt: true,
          createdAt: true,
          organizations: { select: { slug: true, name: true } },
        },
      }),
      prisma.poc.findMany({
        where: { ownerId: userId },
        select: { id: true, customerName: true, accountDomain: true, status: true, startDate: true, endDate: true, createdAt: true, updatedAt: true },
      }),
      collectCodeData(userId),
    ]);
  return {
    format: "sentry-academy-export/1",
    exportedAt: new Date().toISOString(),
    profile: { ...user, twoFactorEnabled: Boolean(user.totpEnabledAt), signInProviders: identities },
    sessions,
    enrollments,
    lessonProgress: progress,
    quizAttempts,
    certificates,
    notes,
    discussionPosts: posts,
    bookmarks,
    badges,
    activityDays: activityDays.map((d) => d.day.toISOString().slice(0, 10)),
    apiTokens,
    sentryConnection: sentry,
    pocsOwned: pocs,
    ...code,
  };
}

/** Exercise submissions (the code and its result), the reviews asked for, the review comments written, and notifications (decision 042). */
async function collectCodeData(userId: string) {
  const exercise = { select: { lesson: { select: { slug: true, title: true, course: { select: { slug: true } } } } } } as const;
  const [submissions, reviews, comments, notifications] = await Promise.all([
    prisma.exerciseSubmission.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: { id: true, code: true, language: true, status: true, result: true, durationMs: true, createdAt: true, exercise },
    }),
    prisma.codeReview.findMany({
      where: { authorId: userId },
      orderBy: { createdAt: "asc" },
      select: { id: true, submissionId: true, status: true, note: true, createdAt: true, updatedAt: true, exercise },
    }),
    prisma.reviewComment.findMany({
      where: { authorId: userId },
      orderBy: { createdAt: "asc" },
      select: { reviewId: true, line: true, body: true, verdict: true, hiddenAt: true, createdAt: true },
    }),
    prisma.notification.findMany({ where: { userId }, orderBy: { createdAt: "asc" }, select: { kind: true, title: true, body: true, url: true, readAt: true, createdAt: true } }),
  ]);
  return { exerciseSubmissions: submissions, codeReviewsRequested: reviews, reviewCommentsWritten: comments, notifications };
}

/** The job: builds the file. Idempotent (a rerun of a READY export does nothing). */
export async function buildExport(exportId: string) {
  const row = await prisma.dataExport.findUnique({ where: { id: exportId }, select: { userId: true, status: true } });
  if (!row || row.status === "READY") return { skipped: true };
  try {
    const content = JSON.stringify(await collectUserData(row.userId), null, 2);
    await prisma.dataExport.update({ where: { id: exportId }, data: { status: "READY", content, readyAt: new Date() } });
    return { bytes: content.length };
  } catch (error) {
    await prisma.dataExport.update({ where: { id: exportId }, data: { status: "FAILED" } });
    throw error;
  }
}

// ───────────────────────────── Deletion ─────────────────────────────

/** Schedules the deletion: signed out everywhere, API tokens revoked; signing in before the date offers to cancel. */
export async function scheduleDeletion(userId: string, keepCertificates: boolean): Promise<Date> {
  const due = new Date(Date.now() + DELETION_GRACE_DAYS * 24 * 3600_000);
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { deletionDueAt: due, deletionKeepCertificates: keepCertificates } });
    await tx.session.deleteMany({ where: { userId } });
    await revokeAllApiTokens(userId, tx);
  });
  return due;
}

export async function cancelDeletion(userId: string): Promise<boolean> {
  return (await prisma.user.updateMany({ where: { id: userId, deletedAt: null, deletionDueAt: { not: null } }, data: { deletionDueAt: null } })).count === 1;
}

/**
 * Deletes the account now. The User row stays as a tombstone named "Deleted user"
 * (no email, no password, no sign-in) so discussion threads keep their replies,
 * code reviews keep the comments they wrote on others' code and, if the user chose
 * so, certificates stay verifiable under the printed name.
 * Everything personal goes: sessions, tokens, identities, notes, progress,
 * enrolments, quiz attempts, bookmarks, Sentry data, exports, mails to them, their
 * exercise code (with the reviews they asked for and every comment on them) and
 * their notifications.
 */
async function deleteAccount(userId: string) {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { email: true, deletedAt: true, deletionKeepCertificates: true } });
  if (!user || user.deletedAt) return false;
  const byUser = { where: { userId } };
  await prisma.$transaction([
    prisma.session.deleteMany(byUser),
    prisma.apiToken.deleteMany(byUser),
    prisma.oAuthIdentity.deleteMany(byUser),
    prisma.passwordReset.deleteMany(byUser),
    prisma.emailToken.deleteMany(byUser),
    prisma.recoveryCode.deleteMany(byUser),
    prisma.dataExport.deleteMany(byUser),
    prisma.note.deleteMany(byUser),
    prisma.bookmark.deleteMany(byUser),
    prisma.lessonProgress.deleteMany(byUser),
    prisma.enrollment.deleteMany(byUser),
    prisma.quizAttempt.deleteMany(byUser),
    prisma.activityDay.deleteMany(byUser),
    prisma.userBadge.deleteMany(byUser),
    prisma.sentryConnection.deleteMany(byUser),
    prisma.sentryApiCall.deleteMany(byUser),
    prisma.sentryConnectionEvent.deleteMany(byUser),
    prisma.promptDismissal.deleteMany(byUser),
    prisma.experimentAssignment.deleteMany(byUser),
    prisma.notification.deleteMany(byUser),
    prisma.codeReview.deleteMany({ where: { authorId: userId } }),
    prisma.exerciseSubmission.deleteMany(byUser),
    prisma.email.deleteMany({ where: { to: user.email } }),
    user.deletionKeepCertificates ? prisma.certificate.count(byUser) : prisma.certificate.deleteMany(byUser),
    prisma.course.updateMany({ where: { authorId: userId }, data: { authorId: null } }),
    prisma.user.update({
      where: { id: userId },
      data: {
        email: `deleted-${userId}@deleted.invalid`,
        name: DELETED_USER_NAME,
        role: "STUDENT",
        passwordHash: null,
        emailVerifiedAt: null,
        totpSecretCipher: null,
        totpEnabledAt: null,
        totpLastTimeStep: null,
        deletionDueAt: null,
        deletedAt: new Date(),
      },
    }),
  ]);
  return true;
}

/** The daily job: accounts whose grace period is over, and expired export files. */
export async function runDueDeletions(now = new Date()) {
  const due = await prisma.user.findMany({ where: { deletedAt: null, deletionDueAt: { lte: now } }, select: { id: true } });
  let deleted = 0;
  for (const { id } of due) if (await deleteAccount(id)) deleted++;
  const exports = await prisma.dataExport.deleteMany({ where: { expiresAt: { lt: now } } });
  return { deleted, expiredExports: exports.count };
}
