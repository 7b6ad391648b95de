/**
 * The templates new POCs start from: the admin's saved ones (PocTemplate), or
 * the defaults. Their editor's schemas are in staff-templates.ts.
 */
import { DEFAULT_POC_TEMPLATES, type PocTemplates } from "~/data/poc-templates.ts";
import type { Prisma, PrismaClient } from "~/generated/prisma/client.ts";
import { prisma } from "~/utils/db.server.ts";

export async function getTemplates(db: PrismaClient = prisma): Promise<PocTemplates> {
  const rows = await db.pocTemplate.findMany();
  const byKind = new Map(rows.map((r) => [r.kind, r.items]));
  return {
    milestones: (byKind.get("milestones") as PocTemplates["milestones"] | undefined) ?? DEFAULT_POC_TEMPLATES.milestones,
    phases: (byKind.get("phases") as PocTemplates["phases"] | undefined) ?? DEFAULT_POC_TEMPLATES.phases,
    criteria: (byKind.get("criteria") as PocTemplates["criteria"] | undefined) ?? DEFAULT_POC_TEMPLATES.criteria,
  };
}

export async function saveTemplate<K extends keyof PocTemplates>(kind: K, items: PocTemplates[K], by: string) {
  await prisma.pocTemplate.upsert({
    where: { kind },
    create: { kind, items: items as Prisma.InputJsonValue, updatedBy: by },
    update: { items: items as Prisma.InputJsonValue, updatedBy: by },
  });
}
