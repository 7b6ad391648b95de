/**
 * The customer share portal's guards and writes, so every route under
 * /customer/:token reads the same way: resolve the token (or a plain 404 that
 * says nothing about why), then write only through poc.server with the
 * customer actor of that token's POC.
 */
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { coursesForFeatures, platformFamilySlugs } from "~/modules/sentry-connect/setup.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { rethrowAsPage } from "~/utils/errors.ts";
import { rateLimit } from "~/utils/rate-limit.server.ts";
import { redirectWithToast } from "~/utils/toast.server.ts";
import { featureLinks, isKnownPlatform, platformChoices, platformLinks } from "./doc-links.ts";
import type { StatusResult } from "./customer-results.ts";
import { EditMemberSchema, MEMBER_FIELDS, StatusChangeSchema, techStackSchema, type MemberEditResult, type MemberField } from "./customer-schemas.ts";
import { customerView, pocIdForToken } from "./poc-queries.server.ts";
import { statusLabel } from "./progress.ts";
import { Forbidden, updateRow, type Actor } from "./poc.server.ts";

/** The same answer as any unknown URL: no hint whether the token existed, was revoked or expired. */
const notFound = () => new Response("Not found", { status: 404 });

export type CustomerAccess = { pocId: string; token: string; actor: Extract<Actor, { kind: "customer" }> };

async function resolveCustomerToken(params: LoaderFunctionArgs["params"]): Promise<CustomerAccess> {
  const token = params.token;
  const pocId = await pocIdForToken(token);
  if (!pocId || !token) throw notFound();
  return { pocId, token, actor: { kind: "customer", pocId } };
}

/**
 * First thing in every customer action: resolves the token and counts the
 * write against the link's rate limit (a 429 page saying when to try again).
 */
export async function requireCustomerAccess(params: LoaderFunctionArgs["params"]): Promise<CustomerAccess> {
  const access = await resolveCustomerToken(params);
  const limited = await rateLimit("customer-write", access.token);
  if (limited) throw new Response(limited.message, { status: 429, headers: limited.headers });
  return access;
}

const pages = new WeakMap<Request, ReturnType<typeof loadCustomerPage>>();

async function loadCustomerPage(params: LoaderFunctionArgs["params"]) {
  const access = await resolveCustomerToken(params).catch((error: unknown) => {
    if (error instanceof Response) return null;
    throw error;
  });
  return access && { ...access, ...(await customerView(access.pocId)) };
}

/**
 * The POC as its customer sees it, for the portal's loaders: the layout and the
 * page both need it, so it is read once per request (Remix gives all loaders of
 * a request the same Request; after a form post they get a new one).
 */
export async function customerPage(request: Request, params: LoaderFunctionArgs["params"]) {
  let page = pages.get(request);
  if (!page) {
    page = loadCustomerPage(params);
    pages.set(request, page);
  }
  // Each loader throws its own 404: Remix reads a thrown Response's body, which works once.
  const loaded = await page;
  if (!loaded) throw notFound();
  return loaded;
}

/** What the customer's pages answer for a domain error: every not-found is the plain one above (utils/errors.ts). */
const rethrowForCustomer = rethrowAsPage({ not_found: "Not found" });

const FORBIDDEN_STATUS_MESSAGE = "The Sentry team owns this item, so only they can change its status.";
const FORBIDDEN_MEMBER_MESSAGE = "Members of the Sentry team are managed by Sentry; you can edit the people on your side.";

/**
 * The status select of a milestone or task (plan and phases views). A save is
 * answered with a redirect back to the page at the row (POST/redirect/GET: a
 * refresh never posts again, the page keeps its place, decision 031); with
 * JavaScript the fetcher sends `stay=1` and gets the result in place. Refusals
 * (bad input, a stale version, a Sentry-owned row) are 4xx answers rendered
 * next to the row with the choice kept.
 */
export async function changeStatus(access: CustomerAccess, form: FormData, view: "plan" | "phases") {
  const submission = parseWithZod(form, { schema: StatusChangeSchema });
  if (submission.status !== "success") {
    const id = String(form.get("id") ?? "");
    return data<StatusResult>({ intent: "status", rowId: id, ok: false, error: "Choose a status from the list and save again." }, { status: 400 });
  }
  const { kind, id, version, status } = submission.value;
  try {
    const result = await updateRow(access.pocId, kind, id, version, { status }, access.actor);
    if (result.ok) {
      if (form.get("stay") === "1") return data<StatusResult>({ intent: "status", rowId: id, ok: true, status });
      return redirectWithToast(
        `/customer/${access.token}/${view}#${kind}-${id}`,
        { kind: "success", message: `Saved: “${String(result.row.title ?? "")}” is now ${statusLabel(status)}.` },
        { status: 303 },
      );
    }
    if (result.conflict) {
      return data<StatusResult>(
        {
          intent: "status",
          rowId: id,
          ok: false,
          conflict: { by: String(result.current.updatedBy ?? ""), value: String(result.current.status), version: Number(result.current.version), chosen: status },
        },
        { status: 409 },
      );
    }
    return data<StatusResult>({ intent: "status", rowId: id, ok: false, error: result.error }, { status: 400 });
  } catch (error) {
    if (error instanceof Forbidden) return data<StatusResult>({ intent: "status", rowId: id, ok: false, error: FORBIDDEN_STATUS_MESSAGE }, { status: 403 });
    rethrowForCustomer(error);
  }
}

/**
 * Saves the fields of a customer team member that differ from the stored row,
 * in one versioned write, and redirects back to the person like a status save. A stale version is a conflict: the newer values come
 * back next to what the person typed.
 */
export async function editMember(access: CustomerAccess, form: FormData) {
  const memberId = String(form.get("id") ?? "");
  const submission = parseWithZod(form, { schema: EditMemberSchema });
  if (submission.status !== "success") return data<MemberEditResult>({ intent: "edit-member", memberId, result: submission.reply(), ok: false }, { status: 400 });
  const { id, version, ...values } = submission.value;
  const wanted: Record<MemberField, string> = { name: values.name, email: values.email ?? "", role: values.role ?? "" };
  // Scoped to the token's POC: a member of any other POC is "not found".
  const current = await prisma.pocTeamMember.findFirst({ where: { id, pocId: access.pocId } });
  if (!current) throw notFound();
  const forbidden = () =>
    data<MemberEditResult>({ intent: "edit-member", memberId: id, result: submission.reply({ formErrors: [FORBIDDEN_MEMBER_MESSAGE] }), ok: false }, { status: 403 });
  if (current.side !== "CUSTOMER") return forbidden();
  const conflictWith = (row: Record<string, unknown>) =>
    data<MemberEditResult>(
      {
        intent: "edit-member",
        memberId: id,
        result: submission.reply(),
        ok: false,
        conflict: {
          by: String(row.updatedBy ?? ""),
          version: Number(row.version),
          fields: Object.fromEntries(MEMBER_FIELDS.filter((f) => String(row[f] ?? "") !== wanted[f]).map((f) => [f, String(row[f] ?? "")])) as Partial<Record<MemberField, string>>,
        },
      },
      { status: 409 },
    );
  if (current.version !== version) return conflictWith(current);
  const changed = Object.fromEntries(MEMBER_FIELDS.filter((f) => current[f] !== wanted[f]).map((f) => [f, wanted[f]]));
  try {
    if (Object.keys(changed).length > 0) {
      const result = await updateRow(access.pocId, "member", id, version, changed, access.actor);
      if (!result.ok && result.conflict) return conflictWith(result.current);
      if (!result.ok) return data<MemberEditResult>({ intent: "edit-member", memberId: id, result: submission.reply({ formErrors: [result.error] }), ok: false }, { status: 400 });
    }
  } catch (error) {
    if (error instanceof Forbidden) return forbidden();
    rethrowForCustomer(error);
  }
  // Saved: back to the page at this person (PRG), or the answer in place for the fetcher (`stay=1`, with JS).
  if (form.get("stay") === "1") return data<MemberEditResult>({ intent: "edit-member", memberId: id, result: submission.reply(), ok: true });
  return redirectWithToast(`/customer/${access.token}/team#member-${id}`, { kind: "success", message: `Saved: ${values.name}.` }, { status: 303 });
}

// ───────────── documentation links (server-side: the platform list stays out of the browser bundle) ─────────────

/** The tech stack form's schema with the platform ids we have docs for. */
export const techStackServerSchema = () => techStackSchema(isKnownPlatform);

/** The docs of each success criterion's feature on the confirmed platforms, by feature. */
export function docsByFeature(stack: string[], criteria: { title: string; feature: string | null }[]) {
  return new Map(featureLinks(stack, criteria).map((f) => [f.feature, f]));
}

/** The tech view: platform choices, each platform's docs, per feature the docs and matching Academy courses. */
export async function techDocs(stack: string[], criteria: { title: string; feature: string | null }[]) {
  const features = featureLinks(stack, criteria);
  const courses = await coursesForFeatures(
    features.map((f) => f.feature),
    platformFamilySlugs(stack),
    3,
  );
  return {
    choices: platformChoices(),
    platforms: platformLinks(stack),
    features: features.map((f) => ({ ...f, courses: courses.get(f.feature) ?? [] })),
  };
}
