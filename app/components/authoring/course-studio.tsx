/**
 * The instructor studio's frame for one course: breadcrumb, title, status and the
 * tabs of its pages (content, versions, analytics, announcements). Each page under
 * /instructor/courses/:id renders it at its top (there is no layout route, so every
 * page loads only what it shows).
 */
import { Link } from "@remix-run/react";
import { SectionTabs } from "~/components/ui/section-tabs.tsx";
import { Badge } from "~/components/ui/badge.tsx";

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
        <Badge tone={published ? "success" : "warning"}>{published ? `Published${course.version ? ` · version ${course.version}` : ""}` : "Draft"}</Badge>
        <Link to={`/courses/${course.slug}`} className="text-sm">
          {published ? "View as a learner" : "Preview"}
        </Link>
      </div>
      <SectionTabs label="Course sections" base={base} tabs={TABS} />
    </header>
  );
}
