/**
 * 200 POCs of realistic size for the benchmark (each: 8 milestones, 3 phases with
 * 12 tasks, 6 success criteria, 8 team members, 40 activity lines, a confirmed
 * tech stack and a customer link), owned by the demo SE. Generated once.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../app/generated/prisma/client.ts";
import { activitySentence, type ActivityData } from "../../app/modules/poc/activity.ts";

const MARKER = "bench-poc-v1";
export const POC_COUNT = 200;
const STATUSES = ["NOT_STARTED", "IN_PROGRESS", "COMPLETED", "BLOCKED"] as const;
const SIDES = ["SENTRY", "CUSTOMER"] as const;
const FEATURES = ["tracing", "session-replay", "profiling", "alerts", "source-maps", "crons"];
const STACKS = [["javascript-react", "python-django"], ["javascript-nextjs", "node-express"], ["android", "apple-ios"], ["java-spring-boot", "go"]];

export async function seedPocs(url: string) {
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 4 }) });
  try {
    if (await prisma.appSetting.findUnique({ where: { key: MARKER } })) return;
    const se = await prisma.user.findUniqueOrThrow({ where: { email: "se@academy.test" } });
    const day = 86_400_000;
    const start = new Date(Date.UTC(2026, 10, 1));
    for (let n = 1; n <= POC_COUNT; n++) {
      const poc = await prisma.poc.create({
        data: {
          customerName: `Bench Customer ${n}`,
          accountDomain: `bench-${n}.example`,
          ownerId: se.id,
          status: n % 5 === 0 ? "PLANNING" : "ACTIVE",
          startDate: start,
          endDate: new Date(start.getTime() + 30 * day),
          goals: "Reduce time to resolution for production errors and find the slowest transactions before customers do.",
          internalNotes: "Bench data.",
          shareToken: `bench-poc-token-${String(n).padStart(4, "0")}-abcdefgh`,
          techStack: STACKS[n % STACKS.length],
          techConfirmedAt: new Date(),
          techConfirmedBy: "customer",
        },
      });
      const pick = (i: number) => STATUSES[(n + i) % STATUSES.length];
      await prisma.pocMilestone.createMany({
        data: Array.from({ length: 8 }, (_, i) => ({ pocId: poc.id, position: i, title: `Milestone ${i + 1}: agree the next step with the team`, owner: "Owner name", side: SIDES[i % 2], dueDate: new Date(start.getTime() + i * 4 * day), status: pick(i) })),
      });
      for (let p = 0; p < 3; p++) {
        const phase = await prisma.pocPhase.create({ data: { pocId: poc.id, position: p, name: ["Setup", "Adoption", "Validation"][p], description: "What this phase proves." } });
        await prisma.pocTask.createMany({
          data: Array.from({ length: 4 }, (_, i) => ({ pocId: poc.id, phaseId: phase.id, position: i, title: `Task ${p + 1}.${i + 1}: configure and verify`, owner: "Developer", side: SIDES[(i + p) % 2], dueDate: new Date(start.getTime() + (p * 10 + i * 2) * day), status: pick(p * 4 + i) })),
        });
      }
      await prisma.pocCriterion.createMany({
        data: FEATURES.map((feature, i) => ({ pocId: poc.id, position: i, title: `Criterion ${i + 1}: ${feature} proves its value`, description: "Measured during the validation phase.", feature, status: pick(i + 2) })),
      });
      await prisma.pocTeamMember.createMany({
        data: Array.from({ length: 8 }, (_, i) => ({ pocId: poc.id, position: i, side: SIDES[i % 2], name: `Person ${i + 1}`, email: `person${i + 1}@bench-${n}.example`, role: "Engineer" })),
      });
      await prisma.pocActivity.createMany({
        data: Array.from({ length: 40 }, (_, i) => {
          const data: ActivityData = { action: "edited", row: { kind: "task", title: `Task ${i}` }, changes: [{ field: "status", old: "IN_PROGRESS", new: "COMPLETED" }] };
          return { pocId: poc.id, byCustomer: i % 3 === 0, actor: i % 3 === 0 ? "customer" : se.name, summary: activitySentence(data), data, at: new Date(start.getTime() + i * 3600_000) };
        }),
      });
    }
    await prisma.appSetting.create({ data: { key: MARKER, value: String(POC_COUNT) } });
  } finally {
    await prisma.$disconnect();
  }
}

export const pocPaths = {
  customer: Array.from({ length: POC_COUNT }, (_, i) => `/customer/bench-poc-token-${String(i + 1).padStart(4, "0")}-abcdefgh`),
};
