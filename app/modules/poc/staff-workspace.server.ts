/**
 * What the staff POC pages load: the guards (staff only, the POC must exist) and
 * the data of the workspace layout and of the tech stack tab. The writes live in
 * staff-actions.server.ts; the data operations themselves in poc.server.ts.
 */
import { coursesForFeatures, platformFamilySlugs } from "~/modules/sentry/setup.server.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { appUrl } from "~/utils/env.server.ts";
import { AREA_ROLES } from "~/utils/permissions.ts";
import { featureLinks, platformChoices, platformLinks } from "./doc-links.ts";
import { getWorkspace, NotFound, staffOwners, type Actor } from "./poc.server.ts";

/** An SE or admin, as the actor poc.server.ts records in the activity. */
export async function requireStaff(request: Request) {
  const user = await requireRole(request, AREA_ROLES.staff);
  const actor: Extract<Actor, { kind: "staff" }> = { kind: "staff", userId: user.id, name: user.name };
  return { user, actor };
}

export function notFound(message = "There is no POC at this address.") {
  return new Response(message, { status: 404 });
}

/** The POC's id if it exists; otherwise a 404 is thrown. */
export async function requirePoc(pocId: string | undefined) {
  const row = pocId ? await prisma.poc.findUnique({ where: { id: pocId }, select: { id: true } }) : null;
  if (!row) throw notFound();
  return row.id;
}

export const shareUrlFor = (token: string) => `${appUrl()}/customer/${token}`;

/** The workspace layout's data: every tab but the tech stack reads only this. */
export async function workspacePageData(request: Request, pocId: string | undefined) {
  const { user } = await requireStaff(request);
  // getWorkspace reads the POC anyway: its NotFound is the 404, no separate existence check.
  const [workspace, owners] = await Promise.all([
    getWorkspace(pocId ?? "").catch((error) => {
      if (error instanceof NotFound) throw notFound();
      throw error;
    }),
    staffOwners(),
  ]);
  const { shareToken, ...poc } = workspace.poc;
  return {
    ...workspace,
    poc,
    owners,
    share: { url: shareToken ? shareUrlFor(shareToken) : null, expiresAt: poc.shareExpiresAt, expired: Boolean(poc.shareExpiresAt && poc.shareExpiresAt.getTime() <= Date.now()) },
    me: { id: user.id, name: user.name },
  };
}

/** The tech stack tab: the platform choices, the confirmed stack, its doc links and matching Academy courses. */
export async function techTabData(request: Request, pocId: string | undefined) {
  await requireStaff(request);
  const id = await requirePoc(pocId);
  const poc = await prisma.poc.findUniqueOrThrow({
    where: { id },
    select: {
      techStack: true,
      techStackNotes: true,
      techConfirmedAt: true,
      techConfirmedBy: true,
      criteria: { orderBy: { position: "asc" }, select: { title: true, feature: true } },
    },
  });
  const features = [...new Set(poc.criteria.flatMap((c) => (c.feature ? [c.feature] : [])))];
  const courses = await coursesForFeatures(features, platformFamilySlugs(poc.techStack), 2);
  return {
    choices: platformChoices(),
    stack: poc.techStack,
    notes: poc.techStackNotes,
    confirmed: poc.techConfirmedAt ? { at: poc.techConfirmedAt, byCustomer: poc.techConfirmedBy === "customer", by: poc.techConfirmedBy ?? "someone" } : null,
    platformLinks: platformLinks(poc.techStack),
    featureLinks: featureLinks(poc.techStack, poc.criteria).map((f) => ({ ...f, courses: courses.get(f.feature) ?? [] })),
    criteriaWithoutFeature: poc.criteria.filter((c) => !c.feature).map((c) => c.title),
  };
}
