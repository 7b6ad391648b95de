import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { StudioErrorBoundary } from "~/components/authoring/course-studio.tsx";
import { requireCourseEditor } from "~/modules/academy/authoring.server.ts";
import { versionSummary } from "~/modules/academy/studio-data.server.ts";
import { courseVersions } from "~/modules/academy/course-admin.server.ts";
import { formatDateTime } from "~/utils/dates.ts";
import { ScrollRegion } from "~/components/ui/scroll-region.tsx";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Versions · ${data?.course.title ?? "Course"} · Instructor studio · Sentry Academy` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { course } = await requireCourseEditor(request, params.id);
  const wanted = new URL(request.url).searchParams.get("version");
  const number = wanted && /^\d{1,9}$/.test(wanted) ? Number(wanted) : null;
  if (wanted !== null && number === null) throw new Response("There is no such version of this course.", { status: 404 });
  const [versions, selected] = await Promise.all([courseVersions(course.id), number === null ? null : versionSummary(course.id, number)]);
  return {
    course: { id: course.id, slug: course.slug, title: course.title, status: course.status, version: course.version },
    versions,
    selected,
  };
}

export default function CourseVersions() {
  const { course, versions, selected } = useLoaderData<typeof loader>();
  const base = `/instructor/courses/${course.id}/versions`;
  return (
    <div className="space-y-6">
      <section aria-labelledby="versions-title" className="space-y-3">
        <h2 id="versions-title" className="text-2xl font-bold">
          Version history
        </h2>
        <p className="max-w-3xl text-sm text-ink-700">
          A version is kept each time the course is published, and each time a change is saved while it's published. Learners keep their progress across versions:
          lessons keep their identity when they're edited or moved.
        </p>
        {versions.length === 0 ? (
          <p className="card">No versions yet: the first one is recorded when you publish the course.</p>
        ) : (
          <ScrollRegion label="Published versions" className="rounded-xl border border-ink-300/60 bg-white shadow-sm">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Published versions of {course.title}, newest first</caption>
              <thead className="border-b border-ink-100 bg-ink-100/60">
                <tr>
                  <th scope="col" className="px-4 py-2">
                    Version
                  </th>
                  <th scope="col" className="px-4 py-2">
                    Date
                  </th>
                  <th scope="col" className="px-4 py-2">
                    By
                  </th>
                  <th scope="col" className="px-4 py-2">
                    Note
                  </th>
                  <th scope="col" className="px-4 py-2">
                    <span className="sr-only">Content</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-ink-100">
                {versions.map((v) => (
                  <tr key={v.id} className={selected?.number === v.number ? "bg-brand-300/15" : undefined} aria-current={selected?.number === v.number ? "true" : undefined}>
                    <th scope="row" className="whitespace-nowrap px-4 py-2 font-semibold">
                      {v.number}{" "}
                      {v.number === course.version ? <span className="ml-1 rounded bg-emerald-100 px-1.5 py-0.5 text-xs text-emerald-900">latest</span> : null}
                    </th>
                    <td className="whitespace-nowrap px-4 py-2">{formatDateTime(v.publishedAt)}</td>
                    <td className="px-4 py-2">{v.publishedByName}</td>
                    <td className="px-4 py-2">{v.note || <span className="text-ink-700">—</span>}</td>
                    <td className="whitespace-nowrap px-4 py-2">
                      <Link to={`${base}?version=${v.number}#version-content`} preventScrollReset>
                        View<span className="sr-only"> version {v.number}</span>
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </section>
      {selected ? (
        <section id="version-content" aria-labelledby="version-content-title" className="card scroll-mt-24 space-y-4">
          <div>
            <h2 id="version-content-title" className="text-xl font-bold">
              Version {selected.number}: {selected.title}
            </h2>
            {selected.note ? <p className="mt-1 font-semibold">{selected.note}</p> : null}
            <p className="mt-1 text-sm text-ink-700">
              Recorded {formatDateTime(selected.publishedAt)} by {selected.publishedByName}.{" "}
              {selected.previous !== null ? `Marks show what was added or edited since version ${selected.previous}.` : "The first version."}
            </p>
          </div>
          <ol className="space-y-3">
            {selected.modules.map((m, mi) => (
              <li key={m.id}>
                <h3 className="font-bold">
                  {mi + 1}. {m.title}
                </h3>
                {m.items.length ? (
                  <ul className="mt-1 space-y-1 text-sm">
                    {m.items.map((item) => (
                      <li key={item.id} className="flex flex-wrap items-baseline gap-2">
                        <span className="w-12 text-xs font-semibold text-ink-700">{item.kind === "quiz" ? "Quiz" : "Lesson"}</span>
                        <span>{item.title}</span>
                        <span className="text-ink-700">
                          · {item.detail}
                          {item.required ? "" : " · optional"}
                        </span>
                        {item.change ? (
                          <span className={`rounded px-1.5 py-0.5 text-xs font-semibold ${item.change === "added" ? "bg-emerald-100 text-emerald-900" : "bg-amber-100 text-amber-900"}`}>
                            {item.change === "added" ? "Added" : "Edited"}
                          </span>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p className="text-sm text-ink-700">No lessons.</p>
                )}
              </li>
            ))}
          </ol>
          {selected.removed.length ? (
            <p className="text-sm">
              <span className="font-semibold">Removed in this version: </span>
              {selected.removed.join(", ")}
            </p>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}

export const ErrorBoundary = StudioErrorBoundary;
