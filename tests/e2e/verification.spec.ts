/**
 * Email verification and account pre-takeover (issue 15), JS on and off: the
 * links come from the recipients' inbox (MAIL_DIR), never from the outbox page.
 */
import { expect, inbox, test, toast } from "./support/fixtures.ts";

const PASSWORD = "a long enough password";

test("sign-up → verification link → sign-in", async ({ page, db }) => {
  const email = db.factories.uniqueEmail("journey");
  await page.goto("/signup");
  await page.getByLabel("Name").fill("Ada Lovelace");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Repeat password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();

  await page.goto(await inbox.link(email, "/verify-email"));
  await expect(page.getByText(`Confirm that ${email} is your address`)).toBeVisible();
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(toast(page)).toContainText(`Thanks: ${email} is confirmed. Log in to continue.`);

  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("heading", { name: "Welcome to Sentry Academy, Ada Lovelace" })).toBeVisible();
  await expect(page.getByText("Confirm your email address.")).toHaveCount(0);
});

test("an unverified account signs in, sees the banner and resends the link", async ({ page, db, jsEnabled }, testInfo) => {
  const user = await db.factories.createUser({ emailVerified: false, name: "Not Yet" });
  await page.goto("/login");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(db.factories.DEFAULT_PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("heading", { name: "Welcome to Sentry Academy, Not Yet" })).toBeVisible();
  const banner = page.getByRole("region", { name: "Confirm your email address." });
  await expect(banner).toContainText(`We've sent a link to ${user.email}`);
  await page.setViewportSize({ width: 320, height: 640 });
  await page.screenshot({ path: testInfo.outputPath(`banner-320-${jsEnabled ? "js" : "nojs"}.png`) });
  await page.goto("/account#email");
  await page.screenshot({ path: testInfo.outputPath(`account-320-${jsEnabled ? "js" : "nojs"}.png`), fullPage: true });
  await page.goto("/dashboard");
  await banner.getByRole("button", { name: "Resend verification email" }).click();
  await expect(toast(page)).toContainText(`We've sent a new link to ${user.email}`);

  await page.goto(await inbox.link(user.email, "/verify-email"));
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(toast(page)).toContainText("is confirmed");
  await expect(page.getByRole("region", { name: "Confirm your email address." })).toHaveCount(0);
});

test("pre-takeover fails: the attacker's password stops working once the victim connects GitHub through the emailed link", async ({ page, browser, db, baseURL, jsEnabled }) => {
  const victim = db.factories.uniqueEmail("victim");
  // The attacker registers the victim's address first and logs in.
  const attackerContext = await browser.newContext({ javaScriptEnabled: jsEnabled });
  const attacker = await attackerContext.newPage();
  await attacker.goto(`${baseURL}/signup`);
  await attacker.getByLabel("Name").fill("Mallory");
  await attacker.getByLabel("Email").fill(victim);
  await attacker.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await attacker.getByLabel("Repeat password").fill(PASSWORD);
  await attacker.getByRole("button", { name: "Create account" }).click();
  await expect(attacker.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await attacker.goto(`${baseURL}/login`);
  await attacker.getByLabel("Email").fill(victim);
  await attacker.getByLabel("Password").fill(PASSWORD);
  await attacker.getByRole("button", { name: "Log in" }).click();
  await expect(attacker.getByRole("heading", { name: "Welcome to Sentry Academy, Mallory" })).toBeVisible();
  // Unverified: no Sentry connection, no API tokens.
  await attacker.goto(`${baseURL}/account`);
  await attacker.getByLabel("Token name").fill("persistence");
  await attacker.getByRole("button", { name: "Create token" }).click();
  await expect(attacker.getByRole("heading", { name: "Confirm your email address first" })).toBeVisible();

  // The victim signs in with GitHub: nothing is connected, a link goes to the victim's inbox.
  await page.goto("/login");
  await page.getByRole("button", { name: "Sign in with GitHub" }).click();
  await page.getByLabel("Name").fill("Victoria");
  await page.getByLabel("Email").fill(victim);
  await page.getByRole("button", { name: "Authorize" }).click();
  await expect(toast(page)).toContainText("We've emailed it a link that connects GitHub");
  await page.goto(await inbox.link(victim, "/auth/link"));
  await page.getByRole("button", { name: "Connect GitHub" }).click();
  await expect(toast(page)).toContainText("Every other session and API token of your account has ended");
  await expect(page.getByText("Sign-in methods")).toBeVisible();
  await expect(page.locator("dd").filter({ hasText: /^GitHub$/ })).toBeVisible();

  // The attacker's session is gone, and the password no longer opens the account.
  await attacker.goto(`${baseURL}/notes`);
  await expect(attacker).toHaveURL(/\/login\?redirectTo=%2Fnotes/);
  await attacker.getByLabel("Email").fill(victim);
  await attacker.getByLabel("Password").fill(PASSWORD);
  await attacker.getByRole("button", { name: "Log in" }).click();
  await expect(attacker.getByRole("alert")).toContainText("That email and password don't match an account");
  await attackerContext.close();
});

test("changing the email address: the current password, then the link sent to the new address", async ({ page, loginAs, db }) => {
  const user = await loginAs("STUDENT", { name: "Moving House" });
  const next = db.factories.uniqueEmail("moved");
  await page.goto("/account");
  const section = page.getByRole("region", { name: "Email address" });
  await section.getByLabel("New email address").fill(next);
  await section.getByLabel("Current password").fill("not my password");
  await section.getByRole("button", { name: "Send confirmation link" }).click();
  await expect(page.getByText("That isn't your current password")).toBeVisible();

  await page.getByLabel("New email address").fill(next);
  await section.getByLabel("Current password").fill(user.password!);
  await page.getByRole("button", { name: "Send confirmation link" }).click();
  await expect(toast(page)).toContainText(`we've sent it a link`);
  await expect(page.getByText(`Waiting for you to follow the link we sent to ${next}`)).toBeVisible();
  await expect(page.getByText(`You use ${user.email}`)).toBeVisible();

  await page.goto(await inbox.link(next, "/verify-email"));
  await page.getByRole("button", { name: "Use this address" }).click();
  await expect(toast(page)).toContainText(`Your account now uses ${next}`);
  await expect(page.getByText(`You use ${next}`)).toBeVisible();
});
