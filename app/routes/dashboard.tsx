import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ConnectPrompt } from "~/components/sentry/connect-prompt.tsx";
import { ProgressBar } from "~/components/ui/progress-bar.tsx";
import { promptState } from "~/modules/sentry-connect/prompts.server.ts";
import { dashboardData } from "~/modules/academy/dashboard.server.ts";
import { BADGES } from "~/modules/academy/progress.ts";
import { itemUrl } from "~/modules/academy/urls.ts";
import { formatDay } from "~/utils/dates.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { AREA_ROLES, hasRole, ROLE_LABELS } from "~/utils/permissions.ts";

export const meta: MetaFunction = () => [{ title: "Dashboard · Sentry Academy" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [data, prompt] = await Promise.all([dashboardData(user.id), promptState(user.id, "dashboard-level-up")]);
  // "Level up your learning" once a learner has finished a course (the plan: after the first or second).
  return { user, ...data, levelUp: prompt.show && data.stats.completedCourses >= 1, sentryConnected: prompt.connected };
}


export default function Dashboard() {
  const { user, courses, announcements, paths, streak, longestStreak, stats, badges, levelUp, sentryConnected } = useLoaderData<typeof loader>();
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
          <h1 className="text-3xl font-bold">Welcome back, {user.name}</h1>
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

      <section aria-labelledby="my-courses">
        <h2 id="my-courses" className="text-2xl font-bold">
          Your courses
        </h2>
        {courses.length === 0 ? (
          <div className="card mt-3">
            <p>You haven't enrolled in a course yet.</p>
            <Link to="/courses" className="btn btn-primary mt-3">
              Browse the catalogue
            </Link>
          </div>
        ) : (
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
                <p className="mt-2 text-sm text-ink-700">
                  {c.progress.done} of {c.progress.total} done{c.completed ? " · completed" : ""}
                </p>
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
        )}
      </section>

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
        <ul className="mt-3 grid gap-3 sm:grid-cols-3 lg:grid-cols-6">
          {BADGES.map((b) => (
            <li key={b.slug} className={`card p-4 text-center ${earned.has(b.slug) ? "" : "opacity-50"}`}>
              <p aria-hidden="true" className="text-2xl">
                {earned.has(b.slug) ? "★" : "☆"}
              </p>
              <p className="font-semibold">{b.label}</p>
              <p className="text-xs text-ink-700">{b.description}</p>
              <p className="mt-1 text-xs font-semibold">{earned.has(b.slug) ? "Earned" : "Not yet"}</p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
