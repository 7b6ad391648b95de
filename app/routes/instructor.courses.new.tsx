import { Breadcrumb } from "~/components/ui/breadcrumb.tsx";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { CourseDetailsForm } from "~/components/authoring/course-details-form.tsx";
import { CourseConflict, courseInputSchema, createCourse } from "~/modules/academy/course-admin.server.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { AREA_ROLES } from "~/utils/permissions.ts";
import { redirectWithToast } from "~/utils/toast.server.ts";

export const meta: MetaFunction = () => [{ title: "New course · Instructor studio · Sentry Academy" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, AREA_ROLES.instructor);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, AREA_ROLES.instructor);
  const submission = parseWithZod(await request.formData(), { schema: courseInputSchema });
  if (submission.status !== "success") return data({ form: "create", result: submission.reply() }, { status: 400 });
  try {
    const course = await createCourse(submission.value, user);
    return redirectWithToast(`/instructor/courses/${course.id}`, { kind: "success", message: `“${course.title}” created as a draft. Add its modules and lessons next.` });
  } catch (error) {
    if (error instanceof CourseConflict) return data({ form: "create", result: submission.reply({ fieldErrors: { slug: [error.message] } }) }, { status: 400 });
    throw error;
  }
}

export default function NewCourse() {
  return (
    <div className="max-w-3xl space-y-6">
      <Breadcrumb trail={[{ to: "/instructor", label: "Instructor studio" }]} current="New course" />
      <header>
        <h1 className="text-3xl font-bold">New course</h1>
        <p className="mt-2 text-ink-800">
          The course starts as a draft that only instructors can see. Next you add its modules, lessons and quizzes, preview it as a learner would, and publish it
          when it's ready.
        </p>
      </header>
      <section className="card" aria-label="Course details">
        <CourseDetailsForm
          intent="create"
          defaultValue={{ level: "BEGINNER", category: "Fundamentals", estimatedMinutes: "30" }}
          submitLabel="Create course"
          busyLabel="Creating…"
          slugHelp="The course's address: /courses/<slug>. Leave it empty to make one from the title."
        />
      </section>
    </div>
  );
}
