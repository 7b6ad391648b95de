/**
 * The POC Portal API's serialisers: database rows → the wire shapes of
 * schemas.ts (each returns its `z.infer`). Dates go out as calendar days
 * (`YYYY-MM-DD`) or ISO 8601 timestamps; customer answers never contain internal
 * notes, the activity log or staff ids.
 */
import type { z } from "zod";
import type { Poc, PocCriterion, PocMilestone, PocPhase, PocTask, PocTeamMember } from "~/generated/prisma/client.ts";
import { apiError } from "~/utils/api-request.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { featureLinks, platformLinks } from "../doc-links.ts";
import { activityWords } from "../activity.ts";
import { customerView, loadWholePoc, type listPocs } from "../poc-queries.server.ts";
import { NotFound, type RowKind, shareLinkExpired, shareUrl } from "../poc.server.ts";
import { isOverdue, overallProgress, progressOf } from "../progress.ts";
import type {
  criterionSchema,
  customerMemberOutSchema,
  customerMilestoneSchema,
  customerPhaseSchema,
  customerViewSchema,
  pocListItemSchema,
  pocSchema,
  phaseRowSchema,
  techStackOutSchema,
  workspaceSchema,
} from "./schemas.ts";
import { formatIsoDay } from "~/utils/dates.ts";

/** Who reads: staff see everything; the customer's rows say which ones they may change (`customerEditable`). */
export type Audience = "staff" | "customer";
type Milestone = Omit<z.infer<typeof customerMilestoneSchema>, "customerEditable"> & { customerEditable?: boolean };
type Task = Milestone & { phaseId: string };
type Member = Omit<z.infer<typeof customerMemberOutSchema>, "customerEditable"> & { customerEditable?: boolean };
type Phase = z.infer<typeof phaseRowSchema>;
/** The customer's shapes (their rows say `customerEditable`). */
type ForCustomer<T> = T & { customerEditable: boolean };
const forCustomer = <T>(rows: T[]) => rows as ForCustomer<T>[];
/** Phases read with their tasks (the workspace, the lists) have `progress` and `tasks`. */
const withTasks = <T extends Phase>(phases: T[]) => phases as (T & Required<Pick<Phase, "progress" | "tasks">>)[];

export const pocNotFound = () => apiError(404, "not_found", "There is no POC with this id.");

const dayString = (d: Date | null) => (d ? formatIsoDay(d) : null);
const isoString = (d: Date | null) => (d ? d.toISOString() : null);

export function milestoneJson(m: PocMilestone, audience: Audience = "staff"): Milestone {
  return {
    id: m.id,
    position: m.position,
    title: m.title,
    owner: m.owner,
    side: m.side,
    dueDate: dayString(m.dueDate),
    status: m.status,
    overdue: isOverdue(m),
    ...(audience === "customer" ? { customerEditable: m.side === "CUSTOMER" } : {}),
    version: m.version,
    updatedAt: m.updatedAt.toISOString(),
    updatedBy: m.updatedBy,
  };
}

/** A task is a milestone-shaped row inside a phase. */
export function taskJson(t: PocTask, audience: Audience = "staff"): Task {
  return { ...milestoneJson(t, audience), phaseId: t.phaseId };
}

export function phaseJson(p: PocPhase & { tasks?: PocTask[] }, audience: Audience = "staff"): Phase {
  return {
    id: p.id,
    position: p.position,
    name: p.name,
    description: p.description,
    version: p.version,
    updatedAt: p.updatedAt.toISOString(),
    ...(p.tasks ? { progress: progressOf(p.tasks), tasks: p.tasks.map((t) => taskJson(t, audience)) } : {}),
  };
}

export function criterionJson(c: PocCriterion): z.infer<typeof criterionSchema> {
  return {
    id: c.id,
    position: c.position,
    title: c.title,
    description: c.description,
    feature: c.feature as z.infer<typeof criterionSchema>["feature"],
    status: c.status,
    version: c.version,
    updatedAt: c.updatedAt.toISOString(),
    updatedBy: c.updatedBy,
  };
}

export function memberJson(m: PocTeamMember, audience: Audience = "staff"): Member {
  return {
    id: m.id,
    position: m.position,
    side: m.side,
    name: m.name,
    email: m.email,
    role: m.role,
    ...(audience === "customer" ? { customerEditable: m.side === "CUSTOMER" } : {}),
    version: m.version,
    updatedAt: m.updatedAt.toISOString(),
    updatedBy: m.updatedBy,
  };
}

export function rowJson(kind: RowKind, row: Record<string, unknown>, audience: Audience = "staff") {
  switch (kind) {
    case "milestone":
      return milestoneJson(row as PocMilestone, audience);
    case "phase":
      return phaseJson(row as PocPhase, audience);
    case "task":
      return taskJson(row as PocTask, audience);
    case "criterion":
      return criterionJson(row as PocCriterion);
    case "member":
      return memberJson(row as PocTeamMember, audience);
  }
}


/** The POC's own fields for staff (internal notes included). */
function pocJson(poc: Poc & { owner: { id: string; name: string; email: string } }): z.infer<typeof pocSchema> {
  return {
    id: poc.id,
    customerName: poc.customerName,
    accountDomain: poc.accountDomain,
    customerLogoUrl: poc.customerLogoUrl,
    status: poc.status,
    startDate: dayString(poc.startDate),
    endDate: dayString(poc.endDate),
    goals: poc.goals,
    internalNotes: poc.internalNotes,
    owner: { id: poc.owner.id, name: poc.owner.name, email: poc.owner.email },
    shareLink: poc.shareToken ? { url: shareUrl(poc.shareToken), expiresAt: isoString(poc.shareExpiresAt), expired: shareLinkExpired(poc.shareExpiresAt) } : null,
    techStack: { platforms: poc.techStack, notes: poc.techStackNotes, confirmedAt: isoString(poc.techConfirmedAt), confirmedBy: poc.techConfirmedBy },
    version: poc.version,
    createdAt: poc.createdAt.toISOString(),
    updatedAt: poc.updatedAt.toISOString(),
  };
}

/** A row of the staff list (listPocs): the POC at a glance with its overall progress. */
export function pocListJson(poc: Awaited<ReturnType<typeof listPocs>>["pocs"][number]): z.infer<typeof pocListItemSchema> {
  return {
    id: poc.id,
    customerName: poc.customerName,
    accountDomain: poc.accountDomain,
    status: poc.status,
    startDate: dayString(poc.startDate),
    endDate: dayString(poc.endDate),
    owner: { id: poc.owner.id, name: poc.owner.name },
    progress: poc.progress,
    updatedAt: poc.updatedAt.toISOString(),
  };
}

export async function loadPocJson(pocId: string) {
  const poc = await prisma.poc.findUnique({ where: { id: pocId }, include: { owner: { select: { id: true, name: true, email: true } } } });
  if (!poc) throw pocNotFound();
  return pocJson(poc);
}

/** The tech stack with its documentation links (platform guides, and feature pages for the success criteria). */
function techStackJson(
  poc: { techStack: string[]; techStackNotes: string; techConfirmedAt: Date | null; techConfirmedBy: string | null },
  criteria: { title: string; feature: string | null }[],
): z.infer<typeof techStackOutSchema> {
  return {
    platforms: poc.techStack,
    notes: poc.techStackNotes,
    confirmedAt: isoString(poc.techConfirmedAt),
    confirmedBy: poc.techConfirmedBy,
    links: platformLinks(poc.techStack),
    featureLinks: featureLinks(poc.techStack, criteria),
  };
}

export async function loadTechStackJson(pocId: string) {
  const poc = await prisma.poc.findUnique({
    where: { id: pocId },
    select: { techStack: true, techStackNotes: true, techConfirmedAt: true, techConfirmedBy: true, criteria: { orderBy: { position: "asc" }, select: { title: true, feature: true } } },
  });
  if (!poc) throw new NotFound();
  return techStackJson(poc, poc.criteria);
}

// ───────────── whole views ─────────────

/** The staff workspace (poc-queries.server.ts's loadWholePoc): the POC, its rows, progress and recent activity. */
export async function workspaceJson(pocId: string): Promise<z.infer<typeof workspaceSchema>> {
  const { poc, activity } = await loadWholePoc(pocId);
  const tasks = poc.phases.flatMap((p) => p.tasks);
  return {
    poc: pocJson(poc),
    milestones: poc.milestones.map((m) => milestoneJson(m)),
    phases: withTasks(poc.phases.map((p) => phaseJson(p))),
    criteria: poc.criteria.map(criterionJson),
    team: poc.team.map((m) => memberJson(m)),
    techStack: techStackJson(poc, poc.criteria),
    progress: {
      overall: overallProgress({ milestones: poc.milestones, tasks, criteria: poc.criteria }),
      milestones: progressOf(poc.milestones),
      tasks: progressOf(tasks),
      criteria: progressOf(poc.criteria),
    },
    activity: activity.map((a) => ({ id: a.id, at: a.at.toISOString(), actor: a.actor, byCustomer: a.byCustomer, summary: activityWords(a) })),
  };
}

/**
 * What the share link shows (poc.server.ts's customerView, which leaves out
 * internal notes and the activity log), written out field by field so nothing
 * else, such as the share token or staff ids, can slip in.
 */
export async function customerJson(pocId: string): Promise<z.infer<typeof customerViewSchema>> {
  const { poc, progress } = await customerView(pocId);
  return {
    poc: {
      id: poc.id,
      customerName: poc.customerName,
      accountDomain: poc.accountDomain,
      customerLogoUrl: poc.customerLogoUrl,
      status: poc.status,
      startDate: dayString(poc.startDate),
      endDate: dayString(poc.endDate),
      goals: poc.goals,
      owner: { name: poc.owner.name, email: poc.owner.email },
      version: poc.version,
    },
    milestones: forCustomer(poc.milestones.map((m) => milestoneJson(m, "customer"))),
    phases: withTasks(poc.phases.map((p) => phaseJson(p, "customer"))) as z.infer<typeof customerPhaseSchema>[],
    criteria: poc.criteria.map(criterionJson),
    team: forCustomer(poc.team.map((m) => memberJson(m, "customer"))),
    techStack: techStackJson(poc, poc.criteria),
    progress: {
      overall: progress.overall,
      milestones: progress.milestones,
      tasks: progressOf(poc.phases.flatMap((p) => p.tasks)),
      criteria: progress.criteria,
    },
  };
}
