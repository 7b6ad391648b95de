import { prisma } from "~/utils/db.server.ts";
import { defineJob } from "./definition.ts";

/** Hourly: removes expired sessions, old reset and email links and expired rate-limit counters. */
export const cleanupJob = defineJob({
  queue: "cleanup",
  options: { retryLimit: 3, retryDelay: 60, retryBackoff: true, expireInSeconds: 300 },
  schedule: "17 * * * *",
  handle: async () => {
    const now = Date.now();
    const [sessions, resets, emailLinks, limits] = await Promise.all([
      prisma.session.deleteMany({ where: { expiresAt: { lt: new Date(now) } } }),
      prisma.passwordReset.deleteMany({ where: { expiresAt: { lt: new Date(now - 24 * 3600_000) } } }),
      prisma.emailToken.deleteMany({ where: { expiresAt: { lt: new Date(now - 24 * 3600_000) } } }),
      prisma.rateLimit.deleteMany({ where: { expire: { lt: BigInt(now) } } }),
    ]);
    return { sessions: sessions.count, resets: resets.count, emailLinks: emailLinks.count, rateLimits: limits.count };
  },
});
