import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { myNotesAndBookmarks } from "~/modules/academy/community.server.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { formatIsoDay } from "~/utils/dates.ts";

export const meta: MetaFunction = () => [{ title: "My notes · Sentry Academy" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return myNotesAndBookmarks(user.id);
}

const lessonUrl = (l: { slug: string; course: { slug: string } }) => `/courses/${l.course.slug}/lessons/${l.slug}`;

export default function MyNotes() {
  const { notes, bookmarks } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-8">
      <h1 className="text-3xl font-bold">My notes</h1>
      <section aria-labelledby="bookmarks-title">
        <h2 id="bookmarks-title" className="text-2xl font-bold">
          Bookmarked lessons
        </h2>
        {bookmarks.length === 0 ? (
          <p className="mt-2 text-ink-700">No bookmarks yet. Use “Bookmark this lesson” on any lesson.</p>
        ) : (
          <ul className="mt-3 space-y-2">
            {bookmarks.map((b) => (
              <li key={lessonUrl(b.lesson)} className="card p-4">
                <Link to={lessonUrl(b.lesson)} className="font-semibold">
                  {b.lesson.title}
                </Link>
                <span className="text-sm text-ink-700"> · {b.lesson.course.title}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="notes-title">
        <h2 id="notes-title" className="text-2xl font-bold">
          Notes
        </h2>
        {notes.length === 0 ? (
          <p className="mt-2 text-ink-700">No notes yet. Each lesson has a private note box.</p>
        ) : (
          <ul className="mt-3 space-y-3">
            {notes.map((n) => (
              <li key={lessonUrl(n.lesson)} className="card">
                <h3 className="font-bold">
                  <Link to={`${lessonUrl(n.lesson)}#notes`}>{n.lesson.title}</Link>
                  <span className="text-sm font-normal text-ink-700"> · {n.lesson.course.title}</span>
                </h3>
                <p className="mt-2 whitespace-pre-wrap">{n.body}</p>
                <p className="mt-1 text-xs text-ink-700">Updated {formatIsoDay(n.updatedAt)}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
