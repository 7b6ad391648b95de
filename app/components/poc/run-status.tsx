/** The latest Gong or AI run of a POC, in words: queued/running (with progress), failed (why), done. */
import { formatDateTime } from "~/utils/dates.ts";

export type RunView = { status: string; progress: string | null; error: string | null; finishedAt: Date | string | null };

export function RunStatus({ run, label, testId }: { run: RunView | null; label: string; testId: string }) {
  if (!run) return null;
  const running = run.status === "QUEUED" || run.status === "RUNNING";
  return (
    <p role="status" data-testid={testId} className={`rounded-lg px-4 py-3 text-sm ${run.status === "FAILED" ? "bg-red-100 text-red-900" : "bg-ink-100 text-ink-900"}`}>
      <strong>{label}: </strong>
      {running ? (
        <>
          {run.status === "QUEUED" ? "Queued" : "Running"}
          {run.progress ? ` · ${run.progress}` : ""}
          {run.error ? ` · last attempt: ${run.error}` : ""}
        </>
      ) : run.status === "FAILED" ? (
        <>Failed · {run.error ?? "no reason recorded"}</>
      ) : (
        <>
          Done · {run.progress}
          {run.finishedAt ? ` (${formatDateTime(run.finishedAt)})` : ""}
        </>
      )}
    </p>
  );
}
