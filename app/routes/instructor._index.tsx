import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { editableCourses } from "~/modules/academy/course-admin.server.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { formatDay } from "~/utils/dates.ts";
import { AREA_ROLES } from "~/utils/permissions.ts";
import { Badge } from "~/components/ui/badge.tsx";
import { ScrollRegion } from "~/components/ui/scroll-region.tsx";

export const meta: MetaFunction = () => [{ title: "Instructor studio · Sentry Academy" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, AREA_ROLES.instructor);
  const courses = await editableCourses(user);
  return { admin: user.role === "ADMIN", courses };
}

export default function InstructorHome() {
  const { admin, courses } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-3xl font-bold">Instructor studio</h1>
          <p className="mt-2 max-w-2xl text-ink-800">
            {admin ? "Every course in the Academy: as an admin you can edit them all." : "The courses you author."} Write them here, preview them as a learner,
            and publish them when they're ready.
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <Link to="/instructor/import" className="btn btn-secondary">
            Import a course (.zip)
          </Link>
          <Link to="/instructor/courses/new" className="btn btn-primary">
            New course
          </Link>
        </div>
      </header>
      {courses.length === 0 ? (
        <section className="card text-center" aria-labelledby="empty-title">
          <h2 id="empty-title" className="text-xl font-bold">
            No courses yet
          </h2>
          <p className="mt-2 text-ink-800">Start with a new course, or import one written in Markdown as a .zip.</p>
        </section>
      ) : (
        <ScrollRegion label="Your courses" className="rounded-xl border border-ink-300/60 bg-white shadow-sm">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Courses you can edit, most recently changed first</caption>
            <thead className="border-b border-ink-100 bg-ink-100/60">
              <tr>
                <th scope="col" className="px-4 py-2">
                  Course
                </th>
                <th scope="col" className="px-4 py-2">
                  Status
                </th>
                <th scope="col" className="px-4 py-2 text-right">
                  Version
                </th>
                <th scope="col" className="px-4 py-2 text-right">
                  Learners
                </th>
                <th scope="col" className="px-4 py-2 text-right">
                  Lessons
                </th>
                <th scope="col" className="px-4 py-2">
                  Last updated
                </th>
                <th scope="col" className="px-4 py-2">
                  <span className="sr-only">Pages</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-ink-100">
              {courses.map((course) => {
                const base = `/instructor/courses/${course.id}`;
                const published = course.status === "PUBLISHED";
                return (
                  <tr key={course.id}>
                    <th scope="row" className="min-w-56 px-4 py-3 font-semibold">
                      <Link to={base}>{course.title}</Link>
                    </th>
                    <td className="px-4 py-3">
                      <Badge tone={published ? "success" : "warning"}>{published ? "Published" : "Draft"}</Badge>
                    </td>
                    <td className="px-4 py-3 text-right tabular-nums">{course.version || "—"}</td>
                    <td className="px-4 py-3 text-right tabular-nums">{course._count.enrollments}</td>
                    <td className="px-4 py-3 text-right tabular-nums">{course._count.lessons}</td>
                    <td className="whitespace-nowrap px-4 py-3">{formatDay(course.updatedAt)}</td>
                    <td className="px-4 py-3">
                      <ul className="flex flex-wrap gap-x-3 gap-y-1 whitespace-nowrap" aria-label={`Pages of ${course.title}`}>
                        <li>
                          <Link to={base}>
                            Content<span className="sr-only"> of {course.title}</span>
                          </Link>
                        </li>
                        <li>
                          <Link to={`${base}/analytics`}>
                            Analytics<span className="sr-only"> of {course.title}</span>
                          </Link>
                        </li>
                        <li>
                          <Link to={`${base}/announcements`}>
                            Announcements<span className="sr-only"> of {course.title}</span>
                          </Link>
                        </li>
                        <li>
                          <Link to={`/courses/${course.slug}`}>
                            {published ? "View" : "Preview"}
                            <span className="sr-only"> {course.title} as a learner</span>
                          </Link>
                        </li>
                      </ul>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </div>
  );
}
