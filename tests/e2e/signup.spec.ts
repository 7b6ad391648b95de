import { expect, test } from "./support/fixtures.ts";

test("the home page shows the three parts of the product", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Learn to see what your software is doing." })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Academy" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "POC Portal" })).toBeVisible();
  await expect(page.getByRole("main")).toBeVisible();
  const featured = page.locator("section[aria-labelledby=featured-title]");
  await expect(featured.getByRole("heading", { name: "Good places to start" })).toBeVisible();
  await featured.getByRole("link", { name: "Error monitoring fundamentals" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Error monitoring fundamentals" })).toBeVisible();
});

test("sign-up shows errors next to the fields, keeps what was typed, then asks to confirm the address", async ({ page, db, jsEnabled }, testInfo) => {
  const email = db.factories.uniqueEmail("signup");
  await page.goto("/");
  await page.getByRole("link", { name: "Create a free account" }).click();
  await expect(page.getByRole("heading", { name: "Create your account" })).toBeVisible();

  await page.getByLabel("Name").fill("Grace Hopper");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill("a long enough password");
  await page.getByLabel("Repeat password").fill("a different password");
  await page.getByRole("button", { name: "Create account" }).click();

  const repeat = page.getByLabel("Repeat password");
  await expect(repeat).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("The two passwords don't match")).toBeVisible();
  await expect(page.getByLabel("Name")).toHaveValue("Grace Hopper");
  await expect(page.getByLabel("Email")).toHaveValue(email);
  await page.screenshot({ path: testInfo.outputPath(`signup-errors-${jsEnabled ? "js" : "nojs"}.png`), fullPage: true });

  // Without JS the server re-renders the form, so the passwords must be typed again.
  await page.getByLabel("Password", { exact: true }).fill("a long enough password");
  await repeat.fill("a long enough password");
  await page.getByRole("button", { name: "Create account" }).click();

  // The rest of the journey (the link, then logging in) is in verification.spec.ts.
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await expect(page.getByText(`We've sent a message to ${email}`)).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath(`signup-done-${jsEnabled ? "js" : "nojs"}.png`), fullPage: true });
});

test("sign-up does not tell whether an email already has an account", async ({ page, db }) => {
  const existing = await db.factories.createUser();
  await page.goto("/signup");
  await page.getByLabel("Name").fill("Someone Else");
  await page.getByLabel("Email").fill(existing.email);
  await page.getByLabel("Password", { exact: true }).fill("a long enough password");
  await page.getByLabel("Repeat password").fill("a long enough password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await expect(page.getByText("already")).toHaveCount(0);
});
