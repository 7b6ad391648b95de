/** The lesson page's side panel: the bookmark toggle and the learner's private note (both POST forms to the lesson's action). */
import { getFormProps, useForm } from "@conform-to/react";
import { Form, Link } from "@remix-run/react";
import { SubmitButton, TextareaField, useFormReply, useSending } from "~/components/forms.tsx";
import { noteConstraint } from "~/modules/academy/lesson-limits.ts";

function NoteForm({ note }: { note: string }) {
  const [form, fields] = useForm<{ body: string }>({
    id: "note",
    lastResult: useFormReply("note")?.result,
    defaultValue: { body: note },
    constraint: noteConstraint,
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="note" />
      <TextareaField meta={fields.body} label="Private note (only you can see it)" rows={4} wrapperClassName="" />
      <SubmitButton pending={useSending("note")} label="Save note" busyLabel="Saving…" className="btn btn-secondary mt-2" />
    </Form>
  );
}

export function LessonNotes({ learner, loginHref }: { learner: { bookmarked: boolean; note: string } | null; loginHref: string }) {
  return (
    <aside className="space-y-4 lg:sticky lg:top-4 lg:self-start" aria-label="Your notes and bookmark">
      {learner ? (
        <>
          <div className="card p-4">
            <Form method="post">
              <input type="hidden" name="intent" value="bookmark" />
              <input type="hidden" name="on" value={learner.bookmarked ? "false" : "true"} />
              <button type="submit" className="btn btn-secondary w-full" aria-pressed={learner.bookmarked}>
                {learner.bookmarked ? "★ Bookmarked (remove)" : "☆ Bookmark this lesson"}
              </button>
            </Form>
          </div>
          <div className="card p-4" id="notes">
            <NoteForm note={learner.note} />
            <p className="mt-3 text-sm">
              <Link to="/notes">All my notes and bookmarks</Link>
            </p>
          </div>
        </>
      ) : (
        <div className="card p-4 text-sm">
          <Link to={loginHref}>Log in</Link> to bookmark lessons and keep private notes.
        </div>
      )}
    </aside>
  );
}
