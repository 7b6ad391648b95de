import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { cardData, CourseCard } from "~/components/academy/course-card.tsx";
import { parseCatalogParams } from "~/modules/academy/catalog.ts";
import { publishedCoursesBySlug, searchCatalog } from "~/modules/academy/catalog.server.ts";
import { useRootData } from "~/root.tsx";
import type { PageCacheHandle } from "~/utils/page-cache.server.ts";

/** Guests get a public page kept for a few seconds per instance (page-cache.server.ts, docs/caching.md). */
export const handle = { pageCacheSeconds: 10 } satisfies PageCacheHandle;

const STARTING_POINTS = ["error-monitoring-fundamentals", "tracing-and-performance-monitoring", "session-replay-for-web-apps"];

export async function loader() {
  // Three good first courses of the starter catalogue; any catalogue without them shows its first three.
  const [picked, { courses, total }] = await Promise.all([
    publishedCoursesBySlug(STARTING_POINTS),
    searchCatalog(parseCatalogParams(new URLSearchParams())),
  ]);
  return { featured: (picked.length ? picked : courses.slice(0, 3)).map(cardData), total };
}

export const meta: MetaFunction = () => [
  { title: "Sentry Academy: learn observability with Sentry" },
  { name: "description", content: "Courses on error monitoring, tracing, session replay, profiling, crons and alerts." },
];

const AREAS = [
  {
    title: "Academy",
    body: "Hands-on courses on error monitoring, tracing, session replay, profiling, crons, uptime and alerts, with quizzes and certificates.",
    to: "/courses",
    cta: "Browse the courses",
  },
  {
    title: "Your Sentry Setup",
    body: "Optionally connect your Sentry account. We read your organizations and projects, spot the features you haven't switched on, and suggest what to learn next.",
    to: "/sentry",
    cta: "See how it works",
  },
  {
    title: "POC Portal",
    body: "For Sentry solutions engineers: plan proofs of concept and mutual action plans with customers, and share a no-login portal link.",
    to: "/staff",
    cta: "Open the portal",
  },
];

export default function Home() {
  const user = useRootData()?.user;
  const { featured, total } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-12">
      <section aria-labelledby="hero-title" className="overflow-hidden rounded-2xl bg-ink-950 px-6 py-12 text-white sm:px-12">
        <p className="text-sm font-semibold uppercase tracking-widest text-brand-300">Sentry Academy</p>
        <h1 id="hero-title" className="mt-3 max-w-2xl text-4xl font-bold leading-tight sm:text-5xl">
          Learn to see what your software is doing.
        </h1>
        <p className="mt-4 max-w-2xl text-lg text-ink-100">
          Short, practical courses on observability with Sentry, from your first captured error to full tracing, and
          recommendations based on the Sentry setup you already have.
        </p>
        <div className="mt-8 flex flex-wrap items-center gap-4">
          {user ? (
            <Link to="/dashboard" className="btn btn-primary">
              Go to your dashboard
            </Link>
          ) : (
            <>
              <Link to="/signup" className="btn btn-primary">
                Create a free account
              </Link>
              <Link to="/login" className="btn border border-brand-300 text-white hover:bg-ink-800">
                Log in
              </Link>
            </>
          )}
        </div>
      </section>
      {featured.length ? (
        <section aria-labelledby="featured-title">
          <div className="flex flex-wrap items-end justify-between gap-2">
            <h2 id="featured-title" className="text-2xl font-bold">
              Good places to start
            </h2>
            <p>
              <Link to="/courses">All {total} courses</Link> · <Link to="/paths">Learning paths</Link>
            </p>
          </div>
          <ul className="mt-6 grid gap-6 md:grid-cols-3">
            {featured.map((course) => (
              <li key={course.slug}>
                <CourseCard course={course} headingLevel={3} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="areas-title">
        <h2 id="areas-title" className="text-2xl font-bold">
          One place, three parts
        </h2>
        <ul className="mt-6 grid gap-6 md:grid-cols-3">
          {AREAS.map((area) => (
            <li key={area.title} className="card flex flex-col">
              <h3 className="text-lg font-bold">{area.title}</h3>
              <p className="mt-2 flex-1 text-ink-800">{area.body}</p>
              <p className="mt-4">
                <Link to={area.to} className="font-semibold">
                  {area.cta} <span aria-hidden="true">→</span>
                </Link>
              </p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
