import { expect, test, toast } from "./support/fixtures.ts";
import { enrol, passwordStep, totpCode } from "./support/two-factor.ts";

test("an instructor enrols at first sign-in, then signs in with a code and with a recovery code", async ({ page, db, browser, jsEnabled, baseURL }) => {
  const instructor = await db.factories.createUser({ role: "INSTRUCTOR", name: "Tess Two-Factor" });
  await page.goto("/instructor");
  await passwordStep(page, instructor.email, instructor.password!);
  // Half signed in: only the second step.
  await expect(page.getByRole("heading", { name: "Set up two-factor authentication" })).toBeVisible();
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  await page.getByLabel("6-digit code from the app").fill("12345");
  await page.getByRole("button", { name: "Turn on and continue" }).click();
  await expect(page.getByText("That code didn't match")).toBeVisible();
  const { secret, codes } = await enrol(page);
  await page.getByRole("link", { name: "I've saved them: continue" }).click();
  await expect(page.getByRole("heading", { name: "Instructor studio" })).toBeVisible();

  // A new browser: password, then a code from the app.
  const second = await browser.newContext({ javaScriptEnabled: jsEnabled, baseURL });
  const p2 = await second.newPage();
  await p2.goto("/login");
  await passwordStep(p2, instructor.email, instructor.password!);
  await expect(p2.getByRole("heading", { name: "Two-factor authentication" })).toBeVisible();
  await p2.goto("/instructor"); // nothing else is reachable meanwhile
  await expect(p2.getByRole("heading", { name: "Two-factor authentication" })).toBeVisible();
  await p2.getByLabel("Authentication code").fill(await totpCode(secret, 1));
  await p2.getByRole("button", { name: "Verify" }).click();
  await expect(p2.getByRole("heading", { name: "Instructor studio" })).toBeVisible();
  await second.close();

  // A third: a recovery code instead; the same one a second time does not work.
  for (const attempt of ["works", "used"]) {
    const ctx = await browser.newContext({ javaScriptEnabled: jsEnabled, baseURL });
    const p = await ctx.newPage();
    await p.goto("/login");
    await passwordStep(p, instructor.email, instructor.password!);
    await p.getByText("Lost your phone? Use a recovery code").click();
    await p.getByLabel("Recovery code").fill(codes[0]);
    await p.getByRole("button", { name: "Use recovery code" }).click();
    if (attempt === "works") {
      await expect(toast(p)).toContainText("You used a recovery code: 9 left");
    } else {
      await expect(p.getByText("That recovery code didn't work")).toBeVisible();
    }
    await ctx.close();
  }
});

test("a student turns two-factor on from the account page and off again with a current code", async ({ page, loginAs, db }) => {
  const student = await loginAs("STUDENT");
  await page.goto("/account");
  await page.getByRole("link", { name: "Set up two-factor" }).click();
  const { secret } = await enrol(page, "Turn on two-factor");
  await expect(page.getByText("Two-factor authentication is on")).toBeVisible();
  await page.goto("/account/two-factor");
  await page.getByLabel("Current code to turn it off").fill("000000");
  await page.getByRole("button", { name: "Turn off two-factor" }).click();
  await expect(page.getByText("That code didn't work")).toBeVisible();
  await page.getByLabel("Current code to turn it off").fill(await totpCode(secret, 1));
  await page.getByRole("button", { name: "Turn off two-factor" }).click();
  await expect(toast(page)).toContainText("Two-factor authentication is off");
  expect((await db.prisma.user.findUniqueOrThrow({ where: { id: student.id } })).totpSecretCipher).toBeNull();
});

test("demo mode: a demo staff account signs in with the code the page shows, and cannot change its password", async ({ page, jsEnabled }) => {
  // One account per run (JS on / off): each code works once.
  const account = jsEnabled ? "instructor" : "admin";
  await page.goto("/login");
  await passwordStep(page, `${account}@academy.test`, `${account}-demo-password`);
  const code = (await page.getByTestId("demo-code").locator("strong").textContent())!.trim();
  expect(code).toMatch(/^\d{6}$/);
  await page.getByLabel("Authentication code").fill(code);
  await page.getByRole("button", { name: "Verify" }).click();
  // Staff land where their work is (sign-in.server.ts): the studio, or the admin area.
  await expect(page).toHaveURL(jsEnabled ? /\/instructor$/ : /\/admin$/);
  await page.goto("/account");
  await page.getByRole("region", { name: "Password" }).getByLabel("Current password").fill(`${account}-demo-password`);
  await page.getByLabel("New password", { exact: true }).fill("taken over password");
  await page.getByLabel("Repeat the new password").fill("taken over password");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("This is a shared demo account")).toBeVisible();
});
