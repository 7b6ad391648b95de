/**
 * The instructor studio's frame for one course: breadcrumb, title, status and the
 * tabs of its pages (content, versions, analytics, announcements). Each page under
 * /instructor/courses/:id renders it at its top (there is no layout route, so every
 * page loads only what it shows).
 */
import { Link, NavLink } from "@remix-run/react";

export type StudioCourse = { id: string; slug: string; title: string; status: "DRAFT" | "PUBLISHED" | string; version?: number };

const TABS = [
  { to: "", label: "Content" },
  { to: "versions", label: "Versions" },
  { to: "analytics", label: "Analytics" },
  { to: "announcements", label: "Announcements" },
] as const;

export function CourseStudioHeader({ course }: { course: StudioCourse }) {
  const base = `/instructor/courses/${course.id}`;
  const published = course.status === "PUBLISHED";
  return (
    <header className="space-y-3">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link to="/instructor">Instructor studio</Link> <span aria-hidden="true">/</span>
      </nav>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-3xl font-bold">{course.title}</h1>
        <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${published ? "bg-emerald-100 text-emerald-900" : "bg-amber-100 text-amber-900"}`}>
          {published ? `Published${course.version ? ` · version ${course.version}` : ""}` : "Draft"}
        </span>
        <Link to={`/courses/${course.slug}`} className="text-sm">
          {published ? "View as a learner" : "Preview"}
        </Link>
      </div>
      <nav aria-label="Course sections" className="overflow-x-auto border-b border-ink-300/70">
        <ul className="flex min-w-max gap-1">
          {TABS.map((tab) => (
            <li key={tab.to}>
              <NavLink
                to={tab.to ? `${base}/${tab.to}` : base}
                end={!tab.to}
                className={({ isActive }) =>
                  `-mb-px inline-block border-b-4 px-3 py-2 text-sm font-semibold no-underline hover:no-underline ${
                    isActive ? "border-brand-600 text-ink-950" : "border-transparent text-ink-700 hover:border-ink-300 hover:text-ink-950"
                  }`
                }
              >
                {tab.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}
