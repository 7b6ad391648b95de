/**
 * Peer code review of exercise submissions (decision 042). A learner asks for a review of one of their
 * own submissions (one review at a time per exercise); learners who passed the exercise see it in their
 * queue and comment on lines, approve or ask for changes; the author answers and resubmits newer code;
 * the course's instructors and admins see every review of their course and hide comments.
 *
 * Who sees a review: its author, learners with a PASSED submission of the exercise, the course's
 * instructor (its author) and admins. Nobody else, whatever id they try. Every write names the review
 * it belongs to, and a comment id of another review matches nothing.
 */
import { z } from "zod";
import type { GradeResult } from "~/modules/exercises/grade-result.ts";
import { canEditCourse } from "~/modules/academy/course-admin.server.ts";
import { itemUrl } from "~/modules/academy/urls.ts";
import { notify, type NotificationInput } from "~/modules/notifications/notifications.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { ConflictError, ForbiddenError, NotFoundError } from "~/utils/errors.ts";
import type { RoleName } from "~/utils/permissions.ts";
import { query, sql } from "~/utils/sql.server.ts";
import {
  codeLines,
  COMMENT_MAX,
  lineAnchor,
  NOTE_MAX,
  REVIEW_STATUS_LABELS,
  VERDICTS,
  type ReviewStatusFilter,
  type ReviewStatusName,
  type VerdictName,
} from "./review-labels.ts";

type Viewer = { id: string; role: RoleName; name: string };

const NOT_FOUND = "There is no such review.";
const NOT_VISIBLE = "Only the learner who asked, learners who passed this exercise and the course's instructors can see this review.";
const CLOSED = "This review is closed: ask for a new one from your submission.";
/** How many rows a list shows (the newest or the first in queue order). */
const LIST_SIZE = 50;

// ───────────── forms (one schema each; the pages' actions parse with them) ─────────────

export const RequestReviewSchema = z.object({
  submission: z.string({ error: "Choose one of your submissions." }).trim().min(1).max(64),
  note: z.string().trim().max(NOTE_MAX, `Keep the note under ${NOTE_MAX.toLocaleString("en")} characters.`).default(""),
});

const lineMessage = (count: number) => (count === 1 ? "The code has 1 line: use line 1, or leave the line empty." : `Use a line from 1 to ${count}, or leave it empty for a general comment.`);

/** A comment on code of `lineCount` lines: the line must be one of them (or empty for a general comment). */
export function commentSchema(lineCount: number) {
  return z.object({
    line: z
      .number({ error: "Enter the line as a number, or leave it empty for a general comment." })
      .int(lineMessage(lineCount))
      .min(1, lineMessage(lineCount))
      .max(lineCount, lineMessage(lineCount))
      .optional(),
    body: z
      .string({ error: "Write a comment." })
      .trim()
      .min(1, "Write a comment.")
      .max(COMMENT_MAX, `Keep the comment under ${COMMENT_MAX.toLocaleString("en")} characters.`),
    verdict: z.enum(VERDICTS, { error: "Choose Comment, Approve or Request changes." }).default("COMMENT"),
  });
}

export const OWN_VERDICT = "You can't give a verdict on your own code: post it as a comment.";

// ───────────── who may see and do what ─────────────

function hasPassed(userId: string, exerciseId: string) {
  return prisma.exerciseSubmission.findFirst({ where: { exerciseId, userId, status: "PASSED" }, select: { id: true } }).then(Boolean);
}

type Access = { isAuthor: boolean; moderates: boolean; passed: boolean };

async function accessTo(viewer: Viewer, review: { authorId: string; exerciseId: string }, course: { authorId: string | null }): Promise<Access> {
  const isAuthor = review.authorId === viewer.id;
  const moderates = canEditCourse(viewer, course);
  const passed = isAuthor || moderates ? false : await hasPassed(viewer.id, review.exerciseId);
  if (!isAuthor && !moderates && !passed) throw new ForbiddenError(NOT_VISIBLE);
  return { isAuthor, moderates, passed };
}

const reviewFrame = {
  id: true,
  status: true,
  note: true,
  authorId: true,
  exerciseId: true,
  submissionId: true,
  createdAt: true,
  updatedAt: true,
  author: { select: { name: true } },
  submission: { select: { id: true, code: true, language: true, status: true, result: true, createdAt: true } },
  exercise: { select: { lesson: { select: { title: true, slug: true, course: { select: { id: true, slug: true, title: true, authorId: true } } } } } },
} as const;

async function loadReview(reviewId: string) {
  const review = await prisma.codeReview.findUnique({ where: { id: reviewId }, select: reviewFrame });
  if (!review) throw new NotFoundError(NOT_FOUND);
  return review;
}

type LoadedReview = Awaited<ReturnType<typeof loadReview>>;

const exerciseTitle = (review: LoadedReview) => review.exercise.lesson.title;
const reviewUrl = (reviewId: string, line?: number | null, commentId?: string) => `/reviews/${reviewId}${line ? `#${lineAnchor(line)}` : commentId ? `#comment-${commentId}` : ""}`;

// ───────────── asking for a review ─────────────

/** One of the user's own submissions, for the "ask for a review" page; null for anyone else's. */
export async function ownSubmission(userId: string, submissionId: string) {
  const submission = await prisma.exerciseSubmission.findFirst({
    where: { id: submissionId, userId },
    select: {
      id: true,
      code: true,
      status: true,
      createdAt: true,
      exerciseId: true,
      exercise: { select: { lesson: { select: { title: true, slug: true, course: { select: { slug: true, title: true } } } } } },
    },
  });
  if (!submission) return null;
  const active = await activeReview(userId, submission.exerciseId);
  const { lesson } = submission.exercise;
  return {
    id: submission.id,
    status: submission.status,
    createdAt: submission.createdAt,
    lines: codeLines(submission.code),
    exercise: { title: lesson.title, courseTitle: lesson.course.title, url: itemUrl(lesson.course.slug, { kind: "lesson", slug: lesson.slug }) },
    activeReviewId: active?.id ?? null,
  };
}

/** The author's review of this exercise that is not closed (there is at most one). */
function activeReview(authorId: string, exerciseId: string) {
  return prisma.codeReview.findFirst({ where: { authorId, exerciseId, status: { not: "CLOSED" } }, select: { id: true } });
}

/**
 * Asks for a review of one of the user's submissions (passed or not: "when stuck" too). One review at a
 * time per exercise: while one is not closed, the author resubmits there instead.
 */
export async function requestReview(userId: string, submissionId: string, note: string) {
  return prisma.$transaction(async (tx) => {
    const submission = await tx.exerciseSubmission.findFirst({ where: { id: submissionId, userId }, select: { id: true, exerciseId: true } });
    if (!submission) throw new NotFoundError("That submission isn't one of yours.");
    // Two requests at once from one author for one exercise: the second waits, then sees the first.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`code-review:${userId}:${submission.exerciseId}`}))`;
    const open = await tx.codeReview.findFirst({ where: { authorId: userId, exerciseId: submission.exerciseId, status: { not: "CLOSED" } }, select: { id: true } });
    if (open) throw new ConflictError("You already have a review of this exercise open: resubmit your newer code there, or close it first.");
    return tx.codeReview.create({ data: { authorId: userId, exerciseId: submission.exerciseId, submissionId: submission.id, note }, select: { id: true } });
  });
}

// ───────────── the review page ─────────────

export type CommentView = {
  id: string;
  authorName: string;
  /** Written by the learner who asked for the review (their replies). */
  byReviewAuthor: boolean;
  line: number | null;
  verdict: VerdictName;
  createdAt: Date;
  hidden: boolean;
  /** null when hidden from this viewer (everyone but the course's instructors and admins). */
  body: string | null;
};

/** Everything the review page shows, for a viewer who may see it (ForbiddenError / NotFoundError otherwise). */
export async function reviewPage(reviewId: string, viewer: Viewer) {
  const review = await loadReview(reviewId);
  const { course } = review.exercise.lesson;
  const access = await accessTo(viewer, review, course);
  const [comments, newer] = await Promise.all([
    prisma.reviewComment.findMany({
      where: { reviewId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, authorId: true, submissionId: true, line: true, body: true, verdict: true, hiddenAt: true, createdAt: true, author: { select: { name: true } } },
    }),
    access.isAuthor ? newerSubmission(review) : Promise.resolve(null),
  ]);
  const lines = codeLines(review.submission.code);
  const view = (c: (typeof comments)[number]): CommentView => ({
    id: c.id,
    authorName: c.author.name,
    byReviewAuthor: c.authorId === review.authorId,
    line: c.line,
    verdict: c.verdict,
    createdAt: c.createdAt,
    hidden: c.hiddenAt !== null,
    body: c.hiddenAt && !access.moderates ? null : c.body,
  });
  const current = comments.filter((c) => c.submissionId === review.submissionId);
  const lineComments: Record<number, CommentView[]> = {};
  for (const c of current) if (c.line) (lineComments[c.line] ??= []).push(view(c));
  const open = review.status !== "CLOSED";
  return {
    review: { id: review.id, status: review.status as ReviewStatusName, note: review.note, createdAt: review.createdAt, authorName: review.author.name },
    exercise: { title: exerciseTitle(review), courseTitle: course.title, courseId: course.id, url: itemUrl(course.slug, { kind: "lesson", slug: review.exercise.lesson.slug }) },
    submission: {
      id: review.submission.id,
      status: review.submission.status,
      createdAt: review.submission.createdAt,
      language: review.submission.language,
      result: review.submission.result as unknown as GradeResult,
    },
    lines,
    lineComments,
    generalComments: current.filter((c) => !c.line).map(view),
    /** Comments made on code the author has since replaced (their line numbers are of that code). */
    earlierComments: comments.filter((c) => c.submissionId !== review.submissionId).map(view),
    newerSubmission: newer,
    viewer: { isAuthor: access.isAuthor, moderates: access.moderates },
    can: {
      comment: open,
      verdict: open && !access.isAuthor,
      resubmit: open && access.isAuthor && newer !== null,
      close: open && access.isAuthor,
      moderate: access.moderates,
    },
  };
}

/** The author's newest submission of the exercise made after the one under review, if any. */
async function newerSubmission(review: Pick<LoadedReview, "authorId" | "exerciseId" | "submission">) {
  return prisma.exerciseSubmission.findFirst({
    where: { userId: review.authorId, exerciseId: review.exerciseId, createdAt: { gt: review.submission.createdAt } },
    orderBy: { createdAt: "desc" },
    select: { id: true, status: true, createdAt: true },
  });
}

/** The number of lines of the code under review (what a comment's line is checked against), for a viewer who may see it. */
export async function reviewForComment(reviewId: string, viewer: Viewer) {
  const review = await loadReview(reviewId);
  const access = await accessTo(viewer, review, review.exercise.lesson.course);
  return { lineCount: codeLines(review.submission.code).length, isAuthor: access.isAuthor, open: review.status !== "CLOSED" };
}

// ───────────── writing ─────────────

const VERDICT_STATUS: Record<Exclude<VerdictName, "COMMENT">, ReviewStatusName> = { APPROVE: "APPROVED", REQUEST_CHANGES: "CHANGES_REQUESTED" };

function verdictPhrase(verdict: VerdictName, line: number | null) {
  if (verdict === "APPROVE") return "approved";
  if (verdict === "REQUEST_CHANGES") return "asked for changes in";
  return line ? `commented on line ${line} of` : "commented on";
}

/**
 * Adds a comment (already checked by `commentSchema` against the code's lines). A verdict other than
 * COMMENT sets the review's status; the author gives none. The author is told of every comment by
 * someone else; the reviewers who commented are told of the author's replies.
 */
export async function addComment(reviewId: string, viewer: Viewer, input: { line?: number; body: string; verdict: VerdictName }) {
  const review = await loadReview(reviewId);
  const access = await accessTo(viewer, review, review.exercise.lesson.course);
  if (review.status === "CLOSED") throw new ConflictError(CLOSED);
  if (access.isAuthor && input.verdict !== "COMMENT") throw new ForbiddenError(OWN_VERDICT);
  const line = input.line ?? null;
  if (line !== null && line > codeLines(review.submission.code).length) throw new ConflictError("The code under review changed: pick the line again.");
  return prisma.$transaction(async (tx) => {
    const comment = await tx.reviewComment.create({
      data: { reviewId, authorId: viewer.id, submissionId: review.submissionId, line, body: input.body, verdict: input.verdict },
      select: { id: true },
    });
    await tx.codeReview.update({
      where: { id: reviewId },
      data: { updatedAt: new Date(), ...(input.verdict !== "COMMENT" ? { status: VERDICT_STATUS[input.verdict] } : {}) },
    });
    const url = reviewUrl(reviewId, line, comment.id);
    const title = exerciseTitle(review);
    let told: NotificationInput[];
    if (access.isAuthor) {
      const reviewers = await tx.reviewComment.findMany({ where: { reviewId, authorId: { not: review.authorId } }, distinct: ["authorId"], select: { authorId: true } });
      told = reviewers.map((r) => ({ userId: r.authorId, kind: "review-reply", title: `${viewer.name} replied in the review of “${title}”`, body: input.body, url }));
    } else {
      told = [{ userId: review.authorId, kind: "review-comment", title: `${viewer.name} ${verdictPhrase(input.verdict, line)} your code for “${title}”`, body: input.body, url }];
    }
    await notify(told, tx);
    return comment;
  });
}

async function requireOwnReview(reviewId: string, viewer: Viewer) {
  const review = await loadReview(reviewId);
  await accessTo(viewer, review, review.exercise.lesson.course);
  if (review.authorId !== viewer.id) throw new ForbiddenError("Only the learner who asked for this review can do that.");
  if (review.status === "CLOSED") throw new ConflictError(CLOSED);
  return review;
}

/**
 * The author's newer submission of the exercise becomes the code under review; the review is open
 * again and every reviewer who commented is told.
 */
export async function resubmit(reviewId: string, viewer: Viewer) {
  const review = await requireOwnReview(reviewId, viewer);
  const newer = await newerSubmission(review);
  if (!newer) throw new ConflictError("There is no newer submission of this exercise yet: submit your changed code on the exercise first, then resubmit it here.");
  await prisma.$transaction(async (tx) => {
    await tx.codeReview.update({ where: { id: reviewId }, data: { submissionId: newer.id, status: "OPEN" } });
    const reviewers = await tx.reviewComment.findMany({ where: { reviewId, authorId: { not: review.authorId } }, distinct: ["authorId"], select: { authorId: true } });
    await notify(
      reviewers.map((r) => ({ userId: r.authorId, kind: "review-resubmitted", title: `${viewer.name} resubmitted their code for “${exerciseTitle(review)}”`, url: reviewUrl(reviewId) })),
      tx,
    );
  });
  return newer;
}

/** The author withdraws the review (it stays readable; a new one may be asked for). */
export async function closeReview(reviewId: string, viewer: Viewer) {
  await requireOwnReview(reviewId, viewer);
  await prisma.codeReview.update({ where: { id: reviewId }, data: { status: "CLOSED" } });
}

/**
 * Hides (or shows again) a comment of this review: the course's instructor and admins only. A
 * comment id of another review is not found.
 */
export async function setCommentHidden(reviewId: string, commentId: string, viewer: Viewer, hidden: boolean) {
  const comment = await prisma.reviewComment.findFirst({
    where: { id: commentId, reviewId },
    select: { id: true, review: { select: { exercise: { select: { lesson: { select: { course: { select: { authorId: true } } } } } } } } },
  });
  if (!comment) throw new NotFoundError("There is no such comment in this review.");
  if (!canEditCourse(viewer, comment.review.exercise.lesson.course)) throw new ForbiddenError("Only the course's instructors and admins can hide comments.");
  await prisma.reviewComment.update({ where: { id: commentId }, data: hidden ? { hiddenAt: new Date(), hiddenById: viewer.id } : { hiddenAt: null, hiddenById: null } });
}

// ───────────── lists ─────────────

export type ReviewListRow = {
  id: string;
  status: ReviewStatusName;
  createdAt: Date;
  updatedAt: Date;
  authorName: string;
  exerciseTitle: string;
  courseTitle: string;
  comments: number;
};

const listColumns = sql`
  r.id, r.status::text AS status, r."createdAt", r."updatedAt", u.name AS "authorName", l.title AS "exerciseTitle", c.title AS "courseTitle",
  (SELECT count(*)::int FROM "ReviewComment" rc WHERE rc."reviewId" = r.id) AS comments
  FROM "CodeReview" r
  JOIN "User" u ON u.id = r."authorId"
  JOIN "Exercise" e ON e.id = r."exerciseId"
  JOIN "Lesson" l ON l.id = e."lessonId"
  JOIN "Course" c ON c.id = l."courseId"`;

/**
 * The queue: reviews (not closed) of exercises the user passed, asked for by others. Open ones first,
 * then those with a verdict; oldest first within each.
 */
export function reviewQueue(userId: string) {
  return query<ReviewListRow>(sql`
    SELECT ${listColumns}
     WHERE r."authorId" <> ${userId} AND r.status <> 'CLOSED'
       AND EXISTS (SELECT 1 FROM "ExerciseSubmission" s WHERE s."exerciseId" = r."exerciseId" AND s."userId" = ${userId} AND s.status = 'PASSED')
     ORDER BY (r.status = 'OPEN') DESC, r."createdAt" ASC, r.id
     LIMIT ${LIST_SIZE}`);
}

/** The reviews the user asked for, latest activity first. */
export function myReviewRequests(userId: string) {
  return query<ReviewListRow>(sql`
    SELECT ${listColumns} WHERE r."authorId" = ${userId} ORDER BY r."updatedAt" DESC, r.id LIMIT ${LIST_SIZE}`);
}

/** Others' reviews the user commented in, latest activity first. */
export function reviewsTakenPartIn(userId: string) {
  return query<ReviewListRow>(sql`
    SELECT ${listColumns}
     WHERE r."authorId" <> ${userId} AND EXISTS (SELECT 1 FROM "ReviewComment" rc WHERE rc."reviewId" = r.id AND rc."authorId" = ${userId})
     ORDER BY r."updatedAt" DESC, r.id LIMIT ${LIST_SIZE}`);
}

/** Every review of the course's exercises (the studio's Reviews tab), with their comments, hidden ones included. */
export async function courseReviews(courseId: string, status: ReviewStatusFilter) {
  const reviews = await prisma.codeReview.findMany({
    where: { exercise: { lesson: { courseId } }, ...(status === "ALL" ? {} : { status }) },
    orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
    take: LIST_SIZE,
    select: {
      id: true,
      status: true,
      createdAt: true,
      updatedAt: true,
      authorId: true,
      author: { select: { name: true } },
      exercise: { select: { lesson: { select: { title: true } } } },
      comments: {
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: { id: true, authorId: true, line: true, body: true, verdict: true, hiddenAt: true, createdAt: true, author: { select: { name: true } } },
      },
    },
  });
  return reviews.map((r) => ({
    id: r.id,
    status: r.status as ReviewStatusName,
    statusLabel: REVIEW_STATUS_LABELS[r.status],
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    authorName: r.author.name,
    exerciseTitle: r.exercise.lesson.title,
    comments: r.comments.map((c) => ({ id: c.id, byReviewAuthor: c.authorId === r.authorId, line: c.line, body: c.body, verdict: c.verdict as VerdictName, hidden: c.hiddenAt !== null, createdAt: c.createdAt, authorName: c.author.name })),
  }));
}

/** Is this comment one of a review of this course's exercises? (The studio's hide form names the course.) */
export async function commentReviewInCourse(courseId: string, commentId: string): Promise<string | null> {
  const comment = await prisma.reviewComment.findFirst({ where: { id: commentId, review: { exercise: { lesson: { courseId } } } }, select: { reviewId: true } });
  return comment?.reviewId ?? null;
}
