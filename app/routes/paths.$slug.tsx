import { Breadcrumb } from "~/components/ui/breadcrumb.tsx";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatMinutes } from "~/components/academy/course-card.tsx";
import { ProgressBar } from "~/components/ui/progress-bar.tsx";
import { pathsWithProgress } from "~/modules/academy/dashboard.server.ts";
import { getOptionalUser } from "~/utils/auth.server.ts";
import type { PageCacheHandle } from "~/utils/page-cache.server.ts";

/** Guests get a public page kept for a few seconds per instance (page-cache.server.ts, docs/caching.md). */
export const handle = { pageCacheSeconds: 10 } satisfies PageCacheHandle;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.path.title} · Learning paths · Sentry Academy` : "Path not found" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const path = (await pathsWithProgress(user?.id ?? null)).find((p) => p.slug === params.slug);
  if (!path) throw new Response("Not found", { status: 404 });
  return { path, signedIn: Boolean(user) };
}

export default function PathPage() {
  const { path, signedIn } = useLoaderData<typeof loader>();
  return (
    <div className="max-w-3xl">
      <Breadcrumb trail={[{ to: "/paths", label: "Learning paths" }]} current={path.title} />
      <h1 className="text-3xl font-bold">{path.title}</h1>
      <p className="mt-2 text-lg text-ink-800">{path.summary}</p>
      <div className="prose-academy mt-4" dangerouslySetInnerHTML={{ __html: path.description }} />
      {signedIn ? (
        <div className="mt-4">
          <ProgressBar percent={path.percent} label={`Progress in ${path.title}`} />
          <p className="mt-1 text-sm text-ink-700">
            {path.finished} of {path.courses.length} courses completed
          </p>
        </div>
      ) : null}
      <ol className="mt-6 space-y-3">
        {path.courses.map((c, i) => (
          <li key={c.id} className="card flex items-start gap-4 p-4">
            <span aria-hidden="true" className={`grid h-8 w-8 shrink-0 place-items-center rounded-full font-bold ${c.completed ? "bg-emerald-600 text-white" : "bg-ink-100"}`}>
              {c.completed ? "✓" : i + 1}
            </span>
            <div>
              <h2 className="font-bold">
                <Link to={`/courses/${c.slug}`}>{c.title}</Link>
              </h2>
              <p className="text-sm text-ink-800">{c.summary}</p>
              <p className="text-xs text-ink-700">
                {formatMinutes(c.estimatedMinutes)}
                {signedIn ? (c.completed ? " · Completed" : " · Not completed yet") : ""}
              </p>
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}
