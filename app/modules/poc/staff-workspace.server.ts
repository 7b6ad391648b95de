/**
 * What the staff POC pages load: the guards (staff only, the POC must exist) and
 * the data of the workspace layout (its header) and of each tab (its own rows). The writes live in
 * staff-actions.server.ts; the data operations themselves in poc.server.ts.
 */
import { coursesForFeatures, platformFamilySlugs } from "~/modules/sentry-connect/setup.server.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { rethrowAsPage } from "~/utils/errors.ts";
import { requestMemo } from "~/utils/load-context.server.ts";
import { AREA_ROLES } from "~/utils/permissions.ts";
import { featureLinks, platformChoices, platformLinks } from "./doc-links.ts";
import { phaseProgress, pocCriteria, pocMilestones, pocPhases, pocSummary, pocTeam, recentActivity, staffOwners, type PocSummary } from "./poc-queries.server.ts";
import { type Actor, shareLinkExpired, shareUrl } from "./poc.server.ts";
import { progressFrom, progressOf } from "./progress.ts";

/** An SE or admin, as the actor poc.server.ts records in the activity. */
export async function requireStaff(request: Request) {
  const user = await requireRole(request, AREA_ROLES.staff);
  const actor: Extract<Actor, { kind: "staff" }> = { kind: "staff", userId: user.id, name: user.name };
  return { user, actor };
}

/** The POC in the URL isn't there: the page's 404 says so (utils/errors.ts wording). */
const NO_SUCH_POC = { not_found: "There is no POC at this address." };

export function notFound(message = NO_SUCH_POC.not_found) {
  return new Response(message, { status: 404 });
}

/** The POC's id if it exists; otherwise a 404 is thrown. */
export async function requirePoc(pocId: string | undefined) {
  const row = pocId ? await prisma.poc.findUnique({ where: { id: pocId }, select: { id: true } }) : null;
  if (!row) throw notFound();
  return row.id;
}


/**
 * The POC's own fields and progress counts, read once per page: the layout and
 * the overview both ask for them while loading the same request (kept on its
 * load context, load-context.server.ts). 404 if there is no such POC.
 */
function summaryFor(pocId: string | undefined) {
  return requestMemo(`poc-summary:${pocId ?? ""}`, () => pocSummary(pocId ?? "").catch(rethrowAsPage(NO_SUCH_POC)));
}

const overallOf = (p: PocSummary) => progressFrom(p.milestonesDone + p.tasksDone + p.criteriaDone, p.milestonesTotal + p.tasksTotal + p.criteriaTotal);

/** The workspace layout's data: the header every tab shows (each tab loads its own rows). */
export async function workspaceHeaderData(request: Request, pocId: string | undefined) {
  await requireStaff(request);
  const p = await summaryFor(pocId);
  return {
    poc: { id: p.id, customerName: p.customerName, accountDomain: p.accountDomain, status: p.status, startDate: p.startDate, endDate: p.endDate, ownerName: p.ownerName },
    overall: overallOf(p),
  };
}

/** The overview tab: the POC's details, progress by part, the share link and the recent activity. */
export async function overviewTabData(request: Request, pocId: string | undefined) {
  await requireStaff(request);
  const [p, phases, activity, owners] = await Promise.all([summaryFor(pocId), phaseProgress(pocId ?? ""), recentActivity(pocId ?? ""), staffOwners()]);
  const { shareToken, shareExpiresAt, milestonesDone, milestonesTotal, criteriaDone, criteriaTotal, tasksDone: _done, tasksTotal: _total, ...poc } = p;
  return {
    poc,
    progress: {
      overall: overallOf(p),
      milestones: progressFrom(milestonesDone, milestonesTotal),
      criteria: progressFrom(criteriaDone, criteriaTotal),
      phases: phases.map((phase) => ({ id: phase.id, name: phase.name, ...progressFrom(phase.done, phase.total) })),
    },
    activity,
    owners,
    share: { url: shareToken ? shareUrl(shareToken) : null, expiresAt: shareExpiresAt, expired: shareLinkExpired(shareExpiresAt) },
  };
}

/** The Mutual Action Plan tab: the milestones in order. */
export async function planTabData(request: Request, pocId: string | undefined) {
  await requireStaff(request);
  const milestones = await pocMilestones(pocId ?? "");
  return { milestones, progress: progressOf(milestones) };
}

/** The phases tab: the phases in order with their tasks and progress. */
export async function phasesTabData(request: Request, pocId: string | undefined) {
  await requireStaff(request);
  const phases = await pocPhases(pocId ?? "");
  return { phases: phases.map((phase) => ({ ...phase, progress: progressOf(phase.tasks) })) };
}

/** The success criteria tab. */
export async function criteriaTabData(request: Request, pocId: string | undefined) {
  await requireStaff(request);
  const criteria = await pocCriteria(pocId ?? "");
  return { criteria, progress: progressOf(criteria) };
}

/** The team tab: both sides' members. */
export async function teamTabData(request: Request, pocId: string | undefined) {
  await requireStaff(request);
  return { team: await pocTeam(pocId ?? "") };
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
