/**
 * Every field of the POC portal, defined once: its length limit, its format
 * (a calendar day, an account domain, an email address) and its one message.
 * The staff forms and cells (staff-schemas.ts), the customer forms
 * (customer-schemas.ts) and the JSON API bodies (api.server.ts,
 * gong-ai-api.server.ts) all build from these, so a value one path accepts is
 * accepted by every other path, and refused everywhere with the same words
 * (decision 021). Client-safe: Conform uses them in the browser.
 *
 * The limits are the most permissive any path allowed before (the columns are
 * `text`), so no value stored through one path becomes unsaveable through another.
 */
import { z } from "zod";
import { FEATURE_SLUGS } from "~/modules/academy/taxonomy.ts";
import { ITEM_STATUSES, POC_STATUSES, SIDES, type ItemStatusValue, type PocStatusValue, type SideValue } from "./progress.ts";
import { formatIsoDay } from "~/utils/dates.ts";
import { isSafeUrl } from "~/utils/safe-url.ts";

// ───────────── the limits ─────────────

export const LIMITS = {
  customerName: 200,
  customerLogoUrl: 500,
  /** RFC 1035: a name is at most 253 characters. */
  accountDomain: 253,
  goals: 5000,
  internalNotes: 20000,
  title: 300,
  phaseName: 200,
  owner: 200,
  description: 2000,
  memberName: 200,
  /** RFC 5321's longest usable address. */
  email: 254,
  role: 200,
  techNotes: 5000,
  platforms: 50,
} as const;

// ───────────── the rules ─────────────

/** Required text: trimmed, not empty, at most `max` characters. */
const requiredText = (what: string, max: number) =>
  z
    .string({ error: `Enter a ${what}` })
    .trim()
    .min(1, `Enter a ${what}`)
    .max(max, `Use at most ${max} characters for the ${what}`);

/** Optional text: trimmed, "" when there is none, at most `max` characters. */
const optionalText = (what: string, max: number) =>
  z
    .string({ error: `Write the ${what} as text` })
    .trim()
    .max(max, `Use at most ${max} characters for the ${what}`);

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
/** A real calendar day written YYYY-MM-DD (2026-02-30 is not one). */
export function isIsoDate(value: string) {
  if (!DAY_RE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}
/** A calendar day as the database stores it (a DATE column: midnight UTC). */
const dateFromIso = (value: string) => new Date(`${value}T00:00:00Z`);

const DAY_MESSAGE = "Use a real date as YYYY-MM-DD, like 2026-03-31";
export const OPTIONAL_DAY_MESSAGE = `${DAY_MESSAGE}, or leave it empty`;
/** The one calendar-day rule: a real day written YYYY-MM-DD, kept as that text. */
export const calendarDay = z.string({ error: DAY_MESSAGE }).trim().refine(isIsoDate, DAY_MESSAGE);
/**
 * A stored calendar day: a real YYYY-MM-DD day (stored as UTC midnight), or
 * nothing: "" from a form, null from JSON.
 */
const optionalDay = z
  .string({ error: OPTIONAL_DAY_MESSAGE })
  .trim()
  .refine((s) => s === "" || isIsoDate(s), OPTIONAL_DAY_MESSAGE)
  .transform((s) => (s === "" ? null : dateFromIso(s)))
  .nullable();

/** The end of a range is not before its start (both optional; Dates or YYYY-MM-DD texts). */
export const END_BEFORE_START = "The end date is before the start date";
export const START_AFTER_END = "The start date is after the end date";
export const endNotBeforeStart = (range: { startDate?: Date | string | null; endDate?: Date | string | null }) =>
  !range.startDate || !range.endDate || String(dayText(range.endDate)) >= String(dayText(range.startDate));
const dayText = (d: Date | string) => (d instanceof Date ? formatIsoDay(d) : d);

const DOMAIN_RE = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$/;
const DOMAIN_EMPTY = "Enter the account's domain, like acme.com";
/** The customer's domain; "https://www.Acme.com/path" is read as "www.acme.com". */
export const accountDomain = z
  .string({ error: DOMAIN_EMPTY })
  .trim()
  .toLowerCase()
  .overwrite((s) => s.replace(/^https?:\/\//, "").replace(/[/?#].*$/, ""))
  .min(1, DOMAIN_EMPTY)
  .regex(DOMAIN_RE, "Enter a domain like acme.com (no https:// or path)");

const EMAIL_MESSAGE = "Enter an email address like name@example.com, or leave it empty";
/** An email address, or "" for none. */
export const email = z
  .string({ error: EMAIL_MESSAGE })
  .trim()
  .max(LIMITS.email, `Use at most ${LIMITS.email} characters for the email`)
  .refine((s) => s === "" || z.email().safeParse(s).success, EMAIL_MESSAGE);

const labelled = <V extends string>(options: readonly { value: V; label: string }[], what: string) => {
  const labels = options.map((o) => o.label);
  const list = `${labels.slice(0, -1).join(", ")} or ${labels.at(-1)}`;
  return z.enum(options.map((o) => o.value) as [V, ...V[]], { error: `Choose ${what}${list} (${options.map((o) => o.value).join(", ")})` });
};
const itemStatus = labelled<ItemStatusValue>(ITEM_STATUSES, "");
const pocStatus = labelled<PocStatusValue>(POC_STATUSES, "the POC's status: ");
const side = labelled<SideValue>(SIDES, "");

/** A Sentry feature a success criterion proves, or none ("" from a form, null from JSON). */
const feature = z
  .string({ error: "Choose one of the Sentry features, or none" })
  .trim()
  .refine((s) => s === "" || (FEATURE_SLUGS as string[]).includes(s), "Choose one of the Sentry features, or none")
  .transform((s) => (s === "" ? null : s))
  .nullable();

const LOGO_MESSAGE = "Use an https:// address of an image (https://acme.com/logo.svg), or leave it empty";
/**
 * The customer's logo on their portal: an https address (no http, no path on
 * this site, no data:), or "" for none (the portal then shows a monogram). The
 * portal's CSP allows exactly this URL's origin for images (decision 031).
 */
const customerLogoUrl = z
  .string({ error: LOGO_MESSAGE })
  .trim()
  .max(LIMITS.customerLogoUrl, `Use at most ${LIMITS.customerLogoUrl} characters for the logo address`)
  .refine((s) => s === "" || isHttpsUrl(s), LOGO_MESSAGE);

/** An absolute https URL with a host and no credentials, whitespace or backslashes (the one rule of safe-url.ts, narrowed to https). */
function isHttpsUrl(value: string) {
  if (!isSafeUrl(value) || !/^https:\/\//i.test(value)) return false;
  const url = new URL(value);
  return url.protocol === "https:" && url.username === "" && url.password === "";
}

const ownerId = z.string({ error: "Choose the SE who owns this POC" }).trim().min(1, "Choose the SE who owns this POC");

// ───────────── the fields of each thing ─────────────

/** A POC's own fields. */
export const POC_FIELDS = {
  customerName: requiredText("customer name", LIMITS.customerName),
  accountDomain,
  customerLogoUrl,
  ownerId,
  status: pocStatus,
  startDate: optionalDay,
  endDate: optionalDay,
  goals: optionalText("goals", LIMITS.goals),
  internalNotes: optionalText("internal notes", LIMITS.internalNotes),
};

const title = requiredText("title", LIMITS.title);
const owner = optionalText("owner", LIMITS.owner);
const description = optionalText("description", LIMITS.description);

export const ROW_KINDS = ["milestone", "phase", "task", "criterion", "member"] as const;
export type RowKind = (typeof ROW_KINDS)[number];

/** The editable fields of each kind of row (staff may edit all of them). */
export const ROW_FIELDS = {
  milestone: { title, owner, side, dueDate: optionalDay, status: itemStatus },
  task: { title, owner, side, dueDate: optionalDay, status: itemStatus },
  phase: { name: requiredText("phase name", LIMITS.phaseName), description },
  criterion: { title, description, feature, status: itemStatus },
  member: { name: requiredText("name", LIMITS.memberName), email, role: optionalText("role", LIMITS.role), side },
} satisfies Record<RowKind, z.ZodRawShape>;

/** The names of the editable fields per kind. */
export const EDITABLE: Record<RowKind, readonly string[]> = {
  milestone: Object.keys(ROW_FIELDS.milestone),
  task: Object.keys(ROW_FIELDS.task),
  phase: Object.keys(ROW_FIELDS.phase),
  criterion: Object.keys(ROW_FIELDS.criterion),
  member: Object.keys(ROW_FIELDS.member),
};

/** The customer may only set the status of customer-owned milestones and tasks, and edit customer team members. */
export const CUSTOMER_WRITABLE = {
  milestone: ["status"],
  task: ["status"],
  member: ["name", "email", "role"],
} as const satisfies Partial<{ [K in RowKind]: readonly (keyof (typeof ROW_FIELDS)[K])[] }>;
export type CustomerKind = keyof typeof CUSTOMER_WRITABLE;
/** The fields the customer may write of a kind of row (none for phases and criteria). */
export const customerWritable = (kind: RowKind): readonly string[] => (kind in CUSTOMER_WRITABLE ? CUSTOMER_WRITABLE[kind as CustomerKind] : []);

/** The confirmed tech stack: Sentry platform ids (checked on the server) and notes. */
export const TECH_FIELDS = {
  platforms: z.array(z.string({ error: "Choose platforms from the list" }).trim().min(1).max(80), { error: "Choose platforms from the list" }).max(LIMITS.platforms, `Choose at most ${LIMITS.platforms} platforms`),
  notes: optionalText("notes", LIMITS.techNotes),
};

/** Shape helpers: the same fields, each optional (a PATCH sends only what changes). */
export function partialShape<S extends z.ZodRawShape>(shape: S) {
  return Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, (v as z.ZodType).optional()])) as unknown as { [K in keyof S]: z.ZodOptional<S[K]> };
}

/** A subset of a shape, by name. */
export function pickShape<S extends z.ZodRawShape, K extends keyof S & string>(shape: S, keys: readonly K[]) {
  return Object.fromEntries(keys.map((k) => [k, shape[k]])) as Pick<S, K>;
}
