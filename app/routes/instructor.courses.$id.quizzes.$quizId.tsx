import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { StudioErrorBoundary } from "~/components/authoring/course-studio.tsx";
import { ItemHeading } from "~/components/authoring/item-heading.tsx";
import { QuestionForm } from "~/components/authoring/question-form.tsx";
import { DangerButton, MoveButtons } from "~/components/authoring/studio-forms.tsx";
import { CheckboxField, Field, FormErrors, SelectField, SubmitButton, TextareaField, useFormReply } from "~/components/forms.tsx";
import { ITEM_SLUG_HELP, QuestionSchema, QuizSettingsSchema } from "~/modules/academy/authoring-schemas.ts";
import { requireCourseEditor, SlugTaken } from "~/modules/academy/authoring.server.ts";
import { addQuestion, deleteQuestion, deleteQuiz, moveQuestion, updateQuestion, updateQuiz } from "~/modules/academy/quiz-authoring.server.ts";
import { quizEditorData } from "~/modules/academy/studio-data.server.ts";
import { itemUrl } from "~/modules/academy/urls.ts";
import { pageIntents } from "~/utils/errors.ts";
import { redirectWithToast } from "~/utils/toast.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.quiz.title ?? "Quiz"} · ${data?.course.title ?? "Course"} · Instructor studio · Sentry Academy` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { course } = await requireCourseEditor(request, params.id);
  return {
    course: { id: course.id, slug: course.slug, title: course.title, status: course.status, version: course.version },
    ...(await quizEditorData(course.id, params.quizId)),
  };
}

const reply = (form: string, result: SubmissionResult<string[]>) => data({ form, result }, { status: 400 });

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, course } = await requireCourseEditor(request, params.id);
  const { quiz } = await quizEditorData(course.id, params.quizId);
  const form = await request.formData();
  const questionId = String(form.get("questionId") ?? "");
  const here = `/instructor/courses/${course.id}/quizzes/${quiz.id}`;
  const live = course.status === "PUBLISHED" ? " Learners see it now." : "";
  const done = (message: string, anchor = "") => redirectWithToast(`${here}${anchor}`, { kind: "success", message });
  return pageIntents(form.get("intent"), {
    "save-quiz": async () => {
      const submission = parseWithZod(form, { schema: QuizSettingsSchema });
      if (submission.status !== "success") return reply("quiz", submission.reply());
      try {
        const saved = await updateQuiz(course.id, quiz.id, submission.value, user);
        return done(`Quiz “${saved.title}” saved.${live}`);
      } catch (error) {
        if (error instanceof SlugTaken) return reply("quiz", submission.reply({ fieldErrors: { slug: [error.message] } }));
        throw error;
      }
    },
    "add-question": async () => {
      const submission = parseWithZod(form, { schema: QuestionSchema });
      if (submission.status !== "success") return reply("new-question", submission.reply());
      const question = await addQuestion(course.id, quiz.id, submission.value, user);
      return done(`Question added.${live}`, `#question-${question.id}`);
    },
    "save-question": async () => {
      const submission = parseWithZod(form, { schema: QuestionSchema });
      if (submission.status !== "success") return reply(`question:${questionId}`, submission.reply());
      await updateQuestion(course.id, quiz.id, questionId, submission.value, user);
      return done(`Question saved.${live}`, `#question-${questionId}`);
    },
    "move-question": async () => {
      const direction = form.get("direction");
      if (direction !== "up" && direction !== "down") throw new Response("Say whether to move it up or down.", { status: 400 });
      await moveQuestion(course.id, quiz.id, questionId, direction, user);
      return done(`Question moved ${direction}.`, `#question-${questionId}`);
    },
    "delete-question": async () => {
      await deleteQuestion(course.id, quiz.id, questionId, user);
      return done("Question deleted.", "#questions-title");
    },
    "delete-quiz": async () => {
      await deleteQuiz(course.id, quiz.id, user);
      return redirectWithToast(`/instructor/courses/${course.id}#outline-title`, { kind: "success", message: `Quiz “${quiz.title}” deleted.` });
    },
  });
}

export default function QuizEditor() {
  const { course, quiz, questions, modules } = useLoaderData<typeof loader>();
  const published = course.status === "PUBLISHED";
  return (
    <div className="space-y-6">
      <ItemHeading courseId={course.id} kind="quiz" title={quiz.title} learnerUrl={itemUrl(course.slug, { kind: "quiz", slug: quiz.slug })} published={published} />
      <QuizSettings quiz={quiz} modules={modules} />
      <section aria-labelledby="questions-title" className="scroll-mt-24 space-y-4">
        <div>
          <h3 id="questions-title" className="text-xl font-bold">
            Questions ({questions.length})
          </h3>
          <p className="mt-1 text-sm text-ink-700">
            Learners answer all of them; a question counts as right when exactly its correct options are chosen. Right answers never reach the learner's browser
            before they submit.
          </p>
        </div>
        {questions.length === 0 ? (
          <p className="card font-semibold text-amber-900">
            <span aria-hidden="true">⚠ </span>No questions yet: learners can't pass this quiz until it has one. Add the first below.
          </p>
        ) : (
          <ol className="space-y-4">
            {questions.map((question, index) => (
              <li key={question.id} id={`question-${question.id}`} className="card scroll-mt-24 space-y-3">
                <div className="flex flex-wrap items-start justify-between gap-3">
                  <h4 className="min-w-0 flex-1 font-bold">
                    <span className="text-ink-700">{index + 1}.</span> {question.prompt}
                  </h4>
                  <MoveButtons
                    intent="move-question"
                    hidden={{ questionId: question.id }}
                    name={`Question ${index + 1}`}
                    first={index === 0}
                    last={index === questions.length - 1}
                  />
                </div>
                <p className="text-sm text-ink-700">{question.kind === "MULTIPLE" ? "Several right answers" : "One right answer"}</p>
                <ul className="space-y-1 text-sm">
                  {question.options.map((o) => (
                    <li key={o.id} className={`flex items-start gap-2 rounded px-2 py-1 ${o.correct ? "bg-emerald-50 font-semibold text-emerald-950" : ""}`}>
                      <span aria-hidden="true" className="w-4">
                        {o.correct ? "✓" : "·"}
                      </span>
                      <span className="min-w-0 wrap-anywhere">
                        {o.text}
                        {o.correct ? <span className="ml-2 text-xs font-bold uppercase tracking-wide">Correct</span> : null}
                      </span>
                    </li>
                  ))}
                </ul>
                <div className="prose-academy rounded-lg bg-ink-100/60 p-3 text-sm" dangerouslySetInnerHTML={{ __html: question.explanationHtml }} />
                <EditQuestion question={question} index={index} />
              </li>
            ))}
          </ol>
        )}
        <section aria-labelledby="new-question-title" className="card border-dashed">
          <h4 id="new-question-title" className="mb-3 text-lg font-bold">
            Add a question
          </h4>
          <QuestionForm key={questions.length} formKey="new-question" intent="add-question" submitLabel="Add question" />
        </section>
      </section>
      <section aria-labelledby="delete-quiz-title" className="card border-red-200">
        <h3 id="delete-quiz-title" className="text-lg font-bold">
          Delete this quiz
        </h3>
        <div className="mt-2">
          <DangerButton summary="Delete this quiz…" intent="delete-quiz" button="Delete quiz">
            {quiz.attempts > 0
              ? `Learners have taken “${quiz.title}” ${quiz.attempts === 1 ? "once" : `${quiz.attempts} times`}; their attempts are deleted with it.`
              : `“${quiz.title}” and its questions are deleted. This can't be undone.`}
          </DangerButton>
        </div>
      </section>
    </div>
  );
}

type QuizData = ReturnType<typeof useLoaderData<typeof loader>>;

function EditQuestion({ question, index }: { question: QuizData["questions"][number]; index: number }) {
  const formKey = `question:${question.id}`;
  const failed = Boolean(useFormReply(formKey));
  return (
    <div className="flex flex-wrap items-start justify-between gap-3 border-t border-ink-100 pt-3">
      <details className="min-w-0 flex-1" open={failed || undefined}>
        <summary className="cursor-pointer text-sm font-semibold text-brand-700">Edit question {index + 1}</summary>
        <div className="mt-3">
          <QuestionForm formKey={formKey} intent="save-question" questionId={question.id} value={question} submitLabel="Save question" />
        </div>
      </details>
      <DangerButton summary={`Delete question ${index + 1}…`} intent="delete-question" hidden={{ questionId: question.id }} button="Delete question">
        Learners' past attempts keep their scores.
      </DangerButton>
    </div>
  );
}

function QuizSettings({ quiz, modules }: { quiz: QuizData["quiz"]; modules: QuizData["modules"] }) {
  const replyData = useFormReply("quiz");
  const [form, fields] = useForm({
    id: "quiz",
    lastResult: replyData?.result,
    defaultValue: { title: quiz.title, slug: quiz.slug, moduleId: quiz.moduleId, passMark: quiz.passMark, required: quiz.required, intro: quiz.intro },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: QuizSettingsSchema }),
  });
  return (
    <section aria-labelledby="quiz-settings" className="card">
      <h3 id="quiz-settings" className="mb-4 text-lg font-bold">
        About this quiz
      </h3>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <div className="grid gap-x-4 md:grid-cols-2">
          <Field label="Title" inputProps={getInputProps(fields.title, { type: "text" })} errors={fields.title.errors} />
          <Field label="Slug" inputProps={{ ...getInputProps(fields.slug, { type: "text" }), spellCheck: false, autoCapitalize: "none" }} errors={fields.slug.errors} help={ITEM_SLUG_HELP} />
        </div>
        <div className="grid gap-x-4 md:grid-cols-2">
          <SelectField label="Module" meta={fields.moduleId} options={modules.map((m, i) => ({ value: m.id, label: `${i + 1}. ${m.title}` }))} />
          <Field label="Pass mark (%)" inputProps={{ ...getInputProps(fields.passMark, { type: "number" }), min: 1, max: 100, inputMode: "numeric" }} errors={fields.passMark.errors} />
        </div>
        <CheckboxField label="Required to complete the course" meta={fields.required} />
        <TextareaField label="Introduction (Markdown, optional)" meta={fields.intro} rows={3} help="Shown above the questions." />
        <SubmitButton intent="save-quiz" label="Save quiz" busyLabel="Saving…" />
      </Form>
    </section>
  );
}

export const ErrorBoundary = StudioErrorBoundary;
