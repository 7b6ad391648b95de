import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { ConnectPrompt } from "~/components/sentry/connect-prompt.tsx";
import { CertificateNeeds } from "~/components/academy/course-outline.tsx";
import { formatMinutes } from "~/components/academy/course-card.tsx";
import { ProgressBar } from "~/components/ui/progress-bar.tsx";
import { promptState } from "~/modules/sentry-connect/prompts.server.ts";
import { dashboardData } from "~/modules/academy/dashboard.server.ts";
import { BADGES } from "~/modules/academy/progress.ts";
import { itemUrl } from "~/modules/academy/urls.ts";
import { formatDay } from "~/utils/dates.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { levelLabel } from "~/modules/academy/taxonomy.ts";
import { AREA_ROLES, hasRole, ROLE_LABELS } from "~/utils/permissions.ts";

export const meta: MetaFunction = () => [{ title: "Dashboard · Sentry Academy" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [data, prompt] = await Promise.all([dashboardData(user.id), promptState(user.id, "dashboard-level-up")]);
  // "Level up your learning" once a learner has finished a course (the plan: after the first or second).
  return { user, ...data, levelUp: prompt.show && data.stats.completedCourses >= 1, sentryConnected: prompt.connected };
}


type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

/** The first visit: where to start (a suggested course, or a path), and what connecting Sentry adds. */
function FirstSteps({ starting, paths, sentryConnected }: { starting: LoaderData["starting"]; paths: LoaderData["startingPaths"]; sentryConnected: boolean }) {
  return (
    <section aria-labelledby="first-steps" className="space-y-4">
      <h2 id="first-steps" className="text-2xl font-bold">
        Your first step
      </h2>
      <div className="grid gap-4 lg:grid-cols-[3fr_2fr]">
        {starting ? (
          <div className="card border-l-8 border-l-brand-600">
            <p className="text-xs font-semibold uppercase tracking-wider text-brand-700">Suggested first course · {levelLabel(starting.level)}</p>
            <h3 className="mt-1 text-xl font-bold">
              <Link to={`/courses/${starting.slug}`} className="text-ink-950">
                {starting.title}
              </Link>
            </h3>
            <p className="mt-2 text-ink-800">{starting.summary}</p>
            <p className="mt-2 text-sm text-ink-700">
              {starting.lessons} lesson{starting.lessons === 1 ? "" : "s"}
              {starting.quizzes ? ` and ${starting.quizzes === 1 ? "a quiz" : `${starting.quizzes} quizzes`}` : ""} · {formatMinutes(starting.estimatedMinutes)} · a certificate when
              you finish
            </p>
            <Form method="post" action={`/courses/${starting.slug}?index`} className="mt-4 flex flex-wrap items-center gap-3">
              <input type="hidden" name="intent" value="enroll" />
              <button type="submit" className="btn btn-primary">
                Start this course
              </button>
              <Link to="/courses">or browse all courses</Link>
            </Form>
          </div>
        ) : (
          <div className="card">
            <p>Courses are on their way.</p>
            <Link to="/courses" className="btn btn-primary mt-3">
              Browse the catalogue
            </Link>
          </div>
        )}
        {sentryConnected ? null : (
          <div className="card">
            <h3 className="text-lg font-bold">Connect Sentry</h3>
            <p className="mt-2 text-sm text-ink-800">
              Connect your Sentry account and we'll look at your projects, spot the features you don't use yet, and suggest the courses that teach them. Read-only; you can
              disconnect at any time.
            </p>
            <Link to="/sentry" className="btn btn-secondary mt-3">
              See what connecting does
            </Link>
          </div>
        )}
      </div>
      {paths.length ? (
        <div>
          <h3 className="text-lg font-bold">Or follow a learning path</h3>
          <ul className="mt-2 grid gap-3 md:grid-cols-2">
            {paths.map((p) => (
              <li key={p.slug} className="card p-4">
                <Link to={`/paths/${p.slug}`} className="font-semibold">
                  {p.title}
                </Link>
                <span className="text-sm text-ink-700"> · {p.courseCount} courses</span>
                <p className="mt-1 text-sm text-ink-800">{p.summary}</p>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}

export default function Dashboard() {
  const { user, courses, announcements, paths, streak, longestStreak, stats, badges, levelUp, sentryConnected, firstVisit, starting, startingPaths } =
    useLoaderData<typeof loader>();
  const earned = new Set(badges.map((b) => b.slug));
  const shortcuts = [
    { to: "/instructor", label: "Instructor studio", show: hasRole(user, AREA_ROLES.instructor) },
    { to: "/staff", label: "POC Portal", show: hasRole(user, AREA_ROLES.staff) },
    { to: "/admin", label: "Administration", show: hasRole(user, AREA_ROLES.admin) },
  ].filter((s) => s.show);
  return (
    <div className="space-y-8">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-3xl font-bold">{firstVisit ? `Welcome to Sentry Academy, ${user.name}` : `Welcome back, ${user.name}`}</h1>
          <p className="mt-1 text-ink-700">
            Signed in as {user.email} · {ROLE_LABELS[user.role]}
          </p>
        </div>
        {shortcuts.length ? (
          <nav aria-label="Your areas" className="flex flex-wrap gap-2">
            {shortcuts.map((s) => (
              <Link key={s.to} to={s.to} className="btn btn-secondary">
                {s.label}
              </Link>
            ))}
          </nav>
        ) : null}
      </header>

      {firstVisit ? (
        <FirstSteps starting={starting} paths={startingPaths} sentryConnected={sentryConnected} />
      ) : (
        <>
          {levelUp ? (
            <ConnectPrompt prompt="dashboard-level-up" title="Level up your learning">
              You've finished {stats.completedCourses === 1 ? "your first course" : `${stats.completedCourses} courses`}. Connect your Sentry account and we'll show which
              features your projects don't use yet, and the courses that teach them. Read-only, and you can disconnect at any time.
            </ConnectPrompt>
          ) : sentryConnected ? (
            <p className="card p-4">
              <Link to="/sentry">Your Sentry setup and recommended next steps →</Link>
            </p>
          ) : null}

          <section aria-label="Your numbers" className="grid gap-4 sm:grid-cols-4">
            <div className="card p-4">
              <p className="text-sm text-ink-700">Current streak</p>
              <p className="text-3xl font-bold" data-testid="streak">
                {streak} day{streak === 1 ? "" : "s"}
              </p>
              <p className="text-xs text-ink-700">Longest: {longestStreak}</p>
            </div>
            <div className="card p-4">
              <p className="text-sm text-ink-700">Lessons completed</p>
              <p className="text-3xl font-bold">{stats.completedLessons}</p>
            </div>
            <div className="card p-4">
              <p className="text-sm text-ink-700">Courses completed</p>
              <p className="text-3xl font-bold">{stats.completedCourses}</p>
            </div>
            <div className="card p-4">
              <p className="text-sm text-ink-700">Badges</p>
              <p className="text-3xl font-bold">
                {badges.length} <span className="text-base font-normal text-ink-700">of {BADGES.length}</span>
              </p>
            </div>
          </section>
        </>
      )}

      {announcements.length ? (
        <section aria-labelledby="announcements">
          <h2 id="announcements" className="text-2xl font-bold">
            Announcements
          </h2>
          <ul className="mt-3 space-y-4">
            {announcements.map((a) => (
              <li key={a.id}>
                <article className="card" aria-labelledby={`announcement-${a.id}`}>
                  <h3 id={`announcement-${a.id}`} className="text-lg font-bold">
                    {a.title}
                  </h3>
                  <p className="mt-1 text-sm text-ink-700">
                    {a.course.status === "PUBLISHED" ? <Link to={`/courses/${a.course.slug}`}>{a.course.title}</Link> : a.course.title} ·{" "}
                    <time dateTime={new Date(a.createdAt).toISOString()}>{formatDay(a.createdAt)}</time> · {a.authorName}
                  </p>
                  <div className="prose-academy mt-3" dangerouslySetInnerHTML={{ __html: a.bodyHtml }} />
                </article>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {firstVisit ? null : (
        <section aria-labelledby="my-courses">
          <h2 id="my-courses" className="text-2xl font-bold">
            Your courses
          </h2>
          <ul className="mt-3 grid gap-4 md:grid-cols-2">
            {courses.map((c) => (
              <li key={c.id} className="card">
                <h3 className="text-lg font-bold">
                  <Link to={`/courses/${c.slug}`} className="text-ink-950">
                    {c.title}
                  </Link>
                </h3>
                <div className="mt-3">
                  <ProgressBar percent={c.progress.percent} label={`Progress in ${c.title}`} />
                </div>
                <CertificateNeeds progress={c.progress} className="mt-2" />
                {c.certificateId ? (
                  <Link to={`/certificates/${c.certificateId}`} className="btn btn-secondary mt-3">
                    View certificate
                  </Link>
                ) : c.next ? (
                  <Link to={itemUrl(c.slug, c.next)} className="btn btn-primary mt-3">
                    Next: {c.next.title}
                  </Link>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      )}

      {paths.length ? (
        <section aria-labelledby="my-paths">
          <h2 id="my-paths" className="text-2xl font-bold">
            Your learning paths
          </h2>
          <ul className="mt-3 grid gap-4 md:grid-cols-2">
            {paths.map((p) => (
              <li key={p.slug} className="card">
                <h3 className="font-bold">
                  <Link to={`/paths/${p.slug}`}>{p.title}</Link>
                </h3>
                <div className="mt-2">
                  <ProgressBar percent={p.percent} label={`Progress in the ${p.title} path`} size="sm" />
                </div>
                <p className="mt-1 text-sm text-ink-700">
                  {p.finished} of {p.courses.length} courses completed
                </p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="badges">
        <h2 id="badges" className="text-2xl font-bold">
          Badges
        </h2>
        {earned.size ? (
          <ul className="mt-3 grid gap-3 sm:grid-cols-3 lg:grid-cols-6" aria-label="Earned">
            {BADGES.filter((b) => earned.has(b.slug)).map((b) => (
              <li key={b.slug} className="card p-4 text-center">
                <p aria-hidden="true" className="text-2xl text-brand-700">
                  ★
                </p>
                <p className="font-semibold">{b.label}</p>
                <p className="text-xs text-ink-700">{b.description}</p>
                <p className="mt-1 text-xs font-semibold">Earned</p>
              </li>
            ))}
          </ul>
        ) : null}
        {earned.size < BADGES.length ? (
          <>
            <h3 className="mt-4 text-sm font-semibold text-ink-800">{earned.size ? "Still to earn" : "Badges to earn as you learn"}</h3>
            <ul className="mt-2 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2 lg:grid-cols-3" aria-label="Not earned yet">
              {BADGES.filter((b) => !earned.has(b.slug)).map((b) => (
                <li key={b.slug} className="flex gap-2 text-ink-800">
                  <span aria-hidden="true" className="text-ink-700">
                    ☆
                  </span>
                  <span>
                    <span className="font-semibold text-ink-900">{b.label}</span>: {b.description.charAt(0).toLowerCase() + b.description.slice(1)}
                  </span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
    </div>
  );
}
