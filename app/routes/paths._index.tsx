import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ProgressBar } from "~/components/ui/progress-bar.tsx";
import { pathsWithProgress } from "~/modules/academy/dashboard.server.ts";
import { getOptionalUser } from "~/utils/auth.server.ts";
import type { PageCacheHandle } from "~/utils/page-cache.server.ts";

/** Guests get a public page kept for a few seconds per instance (page-cache.server.ts, docs/caching.md). */
export const handle = { pageCacheSeconds: 10 } satisfies PageCacheHandle;

export const meta: MetaFunction = () => [{ title: "Learning paths · Sentry Academy" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  return { paths: await pathsWithProgress(user?.id ?? null), signedIn: Boolean(user) };
}

export default function Paths() {
  const { paths, signedIn } = useLoaderData<typeof loader>();
  return (
    <div>
      <h1 className="text-3xl font-bold">Learning paths</h1>
      <p className="mt-1 text-ink-700">Courses in a sensible order, for the part of the stack you look after.</p>
      <ul className="mt-6 grid gap-6 md:grid-cols-2">
        {paths.map((p) => (
          <li key={p.slug} className="card">
            <h2 className="text-xl font-bold">
              <Link to={`/paths/${p.slug}`} className="text-ink-950">
                {p.title}
              </Link>
            </h2>
            <p className="mt-2 text-ink-800">{p.summary}</p>
            <p className="mt-2 text-sm text-ink-700">{p.courses.length} courses</p>
            {signedIn ? (
              <div className="mt-3">
                <ProgressBar percent={p.percent} label={`Progress in ${p.title}`} size="sm" />
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
