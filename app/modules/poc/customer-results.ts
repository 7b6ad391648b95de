/**
 * What the customer portal's actions answer, and the checks the pages use to
 * read them. Client-safe and free of Zod: the plan and phases pages import
 * this, and their JS bundles stay without the validation library (decision 031;
 * the schemas themselves are in customer-schemas.ts).
 */

/** What the status action answers (fetcher data with JS, action data without). */
export type StatusResult =
  | { intent: "status"; rowId: string; ok: true; status: string }
  | { intent: "status"; rowId: string; ok: false; error: string }
  | { intent: "status"; rowId: string; ok: false; conflict: { by: string; value: string; version: number; chosen: string } };

export function isStatusResult(value: unknown, rowId: string): value is StatusResult {
  return typeof value === "object" && value !== null && (value as StatusResult).intent === "status" && (value as StatusResult).rowId === rowId;
}
