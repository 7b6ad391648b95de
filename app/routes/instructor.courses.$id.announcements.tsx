import { getFormProps, getInputProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { StudioErrorBoundary } from "~/components/authoring/course-studio.tsx";
import { ErrorList, Field, FormErrors } from "~/components/forms.tsx";
import { courseAnnouncements, DASHBOARD_WINDOW_DAYS, enrolledLearnerCount, postAnnouncement } from "~/modules/academy/announcements.server.ts";
import { requireCourseEditor } from "~/modules/academy/authoring.server.ts";
import { formatDateTime } from "~/utils/dates.ts";
import { redirectWithToast } from "~/utils/toast.server.ts";
import { rateLimit, retryAfterHeaders } from "~/utils/rate-limit.server.ts";

export const headers = retryAfterHeaders;
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Announcements · ${data?.course.title ?? "Course"} · Instructor studio · Sentry Academy` }];

const AnnouncementSchema = z.object({
  // One line: it is also the email's subject.
  title: z
    .string({ error: "Enter a title." })
    .trim()
    .min(1, { error: "Enter a title.", abort: true })
    .min(3, "Use at least 3 characters.")
    .max(120, "Keep the title under 120 characters.")
    .transform((s) => s.replace(/\s+/g, " ")),
  body: z
    .string({ error: "Write the announcement." })
    .trim()
    .min(1, { error: "Write the announcement.", abort: true })
    .min(10, "Write at least 10 characters.")
    .max(10_000, "Keep it under 10,000 characters."),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { course } = await requireCourseEditor(request, params.id);
  const [announcements, learners] = await Promise.all([courseAnnouncements(course.id), enrolledLearnerCount(course.id)]);
  return {
    course: { id: course.id, slug: course.slug, title: course.title, status: course.status, version: course.version },
    announcements,
    learners,
    dashboardDays: DASHBOARD_WINDOW_DAYS,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, course } = await requireCourseEditor(request, params.id);
  const submission = parseWithZod(await request.formData(), { schema: AnnouncementSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const limited = await rateLimit("announcement", user.id); // each one emails every learner
  if (limited) return data(submission.reply({ formErrors: [limited.message] }), { status: 429, headers: limited.headers });
  const emailed = await postAnnouncement(course, user, submission.value);
  return redirectWithToast(`/instructor/courses/${course.id}/announcements`, {
    kind: "success",
    message: `Announcement posted${emailed ? ` and emailed to ${emailed === 1 ? "1 learner" : `${emailed.toLocaleString("en")} learners`}` : ""}.`,
  });
}

const learnersText = (n: number) => (n === 1 ? "the 1 learner" : `the ${n.toLocaleString("en")} learners`);

export default function CourseAnnouncements() {
  const { course, announcements, learners, dashboardDays } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formAction === `/instructor/courses/${course.id}/announcements`;
  // A new id once an announcement is posted: the form starts empty again.
  const formId = `announcement-${announcements[0]?.id ?? "first"}`;
  const [form, fields] = useForm({
    id: formId,
    lastResult,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AnnouncementSchema }),
  });
  const bodyErrorId = fields.body.errors ? `${fields.body.id}-error` : undefined;
  return (
    <div className="space-y-8">
      <section aria-labelledby="new-announcement" className="max-w-3xl">
        <h2 id="new-announcement" className="text-2xl font-bold">
          New announcement
        </h2>
        <p className="mt-1 text-ink-800">
          {learners === 0
            ? `No learners are enrolled yet, so no email goes out; learners who enrol in the next ${dashboardDays} days see it on their dashboard.`
            : `Posting emails ${learnersText(learners)} enrolled in this course and shows the announcement on their dashboard for ${dashboardDays} days.`}
        </p>
        <Form method="post" {...getFormProps(form)} key={formId} className="card mt-4">
          <FormErrors id={form.errorId} errors={form.errors} />
          <Field label="Title" inputProps={{ ...getInputProps(fields.title, { type: "text" }), maxLength: 120 }} errors={fields.title.errors} help="Also the email's subject." />
          <div className="mb-4">
            <label htmlFor={fields.body.id} className="label">
              Message
            </label>
            <textarea
              {...getTextareaProps(fields.body)}
              rows={8}
              className="input font-mono text-sm"
              aria-invalid={bodyErrorId ? true : undefined}
              aria-describedby={[bodyErrorId, `${fields.body.id}-help`].filter(Boolean).join(" ")}
            />
            <p id={`${fields.body.id}-help`} className="mt-1 text-sm text-ink-700">
              Markdown: **bold**, lists, links and code blocks. Learners get it as plain text by email.
            </p>
            <ErrorList id={bodyErrorId} errors={fields.body.errors} />
          </div>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? "Posting…" : "Post announcement"}
          </button>
        </Form>
      </section>

      <section aria-labelledby="past-announcements" className="max-w-3xl">
        <h2 id="past-announcements" className="text-2xl font-bold">
          Past announcements
        </h2>
        {announcements.length === 0 ? (
          <p className="mt-2 text-ink-800">None yet.</p>
        ) : (
          <ol className="mt-3 space-y-4">
            {announcements.map((a) => (
              <li key={a.id}>
                <article className="card" aria-labelledby={`past-${a.id}`}>
                  <h3 id={`past-${a.id}`} className="text-lg font-bold">
                    {a.title}
                  </h3>
                  <p className="mt-1 text-sm text-ink-700">
                    <time dateTime={new Date(a.createdAt).toISOString()}>{formatDateTime(a.createdAt)}</time> · {a.authorName}
                  </p>
                  <div className="prose-academy mt-3" dangerouslySetInnerHTML={{ __html: a.bodyHtml }} />
                </article>
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}

export const ErrorBoundary = StudioErrorBoundary;
