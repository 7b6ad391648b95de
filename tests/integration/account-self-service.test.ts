/**
 * Account self-service over HTTP (no JavaScript): name, password, sessions, API
 * tokens on "log out everywhere", data export and deletion with a grace period.
 * Every role may use it, and nobody reaches another user's sessions or exports.
 */
import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountExportJob } from "../../jobs/account.ts";
import { ensureQueues, stopWorkers } from "../../jobs/index.ts";
import { createApiToken } from "~/modules/accounts/api-tokens.server.ts";
import { runDueDeletions } from "~/modules/accounts/self-service.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { ROLES, type RoleName } from "~/utils/permissions.ts";
import { Browser, visibleText } from "../support/app.ts";
import { browserFor, signedInBrowser } from "../support/signed-in.ts";
import { createCourse } from "../support/courses.ts";
import { DEFAULT_PASSWORD } from "../support/factories.ts";

let course: Awaited<ReturnType<typeof createCourse>>;
beforeAll(async () => {
  await ensureQueues();
  course = await createCourse({ slug: `self-service-${Date.now()}`, title: "Self-service course", lessons: 2 });
});
afterAll(() => stopWorkers());

const api = (token: string) =>
  new Browser().request("/api/users/me", { headers: { Authorization: `Bearer ${token}` } }).then((r) => r.status);

function handles(html: string) {
  return [...html.matchAll(/name="session" value="([^"]+)"/g)].map((m) => m[1]);
}

describe("every role uses self-service", () => {
  for (const role of ROLES) {
    it(`${role} changes their name, which certificates print`, async () => {
      const { user, browser } = await signedInBrowser(role);
      const cert = await prisma.certificate.create({
        data: { userId: user.id, courseId: course.id, learnerName: user.name, courseTitle: course.title, verificationCode: `SS-${role}-${Date.now()}` },
      });
      const done = await browser.post("/account", { intent: "change-name", name: `  Renamed ${role}  ` });
      expect(done.status).toBe(302);
      expect(visibleText(await (await browser.follow(done)).text())).toContain(`Your name is now “Renamed ${role}”`);
      expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).name).toBe(`Renamed ${role}`);
      expect(visibleText(await (await new Browser().get(`/certificates/${cert.id}`)).text())).toContain(`Renamed ${role}`);
    });
  }

  it("bad input answers 400 with the message next to the field", async () => {
    const { browser } = await signedInBrowser();
    const response = await browser.post("/account", { intent: "change-name", name: "x" });
    expect(response.status).toBe(400);
    expect(visibleText(await response.text())).toContain("Your name needs at least 2 characters");
    expect((await browser.post("/account", { intent: "no-such-intent" })).status).toBe(400);
  });

  it("guests are sent to log in", async () => {
    const guest = new Browser();
    expect((await guest.post("/account", { intent: "change-name", name: "Guest" })).headers.get("Location")).toMatch(/^\/login/);
    expect((await guest.get("/account/export/anything")).headers.get("Location")).toMatch(/^\/login/);
  });
});

describe("password", () => {
  it("needs the current one, and then ends other sessions and revokes API tokens, saying so", async () => {
    const { user, browser } = await signedInBrowser();
    const other = await browserFor(user.id);
    const { token } = await createApiToken(user.id, "CI");
    expect(await api(token)).toBe(200);

    const wrong = await browser.post("/account", { intent: "change-password", currentPassword: "not it", newPassword: "a brand new password", confirmPassword: "a brand new password" });
    expect(wrong.status).toBe(400);
    expect(visibleText(await wrong.text())).toContain("That is not your current password");
    const mismatch = await browser.post("/account", { intent: "change-password", currentPassword: DEFAULT_PASSWORD, newPassword: "a brand new password", confirmPassword: "something else" });
    expect(mismatch.status).toBe(400);
    expect(visibleText(await mismatch.text())).toContain("The two passwords don't match");
    const short = await browser.post("/account", { intent: "change-password", currentPassword: DEFAULT_PASSWORD, newPassword: "short", confirmPassword: "short" });
    expect(visibleText(await short.text())).toContain("Use at least 10 characters");

    const done = await browser.post("/account", { intent: "change-password", currentPassword: DEFAULT_PASSWORD, newPassword: "a brand new password", confirmPassword: "a brand new password" });
    expect(done.status).toBe(302);
    expect(visibleText(await (await browser.follow(done)).text())).toContain("1 other session ended and 1 API token revoked");
    expect((await other.get("/account")).status).toBe(302);
    expect(await api(token)).toBe(401);
    expect((await new Browser().post("/login", { email: user.email, password: "a brand new password" })).status).toBe(302);
  });

  it("a password reset also revokes API tokens, and says so", async () => {
    const { user } = await signedInBrowser();
    const { token } = await createApiToken(user.id, "before the reset");
    const resetToken = randomBytes(32).toString("base64url");
    await prisma.passwordReset.create({
      data: { userId: user.id, tokenHash: createHash("sha256").update(resetToken).digest("hex"), expiresAt: new Date(Date.now() + 3600_000) },
    });
    const browser = new Browser();
    const done = await browser.post(`/reset-password?token=${resetToken}`, { token: resetToken, password: "a brand new password", confirmPassword: "a brand new password" });
    expect(done.headers.get("Location")).toBe("/login");
    expect(visibleText(await (await browser.follow(done)).text())).toContain("your API tokens are revoked");
    expect(await api(token)).toBe(401);
  });

  it("an account without a password has nothing to change", async () => {
    const { browser } = await signedInBrowser("STUDENT", { password: null });
    const response = await browser.post("/account", { intent: "change-password", currentPassword: "x", newPassword: "a brand new password", confirmPassword: "a brand new password" });
    expect(response.status).toBe(400);
    expect(visibleText(await response.text())).toContain("Your account has no password yet");
  });
});

describe("sessions and API tokens", () => {
  it("lists sessions (current marked), logs one out by its handle, never another user's", async () => {
    const { user, browser } = await signedInBrowser();
    const second = await browserFor(user.id);
    const page = await (await browser.get("/account")).text();
    expect(visibleText(page)).toContain("This browser");
    const [handle] = handles(page);
    expect(handles(page)).toHaveLength(1); // the current session has no logout button of its own
    for (const s of await prisma.session.findMany({ where: { userId: user.id } })) expect(page).not.toContain(s.id);

    const intruder = await signedInBrowser();
    const refused = await intruder.browser.post("/account", { intent: "revoke-session", session: handle });
    expect(refused.status).toBe(404);
    expect((await second.get("/account")).status).toBe(200);

    const done = await browser.post("/account", { intent: "revoke-session", session: handle });
    expect(done.status).toBe(302);
    expect((await second.get("/account")).status).toBe(302);
    expect((await browser.get("/account")).status).toBe(200);
    expect((await browser.post("/account", { intent: "revoke-session", session: handle })).status).toBe(404);
  });

  it("'log out all other browsers' keeps API tokens; 'log out everywhere' revokes them too", async () => {
    const { user, browser } = await signedInBrowser();
    const second = await browserFor(user.id);
    const { token } = await createApiToken(user.id, "laptop");
    const others = await browser.post("/account", { intent: "logout-others" });
    expect(visibleText(await (await browser.follow(others)).text())).toContain("1 other session ended. Your API tokens still work");
    expect((await second.get("/account")).status).toBe(302);
    expect(await api(token)).toBe(200);

    const everywhere = await browser.post("/account", { intent: "logout-everywhere" });
    expect(everywhere.headers.get("Location")).toBe("/login");
    expect(visibleText(await (await browser.follow(everywhere)).text())).toContain("1 API token revoked");
    expect(await api(token)).toBe(401);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
  });

  it("cannot revoke another user's API token", async () => {
    const owner = await signedInBrowser();
    const { apiToken, token } = await createApiToken(owner.user.id, "mine");
    const intruder = await signedInBrowser();
    expect((await intruder.browser.post("/account", { intent: "revoke-api-token", tokenId: apiToken.id })).status).toBe(404);
    expect(await api(token)).toBe(200);
  });
});

describe("data export", () => {
  it("a job prepares the file; only its owner downloads it, without secrets, until it expires", async () => {
    const { user, browser } = await signedInBrowser("SE");
    const { token } = await createApiToken(user.id, "export-test");
    await prisma.note.create({ data: { userId: user.id, lessonId: course.lessons[0].id, body: "my private note" } });
    await prisma.poc.create({ data: { customerName: "Export Corp", accountDomain: "export.example", ownerId: user.id } });

    const asked = await browser.post("/account", { intent: "request-export" });
    expect(visibleText(await (await browser.follow(asked)).text())).toContain("Your export is being prepared");
    const again = await browser.post("/account", { intent: "request-export" });
    expect(visibleText(await (await browser.follow(again)).text())).toContain("already being prepared");
    const row = await prisma.dataExport.findFirstOrThrow({ where: { userId: user.id } });
    expect(await prisma.dataExport.count({ where: { userId: user.id } })).toBe(1);
    expect((await browser.get(`/account/export/${row.id}`)).status).toBe(404); // not ready yet

    await accountExportJob.handle({ exportId: row.id }, undefined as never);
    const page = await (await browser.get("/account")).text();
    expect(page).toContain(`/account/export/${row.id}`);
    const download = await browser.get(`/account/export/${row.id}`);
    expect(download.status).toBe(200);
    expect(download.headers.get("Content-Disposition")).toMatch(/^attachment/);
    expect(download.headers.get("Cache-Control")).toBe("no-store");
    const text = await download.text();
    const json = JSON.parse(text);
    expect(json.profile.email).toBe(user.email);
    expect(json.notes[0].body).toBe("my private note");
    expect(json.pocsOwned[0].customerName).toBe("Export Corp");
    expect(json.apiTokens[0].name).toBe("export-test");
    for (const key of ["enrollments", "lessonProgress", "quizAttempts", "certificates", "discussionPosts", "bookmarks", "sentryConnection"]) expect(json).toHaveProperty(key);
    expect(text).not.toContain(token);
    expect(text).not.toMatch(/passwordHash|tokenHash|argon2|Cipher/);

    const intruder = await signedInBrowser("ADMIN");
    expect((await intruder.browser.get(`/account/export/${row.id}`)).status).toBe(404);
    // Asking again right away queues nothing; after 5 minutes a new export replaces the old file.
    const soon = await browser.post("/account", { intent: "request-export" });
    expect(visibleText(await (await browser.follow(soon)).text())).toContain("you can prepare a new one in");
    await prisma.dataExport.update({ where: { id: row.id }, data: { createdAt: new Date(Date.now() - 6 * 60_000) } });
    await browser.post("/account", { intent: "request-export" });
    const exports = await prisma.dataExport.findMany({ where: { userId: user.id } });
    expect(exports).toHaveLength(1);
    expect(exports[0].id).not.toBe(row.id);
    expect((await browser.get(`/account/export/${row.id}`)).status).toBe(404);
    await accountExportJob.handle({ exportId: exports[0].id }, undefined as never);
    expect((await browser.get(`/account/export/${exports[0].id}`)).status).toBe(200);
    await prisma.dataExport.update({ where: { id: exports[0].id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await browser.get(`/account/export/${exports[0].id}`)).status).toBe(404);
  });
});

describe("account deletion", () => {
  async function withContent(role: RoleName = "STUDENT") {
    const signed = await signedInBrowser(role);
    const { user } = signed;
    const lessonId = course.lessons[0].id;
    const post = await prisma.discussionPost.create({ data: { lessonId, userId: user.id, bodyMarkdown: "My question", bodyHtml: "<p>My question</p>" } });
    await prisma.note.create({ data: { userId: user.id, lessonId, body: "private" } });
    await prisma.enrollment.create({ data: { userId: user.id, courseId: course.id } });
    const cert = await prisma.certificate.create({
      data: { userId: user.id, courseId: course.id, learnerName: user.name, courseTitle: course.title, verificationCode: `DEL-${user.id}` },
    });
    return { ...signed, post, cert };
  }

  it("bad input is a 400 next to the fields; the password is checked", async () => {
    const { browser, user } = await signedInBrowser();
    const empty = await browser.post("/account", { intent: "delete-account" });
    expect(empty.status).toBe(400);
    const text = visibleText(await empty.text());
    expect(text).toContain("Type DELETE to confirm");
    expect(text).toContain("Choose what happens to your certificates");
    const wrong = await browser.post("/account", { intent: "delete-account", confirm: "DELETE", keepCertificates: "no", password: "wrong" });
    expect(wrong.status).toBe(400);
    expect(visibleText(await wrong.text())).toContain("That is not your password");
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).deletionDueAt).toBeNull();
  });

  it("schedules it 14 days out, logs out and revokes tokens; signing in offers to cancel, and cancelling keeps the account", async () => {
    const { user, browser } = await signedInBrowser();
    const { token } = await createApiToken(user.id, "soon gone");
    const done = await browser.post("/account", { intent: "delete-account", confirm: "DELETE", keepCertificates: "no", password: DEFAULT_PASSWORD });
    expect(done.headers.get("Location")).toBe("/");
    expect(visibleText(await (await browser.follow(done)).text())).toContain("Your account will be deleted on");
    const row = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.deletionDueAt!.getTime() - Date.now()).toBeGreaterThan(13.9 * 24 * 3600_000);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
    expect(await api(token)).toBe(401);

    const login = new Browser();
    const signIn = await login.post("/login", { email: user.email, password: DEFAULT_PASSWORD });
    expect(signIn.headers.get("Location")).toBe("/account#delete-account");
    const page = visibleText(await (await login.follow(signIn)).text());
    expect(page).toContain("Your account is scheduled for deletion on");
    expect(page).toContain("Cancel the deletion and keep my account");
    await login.post("/account", { intent: "cancel-deletion" });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).deletionDueAt).toBeNull();
    await runDueDeletions(new Date(Date.now() + 15 * 24 * 3600_000));
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).deletedAt).toBeNull();
  });

  it("the daily job deletes after the grace period: posts stay as 'Deleted user', personal data goes, certificates removed", async () => {
    const { user, browser, post, cert } = await withContent();
    await browser.post("/account", { intent: "delete-account", confirm: "DELETE", keepCertificates: "no", password: DEFAULT_PASSWORD });
    // Not yet: the grace period is running.
    await runDueDeletions();
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).deletedAt).toBeNull();

    const result = await runDueDeletions(new Date(Date.now() + 15 * 24 * 3600_000));
    expect(result.deleted).toBeGreaterThanOrEqual(1);
    const row = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.name).toBe("Deleted user");
    expect(row.email).not.toBe(user.email);
    expect(row.passwordHash).toBeNull();
    expect(await prisma.discussionPost.findUnique({ where: { id: post.id } })).not.toBeNull();
    expect(await prisma.note.count({ where: { userId: user.id } })).toBe(0);
    expect(await prisma.enrollment.count({ where: { userId: user.id } })).toBe(0);
    expect(await prisma.certificate.findUnique({ where: { id: cert.id } })).toBeNull();
    expect((await new Browser().get(`/certificates/${cert.id}`)).status).toBe(404);
    expect((await new Browser().post("/login", { email: user.email, password: DEFAULT_PASSWORD })).status).toBe(400);
  });

  it("keeps certificates verifiable when the user chose so", async () => {
    const { user, browser, cert } = await withContent();
    await browser.post("/account", { intent: "delete-account", confirm: "DELETE", keepCertificates: "yes", password: DEFAULT_PASSWORD });
    await runDueDeletions(new Date(Date.now() + 15 * 24 * 3600_000));
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).deletedAt).not.toBeNull();
    const page = await new Browser().get(`/certificates/${cert.id}`);
    expect(page.status).toBe(200);
    expect(visibleText(await page.text())).toContain(user.name);
  });
});
