/**
 * Zod schemas of the customer portal's forms, shared by the server actions and
 * Conform in the browser. Client-safe: no platform list in here (the server
 * passes `isKnownPlatform` to `techStackSchema`).
 */
import type { SubmissionResult } from "@conform-to/react";
import { z } from "zod";
import { ITEM_STATUSES } from "./progress.ts";
import { version } from "./row-version.ts";

const STATUS_VALUES = ITEM_STATUSES.map((s) => s.value) as [(typeof ITEM_STATUSES)[number]["value"], ...(typeof ITEM_STATUSES)[number]["value"][]];

const rowId = z.string({ error: "This row is missing its id" }).trim().min(1).max(64);

/** The status select of a milestone or task. */
export const StatusChangeSchema = z.object({
  intent: z.literal("status"),
  kind: z.enum(["milestone", "task"]),
  id: rowId,
  version,
  status: z.enum(STATUS_VALUES, { error: "Choose a status from the list" }),
});

const memberFields = {
  name: z.string({ error: "Enter the person's name" }).trim().min(1, "Enter the person's name").max(100, "Use at most 100 characters"),
  // Optional, but when given it must be a real address.
  email: z
    .string()
    .trim()
    .max(254, "That email address is too long")
    .pipe(z.email({ error: "Enter a valid email address, like name@example.com" }))
    .optional(),
  role: z.string().trim().max(100, "Use at most 100 characters").optional(),
};

export const AddMemberSchema = z.object({ intent: z.literal("add-member"), ...memberFields });
export const EditMemberSchema = z.object({ intent: z.literal("edit-member"), id: rowId, version, ...memberFields });

export const MEMBER_FIELDS = ["name", "email", "role"] as const;
export type MemberField = (typeof MEMBER_FIELDS)[number];

export const MAX_PLATFORMS = 40;

/** The tech stack form; the server passes `isKnown` to refuse platform ids we have no docs for. */
export function techStackSchema(isKnown?: (id: string) => boolean) {
  const platform = z.string().trim().min(1).max(80);
  return z.object({
    intent: z.literal("confirm-tech"),
    platforms: z
      .array(isKnown ? platform.refine(isKnown, { error: "One of the platforms isn't in our list; pick it again from the list" }) : platform, {
        error: "Choose at least one platform",
      })
      .min(1, "Choose at least one platform you use")
      .max(MAX_PLATFORMS, `Choose at most ${MAX_PLATFORMS} platforms`),
    notes: z.string().trim().max(2000, "Use at most 2,000 characters").optional(),
  });
}

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
