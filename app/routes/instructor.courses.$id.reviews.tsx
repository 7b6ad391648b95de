import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { StudioErrorBoundary } from "~/components/authoring/course-studio.tsx";
import { ReviewComment, ReviewStatusBadge } from "~/components/reviews/review-parts.tsx";
import { requireCourseEditor } from "~/modules/academy/authoring.server.ts";
import { REVIEW_STATUS_FILTERS, REVIEW_STATUS_LABELS, type ReviewStatusFilter } from "~/modules/exercises/review-labels.ts";
import { commentReviewInCourse, courseReviews, setCommentHidden } from "~/modules/exercises/reviews.server.ts";
import { formatDateTime } from "~/utils/dates.ts";
import { pageIntents } from "~/utils/errors.ts";
import { redirectWithToast } from "~/utils/toast.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Reviews · ${data?.course.title ?? "Course"} · Instructor studio · Sentry Academy` }];

/** The status filter of the URL (`?status=OPEN`); anything else shows all. */
function statusFilter(request: Request): ReviewStatusFilter {
  const value = new URL(request.url).searchParams.get("status") ?? "ALL";
  return (REVIEW_STATUS_FILTERS as readonly string[]).includes(value) ? (value as ReviewStatusFilter) : "ALL";
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { course } = await requireCourseEditor(request, params.id);
  const status = statusFilter(request);
  return { course: { id: course.id, title: course.title }, status, reviews: await courseReviews(course.id, status) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, course } = await requireCourseEditor(request, params.id);
  const form = await request.formData();
  const commentId = String(form.get("comment") ?? "").slice(0, 64);
  const url = new URL(request.url);
  const back = `${url.pathname}${url.search}#comment-${commentId}`;
  const hide = async (hidden: boolean) => {
    const reviewId = await commentReviewInCourse(course.id, commentId);
    if (!reviewId) throw new Response("There is no such comment in this course's reviews.", { status: 404 });
    await setCommentHidden(reviewId, commentId, user, hidden);
    return redirectWithToast(back, { kind: "success", message: hidden ? "Comment hidden." : "Comment shown again." });
  };
  return pageIntents(form.get("intent"), { hide: () => hide(true), unhide: () => hide(false) });
}

const filterLabel = (s: ReviewStatusFilter) => (s === "ALL" ? "All" : REVIEW_STATUS_LABELS[s]);

export default function CourseReviews() {
  const { status, reviews } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <section aria-labelledby="reviews-title" className="max-w-4xl space-y-4">
        <h2 id="reviews-title" className="text-2xl font-bold">
          Code reviews
        </h2>
        <p className="text-ink-800">
          Learners' peer reviews of this course's exercises, with every comment. Hide a comment that breaks the rules: learners then read “A comment was hidden by an
          instructor”; you still see it, and can show it again.
        </p>
        <nav aria-label="Filter by status">
          <ul className="flex flex-wrap gap-2">
            {REVIEW_STATUS_FILTERS.map((s) => (
              <li key={s}>
                <Link
                  to={s === "ALL" ? "." : `?status=${s}`}
                  aria-current={s === status ? "page" : undefined}
                  className={`inline-block rounded-full border px-3 py-1 text-sm no-underline ${s === status ? "border-brand-600 bg-brand-600 font-semibold text-white" : "border-ink-500 bg-white text-ink-950"}`}
                >
                  {filterLabel(s)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        {reviews.length === 0 ? (
          <p className="text-ink-700">{status === "ALL" ? "No learner has asked for a review yet." : `No reviews are ${filterLabel(status).toLowerCase()}.`}</p>
        ) : (
          <ul className="space-y-4">
            {reviews.map((r) => (
              <li key={r.id}>
                <article className="card space-y-3" aria-labelledby={`review-${r.id}`}>
                  <div className="flex flex-wrap items-center gap-2">
                    <h3 id={`review-${r.id}`} className="break-words text-lg font-bold">
                      <Link to={`/reviews/${r.id}`}>{r.exerciseTitle}</Link>
                    </h3>
                    <ReviewStatusBadge status={r.status} />
                  </div>
                  <p className="text-sm text-ink-700">
                    Asked by {r.authorName} on <time dateTime={new Date(r.createdAt).toISOString()}>{formatDateTime(r.createdAt)}</time> ·{" "}
                    {r.comments.length === 1 ? "1 comment" : `${r.comments.length} comments`}
                  </p>
                  {r.comments.length ? (
                    <div className="space-y-2">
                      {r.comments.map((c) => (
                        <ReviewComment key={c.id} comment={c} moderate showLine />
                      ))}
                    </div>
                  ) : null}
                </article>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

export const ErrorBoundary = StudioErrorBoundary;
