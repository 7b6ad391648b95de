/**
 * Announcements: an instructor's message to the learners of one course. Posting
 * one stores it (learners see it on their dashboard) and emails every enrolled
 * learner through the outbox, all in one transaction: either everyone is told
 * or nothing was posted.
 */
import { prisma } from "~/utils/db.server.ts";
import { queueEmailsInTransaction } from "~/utils/email.server.ts";
import { appUrl } from "~/utils/env.server.ts";
import type { Author } from "./course-admin.server.ts";
import { renderMarkdown } from "./markdown.server.ts";

/** How long an announcement stays on learners' dashboards, and how many show at most. */
export const DASHBOARD_WINDOW_DAYS = 30;
const DASHBOARD_LIMIT = 5;

export function courseAnnouncements(courseId: string) {
  return prisma.announcement.findMany({
    where: { courseId },
    orderBy: { createdAt: "desc" },
    select: { id: true, title: true, bodyHtml: true, authorName: true, createdAt: true },
  });
}

export function enrolledLearnerCount(courseId: string) {
  return prisma.enrollment.count({ where: { courseId } });
}

type Course = { id: string; slug: string; title: string };

function emailText(course: Course, author: Author, learnerName: string, input: { title: string; body: string }) {
  return [
    `Hi ${learnerName},`,
    "",
    `${author.name} posted an announcement in ${course.title}:`,
    "",
    input.title,
    "",
    input.body,
    "",
    `Open the course: ${appUrl()}/courses/${course.slug}`,
    "",
    "You get this email because you're enrolled in this course on Sentry Academy.",
  ].join("\n");
}

/** Stores the announcement and queues one email per enrolled learner; returns how many were emailed. */
export async function postAnnouncement(course: Course, author: Author, input: { title: string; body: string }) {
  return prisma.$transaction(
    async (tx) => {
      await tx.announcement.create({
        data: { courseId: course.id, authorId: author.id, authorName: author.name, title: input.title, bodyMarkdown: input.body, bodyHtml: renderMarkdown(input.body) },
      });
      const learners = await tx.user.findMany({ where: { enrollments: { some: { courseId: course.id } } }, select: { email: true, name: true } });
      const subject = `${course.title}: ${input.title}`;
      return queueEmailsInTransaction(
        tx,
        learners.map((l) => ({ to: l.email, subject, text: emailText(course, author, l.name, input) })),
      );
    },
    // A course with thousands of learners: a few bulk inserts, but more than the 5 s default.
    { timeout: 60_000, maxWait: 10_000 },
  );
}

/** The dashboard: the newest recent announcements of the courses the learner is enrolled in. */
export function recentAnnouncementsFor(userId: string) {
  return prisma.announcement.findMany({
    where: { createdAt: { gte: new Date(Date.now() - DASHBOARD_WINDOW_DAYS * 86_400_000) }, course: { enrollments: { some: { userId } } } },
    orderBy: { createdAt: "desc" },
    take: DASHBOARD_LIMIT,
    select: { id: true, title: true, bodyHtml: true, authorName: true, createdAt: true, course: { select: { slug: true, title: true, status: true } } },
  });
}

/** The course page, for an enrolled learner: the newest announcement of the last 30 days, if any. */
export function latestAnnouncement(courseId: string) {
  return prisma.announcement.findFirst({
    where: { courseId, createdAt: { gte: new Date(Date.now() - DASHBOARD_WINDOW_DAYS * 86_400_000) } },
    orderBy: { createdAt: "desc" },
    select: { id: true, title: true, bodyHtml: true, authorName: true, createdAt: true },
  });
}
