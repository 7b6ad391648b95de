/**
 * The instructor studio's frame for one course: breadcrumb, title, status and the
 * tabs of its pages (content, versions, analytics, announcements, media, reviews). The layout
 * route /instructor/courses/:id renders it above each page, and each page's
 * error boundary (StudioErrorBoundary) renders under it.
 */
import { Breadcrumb } from "~/components/ui/breadcrumb.tsx";
import { Link, useRouteLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary, type StatusHandler } from "~/components/error-boundary.tsx";
import { SectionTabs } from "~/components/ui/section-tabs.tsx";
import { Badge } from "~/components/ui/badge.tsx";

export type StudioCourse = { id: string; slug: string; title: string; status: "DRAFT" | "PUBLISHED" | string; version?: number };

const TABS = [
  { to: "", label: "Content" },
  { to: "versions", label: "Versions" },
  { to: "analytics", label: "Analytics" },
  { to: "announcements", label: "Announcements" },
  { to: "media", label: "Media" },
  { to: "reviews", label: "Reviews" },
] as const;

export function CourseStudioHeader({ course }: { course: StudioCourse }) {
  const base = `/instructor/courses/${course.id}`;
  const published = course.status === "PUBLISHED";
  return (
    <header className="space-y-3">
      <Breadcrumb trail={[{ to: "/instructor", label: "Instructor studio" }]} current={course.title} />
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

/**
 * A studio page's error boundary: under the header and tabs when the layout shows them (a missing lesson,
 * a bad form), as the page's own h1 when it doesn't (someone else's course, an unknown id).
 */
export function StudioErrorBoundary({ statusHandlers }: { statusHandlers?: Partial<Record<number, StatusHandler>> }) {
  const layout = useRouteLoaderData("routes/instructor.courses.$id") as { course: StudioCourse | null } | undefined;
  return <GeneralErrorBoundary level={layout?.course ? 2 : 1} statusHandlers={statusHandlers} />;
}
