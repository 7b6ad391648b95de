/**
 * The lesson page's action: one POST endpoint for its eight forms, told apart by
 * `intent` (LessonActionSchema in lesson-forms.ts). Each refused form gets its own
 * reply (`formReply`: the form's key and Conform's reply), so only that form shows
 * the errors; everything else redirects with a toast.
 */
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs } from "@remix-run/node";
import { requireUser, UNVERIFIED_MESSAGE } from "~/utils/auth.server.ts";
import { formReply } from "~/utils/form-reply.server.ts";
import { rateLimit } from "~/utils/rate-limit.server.ts";
import { rethrowAsPage } from "~/utils/errors.ts";
import { redirectWithToast } from "~/utils/toast.server.ts";
import { createPost, editPost, findLessonPost, saveNote, setPostHidden, toggleBookmark } from "./community.server.ts";
import { canEditCourse } from "./course-admin.server.ts";
import { completeLesson, recordLessonVisit, uncompleteLesson } from "./learning.server.ts";
import { LessonActionSchema } from "./lesson-forms.ts";
import { requireVisibleLesson } from "./lesson-page.server.ts";
import { itemsAround, newBadgesMessage } from "./progress.ts";
import { itemUrl } from "./urls.ts";
import { gradeSummary } from "~/modules/exercises/grade-summary.ts";
import { refuseManualCompletion, submitExercise } from "~/modules/exercises/submissions.server.ts";

/**
 * Which form a reply is for: `post:` (a new post), `post:<parentId>` (a reply to that post),
 * `edit:<postId>`, or the intent itself (`note`, …). The page's forms read it with `useFormReply`.
 */
function lessonFormKey(formData: FormData) {
  const intent = String(formData.get("intent") ?? "");
  if (intent === "post") return `post:${formData.get("parentId") ?? ""}`;
  if (intent === "edit-post") return `edit:${formData.get("postId")}`;
  return intent;
}

export async function lessonAction({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { course, lesson } = await requireVisibleLesson(request, params.slug!, params.lessonSlug!);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: LessonActionSchema });
  const formKey = lessonFormKey(formData);
  if (submission.status !== "success") return formReply(formKey, submission.reply());
  const value = submission.value;
  // Discussion posts are public to every learner: only from accounts whose address is confirmed.
  if ((value.intent === "post" || value.intent === "edit-post") && !user.emailVerified) {
    return formReply(formKey, submission.reply({ formErrors: [UNVERIFIED_MESSAGE] }), 403);
  }
  const here = `/courses/${course.slug}/lessons/${lesson.slug}`;
  const ref = { id: lesson.id, courseId: course.id };
  switch (value.intent) {
    case "complete": {
      // An exercise is completed by passing its tests only (decision 041).
      await refuseManualCompletion(lesson.id).catch(rethrowAsPage());
      const outcome = await completeLesson(user.id, ref).catch(rethrowAsPage());
      const { next } = itemsAround(outcome.items, lesson.position);
      const message = outcome.courseCompleted
        ? ["Course complete! Your certificate is ready.", newBadgesMessage(outcome.newBadges)].filter(Boolean).join(" ")
        : [`“${lesson.title}” marked complete.`, newBadgesMessage(outcome.newBadges)].filter(Boolean).join(" ");
      if (outcome.courseCompleted && outcome.certificateId) return redirectWithToast(`/certificates/${outcome.certificateId}`, { kind: "success", message });
      return redirectWithToast(next ? itemUrl(course.slug, next) : `/courses/${course.slug}`, { kind: "success", message });
    }
    case "uncomplete":
      await refuseManualCompletion(lesson.id).catch(rethrowAsPage());
      await uncompleteLesson(user.id, ref);
      return redirectWithToast(here, { kind: "info", message: "Marked as not done." });
    case "bookmark":
      await toggleBookmark(user.id, lesson.id, value.on);
      return redirectWithToast(here, { kind: "success", message: value.on ? "Bookmarked. Find it under My notes." : "Bookmark removed." });
    case "note":
      await saveNote(user.id, lesson.id, value.body);
      return redirectWithToast(`${here}#notes`, { kind: "success", message: value.body.trim() ? "Note saved." : "Note deleted." });
    case "post": {
      const limited = await rateLimit("post", user.id);
      if (limited) return formReply(formKey, submission.reply({ formErrors: [limited.message] }), { status: 429, headers: limited.headers });
      const post = await createPost(user.id, lesson.id, value.body, value.parentId || null);
      if (!post) return formReply(formKey, submission.reply({ formErrors: ["That post no longer exists."] }), 404);
      return redirectWithToast(`${here}#post-${post.parentId ?? post.id}`, { kind: "success", message: value.parentId ? "Reply posted." : "Posted to the discussion." });
    }
    case "edit-post": {
      const post = await editPost(user.id, value.postId, value.body);
      if (!post) throw new Response("You can only edit your own posts.", { status: 403 });
      return redirectWithToast(`${here}#post-${post.parentId ?? post.id}`, { kind: "success", message: "Post updated." });
    }
    case "hide-post": {
      if (!canEditCourse(user, course)) throw new Response("Only the course's instructor can hide posts.", { status: 403 });
      const post = await findLessonPost(lesson.id, value.postId);
      if (!post) throw new Response("Not found", { status: 404 });
      await setPostHidden(user.id, post.id, value.hidden);
      return redirectWithToast(`${here}#post-${post.parentId ?? post.id}`, { kind: "success", message: value.hidden ? "Post hidden." : "Post visible again." });
    }
    case "run": {
      // Decision 041. Without JavaScript: stored, then a redirect to the page, which shows the latest run.
      // With it (a fetcher sends respond=data): the run as data, the page shows it in place.
      const outcome = await submitExercise(user.id, ref, value.code).catch(rethrowAsPage());
      if (!outcome.ok) {
        const headers = outcome.reason === "rate_limited" ? outcome.limited.headers : undefined;
        return data({ form: "run" as const, error: outcome.message, code: value.code }, { status: outcome.reason === "rate_limited" ? 429 : 400, headers });
      }
      const { submission: run, completion } = outcome;
      const badges = completion ? newBadgesMessage(completion.newBadges) : "";
      const message =
        completion?.courseCompleted ? ["Every test passed. Course complete! Your certificate is ready.", badges].filter(Boolean).join(" ")
        : completion ? [`Every test passed: “${lesson.title}” is complete.`, badges].filter(Boolean).join(" ")
        : run.result.problem ? run.result.error || "Your code did not run."
        : `${gradeSummary(run.result)}.`;
      if (value.respond === "data") {
        return { form: "run" as const, message, submission: { id: run.id, status: run.status, result: run.result, createdAt: run.createdAt }, certificateId: completion?.courseCompleted ? completion.certificateId : null };
      }
      return redirectWithToast(`${here}#exercise-result`, { kind: completion ? "success" : "info", message });
    }
    case "progress":
      await recordLessonVisit(user.id, ref, value.seconds, value.position).catch(rethrowAsPage());
      return { form: "progress", result: null };
  }
  return redirect(here);
}
