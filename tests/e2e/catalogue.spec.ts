import { expect, test } from "./support/fixtures.ts";

test("a guest searches and filters the catalogue, with everything in the URL", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Academy" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Courses" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: /\d+ courses/ })).toBeVisible();

  await page.getByLabel("Search courses and lessons").fill("session replay");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/\/courses\?q=session\+replay/);
  const results = page.getByRole("region", { name: "Results" }).or(page.locator("section[aria-labelledby=results-title]"));
  await expect(results.getByRole("heading", { name: "Session Replay for web apps" })).toBeVisible();
  await expect(results.locator("mark").first()).toBeVisible();

  await page.getByLabel("Level").selectOption("beginner");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/level=beginner/);
  await expect(page).toHaveURL(/q=session\+replay/);
  await expect(results.getByRole("heading", { name: "Session Replay for web apps" })).toBeVisible();
  await expect(results.getByRole("heading", { name: /Capstone/ })).toHaveCount(0);

  // The URL is bookmarkable: opening it again gives the same results.
  const url = page.url();
  await page.goto(url);
  await expect(page.getByLabel("Level")).toHaveValue("beginner");
  await results.getByRole("link", { name: "Session Replay for web apps" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Session Replay for web apps" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Syllabus" })).toBeVisible();
});

test("filtering by platform and paging through the catalogue", async ({ page }) => {
  await page.goto("/courses?platform=apple-ios");
  const cards = page.locator("section[aria-labelledby=results-title] article");
  await expect(cards.first()).toBeVisible();
  for (const title of await cards.getByRole("heading").allTextContents()) expect(title).not.toBe("Session Replay for web apps");
  await page.goto("/courses");
  await page.getByRole("link", { name: "Next →" }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page.getByRole("link", { name: "2", exact: true })).toHaveAttribute("aria-current", "page");
});
