/** The admin Sentry Connect metrics page, and stable A/B assignment, against a real database. */
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { findExperiment } from "~/data/experiments.ts";
import { assignVariant, experimentResults, markConverted, pickVariant } from "~/modules/sentry-connect/experiments.server.ts";
import { prisma } from "~/utils/db.server.ts";
import type { RoleName } from "~/utils/permissions.ts";
import { Browser, visibleText } from "../support/app.ts";
import { browserFor } from "../support/signed-in.ts";
import { createUser } from "../support/factories.ts";

const EXPERIMENT = "sentry-value-prop" as const;
const DAY = 86_400_000;
const now = Date.now();
const daysAgo = (d: number) => new Date(now - d * DAY);

async function pageText(browser: Browser) {
  const response = await browser.get("/admin/sentry");
  expect(response.status).toBe(200);
  return visibleText(await response.text());
}

async function createCourse(title: string) {
  const slug = `metrics-${randomBytes(4).toString("hex")}`;
  return prisma.course.create({
    data: { slug, title, summary: "A course for the metrics test.", descriptionHtml: "<p>Test</p>", level: "BEGINNER", category: "Fundamentals", estimatedMinutes: 10, status: "PUBLISHED" },
  });
}

async function certify(user: { id: string; name: string }, course: { id: string; title: string }, revoked = false) {
  await prisma.certificate.create({
    data: {
      userId: user.id,
      courseId: course.id,
      learnerName: user.name,
      courseTitle: course.title,
      verificationCode: randomBytes(6).toString("hex"),
      revokedAt: revoked ? new Date() : null,
    },
  });
}

async function connect(userId: string, method: "OAUTH" | "TOKEN", at: Date) {
  await prisma.sentryConnectionEvent.create({ data: { userId, kind: "connected", method, at } });
  return prisma.sentryConnection.create({ data: { userId, method, accessTokenCipher: "test-cipher", createdAt: at } });
}

describe("admin Sentry Connect metrics", () => {
  let admin: { id: string };
  let adminBrowser: Browser;

  beforeAll(async () => {
    expect(await prisma.user.count()).toBe(0);
    admin = await createUser({ role: "ADMIN", name: "Metrics Admin" });
    adminBrowser = await browserFor(admin.id);
  });

  it("says 'no data yet' instead of dividing by zero", async () => {
    const text = await pageText(adminBrowser);
    expect(text).toContain("Sentry Connect metrics");
    expect(text).toContain("Connection rate 0% 0 of 1 user have Sentry connected now.");
    expect(text).toContain("Recommendation adoption no data yet 0 of 0 recommendations done");
    expect(text).toContain("Time to adoption (median) no data yet Average no data yet, over 0 adopted features");
    expect(text).toContain("OAuth 0 no data yet 0 no data yet");
    expect(text).toContain("Never connected 0 0 0 no data yet");
    expect(text).toContain("gaps See which Sentry features you're missing 1 0 0 no data yet");
    expect(text).not.toMatch(/NaN|Infinity|undefined/);
  });

  it("shows the numbers for seeded connections, events, recommendations, completions and assignments", async () => {
    const student = await createUser({ role: "STUDENT", name: "Never Connected Student" });
    const [a, b, c, d] = await Promise.all(["Ada", "Bo", "Cy", "Di"].map((name) => createUser({ name })));
    // 6 users: admin, student, a, b, c, d.

    // a: OAuth, connected 10 days ago; adopted two features after 2 and 6 days.
    const ca = await connect(a.id, "OAUTH", daysAgo(10));
    // b: token, connected 5 days ago; adopted one feature after 1 day.
    const cb = await connect(b.id, "TOKEN", daysAgo(5));
    // c: connected with OAuth 40 days ago, disconnected 35 days ago (the row is gone, the events stay).
    await prisma.sentryConnectionEvent.createMany({
      data: [
        { userId: c.id, kind: "connected", method: "OAUTH", at: daysAgo(40) },
        { userId: c.id, kind: "disconnected", at: daysAgo(35) },
        { userId: a.id, kind: "adopted", feature: "tracing", at: daysAgo(8) },
        { userId: a.id, kind: "adopted", feature: "session-replay", at: daysAgo(4) },
        { userId: b.id, kind: "adopted", feature: "profiling", at: daysAgo(4) },
      ],
    });
    // Recommendations: 2 of 5 done.
    const rec = (connectionId: string, key: string, done: boolean) => ({
      connectionId,
      key,
      feature: key,
      score: 50,
      status: done ? ("DONE" as const) : ("OPEN" as const),
      adoptedAt: done ? daysAgo(4) : null,
    });
    await prisma.sentryRecommendation.createMany({
      data: [rec(ca.id, "tracing", true), rec(ca.id, "session-replay", true), rec(ca.id, "crons", false), rec(cb.id, "profiling", false), rec(cb.id, "uptime", false)],
    });

    // Enrolments and certificates.
    const [c1, c2, c3] = await Promise.all(["Course one", "Course two", "Course three"].map(createCourse));
    await prisma.enrollment.createMany({
      data: [
        { userId: a.id, courseId: c1.id },
        { userId: a.id, courseId: c2.id },
        { userId: a.id, courseId: c3.id },
        { userId: b.id, courseId: c1.id },
        { userId: c.id, courseId: c1.id },
        { userId: d.id, courseId: c1.id },
        { userId: d.id, courseId: c2.id },
        { userId: student.id, courseId: c1.id },
      ],
    });
    await certify(a, c1);
    await certify(a, c2);
    await certify(b, c1, true); // revoked: not a completion
    await certify(c, c1);
    await certify(d, c1);

    // A/B assignments as the connect prompt would have stored them.
    await prisma.experimentAssignment.createMany({
      data: [
        { userId: a.id, experiment: EXPERIMENT, variant: "gaps", convertedAt: daysAgo(10) },
        { userId: b.id, experiment: EXPERIMENT, variant: "gaps", convertedAt: daysAgo(5) },
        { userId: student.id, experiment: EXPERIMENT, variant: "gaps" },
        { userId: c.id, experiment: EXPERIMENT, variant: "time" },
        { userId: d.id, experiment: EXPERIMENT, variant: "time", convertedAt: daysAgo(1) },
      ],
    });

    const text = await pageText(adminBrowser);
    // Connections: 2 of 6 now, 3 ever, 1 disconnection.
    expect(text).toContain("Connection rate 33.3% 2 of 6 users have Sentry connected now.");
    expect(text).toContain("Ever connected 3 50% of 6 users connected at least once; 1 disconnection recorded.");
    expect(text).toContain("Last 30 days 2 connections 0 disconnections and 3 features adopted since");
    // OAuth vs token: now 1/1, connections made 2 OAuth (a, c) and 1 token.
    expect(text).toContain("OAuth 1 50% 2 66.7%");
    expect(text).toContain("Auth token 1 50% 1 33.3%");
    // Recommendations and time to adoption (2, 6 and 1 days: median 2, average 3).
    expect(text).toContain("Recommendation adoption 40% 2 of 5 recommendations done");
    expect(text).toContain("Time to adoption (median) 2 days Average 3 days, over 3 adopted features");
    expect(text).toContain("Features adopted 3");
    // Completion per enrolment: connected (a, b, c) 3 of 5; never connected (d, student) 1 of 3.
    expect(text).toContain("Connected Sentry (now or before) 3 5 3 60%");
    expect(text).toContain("Never connected 2 3 1 33.3%");
    // A/B results.
    expect(text).toContain("gaps See which Sentry features you're missing 1 3 2 66.7%");
    expect(text).toContain("time Spend less time debugging: learn what your setup is missing 1 2 1 50%");
    expect(text).toMatch(/next-step Learn the next step for your own projects 1 0 0 no data yet/);
    expect(text).toContain("All variants 5 3 60%");
    expect(text).not.toMatch(/NaN|Infinity/);
  });

  it("is linked from the administration page", async () => {
    const html = await (await adminBrowser.get("/admin")).text();
    expect(html).toContain('href="/admin/sentry"');
  });

  it("is for admins only", async () => {
    for (const role of ["STUDENT", "INSTRUCTOR", "SE"] as RoleName[]) {
      const user = await createUser({ role });
      const response = await (await browserFor(user.id)).get("/admin/sentry");
      expect(response.status, role).toBe(403);
      expect(visibleText(await response.text())).toContain("You don't have access to this page");
    }
    const guest = await new Browser().get("/admin/sentry");
    expect(guest.status).toBe(302);
    expect(guest.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent("/admin/sentry")}`);
  });
});

describe("stable A/B assignment", () => {
  const experiment = findExperiment(EXPERIMENT)!;
  const rows = (userId: string) => prisma.experimentAssignment.findMany({ where: { userId, experiment: EXPERIMENT } });

  it("gives the same variant on every call, recorded once, as the hash picks it", async () => {
    const user = await createUser();
    const first = await assignVariant(user.id, EXPERIMENT);
    const again = await Promise.all([1, 2, 3, 4, 5].map(() => assignVariant(user.id, EXPERIMENT)));
    for (const v of again) expect(v.id).toBe(first.id);
    expect(first.id).toBe(pickVariant(experiment, user.id).id);
    expect(first.headline).toBe(experiment.variants.find((v) => v.id === first.id)!.headline);
    const stored = await rows(user.id);
    expect(stored).toHaveLength(1);
    expect(stored[0].variant).toBe(first.id);
  });

  it("records one row when first exposures race", async () => {
    const user = await createUser();
    const variants = await Promise.all([1, 2, 3, 4, 5, 6].map(() => assignVariant(user.id, EXPERIMENT)));
    expect(new Set(variants.map((v) => v.id)).size).toBe(1);
    expect(await rows(user.id)).toHaveLength(1);
  });

  it("keeps the stored variant even when the weights would now pick another", async () => {
    const user = await createUser();
    const hashed = pickVariant(experiment, user.id).id;
    const other = experiment.variants.find((v) => v.id !== hashed)!.id;
    await prisma.experimentAssignment.create({ data: { userId: user.id, experiment: EXPERIMENT, variant: other } });
    expect((await assignVariant(user.id, EXPERIMENT)).id).toBe(other);
    expect(await rows(user.id)).toHaveLength(1);
  });

  it("marks a conversion once, and only for assigned users", async () => {
    const outsider = await createUser();
    expect(await markConverted(outsider.id, EXPERIMENT)).toBe(false);
    expect(await rows(outsider.id)).toHaveLength(0);

    const user = await createUser();
    const before = await experimentResults(EXPERIMENT);
    const variant = await assignVariant(user.id, EXPERIMENT);
    const firstAt = new Date("2026-01-02T03:04:05Z");
    expect(await markConverted(user.id, EXPERIMENT, firstAt)).toBe(true);
    expect(await markConverted(user.id, EXPERIMENT, new Date())).toBe(false);
    const [row] = await rows(user.id);
    expect(row.convertedAt?.toISOString()).toBe(firstAt.toISOString());

    const after = await experimentResults(EXPERIMENT);
    const count = (r: typeof after, id: string) => r.variants.find((v) => v.variantId === id)!;
    expect(count(after, variant.id).assigned).toBe(count(before, variant.id).assigned + 1);
    expect(count(after, variant.id).converted).toBe(count(before, variant.id).converted + 1);
    expect(after.total.assigned).toBe(before.total.assigned + 1);
  });
});
