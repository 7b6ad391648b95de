import { expect, inbox, test, toast } from "./support/fixtures.ts";

test("login failure, then success, then log out through the account menu", async ({ page, db }) => {
  const user = await db.factories.createUser({ name: "Linus Login" });
  await page.goto("/login");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill("not my password");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("alert")).toContainText("That email and password don't match an account");
  await expect(page.getByLabel("Email")).toHaveValue(user.email);

  await page.getByLabel("Password").fill(db.factories.DEFAULT_PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("heading", { name: "Welcome to Sentry Academy, Linus Login" })).toBeVisible();

  await page.getByText("Linus Login, account menu").click(); // a <details> menu: works without JS
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(toast(page)).toContainText("You're logged out");
  await expect(page.getByRole("banner").getByRole("link", { name: "Log in" })).toBeVisible();
});

// Five wrong passwords from one network stop that network (for this account) with a clear message; the owner
// elsewhere is not locked out (decision 019, covered in tests/integration/rate-limits.test.ts).
test("repeated failures stop this network for a while with a clear message", async ({ page, db }) => {
  const user = await db.factories.createUser();
  await page.goto("/login");
  for (let i = 0; i < 5; i++) {
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(`wrong password ${i}`);
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page.getByRole("alert")).toContainText("don't match");
  }
  await page.getByLabel("Password").fill(db.factories.DEFAULT_PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("alert")).toContainText(/Too many sign-in attempts\. Try again in \d+ minutes\./);
});

test("forgot password: the link arrives in the inbox (never on the outbox), sets a new password, and works only once", async ({ page, db }) => {
  const user = await db.factories.createUser();
  await page.goto("/login");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
  await page.getByLabel("Email").fill(user.email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();

  // The recipient's inbox has the link; the public demo outbox lists the mail with the link removed.
  const link = await inbox.link(user.email, "/reset-password");
  await page.getByRole("link", { name: "development outbox" }).click();
  const mail = page.getByRole("article").filter({ hasText: `To ${user.email}` }).first();
  await expect(mail).toContainText("[private link: only in the recipient's inbox]");
  await expect(mail.getByRole("link")).toHaveCount(0);
  await page.goto(link);
  await page.getByLabel("New password", { exact: true }).fill("my new secret password");
  await page.getByLabel("Repeat new password").fill("my new secret password");
  await page.getByRole("button", { name: "Save new password" }).click();
  await expect(toast(page)).toContainText("Your password has been changed");

  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill("my new secret password");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);

  await page.goto(link);
  await expect(page.getByRole("alert")).toContainText("This reset link has already been used");
});

test("an expired reset link explains itself and offers a new one", async ({ page, db }) => {
  const user = await db.factories.createUser();
  await page.goto("/forgot-password");
  await page.getByLabel("Email").fill(user.email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  const link = await inbox.link(user.email, "/reset-password");
  await db.prisma.passwordReset.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 60_000) } });
  await page.goto(link);
  await expect(page.getByRole("alert")).toContainText("This reset link has expired");
  await page.getByRole("link", { name: "Send me a new link" }).click();
  await expect(page.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
});

test("sign in with GitHub through the OAuth provider", async ({ page, db }) => {
  const email = db.factories.uniqueEmail("octo");
  await page.goto("/login");
  await page.getByRole("button", { name: "Sign in with GitHub" }).click();
  await expect(page.getByRole("heading", { name: /authorize Sentry Academy/ })).toBeVisible();
  await page.getByLabel("Name").fill("Octo Cat");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Authorize" }).click();
  await expect(page.getByRole("heading", { name: "Welcome to Sentry Academy, Octo Cat" })).toBeVisible();
});

test("an OAuth callback with a bad state is refused with a message", async ({ page }) => {
  await page.goto("/auth/github/callback?code=forged&state=forged");
  await expect(page).toHaveURL(/\/login$/);
  await expect(toast(page)).toContainText("Sign-in with GitHub didn't complete");
});

test("log out everywhere ends the sessions of other browsers", async ({ page, browser, loginAs, baseURL, jsEnabled }) => {
  const user = await loginAs("STUDENT", { name: "Two Browsers" });
  const other = await browser.newContext({ javaScriptEnabled: jsEnabled });
  const cookies = await page.context().cookies();
  // The other browser signs in separately.
  const otherPage = await other.newPage();
  await otherPage.goto(`${baseURL}/login`);
  await otherPage.getByLabel("Email").fill(user.email);
  await otherPage.getByLabel("Password").fill(user.password!);
  await otherPage.getByRole("button", { name: "Log in" }).click();
  await expect(otherPage.getByRole("heading", { name: "Welcome to Sentry Academy, Two Browsers" })).toBeVisible();
  expect(cookies.some((c) => c.name === "__session")).toBe(true);

  await page.goto("/account");
  await expect(page.getByText("This browser")).toBeVisible();
  await page.getByRole("button", { name: "Log out everywhere" }).click();
  await expect(toast(page)).toContainText("logged out on every device");

  await otherPage.goto(`${baseURL}/dashboard`);
  await expect(otherPage).toHaveURL(/\/login\?redirectTo=%2Fdashboard/);
  await other.close();
});
