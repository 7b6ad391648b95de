import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { CourseStudioHeader, StudioErrorBoundary } from "~/components/authoring/course-studio.tsx";
import { studioHeaderCourse } from "~/modules/academy/studio-data.server.ts";

/**
 * The course studio's layout: the header and tabs every page of one course shows. Its loader never throws
 * (a viewer who may not edit the course gets no header); each page runs its own guard, and its error
 * boundary renders here, under the header, so a missing lesson keeps the tabs.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return { course: await studioHeaderCourse(request, params.id) };
}

export default function CourseStudio() {
  const { course } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-8">
      {course ? <CourseStudioHeader course={course} /> : null}
      <Outlet />
    </div>
  );
}

export const ErrorBoundary = StudioErrorBoundary;
