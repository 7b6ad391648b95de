import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { GradeResultView } from "~/components/exercises/grade-result-view.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import { useFormReply } from "~/components/forms.tsx";
import { CodeWithComments, CommentForm, ReviewComment, ReviewStatusBadge, type CommentFormReply } from "~/components/reviews/review-parts.tsx";
import { Breadcrumb } from "~/components/ui/breadcrumb.tsx";
import { useHydrated } from "~/components/use-hydrated.ts";
import {
  addComment,
  closeReview,
  commentSchema,
  OWN_VERDICT,
  resubmit,
  reviewForComment,
  reviewPage,
  setCommentHidden,
} from "~/modules/exercises/reviews.server.ts";
import { lineAnchor } from "~/modules/exercises/review-labels.ts";
import { requireUser, requireVerifiedUser } from "~/utils/auth.server.ts";
import { formatDateTime } from "~/utils/dates.ts";
import { pageIntents, rethrowAsPage } from "~/utils/errors.ts";
import { formReply } from "~/utils/form-reply.server.ts";
import { rateLimit, retryAfterHeaders } from "~/utils/rate-limit.server.ts";
import { redirectWithToast } from "~/utils/toast.server.ts";
import { parseWithZod } from "~/utils/zod.server.ts";

export const headers = retryAfterHeaders;
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Review: ${data?.exercise.title ?? "code review"} · Sentry Academy` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return reviewPage(params.id ?? "", user).catch(rethrowAsPage());
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const reviewId = params.id ?? "";
  const form = await request.formData();
  const here = `/reviews/${reviewId}`;
  const commentId = String(form.get("comment") ?? "");
  return pageIntents(form.get("intent"), {
    comment: async () => {
      const writer = await requireVerifiedUser(request);
      const { lineCount, isAuthor, open } = await reviewForComment(reviewId, writer);
      const key = form.get("place") === "inline" ? "comment-inline" : "comment";
      const submission = parseWithZod(form, { schema: commentSchema(lineCount) });
      if (submission.status !== "success") return formReply(key, submission.reply());
      if (!open) return formReply(key, submission.reply({ formErrors: ["This review is closed: nobody can comment any more."] }), 409);
      if (isAuthor && submission.value.verdict !== "COMMENT") return formReply(key, submission.reply({ fieldErrors: { verdict: [OWN_VERDICT] } }), 403);
      const limited = await rateLimit("review-comment", writer.id);
      if (limited) return formReply(key, submission.reply({ formErrors: [limited.message] }), { status: 429, headers: limited.headers });
      const { line } = submission.value;
      await addComment(reviewId, writer, submission.value);
      return redirectWithToast(`${here}${line ? `#${lineAnchor(line)}` : ""}`, { kind: "success", message: line ? `Comment posted on line ${line}.` : "Comment posted." });
    },
    resubmit: async () => {
      await resubmit(reviewId, user);
      return redirectWithToast(here, { kind: "success", message: "Your newer code is now under review; the reviewers have been told." });
    },
    close: async () => {
      await closeReview(reviewId, user);
      return redirectWithToast(here, { kind: "success", message: "Review closed." });
    },
    hide: async () => {
      await setCommentHidden(reviewId, commentId, user, true);
      return redirectWithToast(`${here}#comment-${commentId}`, { kind: "success", message: "Comment hidden." });
    },
    unhide: async () => {
      await setCommentHidden(reviewId, commentId, user, false);
      return redirectWithToast(`${here}#comment-${commentId}`, { kind: "success", message: "Comment shown again." });
    },
  });
}

function SubmissionResult({ submission }: { submission: ReturnType<typeof useLoaderData<typeof loader>>["submission"] }) {
  const result = submission.result;
  if (!result || !Array.isArray(result.tests)) {
    return <p className="text-ink-800">Submitted {formatDateTime(submission.createdAt)} · {submission.status.toLowerCase()}</p>;
  }
  return <GradeResultView result={result} heading="Result of this submission" headingLevel={2} />;
}

export default function ReviewPage() {
  const data = useLoaderData<typeof loader>();
  const { review, exercise, submission, lines, lineComments, generalComments, earlierComments, newerSubmission, viewer, can } = data;
  const hydrated = useHydrated();
  const pageReply = useFormReply("comment") as CommentFormReply | undefined;
  const inlineReply = useFormReply("comment-inline") as CommentFormReply | undefined;
  const navigation = useNavigation();
  const sending = navigation.state === "submitting" && navigation.formData?.get("intent") === "comment";
  const repliedLine = Number(inlineReply?.result.initialValue?.line) || null;
  const [openLine, setOpenLine] = useState<number | null>(null);
  const shownLine = openLine ?? repliedLine;
  return (
    <div className="space-y-8">
      <header className="space-y-3">
        <Breadcrumb trail={[{ to: "/reviews", label: "Code reviews" }]} current={exercise.title} />
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="break-words text-3xl font-bold">Review: {exercise.title}</h1>
          <ReviewStatusBadge status={review.status} />
        </div>
        <p className="break-words text-ink-800">
          Asked by {review.authorName} on <time dateTime={new Date(review.createdAt).toISOString()}>{formatDateTime(review.createdAt)}</time> ·{" "}
          <Link to={exercise.url}>{exercise.courseTitle}</Link>
          {viewer.moderates ? (
            <>
              {" · "}
              <Link to={`/instructor/courses/${exercise.courseId}/reviews`}>All reviews of this course</Link>
            </>
          ) : null}
        </p>
        {review.note ? (
          <blockquote className="whitespace-pre-wrap break-words border-l-4 border-brand-300 pl-4 text-ink-800">
            <span className="sr-only">The author's note: </span>
            {review.note}
          </blockquote>
        ) : null}
      </header>

      <section aria-labelledby="code-title" className="space-y-3">
        <h2 id="code-title" className="text-2xl font-bold">
          Code
        </h2>
        <p className="text-sm text-ink-700">
          Submitted {formatDateTime(submission.createdAt)} in {submission.language === "TYPESCRIPT" ? "TypeScript" : "JavaScript"}.{" "}
          {can.comment ? (hydrated ? "Use a line's Comment button to comment on it." : "To comment on a line, give its number in the form below.") : null}
        </p>
        <CodeWithComments
          lines={lines}
          lineComments={lineComments}
          moderate={can.moderate}
          canComment={hydrated && can.comment}
          openLine={hydrated ? shownLine : null}
          onOpen={(n) => setOpenLine(n)}
          renderForm={(n) => (
            <CommentForm
              key={n}
              place="inline"
              line={n}
              lineCount={lines.length}
              verdicts={can.verdict}
              reply={repliedLine === n ? inlineReply : undefined}
              pending={sending}
              onCancel={() => setOpenLine(null)}
            />
          )}
        />
      </section>

      <section aria-labelledby="result-title" className="card">
        <h2 id="result-title" className="sr-only">
          Grading
        </h2>
        <SubmissionResult submission={submission} />
      </section>

      <section aria-labelledby="general-title" className="space-y-3">
        <h2 id="general-title" className="text-2xl font-bold">
          Comments on the whole submission
        </h2>
        {generalComments.length === 0 ? <p className="text-ink-700">None yet.</p> : null}
        {generalComments.map((c) => (
          <ReviewComment key={c.id} comment={c} moderate={can.moderate} />
        ))}
      </section>

      {earlierComments.length ? (
        <section aria-labelledby="earlier-title" className="space-y-3">
          <h2 id="earlier-title" className="text-2xl font-bold">
            Comments on earlier code
          </h2>
          <p className="text-sm text-ink-700">Made before the author resubmitted; their line numbers are of the earlier code.</p>
          {earlierComments.map((c) => (
            <ReviewComment key={c.id} comment={c} moderate={can.moderate} showLine />
          ))}
        </section>
      ) : null}

      {can.comment ? (
        <section aria-labelledby="add-comment-title" className="max-w-3xl space-y-3">
          <h2 id="add-comment-title" className="text-2xl font-bold">
            {viewer.isAuthor ? "Reply" : "Add a comment"}
          </h2>
          <CommentForm place="page" lineCount={lines.length} verdicts={can.verdict} reply={pageReply} pending={sending} />
        </section>
      ) : (
        <p className="text-ink-800">This review is closed.</p>
      )}

      {viewer.isAuthor && can.close ? (
        <section aria-labelledby="author-title" className="card max-w-3xl space-y-4">
          <h2 id="author-title" className="text-xl font-bold">
            Your review
          </h2>
          {can.resubmit && newerSubmission ? (
            <Form method="post" className="space-y-2">
              <p>
                You submitted newer code on {formatDateTime(newerSubmission.createdAt)} ({newerSubmission.status.toLowerCase()}). Resubmitting puts it under review and
                tells the reviewers.
              </p>
              <button type="submit" name="intent" value="resubmit" className="btn btn-primary">
                Resubmit my newer code
              </button>
            </Form>
          ) : (
            <p>
              To resubmit, change your code on <Link to={exercise.url}>the exercise</Link> and submit it; then come back here.
            </p>
          )}
          <Form method="post">
            <button type="submit" name="intent" value="close" className="btn btn-secondary">
              Close this review
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
