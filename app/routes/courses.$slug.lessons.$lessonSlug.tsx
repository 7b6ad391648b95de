import { getFormProps, getTextareaProps, useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { formatMinutes } from "~/components/academy/course-card.tsx";
import { useHydrated } from "~/components/use-hydrated.ts";
import { ErrorList } from "~/components/forms.tsx";
import { createPost, editPost, lessonThread, saveNote, setPostHidden, toggleBookmark } from "~/modules/academy/community.server.ts";
import { findLessonBySlug, learnerLessonState } from "~/modules/academy/lesson-page.server.ts";
import { canEditCourse } from "~/modules/academy/course-admin.server.ts";
import { neighbours, requireVisibleCourse } from "~/modules/academy/course-page.server.ts";
import { itemUrl } from "~/modules/academy/urls.ts";
import { completeLesson, recordLessonVisit, uncompleteLesson } from "~/modules/academy/learning.server.ts";
import { itemsAround } from "~/modules/academy/progress.ts";
import { EditPostSchema, LessonActionSchema, NoteSchema, PostSchema } from "~/modules/academy/lesson-forms.ts";
import { requireUser, UNVERIFIED_MESSAGE } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { safeHref } from "~/utils/safe-url.ts";
import { rateLimit, retryAfterHeaders } from "~/utils/rate-limit.server.ts";
import { redirectWithToast } from "~/utils/toast.server.ts";
import type { PageCacheHandle } from "~/utils/page-cache.server.ts";

/** Guests get a public page kept for a few seconds per instance (page-cache.server.ts, docs/caching.md). */
export const handle = { pageCacheSeconds: 10 } satisfies PageCacheHandle;

export const headers = retryAfterHeaders;
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.lesson.title} · ${data.course.title} · Sentry Academy` : "Lesson not found · Sentry Academy" },
];

async function findLesson(request: Request, params: LoaderFunctionArgs["params"]) {
  const { user, course } = await requireVisibleCourse(request, params.slug!);
  const lesson = await findLessonBySlug(course.id, params.lessonSlug!);
  if (!lesson) throw new Response("Not found", { status: 404 });
  return { user, course, lesson };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, course, lesson } = await findLesson(request, params);
  const [{ previous, next, items }, thread, mine] = await Promise.all([
    neighbours(course.id, lesson.position),
    lessonThread(lesson.id),
    user ? learnerLessonState(user.id, lesson.id, course.id) : null,
  ]);
  // The course's own instructor and admins moderate its discussions (not every instructor).
  const moderator = canEditCourse(user, course);
  const index = items.findIndex((i) => i.position === lesson.position);
  return {
    course: { slug: course.slug, title: course.title },
    lesson: {
      id: lesson.id,
      title: lesson.title,
      summary: lesson.summary,
      bodyHtml: lesson.bodyHtml,
      estimatedMinutes: lesson.estimatedMinutes,
      // Stored URLs go out only if they pass the URL rule (safe-url.ts): a javascript: address kept
      // from before the rule renders as plain text, never as a link or a source.
      videoUrl: safeHref(lesson.videoUrl) ?? null,
      captionsUrl: safeHref(lesson.captionsUrl) ?? null,
      resources: (lesson.resources as { title: string; url: string }[]).map((r) => ({ title: String(r.title), url: safeHref(r.url) ?? null })),
      updatedAt: lesson.updatedAt,
    },
    position: { index: index + 1, of: items.length },
    previous,
    next,
    viewer: user ? { id: user.id, moderator } : null,
    learner: mine,
    // Hidden posts keep their text only for moderators.
    thread: thread.map((p) => ({
      ...p,
      bodyHtml: p.hiddenAt && !moderator ? "" : p.bodyHtml,
      bodyMarkdown: p.userId === user?.id ? p.bodyMarkdown : "",
      replies: p.replies.map((r) => ({ ...r, bodyHtml: r.hiddenAt && !moderator ? "" : r.bodyHtml, bodyMarkdown: r.userId === user?.id ? r.bodyMarkdown : "" })),
    })),
  };
}

type FormKey = string;
const reply = (form: FormKey, result: SubmissionResult<string[]>, status = 400) => data({ form, result }, { status });

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { course, lesson } = await findLesson(request, params);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: LessonActionSchema });
  const intent = String(formData.get("intent") ?? "");
  const formKey: FormKey =
    intent === "post" ? `post:${formData.get("parentId") ?? ""}` : intent === "edit-post" ? `edit:${formData.get("postId")}` : intent;
  if (submission.status !== "success") return reply(formKey, submission.reply());
  const value = submission.value;
  // Discussion posts are public to every learner: only from accounts whose address is confirmed.
  if ((value.intent === "post" || value.intent === "edit-post") && !user.emailVerified) {
    return reply(formKey, submission.reply({ formErrors: [UNVERIFIED_MESSAGE] }), 403);
  }
  const here = `/courses/${course.slug}/lessons/${lesson.slug}`;
  const ref = { id: lesson.id, courseId: course.id };
  switch (value.intent) {
    case "complete": {
      const outcome = await completeLesson(user.id, ref);
      const { next } = itemsAround(outcome.items, lesson.position);
      const message = outcome.courseCompleted
        ? `Course complete! Your certificate is ready.`
        : `“${lesson.title}” marked complete.${outcome.newBadges.length ? " You earned a badge!" : ""}`;
      if (outcome.courseCompleted && outcome.certificateId) return redirectWithToast(`/certificates/${outcome.certificateId}`, { kind: "success", message });
      return redirectWithToast(next ? itemUrl(course.slug, next) : `/courses/${course.slug}`, { kind: "success", message });
    }
    case "uncomplete":
      await uncompleteLesson(user.id, ref);
      return redirectWithToast(here, { kind: "info", message: "Marked as not done." });
    case "bookmark":
      await toggleBookmark(user.id, lesson.id, value.on);
      return redirectWithToast(here, { kind: "success", message: value.on ? "Bookmarked. Find it under My notes." : "Bookmark removed." });
    case "note":
      await saveNote(user.id, lesson.id, value.body);
      return redirectWithToast(`${here}#notes`, { kind: "success", message: value.body.trim() ? "Note saved." : "Note deleted." });
    case "post": {
      const limited = await rateLimit("post", user.id);
      if (limited) return data({ form: formKey, result: submission.reply({ formErrors: [limited.message] }) }, { status: 429, headers: limited.headers });
      const post = await createPost(user.id, lesson.id, value.body, value.parentId || null);
      if (!post) return reply(formKey, submission.reply({ formErrors: ["That post no longer exists."] }), 404);
      return redirectWithToast(`${here}#post-${post.parentId ?? post.id}`, { kind: "success", message: value.parentId ? "Reply posted." : "Posted to the discussion." });
    }
    case "edit-post": {
      const post = await editPost(user.id, value.postId, value.body);
      if (!post) throw new Response("You can only edit your own posts.", { status: 403 });
      return redirectWithToast(`${here}#post-${post.parentId ?? post.id}`, { kind: "success", message: "Post updated." });
    }
    case "hide-post": {
      if (!canEditCourse(user, course)) throw new Response("Only the course's instructor can hide posts.", { status: 403 });
      const post = await prisma.discussionPost.findFirst({ where: { id: value.postId, lessonId: lesson.id } });
      if (!post) throw new Response("Not found", { status: 404 });
      await setPostHidden(user.id, post.id, value.hidden);
      return redirectWithToast(`${here}#post-${post.parentId ?? post.id}`, { kind: "success", message: value.hidden ? "Post hidden." : "Post visible again." });
    }
    case "progress":
      await recordLessonVisit(user.id, ref, value.seconds, value.position);
      return { form: "progress", result: null };
  }
  return redirect(here);
}

/** With JavaScript: report time spent and scroll position every 30 s, for "resume where you left off". */
function useProgressBeacon(enabled: boolean) {
  const fetcher = useFetcher();
  const started = useRef(0);
  useEffect(() => {
    if (!enabled) return;
    started.current = Date.now();
    const send = () => {
      const seconds = Math.round((Date.now() - started.current) / 1000);
      started.current = Date.now();
      if (seconds > 0) fetcher.submit({ intent: "progress", seconds: String(Math.min(seconds, 3600)), position: String(Math.round(window.scrollY)) }, { method: "post" });
    };
    const timer = window.setInterval(send, 30_000);
    return () => window.clearInterval(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [enabled]);
}

/** The labelled Markdown textarea of the note, post, reply and edit forms, with its errors. */
function BodyField({ field, label, rows }: { field: FieldMetadata<string>; label: React.ReactNode; rows: number }) {
  // One read of `fields.body` per form: each read makes Conform build the field's metadata again.
  return (
    <>
      <label htmlFor={field.id} className="label">
        {label}
      </label>
      <textarea {...getTextareaProps(field)} rows={rows} className="input" aria-invalid={field.errors ? true : undefined} />
      <ErrorList id={field.errorId} errors={field.errors} />
    </>
  );
}

const noteConstraint = getZodConstraint(NoteSchema);

function NoteForm({ note, lastResult }: { note: string; lastResult?: SubmissionResult<string[]> | null }) {
  const [form, fields] = useForm({
    id: "note",
    lastResult,
    defaultValue: { body: note },
    constraint: noteConstraint,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NoteSchema }),
  });
  const pending = useNavigation().formData?.get("intent") === "note";
  return (
    <Form method="post" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="note" />
      <BodyField field={fields.body} label="Private note (only you can see it)" rows={4} />
      <button type="submit" className="btn btn-secondary mt-2" disabled={pending}>
        {pending ? "Saving…" : "Save note"}
      </button>
    </Form>
  );
}

const postConstraint = getZodConstraint(PostSchema);

function PostForm({ parentId, lastResult, label }: { parentId?: string; lastResult?: SubmissionResult<string[]> | null; label: string }) {
  const [form, fields] = useForm({
    id: parentId ? `reply-${parentId}` : "new-post",
    lastResult,
    constraint: postConstraint,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PostSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="post" />
      {parentId ? <input type="hidden" name="parentId" value={parentId} /> : null}
      <BodyField field={fields.body} label={label} rows={parentId ? 2 : 3} />
      <ErrorList errors={form.errors} />
      <p className="mt-1 text-xs text-ink-700">Markdown works: **bold**, `code`, links.</p>
      <button type="submit" className="btn btn-secondary mt-2">
        {parentId ? "Reply" : "Post"}
      </button>
    </Form>
  );
}

const editPostConstraint = getZodConstraint(EditPostSchema);

function EditForm({ postId, body, lastResult }: { postId: string; body: string; lastResult?: SubmissionResult<string[]> | null }) {
  const [form, fields] = useForm({
    id: `edit-${postId}`,
    lastResult,
    defaultValue: { body },
    constraint: editPostConstraint,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EditPostSchema }),
  });
  return (
    <details className="mt-2" open={Boolean(lastResult)}>
      <summary className="cursor-pointer text-sm text-brand-700">Edit</summary>
      <Form method="post" {...getFormProps(form)} className="mt-2">
        <input type="hidden" name="intent" value="edit-post" />
        <input type="hidden" name="postId" value={postId} />
        <BodyField field={fields.body} label="Edit your post" rows={3} />
        <button type="submit" className="btn btn-secondary mt-2">
          Save changes
        </button>
      </Form>
    </details>
  );
}

type Post = ReturnType<typeof useLoaderData<typeof loader>>["thread"][number];

function PostView({ post, viewer, lastFor }: { post: Omit<Post, "replies">; viewer: { id: string; moderator: boolean } | null; lastFor: (key: string) => SubmissionResult<string[]> | null }) {
  const hidden = Boolean(post.hiddenAt);
  return (
    <div>
      <p className="text-sm">
        <span className="font-semibold">{post.user.name}</span>
        {post.user.role === "INSTRUCTOR" || post.user.role === "ADMIN" ? <span className="ml-2 rounded bg-brand-300/40 px-1.5 text-xs">Staff</span> : null}
        <span className="text-ink-700"> · {new Date(post.createdAt).toISOString().slice(0, 10)}</span>
        {post.editedAt ? <span className="text-ink-700"> · edited</span> : null}
        {hidden ? <span className="ml-2 rounded bg-slate-200 px-1.5 text-xs font-semibold">Hidden</span> : null}
      </p>
      {hidden && !viewer?.moderator ? (
        <p className="mt-1 text-sm italic text-ink-700">This post was hidden by an instructor.</p>
      ) : (
        <div className={`prose-academy mt-1 text-sm ${hidden ? "opacity-60" : ""}`} dangerouslySetInnerHTML={{ __html: post.bodyHtml }} />
      )}
      <div className="flex flex-wrap gap-3">
        {viewer?.id === post.userId && !hidden ? <EditForm postId={post.id} body={post.bodyMarkdown} lastResult={lastFor(`edit:${post.id}`)} /> : null}
        {viewer?.moderator ? (
          <Form method="post" className="mt-2">
            <input type="hidden" name="intent" value="hide-post" />
            <input type="hidden" name="postId" value={post.id} />
            <input type="hidden" name="hidden" value={hidden ? "false" : "true"} />
            <button type="submit" className="text-sm text-brand-700 underline">
              {hidden ? "Unhide" : "Hide"}
            </button>
          </Form>
        ) : null}
      </div>
    </div>
  );
}

export default function LessonPage() {
  const { course, lesson, position, previous, next, viewer, learner, thread } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const lastFor = (key: string) => (actionData && "form" in actionData && actionData.form === key ? (actionData.result as SubmissionResult<string[]>) : null);
  const navigation = useNavigation();
  useProgressBeacon(Boolean(learner?.enrolled));
  const hydrated = useHydrated();
  const completing = navigation.formData?.get("intent") === "complete";
  return (
    <div className="grid gap-8 lg:grid-cols-[1fr_18rem]">
      <article aria-labelledby="lesson-title" className="min-w-0">
        <p className="text-sm">
          <Link to="/courses">Courses</Link> / <Link to={`/courses/${course.slug}`}>{course.title}</Link> / Lesson {position.index} of {position.of}
        </p>
        <h1 id="lesson-title" className="mt-1 text-3xl font-bold">
          {lesson.title}
        </h1>
        <p className="mt-2 text-ink-700">
          {lesson.summary} · {formatMinutes(lesson.estimatedMinutes)}
          {learner?.completed ? <span className="ml-2 rounded bg-emerald-100 px-2 py-0.5 text-sm font-semibold text-emerald-900">✓ Completed</span> : null}
        </p>
        {hydrated && learner && learner.lastPosition > 400 && !learner.completed ? (
          <p className="mt-2 text-sm">
            <button type="button" className="btn-tertiary" onClick={() => window.scrollTo({ top: learner.lastPosition, behavior: "smooth" })}>
              Resume where you left off
            </button>
          </p>
        ) : null}
        {lesson.videoUrl ? (
          <video controls preload="metadata" className="mt-6 w-full rounded-xl bg-black" src={lesson.videoUrl}>
            {lesson.captionsUrl ? <track kind="captions" srcLang="en" label="English" src={lesson.captionsUrl} default /> : null}
            <a href={lesson.videoUrl}>Download the video</a>
          </video>
        ) : null}
        <div className="prose-academy mt-6" dangerouslySetInnerHTML={{ __html: lesson.bodyHtml }} />
        {lesson.resources.length ? (
          <section aria-labelledby="resources" className="mt-8">
            <h2 id="resources" className="text-xl font-bold">
              Resources
            </h2>
            <ul className="mt-2 list-disc pl-5">
              {lesson.resources.map((r, i) => (
                <li key={i}>
                  {r.url ? (
                    <a href={r.url} rel="noopener noreferrer">
                      {r.title}
                    </a>
                  ) : (
                    r.title
                  )}
                </li>
              ))}
            </ul>
          </section>
        ) : null}

        <div className="mt-10 flex flex-wrap items-center justify-between gap-3 border-t border-ink-300/60 pt-6">
          {previous ? (
            <Link to={itemUrl(course.slug, previous)} rel="prev">
              ← {previous.title}
            </Link>
          ) : (
            <span />
          )}
          {viewer ? (
            learner?.completed ? (
              <div className="flex items-center gap-3">
                <Form method="post">
                  <input type="hidden" name="intent" value="uncomplete" />
                  <button type="submit" className="btn-tertiary text-sm">
                    Mark as not done
                  </button>
                </Form>
                {next ? (
                  <Link to={itemUrl(course.slug, next)} className="btn btn-primary" rel="next">
                    Next: {next.title} →
                  </Link>
                ) : null}
              </div>
            ) : (
              <Form method="post">
                <input type="hidden" name="intent" value="complete" />
                <button type="submit" className="btn btn-primary" disabled={completing}>
                  {completing ? "Saving…" : next ? "Mark complete and continue" : "Mark complete"}
                </button>
              </Form>
            )
          ) : (
            <Link to={`/login?redirectTo=${encodeURIComponent(`/courses/${course.slug}`)}`} className="btn btn-primary">
              Log in to track progress
            </Link>
          )}
          {next && !viewer ? (
            <Link to={itemUrl(course.slug, next)} rel="next">
              {next.title} →
            </Link>
          ) : null}
        </div>

        <section aria-labelledby="discussion" className="mt-12">
          <h2 id="discussion" className="text-2xl font-bold">
            Discussion
          </h2>
          {thread.length === 0 ? <p className="mt-2 text-ink-700">No posts yet. Ask a question or share a tip.</p> : null}
          <ol className="mt-4 space-y-4">
            {thread.map((post) => (
              <li key={post.id} id={`post-${post.id}`} className="card p-4">
                <PostView post={post} viewer={viewer} lastFor={lastFor} />
                {post.replies.length ? (
                  <ol className="mt-3 space-y-3 border-l-2 border-ink-100 pl-4">
                    {post.replies.map((r) => (
                      <li key={r.id} id={`post-${r.id}`}>
                        <PostView post={r} viewer={viewer} lastFor={lastFor} />
                      </li>
                    ))}
                  </ol>
                ) : null}
                {viewer ? (
                  <details className="mt-3" open={Boolean(lastFor(`post:${post.id}`))}>
                    <summary className="cursor-pointer text-sm text-brand-700">Reply</summary>
                    <div className="mt-2">
                      <PostForm parentId={post.id} lastResult={lastFor(`post:${post.id}`)} label={`Reply to ${post.user.name}`} />
                    </div>
                  </details>
                ) : null}
              </li>
            ))}
          </ol>
          {viewer ? (
            <div className="card mt-6 p-4">
              <PostForm lastResult={lastFor("post:")} label="Add to the discussion" />
            </div>
          ) : (
            <p className="mt-4">
              <Link to={`/login?redirectTo=${encodeURIComponent(`/courses/${course.slug}`)}`}>Log in</Link> to join the discussion.
            </p>
          )}
        </section>
      </article>

      <aside className="space-y-4 lg:sticky lg:top-4 lg:self-start" aria-label="Your notes and bookmark">
        {viewer && learner ? (
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
              <NoteForm note={learner.note} lastResult={lastFor("note")} />
              <p className="mt-3 text-sm">
                <Link to="/notes">All my notes and bookmarks</Link>
              </p>
            </div>
          </>
        ) : (
          <div className="card p-4 text-sm">
            <Link to={`/login?redirectTo=${encodeURIComponent(`/courses/${course.slug}`)}`}>Log in</Link> to bookmark lessons and keep private notes.
          </div>
        )}
      </aside>
    </div>
  );
}
