/**
 * The Sentry Connect part of `npm run bench`: one sync of an organization with
 * 500 projects against the fake Sentry at its default rate limit, reporting the
 * time, the API calls made, 429s seen, and the calls the rate limit allows.
 */
import { generateLargeOrganization } from "../../fakes/sentry/scenario.ts";
import { startFakeSentry } from "../../fakes/sentry/server.ts";

export async function benchSentrySync(databaseUrl: string, projects = 500, rateLimit?: { limit: number; windowSeconds: number }) {
  const fake = await startFakeSentry({ scenario: generateLargeOrganization({ projects }), ...(rateLimit ? { rateLimit } : {}) });
  Object.assign(process.env, {
    DATABASE_URL: databaseUrl,
    SESSION_SECRET: process.env.SESSION_SECRET ?? "bench-session-secret-0123456789",
    ENCRYPTION_KEY: process.env.ENCRYPTION_KEY ?? `bench1:${Buffer.alloc(32, 3).toString("base64")}`,
    ...fake.env,
  });
  const { prisma, disconnectPrisma } = await import("../../app/utils/db.server.ts");
  const { saveTokenConnection } = await import("../../app/modules/sentry-connect/connection.server.ts");
  const { syncConnection } = await import("../../app/modules/sentry-connect/sync.server.ts");
  try {
    const user = await prisma.user.upsert({
      where: { email: "sentry-bench@academy.test" },
      create: { email: "sentry-bench@academy.test", name: "Sentry Bench", emailVerifiedAt: new Date() },
      update: {},
    });
    await prisma.sentryConnection.deleteMany({ where: { userId: user.id } });
    await prisma.sentryApiCall.deleteMany({ where: { userId: user.id } });
    const token = fake.createToken({ scopes: ["org:read", "project:read"] });
    await saveTokenConnection(user.id, token, { user: { name: null, email: null }, scopes: ["org:read", "project:read"], organizations: [] });
    fake.clearCalls();
    const started = performance.now();
    const result = await syncConnection(user.id, { baseUrl: fake.url });
    const ms = Math.round(performance.now() - started);
    if (!result.ok) throw new Error(`sentry sync failed: ${result.message}`);
    const calls = fake.calls().filter((c) => c.path.startsWith("/api/0/"));
    const limit = rateLimit ?? fake.scenario.rateLimit;
    return {
      route: `sentry sync (${projects} projects)`,
      "time ms": ms,
      "API calls": calls.length,
      "minimum calls": 1 + Math.ceil(projects / 100) + 5,
      "429s": calls.filter((c) => c.status === 429).length,
      "rate limit": `${limit.limit} per ${limit.windowSeconds} s per endpoint`,
      "projects stored": result.projects,
    };
  } finally {
    await disconnectPrisma();
    await fake.close();
  }
}
