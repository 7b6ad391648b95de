/**
 * The content page's outline: modules in order, each with its lessons and
 * quizzes in order (an exercise is a lesson with code and tests: decision 043).
 * Up/down buttons move an item one step, across into the neighbouring module
 * at a module's edge; each module has its own add form.
 * Every control is a POST form, so the whole outline works without JavaScript.
 */
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link } from "@remix-run/react";
import { formatMinutes } from "~/components/academy/course-card.tsx";
import { ErrorList, Field, SubmitButton, useFormReply, useSending } from "~/components/forms.tsx";
import type { ContentOutline } from "~/modules/academy/studio-data.server.ts";
import { ModuleSchema, NewItemSchema } from "~/modules/academy/authoring-schemas.ts";
import { MoveButtons } from "./studio-forms.tsx";

type Module = ContentOutline[number];
type Item = Module["items"][number];

export const itemEditorUrl = (courseId: string, item: { kind: "lesson" | "quiz"; id: string }) =>
  `/instructor/courses/${courseId}/${item.kind === "quiz" ? "quizzes" : "lessons"}/${item.id}`;

export function OutlineEditor({ courseId, outline }: { courseId: string; outline: ContentOutline }) {
  return (
    <section aria-labelledby="outline-title" className="space-y-4">
      <div>
        <h2 id="outline-title" className="text-2xl font-bold">
          Modules and lessons
        </h2>
        <p className="mt-1 text-sm text-ink-700">Learners take the lessons and quizzes in this order. Open one to write it; move it with Up and Down.</p>
      </div>
      {outline.length === 0 ? <p className="card">No modules yet: add the first one below, then its lessons.</p> : null}
      <ol className="space-y-4">
        {outline.map((module, mi) => (
          <ModuleCard key={module.id} courseId={courseId} module={module} index={mi} count={outline.length} lastIndex={outline.length - 1} />
        ))}
      </ol>
      <AddModuleForm key={outline.length} />
    </section>
  );
}

function ModuleCard({ courseId, module, index, count, lastIndex }: { courseId: string; module: Module; index: number; count: number; lastIndex: number }) {
  const headingId = `module-${module.id}-title`;
  return (
    <li id={`module-${module.id}`} className="scroll-mt-24 rounded-xl border border-ink-300/60 bg-white shadow-sm">
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-ink-100 px-4 py-3">
        <h3 id={headingId} className="text-lg font-bold">
          <span className="text-ink-700">Module {index + 1}:</span> {module.title}
        </h3>
        {count > 1 ? <MoveButtons intent="move-module" hidden={{ moduleId: module.id }} name={`Module ${module.title}`} first={index === 0} last={index === lastIndex} /> : null}
      </div>
      {module.items.length === 0 ? (
        <p className="px-4 py-3 text-sm text-ink-700">No lessons yet.</p>
      ) : (
        <ol className="divide-y divide-ink-100" aria-label={`Lessons and quizzes of ${module.title}`}>
          {module.items.map((item, ii) => (
            <ItemRow
              key={item.id}
              courseId={courseId}
              item={item}
              first={index === 0 && ii === 0}
              last={index === lastIndex && ii === module.items.length - 1}
            />
          ))}
        </ol>
      )}
      <div className="space-y-2 rounded-b-xl bg-ink-100/50 px-4 py-3">
        <AddItemForm key={module.items.length} module={module} />
        <ModuleSettings module={module} />
      </div>
    </li>
  );
}

function ItemRow({ courseId, item, first, last }: { courseId: string; item: Item; first: boolean; last: boolean }) {
  const quiz = item.kind === "quiz";
  // An exercise is a lesson with code and tests (decision 043).
  const exercise = "exercise" in item && item.exercise;
  return (
    <li id={`item-${item.id}`} className="flex scroll-mt-24 flex-wrap items-center gap-x-3 gap-y-2 px-4 py-3">
      <span
        className={`w-16 shrink-0 rounded px-1.5 py-0.5 text-center text-xs font-semibold ${quiz ? "bg-brand-300/30 text-brand-700" : exercise ? "bg-emerald-100 text-emerald-900" : "bg-ink-100 text-ink-800"}`}
      >
        {quiz ? "Quiz" : exercise ? "Exercise" : "Lesson"}
      </span>
      <div className="min-w-0 flex-1 basis-44">
        <Link to={itemEditorUrl(courseId, item)} className="font-semibold">
          {item.title}
        </Link>
        <p className="text-sm text-ink-700">
          {"questions" in item ? `${item.questions} question${item.questions === 1 ? "" : "s"} · pass mark ${item.passMark}%` : formatMinutes(item.estimatedMinutes)}
          {item.required ? "" : " · optional"}
        </p>
        {item.empty ? (
          <p className="mt-1 text-sm font-semibold text-amber-900">
            <span aria-hidden="true">⚠ </span>
            {quiz ? "No questions yet" : exercise ? "Needs a summary and instructions" : "Needs a summary and content"}
          </p>
        ) : null}
      </div>
      <MoveButtons intent="move-item" hidden={{ kind: item.kind, id: item.id }} name={item.title} first={first} last={last} />
    </li>
  );
}

function AddItemForm({ module }: { module: Module }) {
  const formKey = `add-item:${module.id}`;
  const reply = useFormReply(formKey);
  const [form, fields] = useForm({
    id: formKey,
    lastResult: reply?.result,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NewItemSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} preventScrollReset className="flex flex-wrap items-end gap-2">
      <input type="hidden" name="moduleId" value={module.id} />
      <div className="min-w-0 flex-1 basis-60 [&>div]:mb-0">
        <Field
          label={`New lesson or quiz in “${module.title}”`}
          inputProps={{ ...getInputProps(fields.title, { type: "text" }), placeholder: "Title" }}
          errors={fields.title.errors}
        />
      </div>
      <div className="flex flex-wrap gap-2">
        <SubmitButton intent="add-lesson" match={{ moduleId: module.id }} label="Add lesson" busyLabel="Adding…" className="btn btn-secondary py-1.5" />
        <SubmitButton intent="add-quiz" match={{ moduleId: module.id }} label="Add quiz" busyLabel="Adding…" className="btn btn-secondary py-1.5" />
        <SubmitButton intent="add-exercise" match={{ moduleId: module.id }} label="Add exercise" busyLabel="Adding…" className="btn btn-secondary py-1.5" />
      </div>
      <ErrorList errors={form.errors} />
    </Form>
  );
}

function ModuleSettings({ module }: { module: Module }) {
  const formKey = `module:${module.id}`;
  const reply = useFormReply(formKey);
  const [form, fields] = useForm({
    id: formKey,
    lastResult: reply?.result,
    defaultValue: { title: module.title },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ModuleSchema }),
  });
  const deleting = useSending("delete-module", { moduleId: module.id });
  return (
    <details open={reply ? true : undefined}>
      <summary className="cursor-pointer text-sm font-semibold text-brand-700">Rename or delete this module</summary>
      <div className="mt-2 flex flex-wrap items-end gap-x-4 gap-y-2">
        <Form method="post" {...getFormProps(form)} preventScrollReset className="flex flex-wrap items-end gap-2">
          <input type="hidden" name="moduleId" value={module.id} />
          <div className="w-64 [&>div]:mb-0">
            <Field label="Module name" inputProps={{ ...getInputProps(fields.title, { type: "text" }) }} errors={fields.title.errors} />
          </div>
          <SubmitButton intent="rename-module" match={{ moduleId: module.id }} label="Rename" busyLabel="Saving…" className="btn btn-secondary py-1.5" />
          <ErrorList errors={form.errors} />
        </Form>
        {module.items.length === 0 ? (
          <Form method="post" preventScrollReset>
            <input type="hidden" name="moduleId" value={module.id} />
            <button type="submit" name="intent" value="delete-module" className="btn btn-tertiary py-1.5 text-red-800" disabled={deleting} aria-label={`Delete the module “${module.title}”`}>
              Delete module
            </button>
          </Form>
        ) : (
          <p className="text-sm text-ink-700">To delete this module, move or delete its lessons and quizzes first.</p>
        )}
      </div>
    </details>
  );
}

function AddModuleForm() {
  const reply = useFormReply("add-module");
  const [form, fields] = useForm({
    id: "add-module",
    lastResult: reply?.result,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ModuleSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} preventScrollReset className="rounded-xl border border-dashed border-ink-300 bg-white/60 p-4">
      <fieldset>
        <legend className="font-bold">Add a module</legend>
        <div className="mt-2 flex flex-wrap items-end gap-2">
          <div className="min-w-0 flex-1 basis-60 [&>div]:mb-0">
            <Field label="Module name" inputProps={{ ...getInputProps(fields.title, { type: "text" }), placeholder: "e.g. Getting started" }} errors={fields.title.errors} />
          </div>
          <SubmitButton intent="add-module" label="Add module" busyLabel="Adding…" className="btn btn-secondary" />
        </div>
        <ErrorList errors={form.errors} />
      </fieldset>
    </Form>
  );
}
