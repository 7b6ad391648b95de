import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { useCallback, useEffect, useRef } from "react";
import { CourseOutline } from "~/components/academy/course-outline.tsx";
import { Discussion } from "~/components/academy/discussion.tsx";
import { formatMinutes } from "~/components/academy/course-card.tsx";
import { LessonNotes } from "~/components/academy/lesson-notes.tsx";
import { ExercisePanel } from "~/components/exercises/exercise-panel.tsx";
import { resumeAt, VideoPlayer } from "~/components/academy/video-player.tsx";
import { SubmitButton, useSending } from "~/components/forms.tsx";
import { useHydrated } from "~/components/use-hydrated.ts";
import { useMarkupHtml } from "~/components/use-markup-html.ts";
import { lessonThread } from "~/modules/academy/community.server.ts";
import { canEditCourse } from "~/modules/academy/course-admin.server.ts";
import { coursePlace } from "~/modules/academy/course-page.server.ts";
import { lessonAction } from "~/modules/academy/lesson-actions.server.ts";
import { learnerLessonState, lessonMedia, requireVisibleLesson } from "~/modules/academy/lesson-page.server.ts";
import { signMediaInHtml } from "~/modules/media/signing.server.ts";
import { itemUrl } from "~/modules/academy/urls.ts";
import { latestSubmission } from "~/modules/exercises/submissions.server.ts";
import { markupOnly } from "~/utils/markup-html.server.ts";
import { retryAfterHeaders } from "~/utils/rate-limit.server.ts";
import type { PageCacheHandle } from "~/utils/page-cache.server.ts";
import { Breadcrumb } from "~/components/ui/breadcrumb.tsx";

/** Guests get a public page kept for a few seconds per instance (page-cache.server.ts, docs/caching.md). */
export const handle = { pageCacheSeconds: 10 } satisfies PageCacheHandle;

export const headers = retryAfterHeaders;
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.lesson.title} · ${data.course.title} · Sentry Academy` : "Lesson not found · Sentry Academy" },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, course, lesson } = await requireVisibleLesson(request, params.slug!, params.lessonSlug!);
  const { exercise } = lesson;
  const [{ previous, next, lessonNumber, outline, progress, started }, thread, mine, media, runs] = await Promise.all([
    coursePlace(course.id, lesson.position, user),
    lessonThread(lesson.id),
    user ? learnerLessonState(user.id, lesson.id, course.id) : null,
    // Signed for this viewer (a guest's for every guest: only guests' pages are kept, page-cache.server.ts).
    lessonMedia(lesson, user),
    // The learner's own runs only (decision 041): the latest, and whether one passed.
    user && exercise ? latestSubmission(user.id, exercise.id) : null,
  ]);
  // The course's own instructor and admins moderate its discussions (not every instructor).
  const moderator = canEditCourse(user, course);
  const page = {
    course: { slug: course.slug, title: course.title },
    lesson: {
      id: lesson.id,
      slug: lesson.slug,
      title: lesson.title,
      summary: lesson.summary,
      // Library images in the text (`/files/<id>/original`) get this viewer's signatures.
      bodyHtml: signMediaInHtml(lesson.bodyHtml, user),
      estimatedMinutes: lesson.estimatedMinutes,
      // Uploaded media as signed URLs; typed URLs only if they pass the URL rule (safe-url.ts): a
      // javascript: address kept from before the rule renders as plain text, never as a link or a source.
      media,
      updatedAt: lesson.updatedAt,
    },
    // An exercise lesson (decision 041): never its hidden tests or reference solution (the query does not read them).
    exercise: exercise
      ? {
          ...exercise,
          // "Reset to starter" without JavaScript is this link (?code=starter).
          code: new URL(request.url).searchParams.get("code") === "starter" ? exercise.starterCode : (runs?.latest?.code ?? exercise.starterCode),
          latest: runs?.latest ? { id: runs.latest.id, status: runs.latest.status, result: runs.latest.result, createdAt: runs.latest.createdAt } : null,
          passed: runs?.passed ?? false,
        }
      : null,
    lessonNumber,
    outline,
    progress,
    started,
    previous,
    next,
    viewer: user ? { id: user.id, moderator } : null,
    learner: mine,
    // Hidden posts keep their text only for moderators.
    thread: thread.map((p) => ({
      ...p,
      bodyHtml: p.hiddenAt && !moderator ? "" : p.bodyHtml,
      bodyMarkdown: p.userId === user?.id ? p.bodyMarkdown : "",
      replies: p.replies.map((r) => ({ ...r, bodyHtml: r.hiddenAt && !moderator ? "" : r.bodyHtml, bodyMarkdown: r.userId === user?.id ? r.bodyMarkdown : "" })),
    })),
  };
  // The body's HTML is in the page's markup: not repeated in the hydration data (decision 028).
  return { ...page, lesson: markupOnly(page.lesson, "bodyHtml", context) };
}

/** Eight forms, one endpoint: lesson-actions.server.ts. */
export async function action(args: ActionFunctionArgs) {
  return lessonAction(args);
}

/** The beacon's posts change nothing the page shows: no reload of its data (nor new media signatures) after each. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get("intent") === "progress" ? false : defaultShouldRevalidate;

/**
 * With JavaScript: report time spent and the position every 30 s, for "resume where you left off". The
 * position is the scroll offset, or on a lesson with a video the video's second (`positionOf`; decision 037).
 * Returns `send(position?)`, for the player to report at once when the learner pauses.
 */
function useProgressBeacon(enabled: boolean, positionOf: () => number | null) {
  const fetcher = useFetcher();
  const started = useRef(0);
  const positionRef = useRef(positionOf);
  useEffect(() => {
    positionRef.current = positionOf;
  });
  const send = useCallback(
    (position?: number) => {
      if (!enabled) return;
      const seconds = Math.round((Date.now() - started.current) / 1000);
      started.current = Date.now();
      const at = position ?? positionRef.current() ?? Math.round(window.scrollY);
      if (seconds > 0 || position !== undefined) fetcher.submit({ intent: "progress", seconds: String(Math.min(seconds, 3600)), position: String(at) }, { method: "post" });
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [enabled],
  );
  useEffect(() => {
    if (!enabled) return;
    started.current = Date.now();
    const timer = window.setInterval(() => send(), 30_000);
    return () => window.clearInterval(timer);
  }, [enabled, send]);
  return send;
}

export default function LessonPage() {
  const { course, lesson, exercise, lessonNumber, outline, progress, started, previous, next, viewer, learner, thread } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  // A run refused without JavaScript (too big, rate limited): its message, and the code as posted.
  const refusedRun = actionData && "form" in actionData && actionData.form === "run" && "error" in actionData ? actionData : null;
  const { media } = lesson;
  // On a video lesson the saved position is the video's second (the player keeps it current).
  const videoAt = useRef<number | null>(null);
  const sendProgress = useProgressBeacon(Boolean(learner?.enrolled), () => (media.video ? videoAt.current : null));
  const startAt = media.video && learner ? resumeAt(learner.lastPosition, media.video.durationSeconds) : 0;
  const hydrated = useHydrated();
  const bodyHtml = useMarkupHtml(lesson.bodyHtml, "lesson-body");
  const completing = useSending("complete");
  const loginHref = `/login?redirectTo=${encodeURIComponent(`/courses/${course.slug}`)}`;
  // After a done lesson or a passed exercise: on to the next item.
  const nextButton = next ? (
    <Link to={itemUrl(course.slug, next)} className="btn btn-primary" rel="next">
      Next: {next.title} →
    </Link>
  ) : null;
  return (
    <div className="grid gap-8 lg:grid-cols-[1fr_18rem]">
      <article aria-labelledby="lesson-title" className="min-w-0">
        <Breadcrumb
          trail={[
            { to: "/courses", label: "Courses" },
            { to: `/courses/${course.slug}`, label: course.title },
          ]}
          current={`Lesson ${lessonNumber.index} of ${lessonNumber.of}`}
        />
        <h1 id="lesson-title" className="mt-1 text-3xl font-bold">
          {lesson.title}
        </h1>
        <p className="mt-2 text-ink-700">
          {lesson.summary} · {formatMinutes(lesson.estimatedMinutes)}
          {learner?.completed ? <span className="ml-2 rounded bg-emerald-100 px-2 py-0.5 text-sm font-semibold text-emerald-900">✓ Completed</span> : null}
        </p>
        {hydrated && !media.video && learner && learner.lastPosition > 400 && !learner.completed ? (
          <p className="mt-2 text-sm">
            <button type="button" className="btn-tertiary" onClick={() => window.scrollTo({ top: learner.lastPosition, behavior: "smooth" })}>
              Resume where you left off
            </button>
          </p>
        ) : null}
        {media.video ? (
          <VideoPlayer
            key={lesson.id}
            video={media.video}
            captions={media.captions}
            title={lesson.title}
            startAt={startAt}
            onTime={(seconds) => (videoAt.current = seconds)}
            onPosition={(seconds) => sendProgress(seconds)}
          />
        ) : media.videoPending ? (
          <p className="mt-6 rounded-xl border border-ink-300/60 bg-white p-4 text-ink-700">This lesson’s video is being prepared. Come back in a few minutes.</p>
        ) : null}
        <div id="lesson-body" className="prose-academy mt-6" dangerouslySetInnerHTML={{ __html: bodyHtml }} />
        {exercise ? (
          <ExercisePanel
            key={lesson.id}
            exercise={exercise}
            code={refusedRun?.code ?? exercise.code}
            latest={exercise.latest}
            signedIn={Boolean(viewer)}
            loginHref={`/login?redirectTo=${encodeURIComponent(`/courses/${course.slug}/lessons/${lesson.slug}`)}`}
            error={refusedRun?.error}
            starterHref="?code=starter#exercise-code"
          />
        ) : null}
        {media.resources.length ? (
          <section aria-labelledby="resources" className="mt-8">
            <h2 id="resources" className="text-xl font-bold">
              Resources
            </h2>
            <ul className="mt-2 list-disc pl-5">
              {media.resources.map((r, i) => (
                <li key={i}>
                  {r.url ? (
                    <a href={r.url} rel="noopener noreferrer" download={r.download ? "" : undefined}>
                      {r.title}
                    </a>
                  ) : (
                    r.title
                  )}
                </li>
              ))}
            </ul>
          </section>
        ) : null}

        <div className="mt-10 flex flex-wrap items-center justify-between gap-3 border-t border-ink-300/60 pt-6">
          {previous ? (
            <Link to={itemUrl(course.slug, previous)} rel="prev">
              ← {previous.title}
            </Link>
          ) : (
            <span />
          )}
          {viewer && exercise ? (
            // An exercise is completed by passing its tests, never by a button (decision 041).
            learner?.completed || exercise.passed ? (
              <div className="flex flex-wrap items-center gap-3">
                <p className="font-semibold text-emerald-900" data-testid="exercise-status">
                  ✓ Exercise passed
                </p>
                {/* Who passed reviews others' code of it (decision 042). */}
                <Link to="/reviews">Review others' code</Link>
                {nextButton}
              </div>
            ) : (
              <p className="text-ink-800" data-testid="exercise-status">
                {exercise.latest ? "Not passed yet: " : ""}Pass every test to complete this exercise.
              </p>
            )
          ) : viewer ? (
            learner?.completed ? (
              <div className="flex items-center gap-3">
                <Form method="post">
                  <input type="hidden" name="intent" value="uncomplete" />
                  <button type="submit" className="btn-tertiary text-sm">
                    Mark as not done
                  </button>
                </Form>
                {nextButton}
              </div>
            ) : (
              <Form method="post">
                <input type="hidden" name="intent" value="complete" />
                <SubmitButton pending={completing} label={next ? "Mark complete and continue" : "Mark complete"} busyLabel="Saving…" />
              </Form>
            )
          ) : (
            <Link to={loginHref} className="btn btn-primary">
              Log in to track progress
            </Link>
          )}
          {next && !viewer ? (
            <Link to={itemUrl(course.slug, next)} rel="next">
              {next.title} →
            </Link>
          ) : null}
        </div>

        <Discussion thread={thread} viewer={viewer} loginHref={loginHref} />
      </article>

      <div className="space-y-4">
        <CourseOutline courseSlug={course.slug} courseTitle={course.title} outline={outline} progress={progress} started={started} signedIn={Boolean(viewer)} />
        <LessonNotes learner={viewer && learner ? learner : null} loginHref={loginHref} />
      </div>
    </div>
  );
}
