import { Link } from "@remix-run/react";
import { courseArtUrl } from "~/modules/academy/course-art.ts";
import { featureLabel, levelLabel } from "~/modules/academy/taxonomy.ts";
import { Highlighted } from "./highlighted.tsx";

export type CourseCardData = {
  slug: string;
  title: string;
  summary: string;
  level: string;
  category: string;
  features: string[];
  estimatedMinutes: number;
  lessonCount: number;
  /** Learners enrolled (the catalogue's "popular" signal); absent where a list doesn't count them. */
  learners?: number;
  snippet?: string | null;
  matchedLesson?: { slug: string; title: string; snippet: string } | null;
};

/**
 * Only what a card shows, for loaders to send: the catalogue's rows also carry
 * ids, tags and platforms, which the page would otherwise encode and ship unused.
 */
export function cardData({ slug, title, summary, level, category, features, estimatedMinutes, lessonCount, learners, snippet, matchedLesson }: CourseCardData): CourseCardData {
  return { slug, title, summary, level, category, features, estimatedMinutes, lessonCount, learners, snippet, matchedLesson };
}

export function formatMinutes(minutes: number) {
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m ? `${h} h ${m} min` : `${h} h`;
}

export function CourseCard({ course, headingLevel = 2 }: { course: CourseCardData; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <article className="card flex h-full flex-col overflow-hidden p-5">
      {/* Generated from the course's level, main feature and slug (course-art.ts): decoration, so no alt text. */}
      <img
        src={courseArtUrl(course)}
        alt=""
        width={400}
        height={160}
        loading="lazy"
        decoding="async"
        className="-mx-6 -mt-6 mb-4 block aspect-[5/2] w-[calc(100%+3rem)] max-w-none object-cover"
      />
      <p className="text-xs font-semibold uppercase tracking-wider text-brand-700">
        {course.category} · {levelLabel(course.level)}
      </p>
      <Heading className="mt-1 text-lg font-bold leading-snug">
        <Link to={`/courses/${course.slug}`} className="text-ink-950">
          {course.title}
        </Link>
      </Heading>
      <p className="mt-2 flex-1 text-sm text-ink-800">{course.snippet ? <Highlighted snippet={course.snippet} /> : course.summary}</p>
      {course.matchedLesson ? (
        <p className="mt-3 rounded-lg bg-ink-100 p-3 text-sm">
          <span className="font-semibold">Lesson: </span>
          <Link to={`/courses/${course.slug}/lessons/${course.matchedLesson.slug}`}>{course.matchedLesson.title}</Link>
          <span className="mt-1 block text-ink-800">
            <Highlighted snippet={course.matchedLesson.snippet} />
          </span>
        </p>
      ) : null}
      <ul className="mt-3 flex flex-wrap gap-1" aria-label="Sentry features taught">
        {course.features.slice(0, 4).map((f) => (
          <li key={f} className="rounded-full bg-brand-300/30 px-2 py-0.5 text-xs font-medium text-ink-900">
            {featureLabel(f)}
          </li>
        ))}
      </ul>
      <p className="mt-3 text-xs text-ink-700">
        {course.lessonCount} lessons · {formatMinutes(course.estimatedMinutes)}
        {course.learners ? ` · ${course.learners} learner${course.learners === 1 ? "" : "s"}` : ""}
      </p>
    </article>
  );
}
