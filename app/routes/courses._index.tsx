import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { cardData, CourseCard } from "~/components/academy/course-card.tsx";
import { ConnectPrompt } from "~/components/sentry/connect-prompt.tsx";
import { promptState } from "~/modules/sentry-connect/prompts.server.ts";
import { getOptionalUser } from "~/utils/auth.server.ts";
import { catalogUrl, hasFilters, hasNarrowingFilters, parseCatalogParams, SORTS, TAG_KINDS, type CatalogFilters } from "~/modules/academy/catalog.ts";
import { catalogFacets, searchCatalog } from "~/modules/academy/catalog.server.ts";
import { CATEGORIES, FEATURES, LEVELS, platformLabel } from "~/modules/academy/taxonomy.ts";
import type { PageCacheHandle } from "~/utils/page-cache.server.ts";

/** Guests get a public page kept for a few seconds per instance (page-cache.server.ts, docs/caching.md). */
export const handle = { pageCacheSeconds: 10 } satisfies PageCacheHandle;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data?.filters.q ? `“${data.filters.q}” · Courses · Sentry Academy` : "Courses · Sentry Academy",
  },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const filters = parseCatalogParams(new URL(request.url).searchParams);
  const user = await getOptionalUser(request);
  const [result, facets, prompt] = await Promise.all([searchCatalog(filters), catalogFacets(), user ? promptState(user.id, "catalogue-banner") : null]);
  return {
    filters,
    result: { ...result, courses: result.courses.map(cardData) },
    facets,
    banner: prompt?.show ?? false,
    sentryConnected: prompt?.connected ?? false,
  };
}

type Option = { value: string; label: string };

function Select({
  name,
  label,
  value,
  options,
  groups,
}: {
  name: string;
  label: string;
  value: string;
  options?: Option[];
  groups?: { label: string; options: Option[] }[];
}) {
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
        {options?.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
        {groups?.map((g) => (
          <optgroup key={g.label} label={g.label}>
            {g.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
}

/** The order of the results: its own small GET form carrying the current search and filters. */
function SortControl({ filters }: { filters: CatalogFilters }) {
  const submit = useSubmit();
  const keep = {
    q: filters.q,
    category: filters.category?.toLowerCase(),
    level: filters.level?.toLowerCase(),
    tag: filters.tag,
    platform: filters.platform,
    feature: filters.feature,
  };
  return (
    <Form method="get" action="/courses" className="flex items-center gap-2 text-sm" aria-label="Order of the courses">
      {Object.entries(keep).map(([name, value]) => (value ? <input key={name} type="hidden" name={name} value={value} /> : null))}
      <label htmlFor="catalog-sort" className="font-semibold">
        Sort
      </label>
      <select
        id="catalog-sort"
        name="sort"
        defaultValue={filters.sort ?? ""}
        className="input w-auto py-1 text-sm"
        onChange={(e) => submit(e.currentTarget.form, { replace: true })}
      >
        <option value="">{filters.q ? "Best match" : SORTS[0].label}</option>
        {SORTS.filter((o) => filters.q || o.value !== "level").map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <button type="submit" className="btn btn-secondary py-1 text-sm">
        Sort
      </button>
    </Form>
  );
}

export default function Catalog() {
  const { filters, result, facets, banner, sentryConnected } = useLoaderData<typeof loader>();
  const searching = useNavigation().state === "loading";
  const from = (filters.page - 1) * 12 + 1;
  const to = from + result.courses.length - 1;
  const narrowed = hasNarrowingFilters(filters);
  const activeCount = [filters.category, filters.level, filters.tag, filters.platform, filters.feature].filter(Boolean).length;
  return (
    <div>
      <header className="mb-4 sm:mb-6">
        <h1 className="text-3xl font-bold">Courses</h1>
        <p className="mt-1 hidden text-ink-700 sm:block">Practical courses on error monitoring, tracing, replay, profiling, crons and more.</p>
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
      <div className="grid gap-4 lg:grid-cols-[16rem_1fr] lg:gap-8">
        <aside aria-labelledby="filters-title">
          <h2 id="filters-title" className="sr-only">
            Search and filters
          </h2>
          <Form method="get" action="/courses" role="search" className="space-y-3 rounded-xl border border-ink-300/60 bg-white p-4 shadow-sm">
            <div>
              <label htmlFor="catalog-q" className="label">
                Search courses and lessons
              </label>
              <div className="flex gap-2">
                <input id="catalog-q" name="q" type="search" defaultValue={filters.q} className="input min-w-0" placeholder="e.g. source maps" />
                <button type="submit" className="btn btn-secondary shrink-0">
                  Search
                </button>
              </div>
            </div>
            {filters.sort ? <input type="hidden" name="sort" value={filters.sort} /> : null}
            {/* On a phone the filters fold away under the search box (courses come first); open when one is set, and always open on wide screens (::details-content). */}
            <details open={narrowed} className="group lg:details-content:[content-visibility:visible]" data-testid="catalogue-filters">
              <summary className="cursor-pointer py-1 font-semibold text-brand-700 lg:hidden">Filters{narrowed ? ` (${activeCount} on)` : ""}</summary>
              <div className="mt-3 space-y-4 lg:mt-1">
                <Select
                  name="level"
                  label="Level"
                  value={filters.level?.toLowerCase() ?? ""}
                  options={LEVELS.map((l) => ({
                    value: l.slug,
                    label: l.label,
                  }))}
                />
                <Select
                  name="feature"
                  label="Sentry feature"
                  value={filters.feature ?? ""}
                  options={FEATURES.map((f) => ({
                    value: f.slug,
                    label: f.label,
                  }))}
                />
                <Select
                  name="category"
                  label="Category"
                  value={filters.category?.toLowerCase() ?? ""}
                  options={CATEGORIES.map((c) => ({
                    value: c.toLowerCase(),
                    label: c,
                  }))}
                />
                <Select
                  name="platform"
                  label="Platform"
                  value={filters.platform ?? ""}
                  options={facets.platforms.map((p) => ({
                    value: p.value,
                    label: platformLabel(p.value),
                  }))}
                />
                <Select
                  name="tag"
                  label="Tag"
                  value={filters.tag ?? ""}
                  groups={TAG_KINDS.map((k) => ({
                    label: k.label,
                    options: facets.tags
                      .filter((t) => t.kind === k.kind)
                      .map((t) => ({
                        value: t.value,
                        label: `${t.value} (${t.count})`,
                      })),
                  })).filter((g) => g.options.length > 0)}
                />
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
              </div>
            </details>
          </Form>
        </aside>
        <section aria-labelledby="results-title" aria-busy={searching} className="min-w-0">
          <h2 id="results-title" className="sr-only">
            Results
          </h2>
          <div className="mb-4 flex flex-wrap items-center justify-between gap-x-4 gap-y-2">
            <p className="text-sm text-ink-700" role="status">
              {result.total === 0
                ? filters.q
                  ? `No courses match “${filters.q}”.`
                  : "No courses match these filters."
                : `${result.total} course${result.total === 1 ? "" : "s"}${filters.q ? ` for “${filters.q}”` : ""}${
                    result.pages > 1 ? ` · showing ${from}–${to}` : ""
                  }`}
            </p>
            {result.total > 1 ? <SortControl filters={filters} /> : null}
          </div>
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
