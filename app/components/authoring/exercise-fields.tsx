/**
 * The "Exercise" section of the studio's lesson editor (decision 043): language, starter code,
 * visible and hidden tests, the reference solution, and "Check the reference solution" with what
 * the grader answered. The fields belong to the lesson's form (one "Save lesson" saves both), so
 * everything works without JavaScript: plain textareas; with JavaScript the learner page's
 * CodeMirror editor goes over each textarea (a lazy chunk, loaded only here and on exercise pages).
 */
import type { FieldMetadata } from "@conform-to/react";
import { CodeEditor, type CodeLanguage } from "~/components/exercises/code-editor.tsx";
import { GradeResultView } from "~/components/exercises/grade-result-view.tsx";
import { ErrorList, SelectField, SubmitButton } from "~/components/forms.tsx";
import { EXERCISE_LANGUAGES } from "~/modules/exercises/authoring-schema.ts";
import type { GradeResult } from "~/modules/exercises/grade-result.ts";

export type ExerciseCheck = { solution: GradeResult; starter: GradeResult };

type Fields = {
  language: FieldMetadata<string>;
  starterCode: FieldMetadata<string>;
  visibleTests: FieldMetadata<string>;
  hiddenTests: FieldMetadata<string>;
  solution: FieldMetadata<string>;
};

export function ExerciseFields({ fields, language, check, limited }: { fields: Fields; language: CodeLanguage; check: ExerciseCheck | undefined; limited: string | undefined }) {
  return (
    <section aria-labelledby="exercise-title" className="card min-w-0 space-y-4">
      <div>
        <h3 id="exercise-title" className="text-lg font-bold">
          Exercise
        </h3>
        <p className="mt-1 max-w-3xl text-sm text-ink-700">
          Learners read the content above, write code in an editor that starts with the starter code, and submit it. The code runs on the server in a sandbox; the
          exercise is complete when every visible and hidden test passes.
        </p>
      </div>
      <div className="max-w-xs">
        <SelectField label="Language" meta={fields.language} options={EXERCISE_LANGUAGES} />
      </div>
      <CodeField
        label="Starter code"
        meta={fields.starterCode}
        language={language}
        rows={12}
        help={
          <>
            What the learner's editor starts with: an ES module. It may <code>import * as Sentry from "@sentry/node"</code> (or <code>"@sentry/browser"</code>) and
            export functions.
          </>
        }
      />
      <CodeField
        label="Visible tests"
        meta={fields.visibleTests}
        language={language}
        rows={12}
        help={
          <>
            Learners see these. An ES module run after the learner's code: <code>import {"{ checkout }"} from "./solution"</code>, then{" "}
            <code>test("what it checks", () =&gt; {"{ expect(…).toBe(…) }"})</code>. <code>events()</code>, <code>transactions()</code> and{" "}
            <code>reset()</code> from <code>"sentry-testkit"</code> give what the SDK sent.
          </>
        }
      />
      <CodeField
        label="Hidden tests (optional)"
        meta={fields.hiddenTests}
        language={language}
        rows={10}
        help="Run after the visible tests, in a fresh sandbox. Learners see each hidden test's name and result, never its code."
      />
      <CodeField
        label="Reference solution (optional)"
        meta={fields.solution}
        language={language}
        rows={12}
        help="Never sent to learners. Check it passes every test before you publish."
      />
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton intent="check-solution" label="Check the reference solution" busyLabel="Checking…" className="btn btn-secondary" />
        <span className="text-sm text-ink-700">Runs what you typed (not saved yet): the solution and the starter code, against every test.</span>
      </div>
      <div aria-live="polite" data-testid="exercise-check">
        {limited ? (
          <p role="alert" className="field-error">
            {limited}
          </p>
        ) : null}
        {check ? <CheckResult check={check} /> : null}
      </div>
    </section>
  );
}

/** A code field of the form: the textarea (what is posted), with JavaScript the code editor over it; its help and errors under it. */
function CodeField({ label, meta, language, rows, help }: { label: string; meta: FieldMetadata<string>; language: CodeLanguage; rows: number; help: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <CodeEditor
        key={meta.key}
        id={meta.id}
        name={meta.name}
        label={label}
        defaultValue={meta.initialValue ?? ""}
        language={language}
        rows={rows}
        invalid={Boolean(meta.errors)}
        describedBy={[meta.errors ? meta.errorId : null, meta.descriptionId].filter(Boolean).join(" ")}
      />
      <p id={meta.descriptionId} className="mt-1 text-sm text-ink-700">
        {help}
      </p>
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

const passedCount = (r: GradeResult) => r.tests.filter((t) => t.passed).length;

function CheckResult({ check }: { check: ExerciseCheck }) {
  const { solution, starter } = check;
  const starterFails = starter.tests.length - passedCount(starter);
  const solutionOk = solution.status === "passed";
  const starterOk = starter.status !== "passed";
  return (
    <div className="space-y-4 border-t border-ink-100 pt-4">
      <div className={`rounded-lg border-l-4 px-3 py-2 text-sm ${solutionOk && starterOk ? "border-emerald-600 bg-emerald-50 text-emerald-950" : "border-amber-500 bg-amber-50 text-amber-950"}`}>
        <p className="font-semibold">
          {solutionOk ? "The reference solution passes every test." : "The reference solution does not pass every test."}{" "}
          {starter.status === "passed"
            ? "The starter code passes every test too: a learner would pass without writing anything."
            : starter.problem
              ? "The starter code does not run to the end of the tests."
              : `The starter code fails ${starterFails} of ${starter.tests.length} ${starter.tests.length === 1 ? "test" : "tests"}, so learners have something to do.`}
        </p>
      </div>
      <GradeResultView result={solution} heading="Reference solution" headingLevel={3} />
      <details className="min-w-0">
        <summary className="cursor-pointer font-semibold text-brand-700">The starter code's run</summary>
        <GradeResultView result={starter} heading="Starter code" headingLevel={3} className="mt-2" />
      </details>
    </div>
  );
}
