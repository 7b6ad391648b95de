/**
 * Peer code review (decision 042): asking for a review, who sees it (every role, and other people's
 * ids), line comments with their validation next to the field, verdicts, replies, resubmitting, hiding
 * comments, notifications with the header's count, and the account's export and deletion.
 */
import { describe, expect, it } from "vitest";
import { buildExport, runDueDeletions } from "~/modules/accounts/self-service.server.ts";
import { reviewQueue } from "~/modules/exercises/reviews.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { Browser, visibleText } from "../support/app.ts";
import { createExercise, createSubmission, EXERCISE_CODE } from "../support/code-reviews.ts";
import { createCourse } from "../support/courses.ts";
import { browserFor, signedInBrowser } from "../support/signed-in.ts";
import { createUser } from "../support/factories.ts";
import { seedDemoReviews } from "../../prisma/seed/demo-reviews.ts";

const LINES = EXERCISE_CODE.split("\n").length;

/**
 * A course by its instructor with one exercise; its author (a learner who passed), a learner who
 * passed too, one who did not, another course's instructor and an admin, each with a browser.
 */
async function world() {
  const instructor = await signedInBrowser("INSTRUCTOR", { name: "Irene Instructor" });
  const course = await createCourse({ title: "Tracing by hand" });
  await prisma.course.update({ where: { id: course.id }, data: { authorId: instructor.user.id } });
  const exercise = await createExercise(course.lessons[0].id);
  const author = await signedInBrowser("STUDENT", { name: "Ada Author" });
  const passer = await signedInBrowser("STUDENT", { name: "Pat Passer" });
  const failer = await signedInBrowser("STUDENT", { name: "Finn Failer" });
  const otherInstructor = await signedInBrowser("INSTRUCTOR", { name: "Oscar Other" });
  const admin = await signedInBrowser("ADMIN", { name: "Alma Admin" });
  const authorSubmission = await createSubmission(exercise.id, author.user.id, { createdAt: new Date(Date.now() - 60_000) });
  await createSubmission(exercise.id, passer.user.id);
  await createSubmission(exercise.id, failer.user.id, { passed: false });
  return { instructor, course, exercise, author, passer, failer, otherInstructor, admin, authorSubmission, guest: new Browser() };
}

type World = Awaited<ReturnType<typeof world>>;

async function requestReview(w: World, note = "Is my span named right?") {
  const asked = await w.author.browser.post(`/reviews/new?submission=${w.authorSubmission.id}`, { submission: w.authorSubmission.id, note });
  expect(asked.status).toBe(302);
  const review = await prisma.codeReview.findFirstOrThrow({ where: { authorId: w.author.user.id }, orderBy: { createdAt: "desc" } });
  expect(asked.headers.get("Location")).toBe(`/reviews/${review.id}`);
  return review;
}

const unreadLabel = async (browser: Browser) => (await (await browser.get("/reviews")).text()).match(/aria-label="(Notifications[^"]*)"/)?.[1];

describe("asking for a review", () => {
  it("shows my own submission's code, stores the note, and allows one open review per exercise", async () => {
    const w = await world();
    const page = await w.author.browser.get(`/reviews/new?submission=${w.authorSubmission.id}`);
    expect(page.status).toBe(200);
    const text = visibleText(await page.text());
    expect(text).toContain("Ask for a review");
    expect(text).toContain("export function checkout(cart) {");

    const review = await requestReview(w, "Is my span <b>named</b> right?");
    expect(review).toMatchObject({ status: "OPEN", submissionId: w.authorSubmission.id, exerciseId: w.exercise.id, note: "Is my span <b>named</b> right?" });
    const reviewHtml = await (await w.author.browser.get(`/reviews/${review.id}`)).text();
    expect(reviewHtml).toContain("Is my span &lt;b&gt;named&lt;/b&gt; right?");

    const again = await w.author.browser.post(`/reviews/new?submission=${w.authorSubmission.id}`, { submission: w.authorSubmission.id, note: "" });
    expect(again.status).toBe(409);
    expect(visibleText(await again.text())).toContain("You already have a review of this exercise open");
    expect(await prisma.codeReview.count({ where: { authorId: w.author.user.id } })).toBe(1);

    const tooLong = await w.author.browser.post(`/reviews/new?submission=${w.authorSubmission.id}`, { submission: w.authorSubmission.id, note: "x".repeat(1001) });
    expect(tooLong.status).toBe(400);
    expect(visibleText(await tooLong.text())).toContain("Keep the note under 1,000 characters.");
  });

  it("is refused for someone else's submission, and for a guest", async () => {
    const w = await world();
    const someoneElses = await w.passer.browser.get(`/reviews/new?submission=${w.authorSubmission.id}`);
    expect(someoneElses.status).toBe(404);
    expect(visibleText(await someoneElses.text())).toContain("That submission isn't one of yours.");
    expect((await w.passer.browser.post("/reviews/new", { submission: w.authorSubmission.id, note: "mine now" })).status).toBe(404);
    expect((await w.admin.browser.post("/reviews/new", { submission: w.authorSubmission.id, note: "" })).status).toBe(404);
    expect((await w.passer.browser.get("/reviews/new")).status).toBe(400);
    const guest = await w.guest.get(`/reviews/new?submission=${w.authorSubmission.id}`);
    expect(guest.status).toBe(302);
    expect(guest.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
    expect(await prisma.codeReview.count({ where: { exerciseId: w.exercise.id } })).toBe(0);
  });

  it("is open to a submission that did not pass (when stuck)", async () => {
    const w = await world();
    const failed = await createSubmission(w.exercise.id, w.failer.user.id, { passed: false });
    const asked = await w.failer.browser.post("/reviews/new", { submission: failed.id, note: "Stuck on the hidden test" });
    expect(asked.status).toBe(302);
    // The passer sees it in their queue; the failer's own is not in theirs.
    expect(visibleText(await (await w.passer.browser.get("/reviews")).text())).toContain("asked by Finn Failer");
  });
});

describe("who sees a review", () => {
  it("the author, learners who passed, the course's instructor and admins; nobody else", async () => {
    const w = await world();
    const review = await requestReview(w);
    const page = `/reviews/${review.id}`;
    for (const who of [w.author, w.passer, w.instructor, w.admin]) {
      const res = await who.browser.get(page);
      expect(res.status, who.user.name).toBe(200);
      const html = await res.text();
      expect(html).toContain('id="L3"');
      expect(visibleText(html)).toContain("Review: Lesson number 1");
    }
    for (const who of [w.failer, w.otherInstructor]) {
      const res = await who.browser.get(page);
      expect(res.status, who.user.name).toBe(403);
      const text = visibleText(await res.text());
      expect(text).toContain("Only the learner who asked, learners who passed this exercise and the course's instructors can see this review.");
      expect(text).not.toContain("cart.items.length");
    }
    const guest = await w.guest.get(page);
    expect(guest.status).toBe(302);
    expect(guest.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent(page)}`);
    expect((await w.admin.browser.get("/reviews/no-such-review")).status).toBe(404);
  });

  it("lists the queue (exercises I passed, not mine; open first, oldest first), my requests and reviews I took part in", async () => {
    const w = await world();
    const review = await requestReview(w);
    const queue = visibleText(await (await w.passer.browser.get("/reviews")).text());
    expect(queue).toMatch(/Waiting for a reviewer Lesson number 1 Open Tracing by hand · asked by Ada Author/);
    expect(visibleText(await (await w.failer.browser.get("/reviews")).text())).toContain("Nothing to review");
    const mine = visibleText(await (await w.author.browser.get("/reviews")).text());
    expect(mine).toContain("Nothing to review");
    expect(mine).toMatch(/My requests Lesson number 1 Open/);

    // Another learner's older review that already has a verdict comes after every open one.
    const early = await signedInBrowser("STUDENT", { name: "Early Bird" });
    const earlySubmission = await createSubmission(w.exercise.id, early.user.id);
    const older = await prisma.codeReview.create({
      data: { authorId: early.user.id, exerciseId: w.exercise.id, submissionId: earlySubmission.id, status: "CHANGES_REQUESTED", createdAt: new Date(Date.now() - 86_400_000) },
    });
    const later = await signedInBrowser("STUDENT", { name: "Late Comer" });
    const laterSubmission = await createSubmission(w.exercise.id, later.user.id);
    const newest = await prisma.codeReview.create({ data: { authorId: later.user.id, exerciseId: w.exercise.id, submissionId: laterSubmission.id } });
    expect((await reviewQueue(w.passer.user.id)).map((r) => r.id)).toEqual([review.id, newest.id, older.id]);
    expect((await reviewQueue(early.user.id)).map((r) => r.id)).toEqual([review.id, newest.id]);

    await w.passer.browser.post(`/reviews/${review.id}`, { intent: "comment", place: "page", line: "", body: "Looks fine.", verdict: "COMMENT" });
    expect(visibleText(await (await w.passer.browser.get("/reviews")).text())).toMatch(/Reviews I took part in Lesson number 1 Open Tracing by hand · asked by Ada Author/);
  });
});

describe("commenting", () => {
  it("checks the line against the code's lines and says so next to the field", async () => {
    const w = await world();
    const review = await requestReview(w);
    const page = `/reviews/${review.id}`;
    for (const line of ["99", "0", "-3", "2.5"]) {
      const res = await w.passer.browser.post(page, { intent: "comment", place: "page", line, body: "Look here", verdict: "COMMENT" });
      expect(res.status, line).toBe(400);
      const html = await res.text();
      expect(html).toMatch(new RegExp(`<ul id="comment-line-error" class="field-error[^"]*"><li>Use a line from 1 to ${LINES}, or leave it empty for a general comment.</li>`));
      expect(html).toMatch(/id="comment-line"[^>]*aria-invalid="true"[^>]*aria-describedby="comment-line-error comment-line-help"/);
      expect(html).toContain("Look here</textarea>");
    }
    const notANumber = await w.passer.browser.post(page, { intent: "comment", place: "page", line: "twelve", body: "Look", verdict: "COMMENT" });
    expect(notANumber.status).toBe(400);
    expect(visibleText(await notANumber.text())).toContain("Enter the line as a number, or leave it empty for a general comment.");
    const empty = await w.passer.browser.post(page, { intent: "comment", place: "page", line: "2", body: "   ", verdict: "COMMENT" });
    expect(visibleText(await empty.text())).toContain("Write a comment.");
    const long = await w.passer.browser.post(page, { intent: "comment", place: "page", line: "2", body: "y".repeat(2001), verdict: "COMMENT" });
    expect(long.status).toBe(400);
    expect(visibleText(await long.text())).toContain("Keep the comment under 2,000 characters.");
    const badVerdict = await w.passer.browser.post(page, { intent: "comment", place: "page", line: "2", body: "ok", verdict: "MERGE" });
    expect(badVerdict.status).toBe(400);
    // The inline form (JavaScript) answers into its own form at the line.
    const inline = await w.passer.browser.post(page, { intent: "comment", place: "inline", line: String(LINES + 1), body: "x", verdict: "COMMENT" });
    expect(inline.status).toBe(400);
    expect(await prisma.reviewComment.count({ where: { reviewId: review.id } })).toBe(0);
  });

  it("a reviewer's line comment with Request changes sets the status and notifies the author, who replies", async () => {
    const w = await world();
    const review = await requestReview(w);
    const page = `/reviews/${review.id}`;
    expect(await unreadLabel(w.author.browser)).toBe("Notifications");

    const posted = await w.passer.browser.post(page, { intent: "comment", place: "page", line: "5", body: "Name the span <checkout>, and count with `reduce`.", verdict: "REQUEST_CHANGES" });
    expect(posted.status).toBe(302);
    expect(posted.headers.get("Location")).toBe(`${page}#L5`);
    expect((await prisma.codeReview.findUniqueOrThrow({ where: { id: review.id } })).status).toBe("CHANGES_REQUESTED");

    expect(await unreadLabel(w.author.browser)).toBe("Notifications, 1 unread");
    const inbox = await (await w.author.browser.get("/notifications")).text();
    expect(visibleText(inbox)).toContain("Pat Passer asked for changes in your code for “Lesson number 1”");
    expect(inbox).toContain("Name the span &lt;checkout&gt;, and count with `reduce`.");
    expect(inbox).toContain(`href="${page}#L5"`);
    expect(inbox).not.toContain("<checkout>");

    // The comment sits at line 5 of the code, as text.
    const html = await (await w.author.browser.get(page)).text();
    const line5 = html.slice(html.indexOf('id="L5"'), html.indexOf('id="L6"'));
    expect(visibleText(line5)).toContain("Pat Passer Requested changes");
    expect(line5).toContain("Name the span &lt;checkout&gt;, and count with `reduce`.");
    expect(visibleText(html)).toMatch(/Review: Lesson number 1 Changes requested/);

    // The author gives no verdict, and their reply notifies the reviewer.
    const ownVerdict = await w.author.browser.post(page, { intent: "comment", place: "page", line: "5", body: "LGTM", verdict: "APPROVE" });
    expect(ownVerdict.status).toBe(403);
    expect(visibleText(await ownVerdict.text())).toContain("You can't give a verdict on your own code: post it as a comment.");
    const reply = await w.author.browser.post(page, { intent: "comment", place: "inline", line: "5", body: "Thanks, renaming it.", verdict: "COMMENT" });
    expect(reply.status).toBe(302);
    const passerInbox = visibleText(await (await w.passer.browser.get("/notifications")).text());
    expect(passerInbox).toContain("Ada Author replied in the review of “Lesson number 1”");
    expect(await prisma.notification.count({ where: { userId: w.author.user.id } })).toBe(1);

    // Mark all read: the header's count goes.
    const read = await w.author.browser.post("/notifications", { intent: "read-all" });
    expect(read.status).toBe(302);
    expect(await unreadLabel(w.author.browser)).toBe("Notifications");
    // Someone else's notification id is not mine to mark.
    const theirs = await prisma.notification.findFirstOrThrow({ where: { userId: w.passer.user.id } });
    expect((await w.author.browser.post("/notifications", { intent: "read", notification: theirs.id })).status).toBe(404);
    expect((await prisma.notification.findUniqueOrThrow({ where: { id: theirs.id } })).readAt).toBeNull();
  });

  it("is refused to a learner who did not pass, another course's instructor and a guest", async () => {
    const w = await world();
    const review = await requestReview(w);
    const page = `/reviews/${review.id}`;
    const fields = { intent: "comment", place: "page", line: "2", body: "Sneaky", verdict: "APPROVE" };
    expect((await w.failer.browser.post(page, fields)).status).toBe(403);
    expect((await w.otherInstructor.browser.post(page, fields)).status).toBe(403);
    expect((await w.guest.post(page, fields)).status).toBe(302);
    expect(await prisma.reviewComment.count({ where: { reviewId: review.id } })).toBe(0);
    // An instructor of the course may give a verdict.
    expect((await w.instructor.browser.post(page, { ...fields, body: "Approved by your instructor." })).status).toBe(302);
    expect((await prisma.codeReview.findUniqueOrThrow({ where: { id: review.id } })).status).toBe("APPROVED");
  });
});

describe("commenting quickly", () => {
  it("stops at 30 comments in 10 minutes with the reason in the form", async () => {
    const w = await world();
    const review = await requestReview(w);
    const page = `/reviews/${review.id}`;
    // The request itself counted for the author; the reviewer has 30.
    for (let i = 1; i <= 30; i++) expect((await w.passer.browser.post(page, { intent: "comment", place: "page", line: "1", body: `Note ${i}`, verdict: "COMMENT" })).status).toBe(302);
    const limited = await w.passer.browser.post(page, { intent: "comment", place: "page", line: "1", body: "One more", verdict: "COMMENT" });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
    const html = await limited.text();
    expect(visibleText(html)).toMatch(/You're commenting very quickly\. Try again in \d+ minutes?\./);
    expect(html).toContain("One more</textarea>");
    expect(await prisma.reviewComment.count({ where: { reviewId: review.id } })).toBe(30);
  });
});

describe("resubmitting and closing", () => {
  it("moves the review to the author's newer code, reopens it and tells the reviewers", async () => {
    const w = await world();
    const review = await requestReview(w);
    const page = `/reviews/${review.id}`;
    await w.passer.browser.post(page, { intent: "comment", place: "page", line: "5", body: "Use reduce.", verdict: "REQUEST_CHANGES" });
    const early = await w.author.browser.post(page, { intent: "resubmit" });
    expect(early.status).toBe(409);
    expect(visibleText(await early.text())).toContain("There is no newer submission of this exercise yet");
    expect((await w.passer.browser.post(page, { intent: "resubmit" })).status).toBe(403);

    const newer = await createSubmission(w.exercise.id, w.author.user.id, { code: "export const checkout = (cart) => cart.items.reduce((n) => n + 1, 0);\n" });
    expect(visibleText(await (await w.author.browser.get(page)).text())).toContain("Resubmit my newer code");
    const resubmitted = await w.author.browser.post(page, { intent: "resubmit" });
    expect(resubmitted.status).toBe(302);
    expect(await prisma.codeReview.findUniqueOrThrow({ where: { id: review.id } })).toMatchObject({ submissionId: newer.id, status: "OPEN" });
    expect(visibleText(await (await w.passer.browser.get("/notifications")).text())).toContain("Ada Author resubmitted their code for “Lesson number 1”");

    const text = visibleText(await (await w.passer.browser.get(page)).text());
    expect(text).toContain("cart.items.reduce");
    expect(text).toMatch(/Comments on earlier code .* Pat Passer Requested changes line 5 .* Use reduce\./);
    // The new code has one line: line 5 no longer exists.
    const tooFar = await w.passer.browser.post(page, { intent: "comment", place: "page", line: "5", body: "Hm", verdict: "COMMENT" });
    expect(visibleText(await tooFar.text())).toContain("The code has 1 line: use line 1, or leave the line empty.");
  });

  it("only the author closes it; nobody comments on a closed review", async () => {
    const w = await world();
    const review = await requestReview(w);
    const page = `/reviews/${review.id}`;
    expect((await w.passer.browser.post(page, { intent: "close" })).status).toBe(403);
    expect((await w.instructor.browser.post(page, { intent: "close" })).status).toBe(403);
    expect((await w.author.browser.post(page, { intent: "close" })).status).toBe(302);
    expect((await prisma.codeReview.findUniqueOrThrow({ where: { id: review.id } })).status).toBe("CLOSED");
    const late = await w.passer.browser.post(page, { intent: "comment", place: "page", line: "", body: "Late", verdict: "COMMENT" });
    expect(late.status).toBe(409);
    // A new review may be asked for once the old one is closed.
    expect((await w.author.browser.post("/reviews/new", { submission: w.authorSubmission.id, note: "" })).status).toBe(302);
    expect((await w.passer.browser.post(page, { intent: "fly" })).status).toBe(400);
  });
});

describe("hiding comments", () => {
  it("the course's instructor and admins hide and unhide; learners read that a comment was hidden", async () => {
    const w = await world();
    const review = await requestReview(w);
    const page = `/reviews/${review.id}`;
    await w.passer.browser.post(page, { intent: "comment", place: "page", line: "3", body: "You are all idiots", verdict: "COMMENT" });
    const comment = await prisma.reviewComment.findFirstOrThrow({ where: { reviewId: review.id } });

    for (const who of [w.passer, w.author, w.failer, w.otherInstructor]) expect((await who.browser.post(page, { intent: "hide", comment: comment.id })).status, who.user.name).toBe(403);
    expect((await w.guest.post(page, { intent: "hide", comment: comment.id })).status).toBe(302);
    expect((await prisma.reviewComment.findUniqueOrThrow({ where: { id: comment.id } })).hiddenAt).toBeNull();

    const hidden = await w.instructor.browser.post(page, { intent: "hide", comment: comment.id });
    expect(hidden.status).toBe(302);
    expect(await prisma.reviewComment.findUniqueOrThrow({ where: { id: comment.id } })).toMatchObject({ hiddenById: w.instructor.user.id });

    for (const who of [w.author, w.passer]) {
      const html = await (await who.browser.get(page)).text();
      expect(visibleText(html)).toContain("A comment was hidden by an instructor.");
      expect(html).not.toContain("You are all idiots");
    }
    const seenByStaff = visibleText(await (await w.admin.browser.get(page)).text());
    expect(seenByStaff).toMatch(/Pat Passer Hidden .* You are all idiots Show \(unhide\) this comment/);
    expect((await w.admin.browser.post(page, { intent: "unhide", comment: comment.id })).status).toBe(302);
    expect((await prisma.reviewComment.findUniqueOrThrow({ where: { id: comment.id } })).hiddenAt).toBeNull();
  });

  it("a comment id of another review, or of another course, is not found", async () => {
    const w = await world();
    const review = await requestReview(w);
    await w.passer.browser.post(`/reviews/${review.id}`, { intent: "comment", place: "page", line: "", body: "General remark", verdict: "COMMENT" });
    const comment = await prisma.reviewComment.findFirstOrThrow({ where: { reviewId: review.id } });

    // Another course of the other instructor, with its own review.
    const other = await world();
    await prisma.course.update({ where: { id: other.course.id }, data: { authorId: w.otherInstructor.user.id } });
    const otherReview = await requestReview(other);
    expect((await w.otherInstructor.browser.post(`/reviews/${otherReview.id}`, { intent: "hide", comment: comment.id })).status).toBe(404);
    expect((await w.otherInstructor.browser.post(`/instructor/courses/${other.course.id}/reviews`, { intent: "hide", comment: comment.id })).status).toBe(404);
    expect((await w.instructor.browser.post(`/reviews/${otherReview.id}`, { intent: "hide", comment: comment.id })).status).toBe(404);
    expect((await prisma.reviewComment.findUniqueOrThrow({ where: { id: comment.id } })).hiddenAt).toBeNull();
  });

  it("the studio's Reviews tab lists the course's reviews by status and hides comments", async () => {
    const w = await world();
    const review = await requestReview(w);
    await w.passer.browser.post(`/reviews/${review.id}`, { intent: "comment", place: "page", line: "4", body: "Off-topic spam", verdict: "REQUEST_CHANGES" });
    const comment = await prisma.reviewComment.findFirstOrThrow({ where: { reviewId: review.id } });
    const tab = `/instructor/courses/${w.course.id}/reviews`;

    const page = await w.instructor.browser.get(tab);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`href="${tab}"`);
    expect(visibleText(html)).toMatch(/Lesson number 1 Changes requested Asked by Ada Author .* 1 comment Pat Passer Requested changes line 4 .* Off-topic spam Hide/);
    expect(visibleText(await (await w.instructor.browser.get(`${tab}?status=CLOSED`)).text())).toContain("No reviews are closed.");
    expect(visibleText(await (await w.instructor.browser.get(`${tab}?status=CHANGES_REQUESTED`)).text())).toContain("Off-topic spam");

    for (const who of [w.otherInstructor, w.passer, w.author]) {
      expect((await who.browser.get(tab)).status, who.user.name).toBe(403);
      expect((await who.browser.post(tab, { intent: "hide", comment: comment.id })).status, who.user.name).toBe(403);
    }
    expect((await w.guest.get(tab)).status).toBe(302);
    expect((await w.instructor.browser.post(`${tab}?status=ALL`, { intent: "hide", comment: comment.id })).headers.get("Location")).toBe(`${tab}?status=ALL#comment-${comment.id}`);
    expect((await prisma.reviewComment.findUniqueOrThrow({ where: { id: comment.id } })).hiddenAt).not.toBeNull();
    expect(visibleText(await (await w.admin.browser.get(tab)).text())).toContain("Show (unhide)");
  });
});

describe("the account's data", () => {
  it("the export holds my submissions, reviews, comments and notifications; deletion removes my code and keeps my comments on others' code", async () => {
    const w = await world();
    const review = await requestReview(w);
    await w.passer.browser.post(`/reviews/${review.id}`, { intent: "comment", place: "page", line: "2", body: "Nice span", verdict: "APPROVE" });
    // The author comments on the passer's review too.
    const passerSubmission = await prisma.exerciseSubmission.findFirstOrThrow({ where: { userId: w.passer.user.id } });
    const passerReview = await prisma.codeReview.create({ data: { authorId: w.passer.user.id, exerciseId: w.exercise.id, submissionId: passerSubmission.id } });
    await w.author.browser.post(`/reviews/${passerReview.id}`, { intent: "comment", place: "page", line: "1", body: "Import looks right", verdict: "COMMENT" });

    const exportRow = await prisma.dataExport.create({ data: { userId: w.author.user.id, expiresAt: new Date(Date.now() + 3600_000) } });
    await buildExport(exportRow.id);
    const data = JSON.parse((await prisma.dataExport.findUniqueOrThrow({ where: { id: exportRow.id } })).content!);
    expect(data.exerciseSubmissions).toHaveLength(1);
    expect(data.exerciseSubmissions[0]).toMatchObject({ code: EXERCISE_CODE, status: "PASSED", exercise: { lesson: { title: "Lesson number 1" } } });
    expect(data.codeReviewsRequested).toEqual([expect.objectContaining({ id: review.id, status: "APPROVED", note: "Is my span named right?" })]);
    expect(data.reviewCommentsWritten).toEqual([expect.objectContaining({ reviewId: passerReview.id, line: 1, body: "Import looks right" })]);
    expect(data.notifications).toEqual([expect.objectContaining({ title: "Pat Passer approved your code for “Lesson number 1”", url: `/reviews/${review.id}#L2` })]);

    await prisma.user.update({ where: { id: w.author.user.id }, data: { deletionDueAt: new Date(Date.now() - 1000) } });
    await runDueDeletions();
    expect(await prisma.exerciseSubmission.count({ where: { userId: w.author.user.id } })).toBe(0);
    expect(await prisma.codeReview.count({ where: { authorId: w.author.user.id } })).toBe(0);
    expect(await prisma.reviewComment.count({ where: { reviewId: review.id } })).toBe(0);
    expect(await prisma.notification.count({ where: { userId: w.author.user.id } })).toBe(0);
    // The comment on the passer's code stays, under "Deleted user".
    const kept = visibleText(await (await w.passer.browser.get(`/reviews/${passerReview.id}`)).text());
    expect(kept).toContain("Deleted user");
    expect(kept).toContain("Import looks right");
  });
});

describe("odd input", () => {
  it("is answered with a 4xx, never a 500", async () => {
    const w = await world();
    const review = await requestReview(w);
    const page = `/reviews/${review.id}`;
    const odd = ["\u0000", "a\u0000b", "x".repeat(70_000), "1e400", "NaN", "-0", "9".repeat(30), "<script>alert(1)</script>", "' OR 1=1 --"];
    for (const value of odd) {
      const q = encodeURIComponent(value);
      const statuses = [
        (await w.author.browser.get(`/reviews/new?submission=${q}`)).status,
        (await w.author.browser.post(`/reviews/new?submission=${w.authorSubmission.id}`, { submission: value, note: value })).status,
        (await w.passer.browser.get(`/reviews/${q}`)).status,
        (await w.passer.browser.post(page, { intent: "comment", place: value, line: value, body: value, verdict: value })).status,
        (await w.passer.browser.post(page, { intent: "comment", place: "page", line: "2", body: value, verdict: "COMMENT" })).status,
        (await w.instructor.browser.post(page, { intent: "hide", comment: value })).status,
        (await w.instructor.browser.post(`/instructor/courses/${w.course.id}/reviews?status=${q}`, { intent: "unhide", comment: value })).status,
        (await w.instructor.browser.get(`/instructor/courses/${w.course.id}/reviews?status=${q}`)).status,
        (await w.author.browser.post("/notifications", { intent: "read", notification: value })).status,
      ];
      for (const status of statuses) expect(status, JSON.stringify(value.slice(0, 20)) + " " + statuses.join(",")).toBeLessThan(500);
    }
  });
});

describe("the demo data", () => {
  it("puts one open review of the first exercise in the demo student's queue, once", async () => {
    const course = await createCourse({ title: "Demo exercises" });
    await prisma.exercise.create({
      data: {
        lessonId: course.lessons[0].id,
        starterCode: "export function scrub(event) {}\n",
        solution: "export function scrub(event) {\n  return event;\n}\n",
        visibleTests: 'test("keeps the event", () => {});\ntest(\'drops the "email"\', () => {});\n',
        hiddenTests: "test(`scrubs the ip`, () => {});\n",
      },
    });
    const student = await createUser({ email: "student@academy.test", name: "Sam Student" });
    expect(await seedDemoReviews(prisma)).toBe(true);
    expect(await seedDemoReviews(prisma)).toBe(false);
    const browser = await browserFor(student.id);
    const queue = visibleText(await (await browser.get("/reviews")).text());
    expect(queue).toMatch(/Waiting for a reviewer Lesson number 1 Open Demo exercises · asked by Mei Nakamura/);
    const review = await prisma.codeReview.findFirstOrThrow({ where: { author: { email: "demo-review-author@academy.test" } } });
    const page = visibleText(await (await browser.get(`/reviews/${review.id}`)).text());
    expect(page).toContain("3 of 3 tests passed");
    expect(page).toContain('drops the "email"');
    expect(page).toContain("scrubs the ip hidden");
    expect(await prisma.lessonProgress.count({ where: { userId: student.id, completedAt: { not: null } } })).toBe(1);
  });
});
