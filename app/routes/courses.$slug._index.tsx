import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { formatMinutes } from "~/components/academy/course-card.tsx";
import { CertificateNeeds } from "~/components/academy/course-outline.tsx";
import { ProgressBar } from "~/components/ui/progress-bar.tsx";
import { latestAnnouncement } from "~/modules/academy/announcements.server.ts";
import { coursePageData, findVisibleCourse } from "~/modules/academy/course-page.server.ts";
import { itemUrl } from "~/modules/academy/urls.ts";
import { enroll } from "~/modules/academy/learning.server.ts";
import { featureLabel, levelLabel, platformLabel } from "~/modules/academy/taxonomy.ts";
import { getOptionalUser, requireUser } from "~/utils/auth.server.ts";
import { formatLongDay } from "~/utils/dates.ts";
import { redirectWithToast } from "~/utils/toast.server.ts";
import type { PageCacheHandle } from "~/utils/page-cache.server.ts";
import { Breadcrumb } from "~/components/ui/breadcrumb.tsx";

/** Guests get a public page kept for a few seconds per instance (page-cache.server.ts, docs/caching.md). */
export const handle = { pageCacheSeconds: 10 } satisfies PageCacheHandle;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.course.title} · Sentry Academy` : "Course not found · Sentry Academy" },
  { name: "description", content: data?.course.summary ?? "" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const data = await coursePageData(params.slug!, user);
  if (!data) throw new Response("Not found", { status: 404 });
  const { authorId: _author, ...course } = data.course;
  // Enrolled learners see the instructor's latest word on the course itself, as on their dashboard.
  const announcement = data.learner?.enrolled ? await latestAnnouncement(course.id) : null;
  return { ...data, course, announcement };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const course = await findVisibleCourse(params.slug!, user);
  if (!course) throw new Response("Not found", { status: 404 });
  const form = await request.formData();
  if (form.get("intent") !== "enroll") throw new Response("Unknown action", { status: 400 });
  await enroll(user.id, course.id);
  const data = await coursePageData(course.slug, user);
  const next = data?.learner?.next;
  const message = `You're enrolled in ${course.title}.`;
  return next ? redirectWithToast(itemUrl(course.slug, next), { kind: "success", message }) : redirect(`/courses/${course.slug}`);
}

export default function CoursePage() {
  const { course, syllabus, learner, editable, requirements, announcement } = useLoaderData<typeof loader>();
  const pending = useNavigation().state === "submitting";
  const done = new Set(learner?.done ?? []);
  const lessonCount = syllabus.reduce((n, m) => n + m.items.filter((i) => i.kind === "lesson" && !i.exercise).length, 0);
  const exerciseCount = syllabus.reduce((n, m) => n + m.items.filter((i) => i.exercise).length, 0);
  const quizCount = syllabus.reduce((n, m) => n + m.items.filter((i) => i.kind === "quiz").length, 0);
  // One DOM in reading order (title, then the action and progress, then the description and
  // syllabus): on a phone the Enrol/Continue box comes right after the title; on a wide
  // screen the grid puts it in the right column beside both.
  return (
    <div className="grid gap-x-8 gap-y-6 lg:grid-cols-[1fr_20rem] lg:grid-rows-[auto_1fr]">
      <div className="min-w-0 lg:col-start-1 lg:row-start-1">
        <div className="flex flex-wrap justify-between gap-2 text-sm">
          <Breadcrumb trail={[{ to: "/courses", label: "Courses" }]} current={course.title} />
          {editable && course.status === "PUBLISHED" ? <Link to={`/instructor/courses/${course.id}`}>Edit in the studio</Link> : null}
        </div>
        {course.status !== "PUBLISHED" ? (
          <div role="note" aria-label="Preview" className="mb-3 mt-2 flex flex-wrap items-center justify-between gap-3 rounded-lg border-l-4 border-amber-500 bg-amber-50 px-4 py-3 text-amber-950">
            <p>
              <strong className="block">Preview — not published</strong>
              <span className="text-sm">Draft preview: learners can't see this course until it's published.</span>
            </p>
            {editable ? (
              <Link to={`/instructor/courses/${course.id}`} className="btn btn-secondary py-1.5">
                Back to the studio
              </Link>
            ) : null}
          </div>
        ) : null}
        <h1 className="mt-1 text-3xl font-bold">{course.title}</h1>
        <p className="mt-3 text-lg text-ink-800">{course.summary}</p>
        <ul className="mt-4 flex flex-wrap gap-2 text-sm" aria-label="About this course">
          <li className="rounded bg-white px-2 py-1 shadow-sm">{levelLabel(course.level)}</li>
          <li className="rounded bg-white px-2 py-1 shadow-sm">
            {lessonCount} lesson{lessonCount === 1 ? "" : "s"}
            {exerciseCount ? ` · ${exerciseCount} exercise${exerciseCount === 1 ? "" : "s"}` : ""}
            {quizCount ? ` · ${quizCount} quiz${quizCount === 1 ? "" : "zes"}` : ""}
          </li>
          <li className="rounded bg-white px-2 py-1 shadow-sm">{formatMinutes(course.estimatedMinutes)}</li>
          {course.contentUpdatedAt ? <li className="rounded bg-white px-2 py-1 shadow-sm">Updated on {formatLongDay(course.contentUpdatedAt)}</li> : null}
        </ul>
      </div>

      <aside className="space-y-4 lg:sticky lg:top-4 lg:col-start-2 lg:row-span-2 lg:row-start-1 lg:self-start" aria-label="Your progress">
        <div className="card">
          {learner?.enrolled ? (
            <>
              <h2 className="font-bold">Your progress</h2>
              <div className="mt-3">
                <ProgressBar percent={learner.progress.percent} label={`Progress in ${course.title}`} />
              </div>
              <CertificateNeeds progress={learner.progress} className="mt-2" />
              {learner.certificateId ? (
                <Link to={`/certificates/${learner.certificateId}`} className="btn btn-primary mt-4 w-full">
                  View your certificate
                </Link>
              ) : learner.next ? (
                <Link to={itemUrl(course.slug, learner.next)} className="btn btn-primary mt-4 w-full">
                  {learner.progress.done === 0 ? "Start" : "Continue"}: {learner.next.title}
                </Link>
              ) : null}
            </>
          ) : (
            <>
              <h2 className="font-bold">Start this course</h2>
              <p className="mt-2 text-sm text-ink-700">Free. Track your progress, take the quiz and earn a certificate.</p>
              <CertificateNeeds progress={requirements} started={false} className="mt-2" />
              <Form method="post" className="mt-4">
                <input type="hidden" name="intent" value="enroll" />
                <button type="submit" className="btn btn-primary w-full" disabled={pending}>
                  {pending ? "Enrolling…" : learner ? "Enrol in this course" : "Log in to enrol"}
                </button>
              </Form>
            </>
          )}
        </div>
        <div className="card text-sm">
          <h2 className="font-bold">What you'll use</h2>
          <p className="mt-2">
            <span className="font-semibold">Sentry features: </span>
            {course.features.map(featureLabel).join(", ")}
          </p>
          <p className="mt-1">
            <span className="font-semibold">Platforms: </span>
            {course.platforms.length ? course.platforms.map(platformLabel).join(", ") : "Any"}
          </p>
          {course.tags.length ? (
            <p className="mt-1">
              <span className="font-semibold">Tags: </span>
              {course.tags.map((t, i) => (
                <span key={t}>
                  {i > 0 ? ", " : ""}
                  <Link to={`/courses?tag=${encodeURIComponent(t)}`}>{t}</Link>
                </span>
              ))}
            </p>
          ) : null}
        </div>
      </aside>

      <div className="min-w-0 lg:col-start-1 lg:row-start-2">
        {announcement ? (
          <section aria-labelledby="announcement-title" className="mt-6 rounded-xl border-l-4 border-brand-600 bg-white px-5 py-4 shadow-sm">
            <p className="text-xs font-semibold uppercase tracking-wide text-brand-700">Announcement</p>
            <h2 id="announcement-title" className="mt-1 text-lg font-bold">
              {announcement.title}
            </h2>
            <p className="text-sm text-ink-700">
              {announcement.authorName} · {formatLongDay(announcement.createdAt)}
            </p>
            <div className="prose-academy mt-2" dangerouslySetInnerHTML={{ __html: announcement.bodyHtml }} />
          </section>
        ) : null}
        <div className="prose-academy mt-6" dangerouslySetInnerHTML={{ __html: course.descriptionHtml }} />

        <section aria-labelledby="syllabus-title" className="mt-8">
          <h2 id="syllabus-title" className="text-2xl font-bold">
            Syllabus
          </h2>
          <ol className="mt-4 space-y-6">
            {syllabus.map((module, mi) => (
              <li key={module.id} className="overflow-hidden rounded-xl border border-ink-300/60 bg-white shadow-sm">
                <h3 className="border-b border-ink-100 px-5 py-3 font-bold">
                  {mi + 1}. {module.title}
                </h3>
                <ol className="divide-y divide-ink-100">
                  {module.items.map((item) => {
                    const isDone = done.has(item.id);
                    return (
                      <li key={item.id} className="flex items-start gap-3 px-5 py-3">
                        <span
                          aria-hidden="true"
                          className={`mt-0.5 grid h-6 w-6 shrink-0 place-items-center rounded-full text-xs font-bold ${isDone ? "bg-emerald-600 text-white" : "border border-ink-300 text-ink-700"}`}
                        >
                          {isDone ? "✓" : item.kind === "quiz" ? "?" : item.exercise ? "{}" : ""}
                        </span>
                        <div className="flex-1">
                          <Link to={itemUrl(course.slug, item)} className="font-medium">
                            {item.kind === "quiz" ? "Quiz: " : item.exercise ? "Exercise: " : ""}
                            {item.title}
                          </Link>
                          <p className="text-sm text-ink-700">
                            {[item.summary, formatMinutes(item.minutes)].filter(Boolean).join(" · ")}
                            {item.required ? "" : " · optional"}
                          </p>
                        </div>
                        {learner ? <span className="text-sm text-ink-700">{isDone ? (item.kind === "quiz" || item.exercise ? "Passed" : "Done") : "Not started"}</span> : null}
                      </li>
                    );
                  })}
                </ol>
              </li>
            ))}
          </ol>
        </section>
      </div>

    </div>
  );
}
