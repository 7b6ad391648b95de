import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import { ErrorList } from "~/components/ui/field.tsx";
import { Breadcrumb } from "~/components/ui/breadcrumb.tsx";
import { NOTE_MAX } from "~/modules/exercises/review-labels.ts";
import { ownSubmission, requestReview, RequestReviewSchema } from "~/modules/exercises/reviews.server.ts";
import { requireUser, requireVerifiedUser } from "~/utils/auth.server.ts";
import { formatDateTime } from "~/utils/dates.ts";
import { ConflictError, NotFoundError, rethrowAsPage } from "~/utils/errors.ts";
import { rateLimit, retryAfterHeaders } from "~/utils/rate-limit.server.ts";
import { redirectWithToast } from "~/utils/toast.server.ts";
import { parseWithZod } from "~/utils/zod.server.ts";

export const headers = retryAfterHeaders;
export const meta: MetaFunction = () => [{ title: "Ask for a review · Sentry Academy" }];

const NOT_YOURS = "That submission isn't one of yours. Ask for a review from your own submission on the exercise.";

async function submissionFrom(userId: string, id: string | null) {
  if (!id || id.length > 64) throw new Response("Choose one of your submissions: open the exercise and use “Ask for a review” under it.", { status: 400 });
  const submission = await ownSubmission(userId, id);
  if (!submission) throw new Response(NOT_YOURS, { status: 404 });
  return submission;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { submission: await submissionFrom(user.id, new URL(request.url).searchParams.get("submission")) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireVerifiedUser(request);
  const submission = parseWithZod(await request.formData(), { schema: RequestReviewSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const limited = await rateLimit("review-comment", user.id);
  if (limited) return data(submission.reply({ formErrors: [limited.message] }), { status: 429, headers: limited.headers });
  try {
    const review = await requestReview(user.id, submission.value.submission, submission.value.note);
    return redirectWithToast(`/reviews/${review.id}`, { kind: "success", message: "Review requested: learners who passed this exercise can now see it." });
  } catch (error) {
    if (error instanceof ConflictError) return data(submission.reply({ formErrors: [error.message] }), { status: 409 });
    if (error instanceof NotFoundError) throw new Response(NOT_YOURS, { status: 404 });
    return rethrowAsPage()(error);
  }
}

export default function NewReview() {
  const { submission } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const noteErrors = reply?.error?.note ?? null;
  const formErrors = reply?.error?.[""] ?? null;
  return (
    <div className="max-w-3xl space-y-6">
      <Breadcrumb trail={[{ to: "/reviews", label: "Code reviews" }]} current="Ask for a review" />
      <h1 className="text-3xl font-bold">Ask for a review</h1>
      <p className="break-words text-ink-800">
        Your submission of <Link to={submission.exercise.url}>{submission.exercise.title}</Link> ({submission.exercise.courseTitle}), {formatDateTime(submission.createdAt)}:{" "}
        {submission.status === "PASSED" ? "it passed." : "it doesn't pass yet: reviewers can help you get unstuck."}
      </p>
      {submission.activeReviewId ? (
        <p className="rounded-lg border border-amber-700/40 bg-amber-50 p-3">
          You already have a review of this exercise open: <Link to={`/reviews/${submission.activeReviewId}`}>go to it</Link> to resubmit your newer code there, or close it
          first.
        </p>
      ) : null}
      <section aria-labelledby="code-title">
        <h2 id="code-title" className="text-xl font-bold">
          The code reviewers will see
        </h2>
        <ol className="mt-2 rounded-xl border border-ink-300/60 bg-ink-950 py-2 font-mono text-sm text-ink-100" aria-label="Code, one item per line">
          {submission.lines.map((text, i) => (
            <li key={i} className="flex">
              <span aria-hidden="true" className="w-10 shrink-0 select-none pr-2 text-right text-ink-300">
                {i + 1}
              </span>
              <code className="min-w-0 flex-1 whitespace-pre-wrap break-all pr-2">{text || " "}</code>
            </li>
          ))}
        </ol>
      </section>
      <Form method="post" className="card">
        <ErrorList id="request-form-error" errors={formErrors} />
        <input type="hidden" name="submission" value={submission.id} />
        <div className="mb-4">
          <label htmlFor="note" className="label">
            Note for reviewers (optional)
          </label>
          <textarea
            id="note"
            name="note"
            rows={4}
            maxLength={NOTE_MAX}
            className="input"
            defaultValue={typeof reply?.initialValue?.note === "string" ? reply.initialValue.note : undefined}
            aria-invalid={noteErrors ? true : undefined}
            aria-describedby={["note-help", noteErrors ? "note-error" : null].filter(Boolean).join(" ")}
          />
          <p id="note-help" className="mt-1 text-sm text-ink-700">
            What should they look at? For example: “Is my beforeSend scrubbing enough?”
          </p>
          <ErrorList id="note-error" errors={noteErrors} />
        </div>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? "Asking…" : "Ask for a review"}
        </button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
