import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { AreaChart } from "~/components/charts/area-chart.tsx";
import { BarChart } from "~/components/charts/bar-chart.tsx";
import { StudioErrorBoundary } from "~/components/authoring/course-studio.tsx";
import { Pager } from "~/components/ui/pager.tsx";
import { ProgressBar } from "~/components/ui/progress-bar.tsx";
import { StatusPage } from "~/components/ui/status-page.tsx";
import {
  ANALYTICS_TTL_SECONDS,
  courseAnalytics,
  learnerPage,
  parseLearnerQuery,
  requireAnalyticsAccess,
  type CourseAnalytics,
  type EnrolmentUnit,
  type LearnerQuery,
  type LearnerSort,
} from "~/modules/academy/analytics.server.ts";
import { formatDateTime, formatDay } from "~/utils/dates.ts";
import type { RenderCacheHandle } from "~/utils/render-cache.server.ts";

// Many views, few changes: the loader runs (and checks access) every time, the same data renders once.
export const handle = { renderCacheSeconds: 60 } satisfies RenderCacheHandle;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Analytics · ${data?.course.title ?? "Course"} · Instructor studio · Sentry Academy` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { course } = await requireAnalyticsAccess(request, params.id);
  const q = parseLearnerQuery(new URL(request.url).searchParams);
  const [analytics, learners] = await Promise.all([courseAnalytics(course.id), learnerPage(course.id, q)]);
  const { authorId: _authorId, ...studio } = course;
  return { course: studio, analytics, learners, refreshSeconds: ANALYTICS_TTL_SECONDS };
}

const numbers = new Intl.NumberFormat("en");
const fmt = (n: number) => numbers.format(n);
const percentOf = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 100) : 0);
const plural = (n: number, one: string, many = `${one}s`) => `${fmt(n)} ${n === 1 ? one : many}`;

/** "45 s", "4 min 30 s", "1 h 5 min" */
function duration(seconds: number) {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return seconds % 60 ? `${minutes} min ${seconds % 60} s` : `${minutes} min`;
  return minutes % 60 ? `${Math.floor(minutes / 60)} h ${minutes % 60} min` : `${Math.floor(minutes / 60)} h`;
}

const shortDay = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
const monthYear = new Intl.DateTimeFormat("en-GB", { month: "short", year: "numeric", timeZone: "UTC" });
const longMonth = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });

function periodLabels(unit: EnrolmentUnit, start: Date) {
  if (unit === "month") return { label: longMonth.format(start), tick: monthYear.format(start) };
  return { label: unit === "week" ? `Week of ${formatDay(start)}` : formatDay(start), tick: shortDay.format(start) };
}

export default function CourseAnalyticsPage() {
  const { course, analytics: a, learners, refreshSeconds } = useLoaderData<typeof loader>();
  const csvHref = `/instructor/courses/${course.id}/analytics.csv`;
  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <p className="text-ink-800">
          Figures as of <time dateTime={new Date(a.asOf).toISOString()}>{formatDateTime(a.asOf)}</time>; they are refreshed every{" "}
          {refreshSeconds === 60 ? "minute" : `${refreshSeconds} seconds`}.
        </p>
        <a href={csvHref} download className="btn btn-secondary">
          Download CSV<span className="sr-only"> of every learner's progress</span>
        </a>
      </div>
      <Summary summary={a.summary} />
      {a.summary.enrolled === 0 ? (
        <p className="card">No learners have enrolled yet. The charts appear with the first enrolment.</p>
      ) : (
        <>
          <Enrolments enrolments={a.enrolments} />
          <div className="grid gap-8 lg:grid-cols-2">
            <Funnel funnel={a.funnel} enrolled={a.summary.enrolled} />
            <LessonTime lessonTime={a.lessonTime} funnel={a.funnel} />
          </div>
          <Quizzes quizzes={a.quizzes} hardest={a.hardestQuestions} />
        </>
      )}
      <Learners learners={learners} />
    </div>
  );
}

function Section({ id, title, intro, children }: { id: string; title: string; intro?: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="card min-w-0">
      <h2 id={id} className="text-xl font-bold">
        {title}
      </h2>
      {intro ? <p className="mt-1 text-sm text-ink-700">{intro}</p> : null}
      {children}
    </section>
  );
}

function Summary({ summary: s }: { summary: CourseAnalytics["summary"] }) {
  const cards = [
    { label: "Enrolled learners", value: fmt(s.enrolled), note: `${fmt(s.enrolledLast30Days)} in the last 30 days` },
    { label: "Completed the course", value: fmt(s.completed), note: `${percentOf(s.completed, s.enrolled)}% of enrolled learners` },
    { label: "Average progress", value: `${s.averageProgress}%`, note: `of ${plural(s.requiredItems, "required lesson or quiz", "required lessons and quizzes")}` },
  ];
  return (
    <section aria-labelledby="summary-title">
      <h2 id="summary-title" className="sr-only">
        Summary
      </h2>
      <ul className="grid gap-4 sm:grid-cols-3">
        {cards.map((c) => (
          <li key={c.label} className="card p-4">
            <h3 className="text-sm font-semibold text-ink-700">{c.label}</h3>
            <p className="mt-1 text-3xl font-bold tabular-nums">{c.value}</p>
            <p className="mt-1 text-sm text-ink-700">{c.note}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Enrolments({ enrolments }: { enrolments: CourseAnalytics["enrolments"] }) {
  const per = enrolments.unit;
  const points = enrolments.points.map((p) => ({ ...periodLabels(enrolments.unit, new Date(p.start)), value: p.count, total: p.total }));
  const busiest = points.reduce((best, p) => (p.value > best.value ? p : best), points[0]);
  const description = `New enrolments per ${per} from ${points[0].label} to ${points.at(-1)!.label}: ${plural(points.at(-1)!.total, "enrolment")} in all; the most, ${fmt(busiest.value)}, in ${busiest.label}.`;
  return (
    <Section id="enrolments-title" title="Enrolments over time" intro={`New enrolments per ${per}.`}>
      <AreaChart
        id="enrolments-chart"
        title="Enrolments over time"
        description={description}
        yLabel={`New enrolments per ${per}`}
        points={points}
        table={{ columns: [per[0].toUpperCase() + per.slice(1), "New enrolments", "Enrolled in all"], rows: points.map((p) => [p.label, fmt(p.value), fmt(p.total)]) }}
      />
    </Section>
  );
}

function Funnel({ funnel, enrolled }: { funnel: CourseAnalytics["funnel"]; enrolled: number }) {
  const steps = funnel.map((item, i) => ({ ...item, label: `${i + 1}. ${item.kind === "quiz" ? "Quiz: " : ""}${item.title}${item.required ? "" : " (optional)"}` }));
  const description = `Of ${plural(enrolled, "enrolled learner")}, ${steps.map((s) => `${percentOf(s.learners, enrolled)}% got through ${s.label.replace(/^\d+\. /, "")}`).join("; ")}.`;
  return (
    <Section id="funnel-title" title="Completion funnel" intro="Learners who completed each lesson, or passed each quiz, in course order.">
      {steps.length ? (
        <BarChart
          id="funnel-chart"
          title="Completion funnel"
          description={description}
          max={Math.max(enrolled, ...steps.map((s) => s.learners))}
          bars={steps.map((s) => ({ label: s.label, value: s.learners, valueText: `${fmt(s.learners)} · ${percentOf(s.learners, enrolled)}%` }))}
          table={{ columns: ["Step", "Learners", "Share of enrolled"], rows: steps.map((s) => [s.label, fmt(s.learners), `${percentOf(s.learners, enrolled)}%`]) }}
        />
      ) : (
        <p className="mt-3 text-ink-800">The course has no lessons yet.</p>
      )}
    </Section>
  );
}

function LessonTime({ lessonTime, funnel }: { lessonTime: CourseAnalytics["lessonTime"]; funnel: CourseAnalytics["funnel"] }) {
  // Lessons keep their step numbers from the funnel (quizzes take numbers too).
  const lessons = lessonTime.map((l) => ({ ...l, label: `${funnel.findIndex((s) => s.id === l.id) + 1}. ${l.title}` }));
  const timed = lessons.filter((l) => l.learners > 0);
  const longest = timed.reduce<(typeof timed)[number] | undefined>((best, l) => (!best || l.averageSeconds > best.averageSeconds ? l : best), undefined);
  return (
    <Section id="time-title" title="Average time per lesson" intro="Over the learners whose time was recorded (the lesson page records it with JavaScript on).">
      {longest ? (
        <BarChart
          id="time-chart"
          title="Average time per lesson"
          description={`Average time learners spent on each lesson; the longest is ${longest.title}, ${duration(longest.averageSeconds)}.`}
          max={longest.averageSeconds}
          bars={lessons.map((l) => ({ label: l.label, value: l.averageSeconds, valueText: l.learners ? duration(l.averageSeconds) : "no data" }))}
          table={{ columns: ["Lesson", "Average time", "Learners timed"], rows: lessons.map((l) => [l.label, l.learners ? duration(l.averageSeconds) : "no data", fmt(l.learners)]) }}
        />
      ) : (
        <p className="mt-3 text-ink-800">No time recorded yet.</p>
      )}
    </Section>
  );
}

function Quizzes({ quizzes, hardest }: { quizzes: CourseAnalytics["quizzes"]; hardest: CourseAnalytics["hardestQuestions"] }) {
  const taken = quizzes.filter((q) => q.learners > 0);
  return (
    <Section id="quizzes-title" title="Quizzes" intro="Pass rate: the share of learners who took the quiz and passed it, at any attempt.">
      {taken.length ? (
        <div className="grid gap-8 lg:grid-cols-2">
          <div className="min-w-0">
            <h3 className="mt-4 font-bold">Pass rates</h3>
            <BarChart
              id="pass-rate-chart"
              title="Quiz pass rates"
              description={quizzes.map((q) => `${q.title}: ${percentOf(q.passed, q.learners)}% of ${plural(q.learners, "learner")} passed`).join("; ") + "."}
              max={100}
              bars={quizzes.map((q) => ({ label: q.title, value: percentOf(q.passed, q.learners), valueText: `${percentOf(q.passed, q.learners)}% · ${fmt(q.passed)} of ${fmt(q.learners)}` }))}
              table={{
                columns: ["Quiz", "Learners", "Passed", "Pass rate", "Attempts", "Average score", "Pass mark"],
                rows: quizzes.map((q) => [q.title, fmt(q.learners), fmt(q.passed), `${percentOf(q.passed, q.learners)}%`, fmt(q.attempts), `${q.averageScore}%`, `${q.passMark}%`]),
              }}
            />
          </div>
          <div className="min-w-0">
            <h3 className="mt-4 font-bold">Hardest questions</h3>
            {hardest.length ? (
              <BarChart
                id="hardest-chart"
                title="Hardest questions"
                description={`The questions most often answered wrong: ${hardest.map((h) => `“${h.prompt}” (${h.quizTitle}), ${percentOf(h.wrong, h.attempts)}% wrong`).join("; ")}.`}
                max={100}
                bars={hardest.map((h) => ({ label: h.prompt, value: percentOf(h.wrong, h.attempts), valueText: `${percentOf(h.wrong, h.attempts)}% wrong` }))}
                table={{
                  columns: ["Question", "Quiz", "Attempts", "Wrong", "Share wrong"],
                  rows: hardest.map((h) => [h.prompt, h.quizTitle, fmt(h.attempts), fmt(h.wrong), `${percentOf(h.wrong, h.attempts)}%`]),
                }}
              />
            ) : (
              <p className="mt-3 text-ink-800">Every answer so far was right.</p>
            )}
          </div>
        </div>
      ) : (
        <p className="mt-3 text-ink-800">{quizzes.length ? "Nobody has taken a quiz yet." : "This course has no quizzes."}</p>
      )}
    </Section>
  );
}

type LearnerTable = ReturnType<typeof useLoaderData<typeof loader>>["learners"];

const COLUMNS: { sort: LearnerSort; label: string }[] = [
  { sort: "name", label: "Learner" },
  { sort: "enrolled", label: "Enrolled" },
  { sort: "progress", label: "Progress" },
  { sort: "activity", label: "Last activity" },
  { sort: "completed", label: "Completed" },
];

const learnersHref = (q: LearnerQuery) => `?sort=${q.sort}&dir=${q.dir}${q.page > 1 ? `&page=${q.page}` : ""}#learners`;

function Learners({ learners: l }: { learners: LearnerTable }) {
  const first = (l.page - 1) * l.pageSize + 1;
  return (
    <section aria-labelledby="learners" className="card min-w-0">
      <h2 id="learners" className="text-xl font-bold">
        Learners
      </h2>
      <p className="mt-1 text-sm text-ink-700">Select a column heading to sort by it; select it again to reverse the order.</p>
      {l.total === 0 ? (
        <p className="mt-3 text-ink-800">No learners yet.</p>
      ) : (
        <>
          <div className="mt-3 overflow-x-auto rounded-lg border border-ink-300/60">
            <table className="w-full text-left text-sm">
              <caption className="px-3 pt-3 text-left font-semibold text-ink-900">
                Learners’ progress, {l.rows.length ? `${fmt(first)}–${fmt(first + l.rows.length - 1)} of ${fmt(l.total)}` : `none on page ${l.page}`}
              </caption>
              <thead className="bg-ink-100">
                <tr>
                  {COLUMNS.map((c) => {
                    const active = l.sort === c.sort;
                    const dir = active ? (l.dir === "asc" ? "desc" : "asc") : c.sort === "name" ? "asc" : "desc";
                    return (
                      <th key={c.sort} scope="col" className="px-3 py-2 whitespace-nowrap" aria-sort={active ? (l.dir === "asc" ? "ascending" : "descending") : undefined}>
                        <Link to={learnersHref({ sort: c.sort, dir, page: 1 })} className="font-semibold text-ink-950">
                          {c.label}
                          <span aria-hidden="true" className="ml-1 text-brand-700">
                            {active ? (l.dir === "asc" ? "▲" : "▼") : ""}
                          </span>
                        </Link>
                      </th>
                    );
                  })}
                </tr>
              </thead>
              <tbody className="divide-y divide-ink-100">
                {l.rows.map((r) => (
                  <tr key={r.id}>
                    <th scope="row" className="px-3 py-2 font-semibold">
                      {r.name}
                    </th>
                    <td className="px-3 py-2 whitespace-nowrap">{formatDay(r.enrolledAt)}</td>
                    <td className="min-w-40 px-3 py-2">
                      <ProgressBar percent={r.progress} label={`Progress of ${r.name}`} size="sm" />
                    </td>
                    <td className="px-3 py-2 whitespace-nowrap">{formatDay(r.lastActivityAt)}</td>
                    <td className="px-3 py-2 whitespace-nowrap">
                      {r.completedAt ? `Completed ${formatDay(r.completedAt)}` : r.progress > 0 ? "In progress" : "Not started"}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager label="Learner pages" page={l.page} pages={l.pages} href={(page) => learnersHref({ ...l, page })} format={fmt} />
        </>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return (
    <StudioErrorBoundary
      statusHandlers={{
        403: ({ message, level }) => (
          <StatusPage code={403} level={level} title="You can't see this course's analytics">
            <p>{message ?? "Only the course's instructor and admins see its analytics."}</p>
          </StatusPage>
        ),
      }}
    />
  );
}
