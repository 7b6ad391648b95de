import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { CourseDetailsForm } from "~/components/authoring/course-details-form.tsx";
import { CourseImageForm } from "~/components/authoring/course-image.tsx";
import { StudioErrorBoundary } from "~/components/authoring/course-studio.tsx";
import { itemEditorUrl, OutlineEditor } from "~/components/authoring/outline-editor.tsx";
import { DangerButton } from "~/components/authoring/studio-forms.tsx";
import { ErrorList, SubmitButton, useFormReply } from "~/components/forms.tsx";
import { ModuleSchema, NewItemSchema, PublishSchema } from "~/modules/academy/authoring-schemas.ts";
import { requireCourseEditor } from "~/modules/academy/authoring.server.ts";
import { addLesson } from "~/modules/academy/lesson-authoring.server.ts";
import { addModule, deleteModule, moveItem, moveModule, renameModule } from "~/modules/academy/outline.server.ts";
import { addQuiz } from "~/modules/academy/quiz-authoring.server.ts";
import { addExercise } from "~/modules/exercises/authoring.server.ts";
import { contentEditorData } from "~/modules/academy/studio-data.server.ts";
import { courseCover } from "~/modules/media/uploads.server.ts";
import { CourseConflict, courseInputSchema, deleteCourse, publishCourse, publishProblems, unpublishCourse, updateCourse } from "~/modules/academy/course-admin.server.ts";
import { htmlToMarkdown, sameText } from "~/modules/academy/html-to-markdown.ts";
import { formatDateTime, formatDay } from "~/utils/dates.ts";
import { toPageResponse, UNKNOWN_INTENT } from "~/utils/errors.ts";
import { redirectWithToast } from "~/utils/toast.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.course.title ?? "Course"} · Content · Instructor studio · Sentry Academy` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { course } = await requireCourseEditor(request, params.id);
  const [content, problems, cover] = await Promise.all([contentEditorData(course), publishProblems(course.id), courseCover(course.id)]);
  return {
    cover,
    course: { id: course.id, slug: course.slug, title: course.title, status: course.status, version: course.version, contentUpdatedAt: course.contentUpdatedAt },
    ...content,
    problems,
  };
}

const reply = (form: string, result: SubmissionResult<string[]>) => data({ form, result }, { status: 400 });
const text = (form: FormData, name: string) => String(form.get(name) ?? "");

function direction(form: FormData) {
  const value = form.get("direction");
  if (value !== "up" && value !== "down") throw new Response("Say whether to move it up or down.", { status: 400 });
  return value;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, course } = await requireCourseEditor(request, params.id);
  const form = await request.formData();
  const intent = text(form, "intent");
  const here = `/instructor/courses/${course.id}`;
  const done = (message: string, anchor = "") => redirectWithToast(`${here}${anchor}`, { kind: "success", message });
  try {
    switch (intent) {
      case "details": {
        const submission = parseWithZod(form, { schema: courseInputSchema });
        if (submission.status !== "success") return reply(intent, submission.reply());
        const { description, ...rest } = submission.value;
        // The description is stored only as HTML: re-render it only when the author changed its text.
        const changed = sameText(description, htmlToMarkdown(course.descriptionHtml)) ? rest : submission.value;
        try {
          await updateCourse(course.id, changed, user);
        } catch (error) {
          if (error instanceof CourseConflict) return reply(intent, submission.reply({ fieldErrors: { slug: [error.message] } }));
          throw error;
        }
        return done(course.status === "PUBLISHED" ? "Course details saved. Learners see them now." : "Course details saved.", "#details-title");
      }
      case "add-module": {
        const submission = parseWithZod(form, { schema: ModuleSchema });
        if (submission.status !== "success") return reply(intent, submission.reply());
        const created = await addModule(course.id, submission.value.title, user);
        return done(`Module “${created.title}” added. Add its first lesson.`, `#module-${created.id}`);
      }
      case "rename-module": {
        const key = `module:${text(form, "moduleId")}`;
        const submission = parseWithZod(form, { schema: ModuleSchema });
        if (submission.status !== "success") return reply(key, submission.reply());
        const saved = await renameModule(course.id, text(form, "moduleId"), submission.value.title, user);
        return done(`Module renamed to “${saved.title}”.`, `#module-${saved.id}`);
      }
      case "delete-module": {
        const removed = await deleteModule(course.id, text(form, "moduleId"), user);
        return done(`Module “${removed.title}” deleted.`, "#outline-title");
      }
      case "move-module": {
        const moduleId = text(form, "moduleId");
        await moveModule(course.id, moduleId, direction(form), user);
        return done("Module moved.", `#module-${moduleId}`);
      }
      case "add-lesson":
      case "add-exercise":
      case "add-quiz": {
        const submission = parseWithZod(form, { schema: NewItemSchema });
        if (submission.status !== "success") return reply(`add-item:${text(form, "moduleId")}`, submission.reply());
        if (intent === "add-lesson") {
          const lesson = await addLesson(course.id, submission.value, user);
          return redirectWithToast(itemEditorUrl(course.id, { kind: "lesson", id: lesson.id }), { kind: "success", message: `Lesson “${lesson.title}” added. Write its summary and content here.` });
        }
        if (intent === "add-exercise") {
          const lesson = await addExercise(course.id, submission.value, user);
          return redirectWithToast(itemEditorUrl(course.id, { kind: "lesson", id: lesson.id }), {
            kind: "success",
            message: `Exercise “${lesson.title}” added. Write its instructions, starter code and tests here.`,
          });
        }
        const quiz = await addQuiz(course.id, submission.value, user);
        return redirectWithToast(itemEditorUrl(course.id, { kind: "quiz", id: quiz.id }), { kind: "success", message: `Quiz “${quiz.title}” added. Add its questions here.` });
      }
      case "move-item": {
        const kind = text(form, "kind");
        if (kind !== "lesson" && kind !== "quiz") throw new Response("Say whether it's a lesson or a quiz.", { status: 400 });
        const id = text(form, "id");
        const way = direction(form);
        await moveItem(course.id, { kind, id }, way, user);
        return done(`${kind === "quiz" ? "Quiz" : "Lesson"} moved ${way}.`, `#item-${id}`);
      }
      case "publish": {
        const submission = parseWithZod(form, { schema: PublishSchema });
        if (submission.status !== "success") return reply(intent, submission.reply());
        try {
          const version = await publishCourse(course.id, user, submission.value.note);
          return done(course.status === "PUBLISHED" ? `Version ${version.number} recorded.` : `Published: learners can find and take “${course.title}” now (version ${version.number}).`);
        } catch (error) {
          if (error instanceof CourseConflict) return reply(intent, submission.reply({ formErrors: [error.message] }));
          throw error;
        }
      }
      case "unpublish":
        await unpublishCourse(course.id, user);
        return done("Unpublished: the course is out of the catalogue. Enrolled learners keep their progress and certificates.");
      case "delete-course":
        await deleteCourse(course.id, user);
        return redirectWithToast("/instructor", { kind: "success", message: `“${course.title}” deleted.` });
      default:
        throw new Response(UNKNOWN_INTENT, { status: 400 });
    }
  } catch (error) {
    // A conflict (a module that still has items, enrolled learners) comes back as a toast on the page.
    if (error instanceof CourseConflict) return redirectWithToast(here, { kind: "error", message: error.message });
    throw toPageResponse(error);
  }
}

export default function CourseContent() {
  const { course, outline, details, learners, problems, cover } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-8">
      <PublishPanel course={course} learners={learners} problems={problems} />
      <OutlineEditor courseId={course.id} outline={outline} />
      <section aria-labelledby="details-title" className="card scroll-mt-24">
        <h2 id="details-title" className="text-2xl font-bold">
          Course details
        </h2>
        <p className="mb-4 mt-1 text-sm text-ink-700">What the catalogue and the course page show about the course.</p>
        <CourseDetailsForm
          intent="details"
          defaultValue={details}
          submitLabel="Save course details"
          busyLabel="Saving…"
          slugHelp={`The course's address: /courses/${course.slug}. Changing it breaks links people saved.`}
        />
      </section>
      <section aria-labelledby="course-image-title" className="card scroll-mt-24">
        <h2 id="course-image-title" className="mb-3 text-2xl font-bold">
          Course image
        </h2>
        <CourseImageForm courseId={course.id} cover={cover} />
      </section>
      <section aria-labelledby="danger-title" className="card border-red-200">
        <h2 id="danger-title" className="text-xl font-bold">
          Delete the course
        </h2>
        {learners > 0 ? (
          <p className="mt-2 text-sm text-ink-800">
            {learners === 1 ? "1 learner is" : `${learners} learners are`} enrolled, so the course can't be deleted: their progress and certificates would go with it.
            Unpublish it instead.
          </p>
        ) : (
          <div className="mt-2">
            <DangerButton summary="Delete this course…" intent="delete-course" button="Delete course for good">
              Deleting “{course.title}” removes its modules, lessons, quizzes and versions. This can't be undone.
            </DangerButton>
          </div>
        )}
      </section>
    </div>
  );
}

type LoaderCourse = ReturnType<typeof useLoaderData<typeof loader>>["course"];

function PublishPanel({ course, learners, problems }: { course: LoaderCourse; learners: number; problems: string[] }) {
  const published = course.status === "PUBLISHED";
  const replyData = useFormReply("publish");
  const [form, fields] = useForm({
    id: "publish",
    lastResult: replyData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PublishSchema }),
  });
  return (
    <section aria-labelledby="publish-title" className={`card border-l-4 ${published ? "border-l-emerald-600" : "border-l-amber-500"}`}>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="max-w-2xl">
          <h2 id="publish-title" className="text-xl font-bold">
            {published ? "Published" : "Draft: learners can't see this course yet"}
          </h2>
          <p className="mt-1 text-sm text-ink-800">
            {published ? (
              <>
                {course.version > 0 ? `Version ${course.version}${course.contentUpdatedAt ? `, updated on ${formatDay(course.contentUpdatedAt)}` : ""}. ` : ""}
                {learners === 1 ? "1 learner" : `${learners} learners`} enrolled.
                Every change you save here is live at once and kept as a new version; learners keep their progress.{" "}
                <Link to={`/instructor/courses/${course.id}/versions`}>Version history</Link>
              </>
            ) : (
              <>
                Preview it as a learner would, then publish it to the catalogue.
                {course.version > 0 ? ` It was published before (version ${course.version}); enrolled learners keep their progress.` : ""}
              </>
            )}
          </p>
          {course.contentUpdatedAt && !published ? <p className="mt-1 text-xs text-ink-700">Last version recorded {formatDateTime(course.contentUpdatedAt)}.</p> : null}
        </div>
        <Link to={`/courses/${course.slug}`} className="btn btn-secondary">
          {published ? "View as a learner" : "Preview as a learner"}
        </Link>
      </div>
      {problems.length ? (
        <div className="mt-4 rounded-lg bg-amber-50 p-3 text-sm text-amber-950">
          <p className="font-semibold">{published ? "Learners can't finish the course as it is:" : "Before you publish:"}</p>
          <ul className="mt-1 list-disc pl-5">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="mt-4 flex flex-wrap items-end gap-x-6 gap-y-3">
        {published ? null : (
          <Form method="post" {...getFormProps(form)} className="flex min-w-0 flex-1 flex-wrap items-end gap-2">
            <div className="min-w-0 flex-1 basis-64">
              <label htmlFor={fields.note.id} className="label">
                Note for the version history (optional)
              </label>
              <textarea
                {...getTextareaProps(fields.note)}
                rows={1}
                className="input"
                placeholder="e.g. First release"
                aria-invalid={fields.note.errors ? true : undefined}
                aria-describedby={fields.note.errors ? fields.note.errorId : undefined}
              />
              <ErrorList id={fields.note.errorId} errors={fields.note.errors} />
            </div>
            <SubmitButton intent="publish" label="Publish course" busyLabel="Publishing…" />
            <div className="basis-full" role={form.errors ? "alert" : undefined}>
              <ErrorList errors={form.errors} />
            </div>
          </Form>
        )}
        {published ? (
          <Form method="post">
            <SubmitButton intent="unpublish" label="Unpublish" busyLabel="Unpublishing…" className="btn btn-secondary" />
          </Form>
        ) : null}
      </div>
    </section>
  );
}

export const ErrorBoundary = StudioErrorBoundary;
