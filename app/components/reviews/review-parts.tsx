/**
 * The parts of the peer code review pages (decision 042): a list of reviews, a comment, the comment
 * form (the page's form with a line field; with JavaScript the same form opens inline at a line) and
 * the numbered code. User text is rendered as text, never as HTML.
 */
import { Form, Link } from "@remix-run/react";
import { Badge } from "~/components/ui/badge.tsx";
import { ErrorList } from "~/components/ui/field.tsx";
import {
  COMMENT_MAX,
  HIDDEN_COMMENT_TEXT,
  lineAnchor,
  REVIEW_STATUS_LABELS,
  REVIEW_STATUS_TONES,
  VERDICT_BADGES,
  VERDICT_LABELS,
  VERDICTS,
  type ReviewStatusName,
  type VerdictName,
} from "~/modules/exercises/review-labels.ts";
import { formatDateTime } from "~/utils/dates.ts";

export function ReviewStatusBadge({ status }: { status: ReviewStatusName }) {
  return <Badge tone={REVIEW_STATUS_TONES[status]}>{REVIEW_STATUS_LABELS[status]}</Badge>;
}

type ListRow = { id: string; status: ReviewStatusName; createdAt: string | Date; updatedAt: string | Date; authorName: string; exerciseTitle: string; courseTitle: string; comments: number };

/** A list of reviews: exercise, who asked, status, comments. `empty` when there are none. */
export function ReviewList({ rows, empty, showAuthor = true }: { rows: ListRow[]; empty: string; showAuthor?: boolean }) {
  if (rows.length === 0) return <p className="mt-2 text-ink-700">{empty}</p>;
  return (
    <ul className="mt-3 space-y-3">
      {rows.map((r) => (
        <li key={r.id} className="card p-4">
          <div className="flex flex-wrap items-center gap-2">
            <Link to={`/reviews/${r.id}`} className="break-words font-semibold">
              {r.exerciseTitle}
            </Link>
            <ReviewStatusBadge status={r.status} />
          </div>
          <p className="mt-1 break-words text-sm text-ink-700">
            {r.courseTitle}
            {showAuthor ? ` · asked by ${r.authorName}` : ""} · <time dateTime={new Date(r.createdAt).toISOString()}>{formatDateTime(r.createdAt)}</time> ·{" "}
            {r.comments === 1 ? "1 comment" : `${r.comments} comments`}
          </p>
        </li>
      ))}
    </ul>
  );
}

export type CommentData = {
  id: string;
  authorName: string;
  byReviewAuthor: boolean;
  line: number | null;
  verdict: VerdictName;
  createdAt: string | Date;
  hidden: boolean;
  body: string | null;
};

/** One comment. Hidden: instructors and admins read it marked "Hidden" with Unhide; others read only that one was hidden. */
export function ReviewComment({ comment, moderate, showLine = false }: { comment: CommentData; moderate: boolean; showLine?: boolean }) {
  if (comment.hidden && comment.body === null) {
    return (
      <article id={`comment-${comment.id}`} className="rounded-lg border border-dashed border-ink-300 bg-ink-100 p-3 text-sm italic text-ink-700">
        {HIDDEN_COMMENT_TEXT}.
      </article>
    );
  }
  return (
    <article id={`comment-${comment.id}`} aria-label={`Comment by ${comment.authorName}`} className={`rounded-lg border p-3 ${comment.hidden ? "border-dashed border-ink-500 bg-ink-100" : "border-ink-300/60 bg-white"}`}>
      <header className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
        <span className="font-semibold">{comment.authorName}</span>
        {comment.byReviewAuthor ? <Badge tone="neutral">Author</Badge> : null}
        {comment.verdict !== "COMMENT" ? <Badge tone={comment.verdict === "APPROVE" ? "success" : "warning"}>{VERDICT_BADGES[comment.verdict]}</Badge> : null}
        {comment.hidden ? <Badge tone="danger">Hidden</Badge> : null}
        {showLine && comment.line ? <span className="text-ink-700">line {comment.line}</span> : null}
        <time className="text-ink-700" dateTime={new Date(comment.createdAt).toISOString()}>
          {formatDateTime(comment.createdAt)}
        </time>
      </header>
      <p className="mt-2 whitespace-pre-wrap break-words">{comment.body}</p>
      {moderate ? <HideForm commentId={comment.id} hidden={comment.hidden} /> : null}
    </article>
  );
}

/** Hide / Unhide a comment: posts to the page it is on (the review page, or the studio's Reviews tab). */
function HideForm({ commentId, hidden }: { commentId: string; hidden: boolean }) {
  return (
    <Form method="post" className="mt-2">
      <input type="hidden" name="comment" value={commentId} />
      <button type="submit" name="intent" value={hidden ? "unhide" : "hide"} className="btn btn-tertiary text-sm">
        {hidden ? "Show (unhide)" : "Hide"}
        <span className="sr-only"> this comment</span>
      </button>
    </Form>
  );
}

export type CommentFormReply = {
  form: string;
  result: { error?: Record<string, string[] | null> | null; initialValue?: Record<string, unknown> | null };
};

const valueOf = (reply: CommentFormReply | undefined, name: string) => {
  const v = reply?.result.initialValue?.[name];
  return typeof v === "string" ? v : undefined;
};

/**
 * The comment form. `place="page"`: the form under the code, with a line field (empty: a general
 * comment). `place="inline"`: opened at `line` by its Comment button (JavaScript only), the line sent
 * hidden. Both post the same fields to the same action.
 */
export function CommentForm({
  place,
  line,
  lineCount,
  verdicts,
  reply,
  pending,
  onCancel,
}: {
  place: "page" | "inline";
  line?: number;
  lineCount: number;
  verdicts: boolean;
  reply?: CommentFormReply;
  pending: boolean;
  onCancel?: () => void;
}) {
  const id = place === "page" ? "comment" : `comment-at-${line}`;
  const errors = reply?.result.error ?? {};
  const lineError = errors.line ?? null;
  const bodyError = errors.body ?? null;
  const verdictError = errors.verdict ?? null;
  const formError = errors[""] ?? null;
  return (
    <Form method="post" className={place === "inline" ? "my-2 rounded-lg border border-brand-300 bg-white p-3" : "card"} aria-label={place === "inline" ? `Comment on line ${line}` : "Add a comment"}>
      <input type="hidden" name="intent" value="comment" />
      <input type="hidden" name="place" value={place} />
      <ErrorList id={`${id}-form-error`} errors={formError} />
      {place === "inline" ? (
        <input type="hidden" name="line" value={line} />
      ) : (
        <div className="mb-4">
          <label htmlFor={`${id}-line`} className="label">
            Line (optional)
          </label>
          <input
            id={`${id}-line`}
            name="line"
            type="number"
            inputMode="numeric"
            min={1}
            max={lineCount}
            defaultValue={valueOf(reply, "line")}
            className="input max-w-[10rem]"
            aria-invalid={lineError ? true : undefined}
            aria-describedby={[lineError ? `${id}-line-error` : null, `${id}-line-help`].filter(Boolean).join(" ")}
          />
          <p id={`${id}-line-help`} className="mt-1 text-sm text-ink-700">
            1 to {lineCount}; leave it empty to comment on the whole submission.
          </p>
          <ErrorList id={`${id}-line-error`} errors={lineError} />
        </div>
      )}
      <div className="mb-4">
        <label htmlFor={`${id}-body`} className="label">
          {place === "inline" ? `Your comment on line ${line}` : "Your comment"}
        </label>
        <textarea
          id={`${id}-body`}
          name="body"
          rows={4}
          maxLength={COMMENT_MAX}
          defaultValue={valueOf(reply, "body")}
          className="input"
          aria-invalid={bodyError ? true : undefined}
          aria-describedby={bodyError ? `${id}-body-error` : undefined}
          autoFocus={place === "inline"}
        />
        <ErrorList id={`${id}-body-error`} errors={bodyError} />
      </div>
      {verdicts ? (
        <fieldset className="mb-4" aria-describedby={verdictError ? `${id}-verdict-error` : undefined}>
          <legend className="label">Verdict</legend>
          <div className="flex flex-wrap gap-x-4 gap-y-1">
            {VERDICTS.map((v) => (
              <label key={v} className="flex items-center gap-2 text-sm">
                <input type="radio" name="verdict" value={v} defaultChecked={(valueOf(reply, "verdict") ?? "COMMENT") === v} className="h-4 w-4 accent-brand-600" />
                {VERDICT_LABELS[v]}
              </label>
            ))}
          </div>
          <ErrorList id={`${id}-verdict-error`} errors={verdictError} />
        </fieldset>
      ) : (
        <ErrorList id={`${id}-verdict-error`} errors={verdictError} />
      )}
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className="btn btn-primary" disabled={pending}>
          {pending ? "Posting…" : "Post comment"}
        </button>
        {onCancel ? (
          <button type="button" className="btn btn-tertiary" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </Form>
  );
}

/** The code under review: numbered lines, each with its anchor (#L12), the comments on it and, with JS, a Comment button. */
export function CodeWithComments({
  lines,
  lineComments,
  moderate,
  canComment,
  openLine,
  onOpen,
  renderForm,
}: {
  lines: string[];
  lineComments: Record<string, CommentData[]>;
  moderate: boolean;
  /** Show each line's Comment button (JavaScript on, review open). */
  canComment: boolean;
  openLine: number | null;
  onOpen: (line: number) => void;
  renderForm: (line: number) => React.ReactNode;
}) {
  return (
    <ol className="overflow-hidden rounded-xl border border-ink-300/60 bg-ink-950 font-mono text-sm text-ink-100" aria-label="Code, one item per line">
      {lines.map((text, i) => {
        const n = i + 1;
        const comments = lineComments[n] ?? [];
        return (
          <li key={n} id={lineAnchor(n)} className="group scroll-mt-20 target:bg-brand-700/40">
            <div className="flex items-start">
              <a
                href={`#${lineAnchor(n)}`}
                className="w-12 shrink-0 select-none px-2 text-right text-ink-300 no-underline hover:text-white"
                aria-label={`Line ${n}`}
              >
                {n}
              </a>
              <code className="min-w-0 flex-1 whitespace-pre-wrap break-all pr-2">{text || " "}</code>
              {canComment ? (
                <button
                  type="button"
                  onClick={() => onOpen(n)}
                  className="mr-1 shrink-0 rounded px-1.5 text-xs text-brand-300 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-white"
                  aria-expanded={openLine === n}
                >
                  Comment<span className="sr-only"> on line {n}</span>
                </button>
              ) : null}
            </div>
            {comments.length || openLine === n ? (
              <div className="space-y-2 bg-ink-100 px-2 py-2 font-sans text-ink-950 sm:pl-12">
                {comments.map((c) => (
                  <ReviewComment key={c.id} comment={c} moderate={moderate} />
                ))}
                {openLine === n ? renderForm(n) : null}
              </div>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
