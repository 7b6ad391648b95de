/**
 * In-app notifications (decision 042): a row per thing a user is told ("Ada commented on line 12 of
 * your review"), with a link to a path on this site. Every function takes the user's id and touches
 * only that user's rows, so another user's notification id matches nothing.
 */
import type { Prisma } from "~/generated/prisma/client.ts";
import { prisma } from "~/utils/db.server.ts";
import { queryOne, sql } from "~/utils/sql.server.ts";

export type NotificationInput = { userId: string; kind: string; title: string; body?: string; url: string };

/** How many a page lists (the newest). */
const NOTIFICATIONS_PAGE_SIZE = 50;
const BODY_PREVIEW = 280;

const preview = (text: string) => (text.length > BODY_PREVIEW ? `${text.slice(0, BODY_PREVIEW - 1)}…` : text);

/** Tells each user once (a user listed twice gets one row). `url` must be a path on this site. */
export async function notify(inputs: NotificationInput[], tx: Prisma.TransactionClient = prisma) {
  const seen = new Set<string>();
  const rows = inputs.filter((n) => !seen.has(n.userId) && seen.add(n.userId));
  for (const n of rows) if (!n.url.startsWith("/") || n.url.startsWith("//")) throw new Error(`A notification links to a path on this site, not ${n.url}`);
  if (rows.length === 0) return 0;
  const created = await tx.notification.createMany({ data: rows.map((n) => ({ ...n, body: preview(n.body ?? "") })) });
  return created.count;
}

/** The user's newest notifications, unread and read. */
export function listNotifications(userId: string, take = NOTIFICATIONS_PAGE_SIZE) {
  return prisma.notification.findMany({
    where: { userId },
    orderBy: { createdAt: "desc" },
    take,
    select: { id: true, kind: true, title: true, body: true, url: true, readAt: true, createdAt: true },
  });
}

/**
 * The header's badge: one count on the (userId, readAt, createdAt) index, run by the root loader for
 * every signed-in page.
 */
export async function unreadCount(userId: string): Promise<number> {
  const row = await queryOne<{ n: number }>(sql`SELECT count(*)::int AS n FROM "Notification" WHERE "userId" = ${userId} AND "readAt" IS NULL`);
  return row?.n ?? 0;
}

export async function markAllRead(userId: string): Promise<number> {
  return (await prisma.notification.updateMany({ where: { userId, readAt: null }, data: { readAt: new Date() } })).count;
}

/** Marks one of the user's own notifications read; false for anyone else's id. */
export async function markRead(userId: string, notificationId: string): Promise<boolean> {
  return (await prisma.notification.updateMany({ where: { id: notificationId, userId, readAt: null }, data: { readAt: new Date() } })).count === 1;
}
