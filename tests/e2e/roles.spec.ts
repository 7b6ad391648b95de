import { expect, test, toast } from "./support/fixtures.ts";
import { enrol } from "./support/two-factor.ts";

test("a student gets a 403 page in the instructor, admin and SE areas", async ({ page, loginAs }) => {
  await loginAs("STUDENT");
  for (const path of ["/instructor", "/admin/users", "/staff"]) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
  }
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" })).toHaveCount(0);
});

test("a guest is sent to log in and comes back to the page asked for", async ({ page, db }) => {
  const instructor = await db.factories.createUser({ role: "INSTRUCTOR" });
  await page.goto("/instructor");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Finstructor/);
  await page.getByLabel("Email").fill(instructor.email);
  await page.getByLabel("Password").fill(instructor.password!);
  await page.getByRole("button", { name: "Log in" }).click();
  // Staff enrol a second factor at their first sign-in, then go on to the page asked for.
  await enrol(page);
  await page.getByRole("link", { name: "I've saved them: continue" }).click();
  await expect(page).toHaveURL(/\/instructor$/);
  await expect(page.getByRole("heading", { name: "Instructor studio" })).toBeVisible();
});

test("an SE reaches the POC Portal from the header", async ({ page, loginAs }) => {
  await loginAs("SE");
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "POC Portal" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "POC Portal" })).toBeVisible();
});

test("an admin changes a user's role on the users page", async ({ page, loginAs, db }) => {
  await loginAs("ADMIN");
  const target = await db.factories.createUser({ name: `Promote Me ${Date.now()}` });
  await page.goto(`/admin/users?q=${encodeURIComponent(target.email)}`);
  await page.getByLabel(`Role of ${target.name}`).selectOption("INSTRUCTOR");
  await page.getByRole("row", { name: target.name }).getByRole("button", { name: "Save" }).click();
  await expect(toast(page)).toContainText(`${target.name}'s role is now Instructor`);
  await expect(page.getByLabel(`Role of ${target.name}`)).toHaveValue("INSTRUCTOR");
});

test("an admin sees the job queues", async ({ page, loginAs }) => {
  await loginAs("ADMIN");
  await page.goto("/admin/jobs");
  await expect(page.getByRole("heading", { name: "Background jobs" })).toBeVisible();
  await expect(page.getByRole("rowheader", { name: "send-email" })).toBeVisible();
});
