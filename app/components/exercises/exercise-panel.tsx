/**
 * The exercise on a lesson page (decision 041): the visible tests (read-only), the code editor
 * prefilled with the learner's latest code (or the starter), "Reset to starter", "Run tests" and
 * the latest result. Without JavaScript "Run tests" is a plain form post: the server stores the run
 * and redirects back to this page, which shows the stored latest result. With JavaScript it is a
 * fetcher: the result replaces the old one in place, a live region says it and the focus moves to
 * its summary. The hidden tests never reach this component: only their names, in a result.
 */
import { Link, useFetcher } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useHydrated } from "~/components/use-hydrated.ts";
import type { GradeResult } from "~/modules/exercises/grade-result.ts";
import { gradeSummary } from "~/modules/exercises/grade-summary.ts";
import { CodeEditor, setCodeEditorValue, type CodeLanguage } from "./code-editor.tsx";
import { GradeResultView } from "./grade-result-view.tsx";

type ExerciseRun = { id: string; status: "PASSED" | "FAILED" | "ERROR"; result: GradeResult; createdAt: string | Date };

export type ExercisePanelProps = {
  exercise: { id: string; language: CodeLanguage; starterCode: string; visibleTests: string; hasHiddenTests: boolean };
  /** What the editor starts with: the learner's latest code, the starter, or what they just posted (a refused run). */
  code: string;
  latest: ExerciseRun | null;
  signedIn: boolean;
  loginHref: string;
  /** A refused run without JavaScript (size, rate limit): the message next to the editor. */
  error?: string | null;
  /** Where "Reset to starter" goes without JavaScript (the page with the starter in the editor). */
  starterHref: string;
};

type RunReply = { form: "run"; error: string; code: string } | { form: "run"; message: string; submission: ExerciseRun; certificateId: string | null };

const CODE_ID = "exercise-code";
const ERROR_ID = "exercise-code-error";
const SUMMARY_ID = "exercise-summary";

export function ExercisePanel({ exercise, code, latest, signedIn, loginHref, error, starterHref }: ExercisePanelProps) {
  const hydrated = useHydrated();
  const fetcher = useFetcher<RunReply>();
  const reply = fetcher.data?.form === "run" ? fetcher.data : undefined;
  const running = fetcher.state === "submitting";
  const shown = reply && "submission" in reply ? reply.submission : latest;
  const problem = reply && "error" in reply ? reply.error : reply ? null : error;
  // What the live region says: the run in progress, then its outcome (or the refusal).
  const settled = fetcher.state === "idle" ? reply : undefined;
  const announce = running ? "Running the tests…" : !settled ? "" : "error" in settled ? settled.error : `Tests finished: ${gradeSummary(settled.submission.result)}. ${settled.message}`;
  const focused = useRef<RunReply | undefined>(undefined);

  // A run came back: the focus moves to its summary (a refusal is announced next to the editor).
  useEffect(() => {
    if (!settled || settled === focused.current) return;
    focused.current = settled;
    if (!("error" in settled)) document.getElementById(SUMMARY_ID)?.focus();
  }, [settled]);

  return (
    <section aria-labelledby="exercise-title" className="mt-8 min-w-0" data-testid="exercise">
      <h2 id="exercise-title" className="text-xl font-bold">
        Exercise
      </h2>
      <div className="mt-3 min-w-0">
        <h3 className="font-semibold">Tests you can see</h3>
        <pre tabIndex={0} aria-label="Visible tests" className="mt-1 max-h-96 overflow-auto rounded-lg bg-ink-950 p-3 font-mono text-sm text-white" data-testid="visible-tests">
          <code>{exercise.visibleTests}</code>
        </pre>
        {exercise.hasHiddenTests ? (
          <p className="mt-1 text-sm text-ink-700">More tests are hidden. They run with these when you run the tests; you see their names and whether they passed.</p>
        ) : null}
      </div>

      <fetcher.Form method="post" className="mt-5 min-w-0" aria-describedby={problem ? ERROR_ID : undefined}>
        <input type="hidden" name="intent" value="run" />
        {hydrated ? <input type="hidden" name="respond" value="data" /> : null}
        <CodeEditor
          id={CODE_ID}
          name="code"
          label={`Your code (${exercise.language === "TYPESCRIPT" ? "TypeScript" : "JavaScript"})`}
          defaultValue={code}
          language={exercise.language}
          rows={Math.min(24, Math.max(10, code.split("\n").length + 2))}
          describedBy={problem ? ERROR_ID : undefined}
          invalid={Boolean(problem)}
        />
        {problem ? (
          <p id={ERROR_ID} className="field-error mt-1" role="alert">
            {problem}
          </p>
        ) : null}
        <div className="mt-3 flex flex-wrap items-center gap-3">
          {signedIn ? (
            <button type="submit" className="btn btn-primary" disabled={running}>
              {running ? "Running tests…" : "Run tests"}
            </button>
          ) : (
            <Link to={loginHref} className="btn btn-primary">
              Log in to run the tests
            </Link>
          )}
          {hydrated ? (
            <button type="button" className="btn-tertiary" onClick={() => setCodeEditorValue(CODE_ID, exercise.starterCode)}>
              Reset to starter
            </button>
          ) : (
            <Link to={starterHref} className="btn-tertiary">
              Reset to starter
            </Link>
          )}
        </div>
      </fetcher.Form>
      <p role="status" aria-live="polite" className="sr-only">
        {announce}
      </p>

      <div id="exercise-result" className="mt-6 min-w-0">
        {shown ? (
          <div className="card min-w-0 p-4 sm:p-6">
            <GradeResultView result={shown.result} heading="Your latest run" summaryId={SUMMARY_ID} />
            <p className="mt-4 text-sm">
              <Link to={`/reviews/new?submission=${encodeURIComponent(shown.id)}`}>Ask for a review</Link> of this code by learners who passed.
            </p>
          </div>
        ) : signedIn ? (
          <p className="text-ink-700">Run the tests to see which pass. Passing all of them completes this lesson.</p>
        ) : null}
      </div>
    </section>
  );
}
