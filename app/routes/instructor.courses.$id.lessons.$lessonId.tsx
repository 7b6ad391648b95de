import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { lazy, Suspense } from "react";
import { StudioErrorBoundary } from "~/components/authoring/course-studio.tsx";
import { ItemHeading } from "~/components/authoring/item-heading.tsx";
import { LessonMediaPanel } from "~/components/authoring/lesson-media-panel.tsx";
import { DangerButton } from "~/components/authoring/studio-forms.tsx";
import type { ExerciseCheck } from "~/components/authoring/exercise-fields.tsx";
import * as serverRender from "~/components/authoring/exercise-fields.server.ts";
import { CheckboxField, Field, FormErrors, SelectField, SubmitButton, TextareaField, useFormReply } from "~/components/forms.tsx";
import { ITEM_SLUG_HELP, LessonSchema, PreviewSchema } from "~/modules/academy/authoring-schemas.ts";
import { requireCourseEditor, SlugTaken } from "~/modules/academy/authoring.server.ts";
import { deleteLesson, updateLesson } from "~/modules/academy/lesson-authoring.server.ts";
import { CheckSolutionSchema, ExerciseLessonSchema, type ExerciseLessonInput } from "~/modules/exercises/authoring-schema.ts";
import { checkExercise, makeExercise, removeExercise, saveExerciseLesson } from "~/modules/exercises/authoring.server.ts";
import { lessonEditorData } from "~/modules/academy/studio-data.server.ts";
import { renderMarkdown } from "~/modules/academy/markdown.server.ts";
import { lessonMedia } from "~/modules/media/uploads.server.ts";
import { itemUrl } from "~/modules/academy/urls.ts";
import { prisma } from "~/utils/db.server.ts";
import { useHydrated } from "~/components/use-hydrated.ts";
import { formatDateTime } from "~/utils/dates.ts";
import { pageIntents } from "~/utils/errors.ts";
import { rateLimit, retryAfterHeaders } from "~/utils/rate-limit.server.ts";
import { redirectWithToast } from "~/utils/toast.server.ts";

// The visual editor (Tiptap) is JavaScript only, and only this page loads it (decision 038).
const MarkdownEditor = lazy(() => import("~/components/studio/markdown-editor.tsx"));
// An exercise lesson's section (decision 043): rendered on the server as it is; in the browser a lazy
// chunk that hydrates the server's HTML once loaded, so a plain lesson's page doesn't ship it.
const ExerciseFields =
  (serverRender as Partial<typeof serverRender>).ExerciseFields ?? lazy(() => import("~/components/authoring/exercise-fields.tsx").then((m) => ({ default: m.ExerciseFields })));

export const headers = retryAfterHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.lesson.title ?? "Lesson"} · ${data?.course.title ?? "Course"} · Instructor studio · Sentry Academy` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { course } = await requireCourseEditor(request, params.id);
  const { lesson, modules } = await lessonEditorData(course.id, params.lessonId);
  const [completed, media, images] = await Promise.all([
    prisma.lessonProgress.count({ where: { lessonId: lesson.id, completedAt: { not: null } } }),
    lessonMedia(course.id, lesson.id),
    // The visual editor's image picker: the course's ready library images.
    prisma.mediaAsset.findMany({
      where: { courseId: course.id, kind: "IMAGE", status: "READY" },
      select: { id: true, title: true, originalName: true },
      orderBy: { createdAt: "desc" },
      take: 200,
    }),
  ]);
  return {
    media,
    images: images.map((i) => ({ id: i.id, title: i.title || i.originalName })),
    course: { id: course.id, slug: course.slug, title: course.title, status: course.status, version: course.version },
    lesson,
    modules,
    completed,
  };
}

const reply = (result: SubmissionResult<string[]>, status = 400, extra: { preview?: string; check?: ExerciseCheck } = {}) => data({ form: "lesson", result, ...extra }, { status });

/** The form's schema for an intent: "Preview" renders the body, "Check the reference solution" grades the code; saving checks everything. */
const schemaFor = (intent: unknown, exercise: boolean) =>
  intent === "preview" ? PreviewSchema : intent === "check-solution" ? CheckSolutionSchema : exercise ? ExerciseLessonSchema : LessonSchema;

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, course } = await requireCourseEditor(request, params.id);
  const { lesson } = await lessonEditorData(course.id, params.lessonId);
  const form = await request.formData();
  const here = `/instructor/courses/${course.id}/lessons/${lesson.id}`;
  return pageIntents(form.get("intent"), {
    preview: async () => {
      const submission = parseWithZod(form, { schema: PreviewSchema });
      if (submission.status !== "success") return reply(submission.reply());
      return reply(submission.reply(), 200, { preview: renderMarkdown(submission.value.bodyMarkdown) });
    },
    "save-lesson": async () => {
      if (lesson.exercise) {
        const submission = parseWithZod(form, { schema: ExerciseLessonSchema });
        if (submission.status !== "success") return reply(submission.reply());
        try {
          const saved = await saveExerciseLesson(course.id, lesson.id, submission.value, user);
          const live = course.status === "PUBLISHED" ? " Learners see it now; their progress and submissions are kept." : "";
          return redirectWithToast(here, { kind: "success", message: `Exercise “${saved.title}” saved.${live}` });
        } catch (error) {
          if (error instanceof SlugTaken) return reply(submission.reply({ fieldErrors: { slug: [error.message] } }));
          throw error;
        }
      }
      const submission = parseWithZod(form, { schema: LessonSchema });
      if (submission.status !== "success") return reply(submission.reply());
      try {
        const saved = await updateLesson(course.id, lesson.id, submission.value, user);
        const live = course.status === "PUBLISHED" ? " Learners see it now; their progress is kept." : "";
        return redirectWithToast(here, { kind: "success", message: `Lesson “${saved.title}” saved.${live}` });
      } catch (error) {
        if (error instanceof SlugTaken) return reply(submission.reply({ fieldErrors: { slug: [error.message] } }));
        throw error;
      }
    },
    // Grades what is typed (nothing is saved): the reference solution, and the starter, which should fail.
    "check-solution": async () => {
      if (!lesson.exercise) throw new Response("This lesson isn't an exercise: make it one first.", { status: 400 });
      const submission = parseWithZod(form, { schema: CheckSolutionSchema });
      if (submission.status !== "success") return reply(submission.reply());
      const limited = await rateLimit("exercise-check", user.id);
      // Said next to the button, with what was typed kept.
      if (limited) return data({ form: "lesson", result: submission.reply(), limited: limited.message }, { status: 429, headers: limited.headers });
      return reply(submission.reply(), 200, { check: await checkExercise(submission.value) });
    },
    "make-exercise": async () => {
      await makeExercise(course.id, lesson.id, user);
      return redirectWithToast(`${here}#exercise-title`, { kind: "success", message: `“${lesson.title}” is an exercise now. Its content is the instructions; write its starter code and tests here.` });
    },
    "remove-exercise": async () => {
      await removeExercise(course.id, lesson.id, user);
      return redirectWithToast(here, { kind: "success", message: `“${lesson.title}” is a plain lesson again: its code and tests were removed.` });
    },
    "delete-lesson": async () => {
      await deleteLesson(course.id, lesson.id, user);
      return redirectWithToast(`/instructor/courses/${course.id}#outline-title`, { kind: "success", message: `Lesson “${lesson.title}” deleted.` });
    },
  });
}

export default function LessonEditor() {
  const { course, lesson, modules, completed, images, media } = useLoaderData<typeof loader>();
  const hydrated = useHydrated();
  const replyData = useFormReply<{ preview?: string; check?: ExerciseCheck; limited?: string }>("lesson");
  const exercise = lesson.exercise;
  const [form, fields] = useForm<ExerciseLessonInput>({
    id: "lesson",
    lastResult: replyData?.result,
    defaultValue: {
      title: lesson.title,
      slug: lesson.slug,
      summary: lesson.summary,
      moduleId: lesson.moduleId,
      estimatedMinutes: lesson.estimatedMinutes,
      videoUrl: lesson.videoUrl ?? "",
      required: lesson.required,
      bodyMarkdown: lesson.bodyMarkdown,
      ...(exercise
        ? { language: exercise.language, starterCode: exercise.starterCode, visibleTests: exercise.visibleTests, hiddenTests: exercise.hiddenTests, solution: exercise.solution ?? "" }
        : {}),
    },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    // "Preview" only renders the body and "Check the reference solution" only runs the code: the other fields aren't checked until saving.
    onValidate: ({ formData }) => parseWithZod(formData, { schema: schemaFor(formData.get("intent"), Boolean(exercise)) as typeof ExerciseLessonSchema }),
  });
  const preview = replyData?.preview;
  const published = course.status === "PUBLISHED";
  return (
    <div className="space-y-6">
      <ItemHeading courseId={course.id} kind={exercise ? "exercise" : "lesson"} title={lesson.title} learnerUrl={itemUrl(course.slug, { kind: "lesson", slug: lesson.slug })} published={published} />
      <Form method="post" {...getFormProps(form)} className="space-y-6">
        <FormErrors id={form.errorId} errors={form.errors} />
        <section aria-labelledby="lesson-settings" className="card">
          <h3 id="lesson-settings" className="mb-4 text-lg font-bold">
            About this lesson
          </h3>
          <div className="grid gap-x-4 md:grid-cols-2">
            <Field label="Title" inputProps={getInputProps(fields.title, { type: "text" })} errors={fields.title.errors} />
            <Field label="Slug" inputProps={{ ...getInputProps(fields.slug, { type: "text" }), spellCheck: false, autoCapitalize: "none" }} errors={fields.slug.errors} help={ITEM_SLUG_HELP} />
          </div>
          <TextareaField label="Summary" meta={fields.summary} rows={2} help="One line under the title in the syllabus." />
          <div className="grid gap-x-4 md:grid-cols-3">
            <SelectField label="Module" meta={fields.moduleId} options={modules.map((m, i) => ({ value: m.id, label: `${i + 1}. ${m.title}` }))} />
            <Field label="Estimated minutes" inputProps={{ ...getInputProps(fields.estimatedMinutes, { type: "number" }), min: 1, inputMode: "numeric" }} errors={fields.estimatedMinutes.errors} />
            <Field label="Video address (optional)" inputProps={{ ...getInputProps(fields.videoUrl, { type: "text" }), placeholder: "https://…" }} errors={fields.videoUrl.errors} />
          </div>
          <CheckboxField label="Required to complete the course" meta={fields.required} help="Optional lessons never block a learner's certificate." />
        </section>
        <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
          <section aria-labelledby="lesson-body" className="card">
            <h3 id="lesson-body" className="mb-4 text-lg font-bold">
              {exercise ? "Instructions" : "Content"}
            </h3>
            {hydrated && (
              <Suspense fallback={null}>
                <MarkdownEditor textareaId={fields.bodyMarkdown.id} courseId={course.id} images={images} />
              </Suspense>
            )}
            <TextareaField
              label="Lesson body (Markdown)"
              meta={fields.bodyMarkdown}
              rows={22}
              className="font-mono text-sm xl:min-h-[70vh]"
              help={
                <>
                  Headings with <code>##</code>, lists, links, tables and fenced code blocks with a language (<code>```js</code>). Scripts and raw HTML
                  are removed.
                </>
              }
            />
          </section>
          <section aria-labelledby="preview-title" className="card min-w-0" aria-live="polite">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h3 id="preview-title" className="text-lg font-bold">
                Preview
              </h3>
              <p className="text-sm text-ink-700">{preview !== undefined ? "Of what you typed (not saved yet)" : `As saved ${formatDateTime(lesson.updatedAt)}`}</p>
            </div>
            <div className="prose-academy mt-4 border-t border-ink-100 pt-4" data-testid="lesson-preview">
              {(preview ?? lesson.bodyHtml) ? (
                <div dangerouslySetInnerHTML={{ __html: preview ?? lesson.bodyHtml }} />
              ) : (
                <p className="text-ink-700">Nothing written yet.</p>
              )}
            </div>
          </section>
        </div>
        {exercise ? (
          <Suspense fallback={null}>
            <ExerciseFields
              fields={{ language: fields.language, starterCode: fields.starterCode, visibleTests: fields.visibleTests, hiddenTests: fields.hiddenTests, solution: fields.solution }}
              language={fields.language.value === "TYPESCRIPT" ? "TYPESCRIPT" : "JAVASCRIPT"}
              check={replyData?.check}
              limited={replyData?.limited}
            />
          </Suspense>
        ) : null}
        <div className="sticky bottom-0 z-10 -mx-4 flex flex-wrap items-center gap-3 border-t border-ink-300/60 bg-ink-100/95 px-4 py-3">
          <SubmitButton intent="save-lesson" label="Save lesson" busyLabel="Saving…" />
          <SubmitButton intent="preview" label="Preview" busyLabel="Rendering…" className="btn btn-secondary" />
          <span className="text-sm text-ink-700">Preview shows what you typed without saving it.</span>
        </div>
      </Form>
      <LessonMediaPanel courseId={course.id} media={media} />
      <ExerciseSwitch title={lesson.title} exercise={exercise} />
      <section aria-labelledby="delete-lesson-title" className="card border-red-200">
        <h3 id="delete-lesson-title" className="text-lg font-bold">
          Delete this lesson
        </h3>
        <div className="mt-2">
          <DangerButton summary="Delete this lesson…" intent="delete-lesson" button="Delete lesson">
            {completed > 0
              ? `${completed === 1 ? "1 learner has" : `${completed} learners have`} completed “${lesson.title}”; their progress on it is deleted with it.`
              : `“${lesson.title}” and its discussion are deleted. This can't be undone.`}
          </DangerButton>
        </div>
      </section>
    </div>
  );
}

/** Makes the lesson an exercise, or (behind a confirmation: the code goes) a plain lesson again. */
function ExerciseSwitch({ title, exercise }: { title: string; exercise: { _count: { submissions: number; reviews: number } } | null }) {
  if (!exercise) {
    return (
      <section aria-labelledby="make-exercise-title" className="card">
        <h3 id="make-exercise-title" className="text-lg font-bold">
          Make it an exercise
        </h3>
        <p className="mt-1 max-w-3xl text-sm text-ink-700">
          Learners then write code and complete the lesson when their code passes your tests. The content stays, as the instructions; you get a starter to rewrite.
        </p>
        <Form method="post" className="mt-3">
          <SubmitButton intent="make-exercise" label="Make this lesson an exercise" busyLabel="Making it an exercise…" className="btn btn-secondary" />
        </Form>
      </section>
    );
  }
  const { submissions, reviews } = exercise._count;
  const learnersWork = [submissions ? `${submissions} ${submissions === 1 ? "submission" : "submissions"}` : "", reviews ? `${reviews} ${reviews === 1 ? "code review" : "code reviews"}` : ""]
    .filter(Boolean)
    .join(" and ");
  return (
    <section aria-labelledby="remove-exercise-title" className="card border-red-200">
      <h3 id="remove-exercise-title" className="text-lg font-bold">
        Make it a plain lesson
      </h3>
      <div className="mt-2">
        <DangerButton summary="Turn this exercise into a plain lesson…" intent="remove-exercise" button="Remove the code and tests">
          The starter code, the visible and hidden tests and the reference solution of “{title}” are removed
          {learnersWork ? `, and with them learners' ${learnersWork}` : ""}. The instructions stay as the lesson's content. This can't be undone.
        </DangerButton>
      </div>
    </section>
  );
}

export const ErrorBoundary = StudioErrorBoundary;
