/**
 * What the customer portal's actions answer, and the checks a component uses
 * to find its own answer among them. No Zod here (the schemas are in
 * customer-schemas.ts): a page whose components only read these answers
 * ships no validation library (decision 028).
 */
import type { SubmissionResult } from "@conform-to/react";
import type { MemberField } from "./customer-schemas.ts";

/** What the status action answers (fetcher data with JS, action data without). */
export type StatusResult =
  | { intent: "status"; rowId: string; ok: true; status: string }
  | { intent: "status"; rowId: string; ok: false; error: string }
  | { intent: "status"; rowId: string; ok: false; conflict: { by: string; value: string; version: number; chosen: string } };

export function isStatusResult(value: unknown, rowId: string): value is StatusResult {
  return typeof value === "object" && value !== null && (value as StatusResult).intent === "status" && (value as StatusResult).rowId === rowId;
}

/** What the inline edit of a customer team member answers. */
export type MemberEditResult = {
  intent: "edit-member";
  memberId: string;
  ok: boolean;
  result: SubmissionResult<string[]>;
  conflict?: { by: string; version: number; fields: Partial<Record<MemberField, string>> };
};

export function isMemberEditResult(value: unknown, memberId: string): value is MemberEditResult {
  return typeof value === "object" && value !== null && (value as MemberEditResult).intent === "edit-member" && (value as MemberEditResult).memberId === memberId;
}
