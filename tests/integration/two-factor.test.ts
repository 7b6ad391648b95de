/**
 * Two-factor sign-in over HTTP, as a browser without JavaScript sees it: staff
 * must enrol at sign-in, a half-signed-in session reaches nothing else, codes and
 * recovery codes work once, and OAuth sign-ins pass the same step.
 */
import { generate } from "otplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_TOTP_SECRET, totpSecretContext } from "~/modules/accounts/demo-accounts.ts";
import { demoCodeFor } from "~/modules/accounts/two-factor.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { encrypt } from "~/utils/encryption.server.ts";
import type { RoleName } from "~/utils/permissions.ts";
import { startFakeOAuthProvider, type FakeOAuthProvider } from "../../fakes/oauth-provider.ts";
import { Browser, visibleText } from "../support/app.ts";
import { signedInBrowser } from "../support/signed-in.ts";
import { createUser, uniqueEmail } from "../support/factories.ts";

let fake: FakeOAuthProvider;
beforeAll(async () => {
  fake = await startFakeOAuthProvider();
  Object.assign(process.env, fake.env);
});
afterAll(() => fake.close());

/** A code of the time step `steps` away from now (the server accepts one step either side). */
const codeAt = (secret: string, steps = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + steps * 30 });

function hidden(html: string, name: string) {
  return new RegExp(`name="${name}" value="([^"]+)"`).exec(html)?.[1] ?? "";
}
function secretOf(html: string) {
  return /data-testid="totp-secret"[^>]*>([^<]+)</.exec(html)![1].replace(/\s/g, "");
}

async function passwordStep(user: { email: string; password: string | null }, redirectTo = "/dashboard") {
  const browser = new Browser();
  const response = await browser.post("/login", { email: user.email, password: user.password!, redirectTo });
  return { browser, response };
}

/** Signs a staff user in for the first time: password, then enrolment. Returns the secret and recovery codes. */
async function enrolAtSignIn(user: { email: string; password: string | null }) {
  const { browser, response } = await passwordStep(user);
  const page = await (await browser.follow(response)).text();
  const secret = secretOf(page);
  const done = await browser.post("/login/two-factor?redirectTo=%2Fdashboard", { intent: "enable-two-factor", sealed: hidden(page, "sealed"), code: await codeAt(secret) });
  expect(done.status).toBe(200);
  const codes = [...(await done.text()).matchAll(/<li>([a-z0-9]{5}-[a-z0-9]{5})<\/li>/g)].map((m) => m[1]);
  return { browser, secret, codes };
}

describe("who must use a second factor", () => {
  for (const role of ["INSTRUCTOR", "ADMIN", "SE"] as RoleName[]) {
    it(`${role}: the password step leads to enrolment, and the half-signed-in session reaches nothing else`, async () => {
      const user = await createUser({ role });
      const { browser, response } = await passwordStep(user, "/account");
      expect(response.status).toBe(302);
      expect(response.headers.get("Location")).toBe("/login/two-factor?redirectTo=%2Faccount");
      const page = await browser.follow(response);
      expect(visibleText(await page.text())).toContain("Set up two-factor authentication");
      for (const path of ["/dashboard", "/account", "/instructor", "/admin/users", "/staff"]) {
        const guarded = await browser.get(path);
        expect(guarded.status, path).toBe(302);
        expect(guarded.headers.get("Location"), path).toMatch(/^\/login\?redirectTo=/);
      }
      // The login page sends a pending session back to the second step.
      const login = await browser.get("/login?redirectTo=%2Faccount");
      expect(login.headers.get("Location")).toBe("/login/two-factor?redirectTo=%2Faccount");
      // JSON API with the pending cookie: not signed in.
      expect((await browser.get("/api/users/me")).status).toBe(401);
    });
  }

  it("STUDENT without two-factor: signed in straight away", async () => {
    const user = await createUser({ role: "STUDENT" });
    const { response } = await passwordStep(user);
    expect(response.headers.get("Location")).toBe("/dashboard");
  });

  it("sessions made by the test factories count as past the second factor (fixtures)", async () => {
    const { browser } = await signedInBrowser("ADMIN");
    expect((await browser.get("/admin/users")).status).toBe(200);
  });
});

describe("enrolment at sign-in", () => {
  it("refuses a wrong code next to the field, then shows 10 recovery codes once and signs in", async () => {
    const user = await createUser({ role: "INSTRUCTOR" });
    const { browser, response } = await passwordStep(user);
    const page = await (await browser.follow(response)).text();
    expect(page).toContain("<svg"); // the QR code, drawn on the server
    const secret = secretOf(page);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const wrong = await browser.post("/login/two-factor", { intent: "enable-two-factor", sealed: hidden(page, "sealed"), code: "000000" === (await codeAt(secret)) ? "111111" : "000000" });
    expect(wrong.status).toBe(400);
    const wrongHtml = await wrong.text();
    expect(visibleText(wrongHtml)).toContain("That code didn't match");
    expect(secretOf(wrongHtml)).toBe(secret); // the same key stays on the page
    const empty = await browser.post("/login/two-factor", { intent: "enable-two-factor", sealed: hidden(page, "sealed"), code: "" });
    expect(empty.status).toBe(400);

    const done = await browser.post("/login/two-factor", { intent: "enable-two-factor", sealed: hidden(page, "sealed"), code: await codeAt(secret) });
    expect(done.status).toBe(200);
    const codes = [...(await done.text()).matchAll(/<li>([a-z0-9]{5}-[a-z0-9]{5})<\/li>/g)].map((m) => m[1]);
    expect(codes).toHaveLength(10);
    expect((await browser.get("/instructor")).status).toBe(200);
    const row = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.totpSecretCipher).toMatch(/^v1\./); // encrypted, never the base32 text
    expect(row.totpSecretCipher).not.toContain(secret);
    const stored = await prisma.recoveryCode.findMany({ where: { userId: user.id } });
    expect(stored.map((c) => c.codeHash)).not.toContain(codes[0]);
  });

  it("refuses another user's enrolment form (its key is sealed to that user)", async () => {
    const victim = await createUser({ role: "SE" });
    const attacker = await createUser({ role: "SE" });
    const v = await passwordStep(victim);
    const victimPage = await (await v.browser.follow(v.response)).text();
    const a = await passwordStep(attacker);
    const response = await a.browser.post("/login/two-factor", { intent: "enable-two-factor", sealed: hidden(victimPage, "sealed"), code: await codeAt(secretOf(victimPage)) });
    expect(response.status).toBe(400);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: attacker.id } })).totpSecretCipher).toBeNull();
  });
});

describe("signing in with a second factor", () => {
  it("takes a code once: the same code cannot be used again", async () => {
    const user = await createUser({ role: "ADMIN" });
    const { secret } = await enrolAtSignIn(user);
    const next = await codeAt(secret, 1);

    const first = await passwordStep(user, "/admin/users");
    const twoFactorPage = await first.browser.follow(first.response);
    expect(visibleText(await twoFactorPage.text())).toContain("Enter the 6-digit code");
    const ok = await first.browser.post("/login/two-factor?redirectTo=%2Fadmin%2Fusers", { intent: "verify", code: next });
    expect(ok.status).toBe(302);
    expect(ok.headers.get("Location")).toBe("/admin/users");
    expect((await first.browser.get("/admin/users")).status).toBe(200);

    const replay = await passwordStep(user);
    const again = await replay.browser.post("/login/two-factor", { intent: "verify", code: next });
    expect(again.status).toBe(400);
    expect(visibleText(await again.text())).toContain("That code didn't work");
    expect((await replay.browser.get("/admin/users")).status).toBe(302);
    // An older code than the last accepted one is refused as well.
    expect((await replay.browser.post("/login/two-factor", { intent: "verify", code: await codeAt(secret, -1) })).status).toBe(400);
  });

  it("takes a recovery code once", async () => {
    const user = await createUser({ role: "SE" });
    const { codes } = await enrolAtSignIn(user);
    const first = await passwordStep(user, "/staff");
    const ok = await first.browser.post("/login/two-factor?redirectTo=%2Fstaff", { intent: "recovery", recoveryCode: codes[3].toUpperCase() });
    expect(ok.headers.get("Location")).toBe("/staff");
    const page = visibleText(await (await first.browser.follow(ok)).text());
    expect(page).toContain("You used a recovery code: 9 left");

    const second = await passwordStep(user);
    const used = await second.browser.post("/login/two-factor", { intent: "recovery", recoveryCode: codes[3] });
    expect(used.status).toBe(400);
    expect(visibleText(await used.text())).toContain("That recovery code didn't work");
    const empty = await second.browser.post("/login/two-factor", { intent: "recovery", recoveryCode: "" });
    expect(empty.status).toBe(400);
    expect(visibleText(await empty.text())).toContain("Enter one of your recovery codes");
  });

  it("throttles wrong codes (429 with Retry-After)", async () => {
    const user = await createUser({ role: "INSTRUCTOR" });
    await enrolAtSignIn(user);
    const { browser } = await passwordStep(user);
    for (let i = 0; i < 5; i++) expect((await browser.post("/login/two-factor", { intent: "verify", code: "12345x" })).status).toBe(400);
    const blocked = await browser.post("/login/two-factor", { intent: "verify", code: "123456" });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("Retry-After"))).toBeGreaterThan(0);
  });

  it("without a pending session the step sends to login, and 'cancel' ends the pending session", async () => {
    expect((await new Browser().post("/login/two-factor", { intent: "verify", code: "123456" })).headers.get("Location")).toBe("/login");
    const user = await createUser({ role: "SE" });
    const { browser } = await passwordStep(user);
    const cancel = await browser.post("/login/two-factor", { intent: "cancel" });
    expect(cancel.headers.get("Location")).toBe("/login");
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
  });

  it("GitHub sign-in passes the same step", async () => {
    const email = uniqueEmail("octo-staff");
    const browser = new Browser();
    const oauth = async (b: Browser) => {
      const start = await b.post("/auth/github", { redirectTo: "/account" });
      const authorize = new URL(start.headers.get("Location")!);
      const decision = await fetch(authorize.origin + authorize.pathname, {
        method: "POST",
        redirect: "manual",
        body: new URLSearchParams({ ...Object.fromEntries(authorize.searchParams), decision: "allow", name: "Octo Staff", email }),
      });
      const callback = new URL(decision.headers.get("Location")!);
      return b.get(callback.pathname + callback.search);
    };
    const first = await oauth(browser);
    expect(first.headers.get("Location")).toBe("/account"); // a new student account: no second factor
    await prisma.user.update({ where: { email }, data: { role: "SE" } });
    const again = new Browser();
    const second = await oauth(again);
    expect(second.headers.get("Location")).toBe("/login/two-factor?redirectTo=%2Faccount");
    expect((await again.get("/account")).status).toBe(302);
  });
});

describe("two-factor settings on the account page", () => {
  it("a student turns it on, is asked for a code at sign-in, and turns it off with a current code", async () => {
    const { user, browser } = await signedInBrowser("STUDENT");
    const page = await (await browser.get("/account/two-factor")).text();
    const secret = secretOf(page);
    const on = await browser.post("/account/two-factor", { intent: "enable-two-factor", sealed: hidden(page, "sealed"), code: await codeAt(secret) });
    expect(on.status).toBe(200);
    expect(visibleText(await on.text())).toContain("Two-factor authentication is on");

    const login = await passwordStep(user);
    expect(login.response.headers.get("Location")).toBe("/login/two-factor?redirectTo=%2Fdashboard");

    const wrong = await browser.post("/account/two-factor", { intent: "disable-two-factor", code: "abc" });
    expect(wrong.status).toBe(400);
    expect(visibleText(await wrong.text())).toContain("That code didn't work");
    const off = await browser.post("/account/two-factor", { intent: "disable-two-factor", code: await codeAt(secret, 1) });
    expect(off.status).toBe(302);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).totpSecretCipher).toBeNull();
    expect((await passwordStep(user)).response.headers.get("Location")).toBe("/dashboard");
  });

  it("staff cannot turn it off (403), and can make new recovery codes with a current code", async () => {
    const user = await createUser({ role: "INSTRUCTOR" });
    const { browser, secret, codes } = await enrolAtSignIn(user);
    const off = await browser.post("/account/two-factor", { intent: "disable-two-factor", code: await codeAt(secret, 1) });
    expect(off.status).toBe(403);
    expect(visibleText(await off.text())).toContain("Your role requires two-factor authentication");
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).totpSecretCipher).not.toBeNull();
    const fresh = await browser.post("/account/two-factor", { intent: "regenerate-recovery-codes", code: await codeAt(secret, 1) });
    // The refused "turn off" did not use the code up (it is refused before any code is checked).
    expect(fresh.status).toBe(200);
    const newCodes = [...(await fresh.text()).matchAll(/<li>([a-z0-9]{5}-[a-z0-9]{5})<\/li>/g)].map((m) => m[1]);
    expect(newCodes).toHaveLength(10);
    // The old codes no longer work.
    const login = await passwordStep(user);
    expect((await login.browser.post("/login/two-factor", { intent: "recovery", recoveryCode: codes[0] })).status).toBe(400);
    expect((await login.browser.post("/login/two-factor", { intent: "recovery", recoveryCode: newCodes[0] })).status).toBe(302);
  });

  it("guests are sent to log in", async () => {
    expect((await new Browser().get("/account/two-factor")).headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
  });
});

describe("demo staff accounts", () => {
  it("the demo key gives a demo hint (shown in demo mode only); no other account's code is ever offered", async () => {
    const demo = await createUser({ role: "SE" });
    await prisma.user.update({ where: { id: demo.id }, data: { totpSecretCipher: encrypt(DEMO_TOTP_SECRET, totpSecretContext(demo.id)), totpEnabledAt: new Date() } });
    const before = await codeAt(DEMO_TOTP_SECRET);
    const shown = await demoCodeFor(demo.id);
    expect([before, await codeAt(DEMO_TOTP_SECRET)]).toContain(shown); // (either side of a step boundary)
    const real = await createUser({ role: "SE" });
    await enrolAtSignIn(real);
    expect(await demoCodeFor(real.id)).toBeNull();
    // Outside demo mode (this test server), the sign-in step never shows a code.
    const { browser, response } = await passwordStep(demo);
    expect(visibleText(await (await browser.follow(response)).text())).not.toContain("Demo account: the current code");
  });
});
