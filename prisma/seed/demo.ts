/**
 * Demo data for `npm start` on the embedded database: one account per role
 * and the starter catalogue (prisma/seed/content).
 * Runs once per SEED_VERSION (recorded in AppSetting); it never overwrites
 * rows that already exist, so it is safe against a real database too.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../app/generated/prisma/client.ts";
import { DEMO_ACCOUNTS, DEMO_TOTP_SECRET, totpSecretContext } from "../../app/modules/accounts/demo-accounts.ts";
import { encrypt, type KeyRing } from "../../app/utils/encryption.server.ts";
import { hashPassword } from "../../app/utils/password.server.ts";
import { importContent } from "./catalog.ts";
import { seedDemoLearners } from "./demo-learners.ts";
import { demoPocLink, seedDemoPoc } from "./demo-poc.ts";

const SEED_KEY = "demo-seed";
// Bump when the demo data changes: installs that ran an older version get the new data once.
// 8: the demo lesson's video and captions become media assets (transcoded on first start, decision 036).
// 9: eight hands-on exercises join the starter catalogue (decision 040).
const SEED_VERSION = "9";

export { DEMO_ACCOUNTS };

/**
 * Returns true when it seeded, false when this seed version already ran. `keyRing`: ENCRYPTION_KEY's ring
 * (the caller's validated environment), under which the demo staff's second factor is stored; none, none enrolled.
 * `localMedia`: the demo lesson's video and captions go into the media store as assets (importContent).
 */
export async function seedDemoData(databaseUrl: string, keyRing: KeyRing | null = null, opts: { localMedia?: boolean } = {}): Promise<boolean> {
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: 2 }) });
  try {
    const done = await prisma.appSetting.findUnique({ where: { key: SEED_KEY } });
    if (done?.value === SEED_VERSION) return false;
    for (const account of DEMO_ACCOUNTS) {
      const existing = await prisma.user.findUnique({ where: { email: account.email } });
      if (existing) continue;
      await prisma.user.create({
        // Demo accounts count as verified (their addresses are not real mailboxes).
        data: { email: account.email, name: account.name, role: account.role, passwordHash: await hashPassword(account.password), emailVerifiedAt: new Date() },
      });
    }
    // Staff must sign in with a second factor: the demo staff accounts come enrolled with one
    // published key (printed in the banner; the sign-in step also shows the current code in demo mode).
    if (keyRing) {
      const staff = await prisma.user.findMany({
        where: { email: { in: DEMO_ACCOUNTS.filter((a) => a.role !== "STUDENT").map((a) => a.email) }, totpSecretCipher: null },
        select: { id: true },
      });
      for (const { id } of staff) {
        await prisma.user.update({ where: { id }, data: { totpSecretCipher: encrypt(DEMO_TOTP_SECRET, totpSecretContext(id), keyRing), totpEnabledAt: new Date() } });
      }
    }
    await importContent(prisma, undefined, { publish: true, localMedia: opts.localMedia });
    // The starter catalogue is the demo instructor's to edit (admins may edit every course).
    const instructor = await prisma.user.findUnique({ where: { email: "instructor@academy.test" }, select: { id: true } });
    if (instructor) await prisma.course.updateMany({ where: { authorId: null }, data: { authorId: instructor.id } });
    await seedDemoLearners(prisma);
    await seedDemoPoc(prisma, "se@academy.test");
    await prisma.appSetting.upsert({
      where: { key: SEED_KEY },
      create: { key: SEED_KEY, value: SEED_VERSION },
      update: { value: SEED_VERSION },
    });
    return true;
  } finally {
    await prisma.$disconnect();
  }
}

/** The demo POC's customer link (a path), or null. */
export async function demoCustomerLink(databaseUrl: string): Promise<string | null> {
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: 1 }) });
  try {
    return await demoPocLink(prisma);
  } finally {
    await prisma.$disconnect();
  }
}
