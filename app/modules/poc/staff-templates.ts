/**
 * The admin's template editor: each kind (milestones, phases, criteria) is
 * edited as JSON and checked here with Zod, with errors that name the item and
 * field ("Item 2, side: …") so the admin can find the mistake.
 */
import { z } from "zod";
import type { PocTemplates } from "~/data/poc-templates.ts";
import { FEATURE_SLUGS } from "~/modules/academy/taxonomy.ts";
import { ROW_FIELDS } from "./fields.ts";

export const TEMPLATE_KINDS = ["milestones", "phases", "criteria"] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

const side = z.enum(["SENTRY", "CUSTOMER"], { error: 'Use "SENTRY" or "CUSTOMER"' });
// The rows' own field rules (fields.ts): a template can hold nothing a row could not.
const { title, owner } = ROW_FIELDS.milestone;
const { name: phaseName, description } = ROW_FIELDS.phase;
const dueInDays = z
  .number({ error: "Write the number of days after the start, like 7" })
  .int("Use a whole number of days")
  .min(0, "Use 0 or more days")
  .max(365, "Keep it within a year (365 days)");
const task = z.object({ title, side, owner, dueInDays }).strict();

const TEMPLATE_ITEM_SCHEMAS = {
  milestones: z.array(task, { error: "The milestones must be a list: [ {...}, {...} ]" }).min(1, "Keep at least one milestone").max(50, "At most 50 milestones"),
  phases: z
    .array(
      z
        .object({
          name: phaseName,
          description,
          tasks: z.array(task, { error: "A phase's tasks must be a list" }).max(50, "At most 50 tasks per phase"),
        })
        .strict(),
      { error: "The phases must be a list: [ {...}, {...} ]" },
    )
    .min(1, "Keep at least one phase")
    .max(20, "At most 20 phases"),
  criteria: z
    .array(
      z
        .object({
          title,
          description,
          feature: z.enum(FEATURE_SLUGS, { error: `Use null or one of: ${FEATURE_SLUGS.join(", ")}` }).nullable(),
        })
        .strict(),
      { error: "The criteria must be a list: [ {...}, {...} ]" },
    )
    .max(50, "At most 50 criteria"),
} satisfies Record<TemplateKind, z.ZodType>;

/** The form: which kind, and its items as JSON text. */
export const TemplateFormSchema = z.object({
  kind: z.enum(TEMPLATE_KINDS, { error: "Unknown template" }),
  items: z.string({ error: "Write the items as JSON" }),
});

function describePath(path: PropertyKey[]) {
  if (path.length === 0) return "";
  const parts: string[] = [];
  for (const key of path) {
    if (typeof key === "number") parts.push(parts.length === 0 ? `Item ${key + 1}` : `item ${key + 1}`);
    else parts.push(String(key));
  }
  return `${parts.join(", ")}: `;
}

/** The items if the JSON is valid for that kind, else readable error messages. */
export function parseTemplateItems<K extends TemplateKind>(kind: K, json: string): { ok: true; items: PocTemplates[K] } | { ok: false; errors: string[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    const line = position ? json.slice(0, Number(position[1])).split("\n").length : null;
    return { ok: false, errors: [`That isn't valid JSON${line ? ` (line ${line})` : ""}: ${message}`] };
  }
  const result = TEMPLATE_ITEM_SCHEMAS[kind].safeParse(raw);
  if (!result.success) {
    const errors = result.error.issues.slice(0, 8).map((issue) => {
      if (issue.code === "unrecognized_keys") return `${describePath(issue.path)}unknown field${issue.keys.length === 1 ? "" : "s"} ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
      return `${describePath(issue.path)}${issue.message}`;
    });
    if (result.error.issues.length > 8) errors.push(`…and ${result.error.issues.length - 8} more problems.`);
    return { ok: false, errors };
  }
  return { ok: true, items: result.data as PocTemplates[K] };
}
