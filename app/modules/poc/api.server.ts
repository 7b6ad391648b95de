/**
 * The POC Portal's JSON API (app/routes/api.v1.pocs*.ts for staff,
 * app/routes/api.v1.customer.*.ts for the customer's share link): the error
 * policy of its dispatch, the guards and the request schemas (built from
 * fields.ts's field rules). Row handlers: api/handlers.server.ts (edits go
 * through poc.server.ts's one versioned write, updateRow); serialisers:
 * api/serializers.server.ts; answer schemas: api/schemas.ts.
 * Routes stay thin: they pick handlers from here or write a few lines of their own.
 *
 * Wire format: due dates and POC dates are calendar days (`YYYY-MM-DD`),
 * timestamps ISO 8601. Every answer is JSON and `Cache-Control: no-store`.
 * Customer answers never contain internal notes or the activity log.
 */
import { z } from "zod";
import { requireApiRole } from "~/utils/api-auth.server.ts";
import { apiError, closedObject, dispatch as dispatchApi, invalid, must, oneOf, wholeNumber, type ApiMethod, type Ctx, type Handler } from "~/utils/api-request.server.ts";
import type { SessionUser } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { enforceRateLimitJson } from "~/utils/rate-limit.server.ts";
import { AREA_ROLES } from "~/utils/permissions.ts";
import { type Audience, pocNotFound } from "./api/serializers.server.ts";
import { isKnownPlatform } from "./doc-links.ts";
import {
  CUSTOMER_WRITABLE,
  type CustomerKind,
  END_BEFORE_START,
  endNotBeforeStart,
  isIsoDate,
  LIMITS,
  partialShape,
  pickShape,
  POC_FIELDS,
  ROW_FIELDS as FIELDS_OF_ROWS,
  TECH_FIELDS,
} from "./fields.ts";
import { pocIdForToken } from "./poc-queries.server.ts";
import { type Actor, deletePoc as deletePocAs, Forbidden, type RowKind } from "./poc.server.ts";
import { version } from "./row-version.ts";

export type StaffActor = Extract<Actor, { kind: "staff" }>;
export type CustomerActor = Extract<Actor, { kind: "customer" }>;

// ───────────── responses ─────────────

/** Unknown, revoked or expired share token, or a row outside the token's POC: always the same plain answer. */
const customerNotFound = () => apiError(404, "not_found", "Not found.");

/** Answers `current` (what is stored now) when the version the caller sent is stale. */
export function conflict(current: unknown) {
  return apiError(409, "conflict", "Someone changed this since you read it: nothing was written. `current` is what is stored now; apply your change to it and send its version.", {
    current,
  });
}

/**
 * Runs the handler for the request's method (api-request.server.ts's dispatch;
 * poc.server.ts's NotFound/Forbidden/QuotaExceeded answer 404/403/409), and marks
 * every answer `no-store` (the customer's also `no-referrer` and `noindex`; every
 * not-found through the share link is the same plain "Not found.").
 */
export function dispatch(ctx: Ctx, handlers: Partial<Record<ApiMethod, Handler>>, audience: Audience = "staff"): Promise<Response> {
  return dispatchApi(ctx, handlers, {
    cache: "no-store",
    ...(audience === "customer" ? { headers: { "Referrer-Policy": "no-referrer", "X-Robots-Tag": "noindex" }, wording: { not_found: "Not found." } } : {}),
  });
}

// ───────────── guards ─────────────

export async function requireStaff(request: Request): Promise<{ user: SessionUser; actor: StaffActor }> {
  const user = await requireApiRole(request, AREA_ROLES.staff);
  return { user, actor: { kind: "staff", userId: user.id, name: user.name } };
}

/** A staff caller and the POC of the `:id` param (404 when there is none). */
export async function staffPoc(ctx: Ctx) {
  const { user, actor } = await requireStaff(ctx.request);
  const poc = await prisma.poc.findUnique({ where: { id: ctx.params.id ?? "" }, select: { id: true, ownerId: true } });
  if (!poc) throw pocNotFound();
  return { user, actor, pocId: poc.id, ownerId: poc.ownerId };
}

/** The POC behind the `:token` param; unknown, revoked or expired → the plain 404. */
export async function customerPoc(ctx: Ctx): Promise<{ pocId: string; actor: CustomerActor }> {
  const pocId = await pocIdForToken(ctx.params.token);
  if (!pocId) throw customerNotFound();
  // Every write through the link counts against its rate limit (the pages' actions share it).
  if (ctx.request.method !== "GET" && ctx.request.method !== "HEAD") await enforceRateLimitJson("customer-write", ctx.params.token!);
  return { pocId, actor: { kind: "customer", pocId } };
}

/** An SE or admin who may own a POC; otherwise a 400 naming `ownerId`. */
export async function checkOwner(ownerId: string) {
  const owner = await prisma.user.findFirst({ where: { id: ownerId, role: { in: ["SE", "ADMIN"] } }, select: { id: true } });
  if (!owner) throw invalid({ ownerId: ["No solutions engineer or admin has this id."] });
}

// ───────────── field schemas ─────────────

/** The row version every versioned write sends (row-version.ts: the one definition). */
;

/** The fields each kind of row has over the API: fields.ts, as every other path. */
const ROW_FIELDS = FIELDS_OF_ROWS;

/** Only the keys the schema knows (looseObject keeps the others; they were already refused). */
export function pick<T extends object>(body: T, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([k, v]) => keys.includes(k) && v !== undefined));
}

/** Staff PATCH of a row: `version` and any of the kind's fields. */
export function rowPatchSchema(kind: RowKind) {
  const fields = ROW_FIELDS[kind];
  return closedObject({ version, ...partialShape(fields) }, { atLeastOne: Object.keys(fields) });
}

/** The customer's PATCH: `version` and only what CUSTOMER_WRITABLE allows for the kind. */
export function customerPatchSchema(kind: CustomerKind) {
  const allowed: readonly string[] = CUSTOMER_WRITABLE[kind];
  const fields = pickShape(ROW_FIELDS[kind] as z.ZodRawShape, allowed);
  return kind === "member" ? closedObject({ version, ...partialShape(fields) }, { atLeastOne: allowed }) : closedObject({ version, ...fields });
}

const { milestone, phase, task, criterion, member } = ROW_FIELDS;
export const addSchemas = {
  milestone: closedObject({ title: milestone.title, owner: milestone.owner.optional(), side: milestone.side.optional(), dueDate: milestone.dueDate.optional() }),
  phase: closedObject({ name: phase.name, description: phase.description.optional() }),
  task: closedObject({ title: task.title, owner: task.owner.optional(), side: task.side.optional(), dueDate: task.dueDate.optional() }),
  criterion: closedObject({ title: criterion.title, description: criterion.description.optional(), feature: criterion.feature.optional() }),
  member: closedObject({ name: member.name, email: member.email.optional(), role: member.role.optional(), side: member.side }),
};

export const customerMemberSchema = closedObject({ name: member.name, email: member.email.optional(), role: member.role.optional() });

export const moveSchema = closedObject({ direction: z.enum(["up", "down"], oneOf(["up", "down"])) });

export const createPocSchema = closedObject({
  customerName: POC_FIELDS.customerName,
  accountDomain: POC_FIELDS.accountDomain,
  ownerId: POC_FIELDS.ownerId.optional(),
  startDate: POC_FIELDS.startDate.optional(),
  endDate: POC_FIELDS.endDate.optional(),
  goals: POC_FIELDS.goals.optional(),
}).refine(endNotBeforeStart, { path: ["endDate"], message: END_BEFORE_START });

const POC_PATCH_FIELDS = Object.keys(POC_FIELDS) as (keyof typeof POC_FIELDS)[];
export const patchPocSchema = closedObject(
  {
    version,
    ...partialShape(POC_FIELDS),
  },
  { atLeastOne: POC_PATCH_FIELDS },
);
export const pocPatchFields = (body: Record<string, unknown>) => pick(body, POC_PATCH_FIELDS);

/** An empty parameter (`?status=` from a form's "any" choice) is no filter. */
const filter = <S extends z.ZodType>(schema: S) => z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema.optional());
export const listQuerySchema = z.object({
  q: filter(z.string().trim().max(200, "At most 200 characters.")),
  status: filter(POC_FIELDS.status),
  owner: filter(z.string().trim()),
  page: wholeNumber(1, 1000).default(1),
  limit: wholeNumber(1, 200).default(50),
});

/** `platforms`: Sentry platform ids (sentry-platforms.ts); an unknown one is a 400 naming it (`platforms[2]`). */
export const techStackSchema = closedObject({
  platforms: z.array(
    z.string(must("a platform id such as javascript-react")).refine(isKnownPlatform, { error: (issue) => `Unknown platform “${String(issue.input)}”: use an id from Sentry's platform list, such as javascript-react.` }),
    must("a list of platform ids"),
  ).max(LIMITS.platforms, `Choose at most ${LIMITS.platforms} platforms`),
  notes: TECH_FIELDS.notes.optional(),
});

export const shareLinkSchema = closedObject({
  expiresAt: z
    .union([z.iso.datetime({ offset: true }), z.iso.date()], must("a date (YYYY-MM-DD) or a date-time (ISO 8601), or null"))
    .transform((s) => new Date(isIsoDate(s) ? `${s}T23:59:59.999Z` : s))
    .refine((d) => d.getTime() > Date.now(), "Must be in the future.")
    .nullable()
    .optional(),
});

/** Deleting a whole POC (poc.server.ts's deletePoc: admins, or the SE who owns it), with the domain's reason as the 403's message. */
export async function deletePoc(pocId: string, user: SessionUser) {
  await deletePocAs(pocId, user).catch((error: unknown) => {
    throw error instanceof Forbidden ? apiError(403, "forbidden", error.message) : error;
  });
}
