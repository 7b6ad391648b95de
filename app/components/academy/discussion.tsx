/**
 * A lesson's discussion: the thread (posts with their replies), the new-post
 * and reply forms, the author's edit form and the moderator's hide button. Every
 * form posts to the lesson page's action (modules/academy/lesson-actions.server.ts)
 * and works without JavaScript; a refused form shows its errors next to its field
 * (`useFormReply` with the keys of `lessonFormKey`).
 */
import { getFormProps, useForm } from "@conform-to/react";
import { Form, Link } from "@remix-run/react";
import { ErrorList, TextareaField, useFormReply } from "~/components/forms.tsx";
import type { lessonThread } from "~/modules/academy/community.server.ts";
import { postConstraint } from "~/modules/academy/lesson-limits.ts";
import { formatIsoDay } from "~/utils/dates.ts";

export type ThreadPost = Awaited<ReturnType<typeof lessonThread>>[number];
type Post = Omit<ThreadPost, "replies">;
export type DiscussionViewer = { id: string; moderator: boolean } | null;

/** A new post (no `parentId`) or a reply to the post `parentId`. */
function PostForm({ parentId, label }: { parentId?: string; label: string }) {
  const lastResult = useFormReply(`post:${parentId ?? ""}`)?.result;
  const [form, fields] = useForm<{ body: string }>({
    id: parentId ? `reply-${parentId}` : "new-post",
    lastResult,
    constraint: postConstraint,
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="post" />
      {parentId ? <input type="hidden" name="parentId" value={parentId} /> : null}
      <TextareaField meta={fields.body} label={label} rows={parentId ? 2 : 3} wrapperClassName="" />
      <ErrorList errors={form.errors} />
      <p className="mt-1 text-xs text-ink-700">Markdown works: **bold**, `code`, links.</p>
      <button type="submit" className="btn btn-secondary mt-2">
        {parentId ? "Reply" : "Post"}
      </button>
    </Form>
  );
}

function EditForm({ postId, body }: { postId: string; body: string }) {
  const lastResult = useFormReply(`edit:${postId}`)?.result;
  const [form, fields] = useForm<{ body: string }>({
    id: `edit-${postId}`,
    lastResult,
    defaultValue: { body },
    constraint: postConstraint,
  });
  return (
    <details className="mt-2" open={Boolean(lastResult)}>
      <summary className="cursor-pointer text-sm text-brand-700">Edit</summary>
      <Form method="post" {...getFormProps(form)} className="mt-2">
        <input type="hidden" name="intent" value="edit-post" />
        <input type="hidden" name="postId" value={postId} />
        <TextareaField meta={fields.body} label="Edit your post" rows={3} wrapperClassName="" />
        <button type="submit" className="btn btn-secondary mt-2">
          Save changes
        </button>
      </Form>
    </details>
  );
}

function PostView({ post, viewer }: { post: Post; viewer: DiscussionViewer }) {
  const hidden = Boolean(post.hiddenAt);
  return (
    <div>
      <p className="text-sm">
        <span className="font-semibold">{post.user.name}</span>
        {post.user.role === "INSTRUCTOR" || post.user.role === "ADMIN" ? <span className="ml-2 rounded bg-brand-300/40 px-1.5 text-xs">Staff</span> : null}
        <span className="text-ink-700"> · {formatIsoDay(post.createdAt)}</span>
        {post.editedAt ? <span className="text-ink-700"> · edited</span> : null}
        {hidden ? <span className="ml-2 rounded bg-slate-200 px-1.5 text-xs font-semibold">Hidden</span> : null}
      </p>
      {hidden && !viewer?.moderator ? (
        <p className="mt-1 text-sm italic text-ink-700">This post was hidden by an instructor.</p>
      ) : (
        <div className={`prose-academy mt-1 text-sm ${hidden ? "opacity-60" : ""}`} dangerouslySetInnerHTML={{ __html: post.bodyHtml }} />
      )}
      <div className="flex flex-wrap gap-3">
        {viewer?.id === post.userId && !hidden ? <EditForm postId={post.id} body={post.bodyMarkdown} /> : null}
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

/** The reply form behind a disclosure, open when the server refused this reply. */
function ReplyDisclosure({ post }: { post: Post }) {
  const refused = Boolean(useFormReply(`post:${post.id}`));
  return (
    <details className="mt-3" open={refused}>
      <summary className="cursor-pointer text-sm text-brand-700">Reply</summary>
      <div className="mt-2">
        <PostForm parentId={post.id} label={`Reply to ${post.user.name}`} />
      </div>
    </details>
  );
}

export function Discussion({ thread, viewer, loginHref }: { thread: ThreadPost[]; viewer: DiscussionViewer; loginHref: string }) {
  return (
    <section aria-labelledby="discussion" className="mt-12">
      <h2 id="discussion" className="text-2xl font-bold">
        Discussion
      </h2>
      {thread.length === 0 ? <p className="mt-2 text-ink-700">No posts yet. Ask a question or share a tip.</p> : null}
      <ol className="mt-4 space-y-4">
        {thread.map((post) => (
          <li key={post.id} id={`post-${post.id}`} className="card p-4">
            <PostView post={post} viewer={viewer} />
            {post.replies.length ? (
              <ol className="mt-3 space-y-3 border-l-2 border-ink-100 pl-4">
                {post.replies.map((r) => (
                  <li key={r.id} id={`post-${r.id}`}>
                    <PostView post={r} viewer={viewer} />
                  </li>
                ))}
              </ol>
            ) : null}
            {viewer ? <ReplyDisclosure post={post} /> : null}
          </li>
        ))}
      </ol>
      {viewer ? (
        <div className="card mt-6 p-4">
          <PostForm label="Add to the discussion" />
        </div>
      ) : (
        <p className="mt-4">
          <Link to={loginHref}>Log in</Link> to join the discussion.
        </p>
      )}
    </section>
  );
}
