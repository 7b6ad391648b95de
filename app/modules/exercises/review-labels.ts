/**
 * The words of peer code review (decision 042), shared by the server module and the pages. No I/O:
 * the client imports it.
 */
export type ReviewStatusName = "OPEN" | "APPROVED" | "CHANGES_REQUESTED" | "CLOSED";
export type VerdictName = "COMMENT" | "APPROVE" | "REQUEST_CHANGES";

export const REVIEW_STATUS_LABELS: Record<ReviewStatusName, string> = {
  OPEN: "Open",
  APPROVED: "Approved",
  CHANGES_REQUESTED: "Changes requested",
  CLOSED: "Closed",
};

/** The studio's filter of a course's reviews. */
export const REVIEW_STATUS_FILTERS = ["ALL", "OPEN", "CHANGES_REQUESTED", "APPROVED", "CLOSED"] as const;
export type ReviewStatusFilter = (typeof REVIEW_STATUS_FILTERS)[number];

export const REVIEW_STATUS_TONES = { OPEN: "info", APPROVED: "success", CHANGES_REQUESTED: "warning", CLOSED: "muted" } as const;

export const VERDICTS = ["COMMENT", "APPROVE", "REQUEST_CHANGES"] as const satisfies readonly VerdictName[];

export const VERDICT_LABELS: Record<VerdictName, string> = {
  COMMENT: "Comment",
  APPROVE: "Approve",
  REQUEST_CHANGES: "Request changes",
};

/** A comment's verdict, as its badge says it. */
export const VERDICT_BADGES: Record<Exclude<VerdictName, "COMMENT">, string> = { APPROVE: "Approved", REQUEST_CHANGES: "Requested changes" };

/** What a hidden comment reads as to everyone but the course's instructors and admins. */
export const HIDDEN_COMMENT_TEXT = "A comment was hidden by an instructor";

export const COMMENT_MAX = 2000;
export const NOTE_MAX = 1000;

/** The anchor of a line of the code under review: `#L12`. */
export const lineAnchor = (line: number) => `L${line}`;

/** The submission's code as the numbered lines the review shows (line 1 is index 0; a final newline ends the last line). */
export const codeLines = (code: string) => code.replace(/\r\n?/g, "\n").replace(/\n$/, "").split("\n");
