/**
 * A quiz question's form, for a new question and for editing one: the prompt,
 * one or several right answers, a fixed row of option slots (an empty slot is
 * no option) each with a "Correct" box, and the explanation learners see after
 * answering. Plain fields, so it works without JavaScript.
 */
import { getCollectionProps, getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { ErrorList, FormErrors, SubmitButton, TextareaField, useFormReply } from "~/components/forms.tsx";
import { OPTION_SLOTS, QuestionSchema } from "~/modules/academy/authoring-schemas.ts";

export type QuestionValue = { kind: "SINGLE" | "MULTIPLE"; prompt: string; explanation: string; options: { text: string; correct: boolean }[] };

const KIND_LABELS = { SINGLE: "One right answer", MULTIPLE: "Several right answers" } as const;

export function QuestionForm({ formKey, intent, questionId, value, submitLabel }: { formKey: string; intent: string; questionId?: string; value?: QuestionValue; submitLabel: string }) {
  const reply = useFormReply(formKey);
  const slots = Math.max(OPTION_SLOTS, (value?.options.length ?? 0) + 1);
  const [form, fields] = useForm({
    id: formKey,
    lastResult: reply?.result,
    defaultValue: {
      prompt: value?.prompt ?? "",
      kind: value?.kind ?? "SINGLE",
      explanation: value?.explanation ?? "",
      options: Array.from({ length: slots }, (_, i) => ({ text: value?.options[i]?.text ?? "", correct: value?.options[i]?.correct ? "on" : "" })),
    },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: QuestionSchema }),
  });
  const options = fields.options.getFieldList();
  const optionsErrorId = fields.options.errors ? fields.options.errorId : undefined;
  return (
    <Form method="post" {...getFormProps(form)} preventScrollReset>
      {questionId ? <input type="hidden" name="questionId" value={questionId} /> : null}
      <FormErrors id={form.errorId} errors={form.errors} />
      <TextareaField label="Question" meta={fields.prompt} rows={2} />
      <fieldset className="mb-4">
        <legend className="label">Answers</legend>
        <div className="flex flex-wrap gap-x-6 gap-y-1">
          {getCollectionProps(fields.kind, { type: "radio", options: ["SINGLE", "MULTIPLE"] }).map((props) => {
            const { key, ...input } = props;
            return (
              <div key={key} className="flex items-center gap-2 text-sm">
                <input {...input} className="h-4 w-4 accent-brand-600" />
                <label htmlFor={input.id}>{KIND_LABELS[input.value as keyof typeof KIND_LABELS]}</label>
              </div>
            );
          })}
        </div>
        <ErrorList id={fields.kind.errorId} errors={fields.kind.errors} />
      </fieldset>
      <fieldset className="mb-4" aria-describedby={optionsErrorId}>
        <legend className="label">Options</legend>
        <p className="mb-2 text-sm text-ink-700">Leave a row empty for fewer options; tick the right one(s).</p>
        <ol className="space-y-2">
          {options.map((option, i) => {
            const { text, correct } = option.getFieldset();
            return (
              <li key={option.key} className="flex flex-wrap items-center gap-x-3 gap-y-1">
                <label htmlFor={text.id} className="w-20 shrink-0 text-sm font-semibold text-ink-800">
                  Option {i + 1}
                </label>
                <input
                  {...getInputProps(text, { type: "text" })}
                  className="input min-w-0 flex-1 basis-48 py-1.5"
                  aria-invalid={text.errors ? true : undefined}
                  aria-describedby={text.errors ? text.errorId : undefined}
                />
                <div className="flex items-center gap-1.5 text-sm">
                  <input {...getInputProps(correct, { type: "checkbox" })} className="h-4 w-4 accent-brand-600" />
                  <label htmlFor={correct.id}>
                    Correct<span className="sr-only"> (option {i + 1})</span>
                  </label>
                </div>
                <ErrorList id={text.errorId} errors={text.errors} />
              </li>
            );
          })}
        </ol>
        <ErrorList id={optionsErrorId} errors={fields.options.errors} />
      </fieldset>
      <TextareaField label="Explanation (Markdown)" meta={fields.explanation} rows={3} help="Learners see it after answering, right or wrong." />
      <SubmitButton intent={intent} match={questionId ? { questionId } : undefined} label={submitLabel} busyLabel="Saving…" className="btn btn-secondary" />
    </Form>
  );
}
