/** The heading of the lesson and quiz editors, under the course's studio header: back to the outline, what this is, and the learner's view of it. */
import { Link } from "@remix-run/react";

export function ItemHeading({ courseId, kind, title, learnerUrl, published }: { courseId: string; kind: "lesson" | "quiz" | "exercise"; title: string; learnerUrl: string; published: boolean }) {
  return (
    <div className="space-y-2">
      <p className="text-sm">
        <Link to={`/instructor/courses/${courseId}#outline-title`}>
          <span aria-hidden="true">← </span>Modules and lessons
        </Link>
      </p>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 className="text-2xl font-bold">
          <span className="text-ink-700">{kind === "quiz" ? "Quiz" : kind === "exercise" ? "Exercise" : "Lesson"}:</span> {title}
        </h2>
        <Link to={learnerUrl} className="btn btn-secondary py-1.5">
          {published ? "View as a learner" : "Preview as a learner"}
        </Link>
      </div>
      {published ? (
        <p className="rounded-lg border-l-4 border-emerald-600 bg-emerald-50 px-3 py-2 text-sm text-emerald-950">
          This course is published: learners see what you save at once, and it's kept as a new version. Their progress on this {kind} is kept.
        </p>
      ) : null}
    </div>
  );
}
