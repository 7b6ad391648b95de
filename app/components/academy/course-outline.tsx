/**
 * The course outline beside a lesson (and below it on a phone), and the one way the
 * certificate count is written (`certificateNeeds` in progress.ts says what; this says how).
 */
import { Link } from "@remix-run/react";
import { ProgressBar } from "~/components/ui/progress-bar.tsx";
import { certificateNeeds, type CourseProgress } from "~/modules/academy/progress.ts";
import { itemUrl } from "~/modules/academy/urls.ts";

/** "2 of 6 required items done" and "To get your certificate: finish 3 lessons and pass the quiz." */
export function CertificateNeeds({
  progress,
  started = true,
  certificateHref,
  className = "",
}: {
  progress: CourseProgress;
  started?: boolean;
  /** Where the certificate is, once earned: linked from "ready" (left out where a button already leads there). */
  certificateHref?: string | null;
  className?: string;
}) {
  const needs = certificateNeeds(progress, { started });
  return (
    <div className={`text-sm ${className}`} data-testid="certificate-needs">
      {started ? <p className="text-ink-700">{needs.count}</p> : null}
      {needs.todo ? (
        <p className="font-medium text-ink-900">{needs.todo}</p>
      ) : certificateHref ? (
        <p className="font-medium text-ink-900">
          Your certificate is ready: <Link to={certificateHref}>view your certificate</Link>.
        </p>
      ) : progress.complete ? (
        <p className="font-medium text-ink-900">Course complete: your certificate is ready.</p>
      ) : null}
    </div>
  );
}

type OutlineModule = {
  id: string;
  title: string;
  items: { kind: "lesson" | "quiz"; exercise?: boolean; slug: string; title: string; required: boolean; current: boolean; done: boolean }[];
};

export function CourseOutline({
  courseSlug,
  courseTitle,
  outline,
  progress,
  started,
  signedIn,
}: {
  courseSlug: string;
  courseTitle: string;
  outline: OutlineModule[];
  progress: CourseProgress;
  started: boolean;
  signedIn: boolean;
}) {
  return (
    <nav aria-labelledby="outline-title" className="card p-4">
      <h2 id="outline-title" className="font-bold">
        Course outline
      </h2>
      {signedIn ? (
        <div className="mt-2">
          <ProgressBar percent={progress.percent} label={`Progress in ${courseTitle}`} size="sm" />
        </div>
      ) : null}
      <CertificateNeeds progress={progress} started={signedIn && started} className="mt-2" />
      <ol className="mt-3 space-y-3">
        {outline.map((m) => (
          <li key={m.id}>
            <p className="text-xs font-semibold uppercase tracking-wide text-ink-700">{m.title}</p>
            <ol className="mt-1 space-y-0.5">
              {m.items.map((item) => (
                <li key={`${item.kind}:${item.slug}`}>
                  <Link
                    to={itemUrl(courseSlug, item)}
                    aria-current={item.current ? "page" : undefined}
                    className={`flex items-start gap-2 rounded-md px-2 py-1 text-sm no-underline ${item.current ? "bg-ink-100 font-semibold text-ink-950" : "text-ink-900 hover:bg-ink-100"}`}
                  >
                    <span
                      aria-hidden="true"
                      className={`mt-0.5 grid h-4 w-4 shrink-0 place-items-center rounded-full text-[10px] font-bold ${item.done ? "bg-emerald-700 text-white" : "border border-ink-700"}`}
                    >
                      {item.done ? "✓" : item.kind === "quiz" ? "?" : item.exercise ? "{}" : ""}
                    </span>
                    <span className="min-w-0 [overflow-wrap:anywhere]">
                      {item.kind === "quiz" ? "Quiz: " : item.exercise ? "Exercise: " : ""}
                      {item.title}
                      {item.done ? <span className="sr-only"> (done)</span> : null}
                      {item.required ? null : <span className="text-ink-700"> · optional</span>}
                    </span>
                  </Link>
                </li>
              ))}
            </ol>
          </li>
        ))}
      </ol>
    </nav>
  );
}
