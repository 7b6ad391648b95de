/**
 * Zod schemas of the customer portal's forms, shared by the server actions and
 * Conform in the browser. Client-safe: no platform list in here (the server
 * passes `isKnownPlatform` to `techStackSchema`). A component that only reads
 * an action's answer imports customer-results.ts instead, which has no Zod
 * (decision 028).
 */
import { z } from "zod";
import { CUSTOMER_WRITABLE, LIMITS, pickShape, ROW_FIELDS, TECH_FIELDS } from "./fields.ts";
import { version } from "./row-version.ts";

const rowId = z.string({ error: "This row is missing its id" }).trim().min(1).max(64);

/** The status select of a milestone or task. */
export const StatusChangeSchema = z.object({
  intent: z.literal("status"),
  kind: z.enum(["milestone", "task"]),
  id: rowId,
  version,
  ...pickShape(ROW_FIELDS.milestone, CUSTOMER_WRITABLE.milestone),
});

/** What the customer may write of a team member (fields.ts); Conform sends an empty field as undefined. */
const { name, email, role } = pickShape(ROW_FIELDS.member, CUSTOMER_WRITABLE.member);
const memberFields = { name, email: email.optional(), role: role.optional() };

export const AddMemberSchema = z.object({ intent: z.literal("add-member"), ...memberFields });
export const EditMemberSchema = z.object({ intent: z.literal("edit-member"), id: rowId, version, ...memberFields });

export const MEMBER_FIELDS = CUSTOMER_WRITABLE.member;
export type MemberField = (typeof MEMBER_FIELDS)[number];

const MAX_PLATFORMS = LIMITS.platforms;

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
    notes: TECH_FIELDS.notes.optional(),
  });
}

// The actions' answers, and their checks, live in customer-results.ts (no Zod: the portal's components import them there).
export { isMemberEditResult, type MemberEditResult } from "./customer-results.ts";
