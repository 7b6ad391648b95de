/**
 * A graded run, as the learner (and a reviewer, and an author checking a reference solution) reads it:
 * the problem sentence on top in an alert, a summary line ("3 of 4 tests passed"), each test with ✓/✗,
 * its name, a "hidden" badge and the assertion's message, then the console output in a `<pre>`.
 * Everything is text: what the learner's code printed is never read as HTML (React escapes it).
 * No server imports: the lesson page, the review pages and the studio import it.
 */
import type { GradeResult } from "~/modules/exercises/grade-result.ts";
import { Badge } from "~/components/ui/badge.tsx";
import { gradeSummary } from "~/modules/exercises/grade-summary.ts";

const STATUS = {
  passed: { tone: "success", icon: "✓", label: "Passed" },
  failed: { tone: "danger", icon: "✗", label: "Not yet" },
  error: { tone: "warning", icon: "!", label: "Did not run" },
} as const;

export function GradeResultView({
  result,
  heading = "Test results",
  headingLevel = 2,
  summaryId,
  className = "",
}: {
  result: GradeResult;
  /** The section's title ("Test results", "Reference solution"). */
  heading?: string;
  headingLevel?: 2 | 3;
  /** An id on the summary line, for a page that moves focus to it after a run (it gets tabIndex -1). */
  summaryId?: string;
  className?: string;
}) {
  const H = headingLevel === 2 ? "h2" : "h3";
  const Sub = headingLevel === 2 ? "h3" : "h4";
  const status = STATUS[result.status] ?? STATUS.error;
  const consoleText = result.console.map((line) => (line.level === "log" || line.level === "info" ? line.text : `[${line.level}] ${line.text}`)).join("\n");
  return (
    <section aria-label={heading} className={`min-w-0 ${className}`} data-testid="grade-result">
      <H className="text-lg font-bold">{heading}</H>
      {result.problem && result.error ? (
        <p role="alert" className="mt-2 rounded-lg border border-amber-700/40 bg-amber-50 p-3 text-amber-950 [overflow-wrap:anywhere]">
          {result.error}
        </p>
      ) : null}
      <p id={summaryId} tabIndex={summaryId ? -1 : undefined} className="mt-2 flex flex-wrap items-center gap-2 font-semibold" data-testid="grade-summary">
        <Badge tone={status.tone} icon={status.icon}>
          {status.label}
        </Badge>
        <span>{gradeSummary(result)}</span>
      </p>
      {result.tests.length ? (
        <ul className="mt-3 space-y-2" aria-label="Tests">
          {result.tests.map((test, i) => (
            <li key={i} className="flex items-start gap-2" data-testid="grade-test">
              <span aria-hidden="true" className={`mt-0.5 font-bold ${test.passed ? "text-emerald-800" : "text-red-800"}`}>
                {test.passed ? "✓" : "✗"}
              </span>
              <div className="min-w-0 [overflow-wrap:anywhere]">
                <span className="sr-only">{test.passed ? "Passed: " : "Failed: "}</span>
                <span className="font-medium">{test.name}</span>
                {test.hidden ? (
                  <>
                    {" "}
                    <Badge tone="muted">hidden</Badge>
                  </>
                ) : null}
                {!test.passed && test.message ? <p className="mt-0.5 text-sm text-ink-800">{test.message}</p> : null}
              </div>
            </li>
          ))}
        </ul>
      ) : null}
      {result.console.length ? (
        <div className="mt-4">
          <Sub className="text-base font-semibold">Console output</Sub>
          <pre tabIndex={0} aria-label="Console output" className="mt-1 max-h-72 overflow-auto whitespace-pre-wrap rounded-lg bg-ink-950 p-3 text-sm text-white [overflow-wrap:anywhere]">
            {consoleText}
            {result.consoleTruncated ? "\n… (output cut off)" : ""}
          </pre>
        </div>
      ) : null}
    </section>
  );
}
