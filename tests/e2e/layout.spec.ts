import { expect, test } from "./support/fixtures.ts";

test("pages fit a 320 px wide screen without horizontal scrolling", async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 800 });
  for (const path of [
    "/",
    "/courses?q=replay",
    "/courses/session-replay-for-web-apps",
    "/courses/session-replay-for-web-apps/lessons/privacy-masking-and-blocking",
    "/courses/user-feedback/quizzes/check-your-understanding",
    "/paths",
    "/signup",
    "/api/docs",
    "/privacy",
  ]) {
    await page.goto(path);
    await expect(page.getByRole("main")).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(320);
  }
});

test("the account pages fit a 320 px wide screen without horizontal scrolling", async ({ page, loginAs }) => {
  // A long address (one unbreakable word) is what a real account page must wrap.
  await loginAs("STUDENT", { email: `a.rather.long.address.${Date.now()}@subdomain.example-company.com` });
  await page.setViewportSize({ width: 320, height: 800 });
  // The account page (email, two-factor, sessions, tokens, export, deletion) and the two-factor set-up with its QR code.
  for (const path of ["/account", "/account/two-factor"]) {
    await page.goto(path);
    await expect(page.getByRole("main")).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(320);
  }
});

test("a long email address wraps on the 'Check your email' card at 320 px", async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 800 });
  await page.goto("/forgot-password");
  await page.getByLabel("Email").fill(`someone.with.a.rather.long.address.${Date.now()}@subdomain.example-company.com`);
  await page.getByRole("button", { name: /link/i }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
});
