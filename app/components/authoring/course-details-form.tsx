/**
 * The course's own fields (courseInputSchema), for a new course and on the
 * content page. The schema lives on the server, so errors come back from there
 * (with everything typed kept); the browser adds nothing a server wouldn't check.
 */
import { getCollectionProps, getFormProps, getInputProps, useForm } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { ErrorList, Field, FormErrors, SelectField, SubmitButton, TextareaField, useFormReply } from "~/components/forms.tsx";
import { CATEGORIES, FEATURES, LEVELS } from "~/modules/academy/taxonomy.ts";

export type CourseDetails = {
  title: string;
  slug: string;
  summary: string;
  description: string;
  level: string;
  category: string;
  tags: string;
  features: string[];
  platforms: string;
  estimatedMinutes: string;
  coverUrl: string;
};

export function CourseDetailsForm({ intent, defaultValue, submitLabel, busyLabel, slugHelp }: { intent: string; defaultValue: Partial<CourseDetails>; submitLabel: string; busyLabel: string; slugHelp: string }) {
  const reply = useFormReply(intent);
  const [form, fields] = useForm<CourseDetails>({ id: intent, lastResult: reply?.result, defaultValue, shouldRevalidate: "onInput" });
  const featureErrorId = fields.features.errors ? fields.features.errorId : undefined;
  return (
    <Form method="post" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <Field label="Title" inputProps={getInputProps(fields.title, { type: "text" })} errors={fields.title.errors} />
      <Field
        label="Slug (optional)"
        inputProps={{ ...getInputProps(fields.slug, { type: "text" }), spellCheck: false, autoCapitalize: "none" }}
        errors={fields.slug.errors}
        help={slugHelp}
      />
      <TextareaField label="Summary" meta={fields.summary} rows={2} help="One or two sentences for the catalogue card (10 to 300 characters)." />
      <TextareaField label="Description (Markdown)" meta={fields.description} rows={8} className="font-mono text-sm" help="What learners will do and learn. Shown on the course page." />
      <div className="grid gap-x-4 sm:grid-cols-3">
        <SelectField label="Level" meta={fields.level} options={LEVELS} />
        <SelectField label="Category" meta={fields.category} options={CATEGORIES.map((c) => ({ value: c, label: c }))} />
        <Field label="Estimated minutes" inputProps={{ ...getInputProps(fields.estimatedMinutes, { type: "number" }), min: 1, inputMode: "numeric" }} errors={fields.estimatedMinutes.errors} />
      </div>
      <fieldset className="mb-4" aria-describedby={featureErrorId}>
        <legend className="label">Sentry features it teaches</legend>
        <p className="mb-2 text-sm text-ink-700">Sentry Connect recommends the course to people who don't use these yet.</p>
        <div className="grid gap-x-4 gap-y-1 sm:grid-cols-3">
          {getCollectionProps(fields.features, { type: "checkbox", options: FEATURES.map((f) => f.slug) }).map((props) => {
            const { key, ...input } = props;
            return (
              <div key={key} className="flex items-center gap-2 text-sm">
                <input {...input} className="h-4 w-4 accent-brand-600" />
                <label htmlFor={input.id}>{FEATURES.find((f) => f.slug === input.value)?.label}</label>
              </div>
            );
          })}
        </div>
        <ErrorList id={featureErrorId} errors={fields.features.errors} />
      </fieldset>
      <div className="grid gap-x-4 sm:grid-cols-2">
        <Field
          label="Platforms (optional)"
          inputProps={{ ...getInputProps(fields.platforms, { type: "text" }), spellCheck: false, autoCapitalize: "none", placeholder: "javascript-react, python-django" }}
          errors={fields.platforms.errors}
          help="Sentry platform ids, separated by commas. Leave empty for any platform."
        />
        <Field label="Tags (optional)" inputProps={{ ...getInputProps(fields.tags, { type: "text" }), placeholder: "alerts, on-call" }} errors={fields.tags.errors} help="Separated by commas; at most 12." />
      </div>
      <Field label="Cover image address (optional)" inputProps={getInputProps(fields.coverUrl, { type: "text" })} errors={fields.coverUrl.errors} />
      <SubmitButton intent={intent} label={submitLabel} busyLabel={busyLabel} />
    </Form>
  );
}
