/**
 * The demo POC: Northwind Traders, owned by the demo SE, two weeks in, with a
 * customer link. Created once (skipped when a POC for the domain exists).
 */
import type { PrismaClient } from "../../app/generated/prisma/client.ts";
import { activitySentence, type ActivityData } from "../../app/modules/poc/activity.ts";
import { createPoc, newShareToken } from "../../app/modules/poc/poc.server.ts";

export const DEMO_POC_DOMAIN = "northwind.example";

const day = 86_400_000;
const utcDate = (offsetDays: number) => new Date(new Date(new Date().toISOString().slice(0, 10)).getTime() + offsetDays * day);

export async function seedDemoPoc(prisma: PrismaClient, seEmail: string) {
  if (await prisma.poc.findFirst({ where: { accountDomain: DEMO_POC_DOMAIN } })) return false;
  const se = await prisma.user.findUnique({ where: { email: seEmail } });
  if (!se) return false;
  const poc = await createPoc(
    {
      customerName: "Northwind Traders",
      accountDomain: DEMO_POC_DOMAIN,
      ownerId: se.id,
      startDate: utcDate(-14),
      endDate: utcDate(16),
      goals: "Cut the time from a checkout error to its fix from days to hours, and see which releases slow the storefront down.",
    },
    { kind: "staff", userId: se.id, name: se.name },
    prisma,
  );
  await prisma.poc.update({
    where: { id: poc.id },
    data: { status: "ACTIVE", shareToken: newShareToken(), internalNotes: "Budget approved for Q1; competitor trial ends next month.", techStack: ["javascript-react", "python-django"], techConfirmedAt: new Date(), techConfirmedBy: "customer" },
  });
  // Two weeks in: the early milestones and setup tasks are done, one task is blocked.
  const milestones = await prisma.pocMilestone.findMany({ where: { pocId: poc.id }, orderBy: { position: "asc" } });
  for (const m of milestones.slice(0, 3)) await prisma.pocMilestone.update({ where: { id: m.id }, data: { status: "COMPLETED", updatedBy: m.side === "CUSTOMER" ? "customer" : se.name } });
  await prisma.pocMilestone.update({ where: { id: milestones[3].id }, data: { status: "IN_PROGRESS" } });
  const tasks = await prisma.pocTask.findMany({ where: { pocId: poc.id }, orderBy: [{ phase: { position: "asc" } }, { position: "asc" }] });
  for (const t of tasks.slice(0, 4)) await prisma.pocTask.update({ where: { id: t.id }, data: { status: "COMPLETED" } });
  await prisma.pocTask.update({ where: { id: tasks[4].id }, data: { status: "IN_PROGRESS" } });
  await prisma.pocTask.update({ where: { id: tasks[6].id }, data: { status: "BLOCKED" } });
  await prisma.pocTeamMember.createMany({
    data: [
      { pocId: poc.id, position: 0, side: "SENTRY", name: se.name, email: se.email, role: "Solutions engineer" },
      { pocId: poc.id, position: 1, side: "SENTRY", name: "Avery Account", email: "avery@sentry.example", role: "Account executive" },
      { pocId: poc.id, position: 2, side: "CUSTOMER", name: "Jamie Rivera", email: "jamie@northwind.example", role: "Engineering lead", updatedBy: "customer" },
      { pocId: poc.id, position: 3, side: "CUSTOMER", name: "Morgan Lee", email: "morgan@northwind.example", role: "Executive sponsor" },
    ],
  });
  const confirmed: ActivityData = { action: "confirmed-tech-stack", platforms: ["javascript-react", "python-django"] };
  await prisma.pocActivity.create({ data: { pocId: poc.id, byCustomer: true, actor: "customer", summary: activitySentence(confirmed), data: confirmed } });
  return true;
}

/** The demo POC's customer link path, for the start-up banner. */
export async function demoPocLink(prisma: PrismaClient) {
  const poc = await prisma.poc.findFirst({ where: { accountDomain: DEMO_POC_DOMAIN, shareToken: { not: null } }, select: { shareToken: true } });
  return poc?.shareToken ? `/customer/${poc.shareToken}` : null;
}

const isoDay = (offsetDays: number) => utcDate(offsetDays).toISOString().slice(0, 10);

/**
 * The demo POC's Gong calls and AI value framework, made the way an SE makes them:
 * a Gong search over the last 90 days, every call picked, the transcripts fetched
 * and Claude's analysis run, through the app's own job handlers (in-process, no
 * queue) against the fakes demo mode has just started. Then the SE's first review:
 * one item accepted into the success criteria. Once per POC (skipped when it has runs).
 */
export async function seedDemoFramework(): Promise<boolean> {
  const { prisma } = await import("../../app/utils/db.server.ts");
  const gongAi = await import("../../app/modules/poc/gong-ai-runs.server.ts");
  const poc = await prisma.poc.findFirst({ where: { accountDomain: DEMO_POC_DOMAIN }, select: { id: true, ownerId: true, owner: { select: { name: true } } } });
  // Without ENCRYPTION_KEY there is nothing to store transcripts under (decision 020).
  if (!gongAi.gongConfigured() || !poc || (await prisma.pocJobRun.count({ where: { pocId: poc.id } }))) return false;
  const actor = { kind: "staff" as const, userId: poc.ownerId, name: poc.owner.name };
  const run = (kind: "gong-search" | "gong-transcripts" | "ai-analysis", params: Record<string, unknown>) =>
    prisma.pocJobRun.create({ data: { pocId: poc.id, kind, params: params as never, createdBy: actor.name } });

  await gongAi.runGongSearch((await run("gong-search", { from: isoDay(-90), to: isoDay(0), domain: DEMO_POC_DOMAIN })).id);
  const calls = await prisma.pocCall.findMany({ where: { pocId: poc.id }, select: { id: true } });
  if (calls.length === 0) return false;
  const callIds = calls.map((c) => c.id);
  await prisma.pocCall.updateMany({ where: { pocId: poc.id }, data: { selected: true } });
  await gongAi.runTranscriptFetch((await run("gong-transcripts", { callIds })).id);
  await gongAi.runAnalysis((await run("ai-analysis", { callIds })).id);

  const first = await prisma.pocValueItem.findFirst({ where: { pocId: poc.id, section: "metrics", flagged: false }, orderBy: { position: "asc" } });
  if (first) await gongAi.acceptIntoCriteria(poc.id, first.id, actor);
  return true;
}
