/**
 * Proving an email address (issue 15, report §5 and §6), over HTTP as a browser
 * without JavaScript: sign-up verification, what unverified accounts may not do,
 * GitHub/Google linking only with proof (the pre-takeover scenario), password
 * reset links (sealed in the outbox, one at a time, revoking API tokens), no
 * account enumeration, and changing the address.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server.ts";
import { ensureQueues } from "../../jobs/index.ts";
import { startFakeOAuthProvider, type FakeOAuthProvider } from "../../fakes/oauth-provider.ts";
import { Browser, visibleText } from "../support/app.ts";
import { browserFor } from "../support/signed-in.ts";
import { createCourse } from "../support/courses.ts";
import { createUser, DEFAULT_PASSWORD, uniqueEmail } from "../support/factories.ts";
import { deliverMail, inbox, linkFor } from "../support/mail.ts";
import { send } from "../support/api-client.ts";

// Demo mode without SMTP: the outbox page is public, as under a default `npm start`.
process.env.DEMO_MODE = "true";

let fake: FakeOAuthProvider;
beforeAll(async () => {
  fake = await startFakeOAuthProvider();
  Object.assign(process.env, fake.env);
  await ensureQueues();
  return () => fake.close();
});

const PASSWORD = "a long enough password";
const TOKEN = /sa_[0-9a-f]{40}/;
const bearer = (token: string) => ({ headers: { Authorization: `Bearer ${token}` } });

async function signUp(browser: Browser, email: string, name = "New Learner") {
  return browser.post("/signup", { name, email, password: PASSWORD, confirmPassword: PASSWORD });
}

/** Opens a mailed link (GET shows a button, uses nothing up), then presses its button. */
async function follow(browser: Browser, link: string, fields: Record<string, string>) {
  const page = await browser.get(link);
  expect(page.status).toBe(200);
  const token = new URLSearchParams(link.split("?")[1]).get("token")!;
  return browser.post(link.split("?")[0], { token, ...fields });
}

async function apiToken(browser: Browser) {
  const response = await browser.post("/account", { intent: "create-api-token", name: "CI" });
  expect(response.status).toBe(200);
  return (await response.text()).match(TOKEN)![0];
}

/** The user approves on the fake provider; returns the app's answer to the callback. */
async function completeOAuth(browser: Browser, email: string, fields: Record<string, string> = {}) {
  const start = await browser.post("/auth/github", { redirectTo: "/account", ...fields });
  expect(start.status).toBe(302);
  const authorize = new URL(start.headers.get("Location")!);
  const decision = await fetch(authorize.origin + authorize.pathname, {
    method: "POST",
    redirect: "manual",
    body: new URLSearchParams({ ...Object.fromEntries(authorize.searchParams), decision: "allow", name: "Octo", email }),
  });
  const callback = new URL(decision.headers.get("Location")!);
  return browser.get(callback.pathname + callback.search);
}

describe("sign-up and email verification", () => {
  it("sends a link instead of signing in; following it confirms the address, and the learner logs in", async () => {
    const browser = new Browser();
    const email = uniqueEmail("verify");
    const response = await signUp(browser, email);
    expect(response.status).toBe(200);
    expect(visibleText(await response.text())).toContain(`Check your email We've sent a message to ${email}`);
    expect(browser.cookies.has("__session")).toBe(false);
    const user = await prisma.user.findUniqueOrThrow({ where: { email } });
    expect(user.emailVerifiedAt).toBeNull();

    const link = await linkFor(email, "/verify-email");
    const token = new URLSearchParams(link.split("?")[1]).get("token")!;
    // Only a hash is stored, and the outbox row holds a placeholder, not the link.
    expect(await prisma.emailToken.count({ where: { tokenHash: token } })).toBe(0);
    expect(await prisma.email.count({ where: { text: { contains: token } } })).toBe(0);
    expect(await prisma.email.count({ where: { sealedLink: { contains: token } } })).toBe(0);

    const page = visibleText(await (await browser.get(link)).text());
    expect(page).toContain(`Confirm that ${email} is your address`);
    expect((await prisma.user.findUniqueOrThrow({ where: { email } })).emailVerifiedAt).toBeNull(); // GET uses nothing up
    const done = await browser.post("/verify-email", { intent: "confirm", token });
    expect(done.headers.get("Location")).toBe("/login");
    expect(visibleText(await (await browser.follow(done)).text())).toContain(`Thanks: ${email} is confirmed. Log in to continue.`);
    expect((await prisma.user.findUniqueOrThrow({ where: { email } })).emailVerifiedAt).not.toBeNull();

    const login = await browser.post("/login", { email, password: PASSWORD });
    expect(login.headers.get("Location")).toBe("/dashboard");
    expect(visibleText(await (await browser.get("/dashboard")).text())).not.toContain("Confirm your email address");

    // Single use.
    const again = await browser.post("/verify-email", { intent: "confirm", token });
    expect(visibleText(await (await browser.follow(again)).text())).toContain("This link has already been used");
  });

  it("answers an address that already has an account exactly as a new one, and tells the owner instead", async () => {
    const existing = await createUser();
    const fresh = uniqueEmail("fresh");
    const [a, b] = [new Browser(), new Browser()];
    const known = await signUp(a, existing.email.toUpperCase(), "Someone Else");
    const unknown = await signUp(b, fresh, "Someone Else");
    expect(known.status).toBe(unknown.status);
    const strip = (html: string, email: string) => visibleText(html).replaceAll(email, "EMAIL");
    expect(strip(await known.text(), existing.email.toUpperCase())).toBe(strip(await unknown.text(), fresh));
    expect(a.cookies.has("__session")).toBe(false);
    expect(await prisma.user.count({ where: { email: existing.email } })).toBe(1);
    const mails = await inbox(existing.email);
    expect(mails.at(-1)!.subject).toBe("Someone tried to sign up to Sentry Academy with your address");
    expect(mails.at(-1)!.text).not.toMatch(/token=/);
  });

  it("lets an unverified account sign in and learn, shows the banner, and resends a link that replaces the first", async () => {
    const email = uniqueEmail("unverified");
    const browser = new Browser();
    await signUp(browser, email);
    const first = await linkFor(email, "/verify-email");
    expect((await browser.post("/login", { email, password: PASSWORD })).status).toBe(302);
    const dashboard = await browser.get("/dashboard");
    expect(dashboard.status).toBe(200);
    const html = await dashboard.text();
    expect(visibleText(html)).toContain(`Confirm your email address. We've sent a link to ${email}`);
    expect(html).toMatch(/<form method="post" action="\/verify-email"/);

    const resend = await browser.post("/verify-email", { intent: "resend", redirectTo: "/courses" });
    expect(resend.headers.get("Location")).toBe("/courses");
    const second = await linkFor(email, "/verify-email");
    expect(second).not.toBe(first);
    expect(visibleText(await (await browser.get(first)).text())).toContain("This link isn't valid");
    await follow(browser, second, { intent: "confirm" });
    expect(visibleText(await (await browser.get("/dashboard")).text())).not.toContain("Confirm your email address.");
  });

  it("refuses an expired verification link", async () => {
    const email = uniqueEmail("expired");
    await signUp(new Browser(), email);
    const link = await linkFor(email, "/verify-email");
    await prisma.emailToken.updateMany({ where: { email }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(visibleText(await (await new Browser().get(link)).text())).toContain("This link has expired");
    await new Browser().post("/verify-email", { intent: "confirm", token: new URLSearchParams(link.split("?")[1]).get("token")! });
    expect((await prisma.user.findUniqueOrThrow({ where: { email } })).emailVerifiedAt).toBeNull();
  });

  it("gives an unverified account no API tokens, no Sentry connection, no posting and no staff powers", async () => {
    const instructor = await createUser({ role: "INSTRUCTOR", emailVerified: false });
    const browser = await browserFor(instructor.id);
    expect((await browser.post("/account", { intent: "create-api-token", name: "CI" })).status).toBe(403);
    expect(await prisma.apiToken.count({ where: { userId: instructor.id } })).toBe(0);
    const sentry = await send(browser, "POST", "/api/sentry/validate-token", { token: "sntryu_0123456789abcdef0123456789abcdef0123456789abcdef0123456789ab" });
    expect(sentry.status).toBe(403);
    expect(await sentry.json()).toMatchObject({ error: "email_not_verified" });
    expect((await browser.get("/instructor")).status).toBe(403);
    expect((await browser.post("/auth/github", { intent: "link", redirectTo: "/account" })).status).toBe(403);
    const course = await createCourse({ lessons: 1 });
    const lesson = `/courses/${course.slug}/lessons/${course.lessons[0].slug}`;
    const post = await browser.post(lesson, { intent: "post", body: "Hello everyone" });
    expect(post.status).toBe(403);
    expect(visibleText(await post.text())).toContain("Confirm your email address first");
    expect(await prisma.discussionPost.count({ where: { userId: instructor.id } })).toBe(0);
    // Learning itself is open to them.
    expect((await browser.post(lesson, { intent: "complete" })).status).toBe(302);

    // The admin sees why the role has no effect yet.
    const admin = await browserFor((await createUser({ role: "ADMIN" })).id);
    expect(visibleText(await (await admin.get(`/admin/users?q=${encodeURIComponent(instructor.email)}`)).text())).toContain(`${instructor.email} not confirmed`);

    await prisma.user.update({ where: { id: instructor.id }, data: { emailVerifiedAt: new Date() } });
    expect((await browser.get("/instructor")).status).toBe(200);
    expect((await browser.post("/account", { intent: "create-api-token", name: "CI" })).status).toBe(200);
  });
});

describe("GitHub/Google identities are connected only with proof", () => {
  it("pre-takeover: the attacker's password account loses all access once the victim proves the address", async () => {
    const victim = uniqueEmail("victim");
    // The attacker registers the victim's address first and stays signed in.
    const attacker = new Browser();
    await signUp(attacker, victim, "Attacker");
    expect((await attacker.post("/login", { email: victim, password: PASSWORD })).status).toBe(302);

    // The victim signs in with GitHub (a provider-verified address): nothing is linked, a link is mailed.
    const victimBrowser = new Browser();
    const callback = await completeOAuth(victimBrowser, victim);
    expect(callback.headers.get("Location")).toBe("/login");
    expect(victimBrowser.cookies.has("__session")).toBe(false);
    expect(visibleText(await (await victimBrowser.follow(callback)).text())).toContain("We've emailed it a link that connects GitHub");
    expect(await prisma.oAuthIdentity.count({ where: { email: victim } })).toBe(0);

    // Following the link from the victim's inbox connects GitHub and signs the victim in.
    const confirmed = await follow(victimBrowser, await linkFor(victim, "/auth/link"), {});
    expect(confirmed.headers.get("Location")).toBe("/account");
    const account = await prisma.user.findUniqueOrThrow({ where: { email: victim }, include: { identities: true } });
    expect(account.identities.map((i) => i.provider)).toEqual(["github"]);
    expect(account.emailVerifiedAt).not.toBeNull();
    expect(account.passwordHash).toBeNull(); // set by someone who never proved the address
    const course = await createCourse({ lessons: 1 });
    await prisma.note.create({ data: { userId: account.id, lessonId: course.lessons[0].id, body: "The victim's private note" } });
    expect(visibleText(await (await victimBrowser.get("/notes")).text())).toContain("The victim's private note");

    // The attacker: the old session is gone, and the password no longer works.
    expect((await attacker.get("/notes")).headers.get("Location")).toMatch(/^\/login/);
    expect((await attacker.post("/login", { email: victim, password: PASSWORD })).status).toBe(400);
    // The victim signs in with GitHub from now on.
    const again = await completeOAuth(new Browser(), victim);
    expect(again.headers.get("Location")).toBe("/account");
  });

  it("connects GitHub to a verified account by the emailed link, ending its other sessions and API tokens", async () => {
    const user = await createUser();
    const laptop = new Browser();
    await laptop.post("/login", { email: user.email, password: DEFAULT_PASSWORD });
    const token = await apiToken(laptop);
    await completeOAuth(new Browser(), user.email);
    const confirmed = await follow(new Browser(), await linkFor(user.email, "/auth/link"), {});
    expect(confirmed.headers.get("Location")).toBe("/account");
    expect((await laptop.get("/account")).status).toBe(302);
    expect((await new Browser().request("/api/users/me", bearer(token))).status).toBe(401);
    // The password, set by the verified owner, still works.
    expect((await new Browser().post("/login", { email: user.email, password: DEFAULT_PASSWORD })).status).toBe(302);
  });

  it("connects GitHub from the account page while signed in, keeping this browser and ending the others", async () => {
    const user = await createUser();
    const here = new Browser();
    await here.post("/login", { email: user.email, password: DEFAULT_PASSWORD });
    const elsewhere = new Browser();
    await elsewhere.post("/login", { email: user.email, password: DEFAULT_PASSWORD });
    const token = await apiToken(elsewhere);
    const accountPage = await here.get("/account");
    expect(visibleText(await accountPage.text())).toContain("Connect GitHub");
    const done = await completeOAuth(here, uniqueEmail("other-address"), { intent: "link" });
    expect(done.headers.get("Location")).toBe("/account");
    expect(visibleText(await (await here.follow(done)).text())).toContain("GitHub is connected");
    expect((await elsewhere.get("/account")).status).toBe(302);
    expect((await new Browser().request("/api/users/me", bearer(token))).status).toBe(401);
    expect(await prisma.oAuthIdentity.count({ where: { userId: user.id, provider: "github" } })).toBe(1);
  });
});

describe("password reset links", () => {
  it("never stores or shows a working link: only the recipient's copy has it, and the public outbox does not", async () => {
    const user = await createUser();
    await new Browser().post("/forgot-password", { email: user.email });
    const link = await linkFor(user.email, "/reset-password");
    const token = new URLSearchParams(link.split("?")[1]).get("token")!;
    const rows = await prisma.email.findMany({ where: { to: user.email } });
    expect(rows.some((r) => r.text.includes(token) || r.sealedLink)).toBe(false);
    expect(await prisma.passwordReset.count({ where: { tokenHash: token } })).toBe(0);
    const outbox = await new Browser().get("/outbox");
    expect(outbox.status).toBe(200);
    const html = await outbox.text();
    expect(html).toContain("Reset your Sentry Academy password");
    expect(html).not.toContain(token);
    expect(html).not.toMatch(/reset-password\?token=/);
    expect(visibleText(html)).toContain("[private link: only in the recipient's inbox]");
  });

  it("keeps one valid link per account: a new request voids the older one, a use voids the rest", async () => {
    const user = await createUser();
    await new Browser().post("/forgot-password", { email: user.email });
    const first = await linkFor(user.email, "/reset-password");
    await new Browser().post("/forgot-password", { email: user.email });
    const second = await linkFor(user.email, "/reset-password");
    expect(second).not.toBe(first);
    const tokenOf = (link: string) => new URLSearchParams(link.split("?")[1]).get("token")!;
    const old = await new Browser().post("/reset-password", { token: tokenOf(first), password: "attacker password 1", confirmPassword: "attacker password 1" });
    expect(old.status).toBe(400);
    const used = await new Browser().post("/reset-password", { token: tokenOf(second), password: "my brand new password", confirmPassword: "my brand new password" });
    expect(used.headers.get("Location")).toBe("/login");
    expect(await prisma.passwordReset.count({ where: { userId: user.id, usedAt: null } })).toBe(0);
  });

  it("revokes API tokens on a reset and on log out everywhere", async () => {
    const user = await createUser();
    const browser = new Browser();
    await browser.post("/login", { email: user.email, password: DEFAULT_PASSWORD });
    const token = await apiToken(browser);
    expect((await new Browser().request("/api/users/me", bearer(token))).status).toBe(200);
    await new Browser().post("/forgot-password", { email: user.email });
    const link = await linkFor(user.email, "/reset-password");
    await follow(new Browser(), link, { password: "my brand new password", confirmPassword: "my brand new password" });
    expect((await new Browser().request("/api/users/me", bearer(token))).status).toBe(401);

    const again = new Browser();
    await again.post("/login", { email: user.email, password: "my brand new password" });
    const second = await apiToken(again);
    await again.post("/account", { intent: "logout-everywhere" });
    expect((await new Browser().request("/api/users/me", bearer(second))).status).toBe(401);
  });

  it("does the same work for known and unknown addresses: the request only queues a job", async () => {
    const user = await createUser();
    const nobody = uniqueEmail("nobody");
    const before = await prisma.email.count();
    const known = await new Browser().post("/forgot-password", { email: user.email });
    const unknown = await new Browser().post("/forgot-password", { email: nobody });
    expect(known.status).toBe(unknown.status);
    expect(visibleText(await known.text()).replace(user.email, "EMAIL")).toBe(visibleText(await unknown.text()).replace(nobody, "EMAIL"));
    // Nothing was looked up or written by the request itself.
    expect(await prisma.email.count()).toBe(before);
    expect(await prisma.passwordReset.count({ where: { userId: user.id } })).toBe(0);
    await deliverMail();
    expect(await prisma.passwordReset.count({ where: { userId: user.id } })).toBe(1);
    expect(await inbox(nobody)).toEqual([]);
  });

  it("confirms an unverified address: the reset link proves the mailbox", async () => {
    const user = await createUser({ emailVerified: false });
    await new Browser().post("/forgot-password", { email: user.email });
    await follow(new Browser(), await linkFor(user.email, "/reset-password"), { password: "my brand new password", confirmPassword: "my brand new password" });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).emailVerifiedAt).not.toBeNull();
  });
});

describe("changing the email address", () => {
  it("needs the current password, and changes the address only when the link sent to the new one is followed", async () => {
    const user = await createUser();
    const browser = await browserFor(user.id);
    const next = uniqueEmail("moved");
    const wrong = await browser.post("/account", { intent: "change-email", email: next, currentPassword: "not my password" });
    expect(wrong.status).toBe(400);
    expect(visibleText(await wrong.text())).toContain("That isn't your current password");

    const asked = await browser.post("/account", { intent: "change-email", email: next, currentPassword: DEFAULT_PASSWORD });
    expect(asked.headers.get("Location")).toBe("/account#email");
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).email).toBe(user.email);
    expect(visibleText(await (await browser.get("/account")).text())).toContain(`Waiting for you to follow the link we sent to ${next}`);

    const link = await linkFor(next, "/verify-email");
    expect(visibleText(await (await browser.get(link)).text())).toContain(`Use ${next} for your Sentry Academy account`);
    const done = await follow(browser, link, { intent: "confirm" });
    expect(done.headers.get("Location")).toBe("/account");
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).email).toBe(next);
    expect((await inbox(user.email)).at(-1)!.subject).toBe("Your Sentry Academy email address was changed");
    expect((await new Browser().post("/login", { email: next, password: DEFAULT_PASSWORD })).status).toBe(302);
  });

  it("says the same for an address that belongs to someone else, and sends it nothing", async () => {
    const [user, other] = [await createUser(), await createUser()];
    const browser = await browserFor(user.id);
    const asked = await browser.post("/account", { intent: "change-email", email: other.email, currentPassword: DEFAULT_PASSWORD });
    expect(asked.headers.get("Location")).toBe("/account#email");
    expect(await inbox(other.email)).toEqual([]);
  });
});
