import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { cardData, CourseCard } from "~/components/academy/course-card.tsx";
import { ConnectPrompt } from "~/components/sentry/connect-prompt.tsx";
import { promptState } from "~/modules/sentry-connect/prompts.server.ts";
import { getOptionalUser } from "~/utils/auth.server.ts";
import { catalogUrl, hasFilters, parseCatalogParams } from "~/modules/academy/catalog.ts";
import { catalogFacets, searchCatalog } from "~/modules/academy/catalog.server.ts";
import { CATEGORIES, FEATURES, LEVELS, platformLabel } from "~/modules/academy/taxonomy.ts";
import type { PageCacheHandle } from "~/utils/page-cache.server.ts";

/** Guests get a public page kept for a few seconds per instance (page-cache.server.ts, docs/caching.md). */
export const handle = { pageCacheSeconds: 10 } satisfies PageCacheHandle;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.filters.q ? `“${data.filters.q}” · Courses · Sentry Academy` : "Courses · Sentry Academy" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const filters = parseCatalogParams(new URL(request.url).searchParams);
  const user = await getOptionalUser(request);
  const [result, facets, prompt] = await Promise.all([searchCatalog(filters), catalogFacets(), user ? promptState(user.id, "catalogue-banner") : null]);
  return { filters, result: { ...result, courses: result.courses.map(cardData) }, facets, banner: prompt?.show ?? false, sentryConnected: prompt?.connected ?? false };
}

function Select({ name, label, value, options }: { name: string; label: string; value: string; options: { value: string; label: string }[] }) {
  const submit = useSubmit();
  return (
    <div>
      <label htmlFor={`filter-${name}`} className="label">
        {label}
      </label>
      <select
        id={`filter-${name}`}
        name={name}
        defaultValue={value}
        className="input"
        // With JavaScript the list updates as you choose; without it, the Apply button submits.
        onChange={(e) => submit(e.currentTarget.form, { replace: true })}
      >
        <option value="">Any</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export default function Catalog() {
  const { filters, result, facets, banner, sentryConnected } = useLoaderData<typeof loader>();
  const searching = useNavigation().state === "loading";
  const from = (filters.page - 1) * 12 + 1;
  const to = from + result.courses.length - 1;
  return (
    <div>
      <header className="mb-6">
        <h1 className="text-3xl font-bold">Courses</h1>
        <p className="mt-1 text-ink-700">Practical courses on error monitoring, tracing, replay, profiling, crons and more.</p>
        {sentryConnected ? (
          <p className="mt-2">
            <Link to="/sentry">See the courses recommended for your Sentry setup →</Link>
          </p>
        ) : null}
      </header>
      {banner ? (
        <div className="mb-6">
          <ConnectPrompt prompt="catalogue-banner" title="Want courses tailored to your Sentry setup?">
            Connect your Sentry account and we'll point you to the courses for the features your projects don't use yet.
          </ConnectPrompt>
        </div>
      ) : null}
      <div className="grid gap-8 lg:grid-cols-[16rem_1fr]">
        <aside aria-labelledby="filters-title">
          <h2 id="filters-title" className="sr-only">
            Search and filters
          </h2>
          <Form method="get" action="/courses" role="search" className="card space-y-4 p-4">
            <div>
              <label htmlFor="catalog-q" className="label">
                Search courses and lessons
              </label>
              <input id="catalog-q" name="q" type="search" defaultValue={filters.q} className="input" placeholder="e.g. source maps" />
            </div>
            <Select name="category" label="Category" value={filters.category?.toLowerCase() ?? ""} options={CATEGORIES.map((c) => ({ value: c.toLowerCase(), label: c }))} />
            <Select name="level" label="Level" value={filters.level?.toLowerCase() ?? ""} options={LEVELS.map((l) => ({ value: l.slug, label: l.label }))} />
            <Select name="feature" label="Sentry feature" value={filters.feature ?? ""} options={FEATURES.map((f) => ({ value: f.slug, label: f.label }))} />
            <Select name="platform" label="Platform" value={filters.platform ?? ""} options={facets.platforms.map((p) => ({ value: p.value, label: platformLabel(p.value) }))} />
            <Select name="tag" label="Tag" value={filters.tag ?? ""} options={facets.tags.map((t) => ({ value: t.value, label: `${t.value} (${t.count})` }))} />
            <div className="flex flex-wrap items-center gap-3">
              <button type="submit" className="btn btn-primary">
                Apply
              </button>
              {hasFilters(filters) ? (
                <Link to="/courses" className="text-sm">
                  Clear all
                </Link>
              ) : null}
            </div>
          </Form>
        </aside>
        <section aria-labelledby="results-title" aria-busy={searching} className="min-w-0">
          <h2 id="results-title" className="sr-only">
            Results
          </h2>
          <p className="mb-4 text-sm text-ink-700" role="status">
            {result.total === 0
              ? filters.q
                ? `No courses match “${filters.q}”.`
                : "No courses match these filters."
              : `${result.total} course${result.total === 1 ? "" : "s"}${filters.q ? ` for “${filters.q}”` : ""}${result.pages > 1 ? ` · showing ${from}–${to}` : ""}`}
          </p>
          {result.mode === "fuzzy" && result.total > 0 ? (
            <p className="mb-4 rounded-lg border-l-4 border-amber-500 bg-amber-50 p-3 text-sm">
              No exact matches for “{filters.q}”. Showing courses with similar titles.
            </p>
          ) : null}
          <ul className="grid gap-5 sm:grid-cols-2 xl:grid-cols-3">
            {result.courses.map((course) => (
              <li key={course.slug}>
                <CourseCard course={course} headingLevel={3} />
              </li>
            ))}
          </ul>
          {result.pages > 1 ? (
            <nav aria-label="Result pages" className="mt-8 flex flex-wrap items-center justify-center gap-2">
              {filters.page > 1 ? (
                <Link to={catalogUrl(filters, { page: filters.page - 1 })} className="btn btn-secondary" rel="prev">
                  ← Previous
                </Link>
              ) : null}
              {Array.from({ length: Math.min(result.pages, 10) }, (_, i) => i + 1).map((n) => (
                <Link
                  key={n}
                  to={catalogUrl(filters, { page: n })}
                  aria-current={n === filters.page ? "page" : undefined}
                  className="rounded-md px-3 py-1 no-underline aria-[current=page]:bg-brand-600 aria-[current=page]:text-white"
                >
                  {n}
                </Link>
              ))}
              {filters.page < result.pages ? (
                <Link to={catalogUrl(filters, { page: filters.page + 1 })} className="btn btn-secondary" rel="next">
                  Next →
                </Link>
              ) : null}
            </nav>
          ) : null}
        </section>
      </div>
    </div>
  );
}
