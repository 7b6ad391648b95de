import { readFile } from "node:fs/promises";
import { expect, test, toast } from "./support/fixtures.ts";
import { passwordStep } from "./support/two-factor.ts";

test("change name and password on the account page", async ({ page, loginAs }) => {
  const user = await loginAs("STUDENT", { name: "Old Name" });
  await page.goto("/account");
  await page.getByLabel("Full name").fill("N");
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByText("Your name needs at least 2 characters")).toBeVisible();
  await page.getByLabel("Full name").fill("New Name");
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(toast(page)).toContainText("Your name is now “New Name”");

  await page.getByRole("region", { name: "Password" }).getByLabel("Current password").fill("wrong one");
  await page.getByLabel("New password", { exact: true }).fill("my new long password");
  await page.getByLabel("Repeat the new password").fill("my new long password");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("That is not your current password")).toBeVisible();
  await page.getByRole("region", { name: "Password" }).getByLabel("Current password").fill(user.password!);
  await page.getByLabel("New password", { exact: true }).fill("my new long password");
  await page.getByLabel("Repeat the new password").fill("my new long password");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(toast(page)).toContainText("Your password has been changed");
  await expect(toast(page)).toContainText("API tokens revoked");
});

test("export my data: the job prepares the file and the link downloads it", async ({ page, loginAs }) => {
  const user = await loginAs("STUDENT", { name: "Export Me" });
  await page.goto("/account");
  await page.getByRole("button", { name: "Export my data" }).click();
  await expect(toast(page)).toContainText("Your export is being prepared");
  const link = page.getByRole("link", { name: /Download your data/ });
  await expect(async () => {
    await page.goto("/account"); // (not "#export": the same URL with a hash would not reload)
    await expect(link).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 15_000 });
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  const json = JSON.parse(await readFile((await download.path())!, "utf8"));
  expect(json.profile).toMatchObject({ email: user.email, name: "Export Me" });
});

test("delete my account: scheduled, signing in offers to cancel, cancelling keeps it", async ({ page, loginAs }) => {
  const user = await loginAs("STUDENT", { name: "Leaving Soon" });
  await page.goto("/account");
  await page.getByRole("button", { name: "Delete my account" }).click();
  await expect(page.getByText("Type DELETE (in capitals) to confirm")).toBeVisible();
  await page.getByLabel("Keep them verifiable").check();
  await page.getByLabel("Your password").fill(user.password!);
  await page.getByLabel("Type DELETE to confirm").fill("DELETE");
  await page.getByRole("button", { name: "Delete my account" }).click();
  await expect(toast(page)).toContainText("Your account will be deleted on");
  await expect(page.getByRole("banner").getByRole("link", { name: "Log in" })).toBeVisible();

  await page.goto("/login");
  await passwordStep(page, user.email, user.password!);
  await expect(page.getByText("Your account is scheduled for deletion on")).toBeVisible();
  await page.getByRole("button", { name: "Cancel the deletion and keep my account" }).click();
  await expect(toast(page)).toContainText("The deletion is cancelled");
  await expect(page.getByRole("button", { name: "Delete my account" })).toBeVisible();
});
