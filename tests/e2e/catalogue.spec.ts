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

// ----- issue 17: order, grouped tags, phones, excerpts -------------------------------------

const cardsOf = (page: import("@playwright/test").Page) => page.locator("section[aria-labelledby=results-title] article");
const LEVEL_ORDER = ["Beginner", "Intermediate", "Advanced"];

/**
 * axe-core on the page's own content (<main>; the header and footer are the page suite's,
 * tests/e2e/pages.spec.ts). axe runs as a script, so only with JavaScript on: the markup it
 * checks is the same server-rendered HTML the no-JS run gets.
 */
async function seriousAxeViolations(page: import("@playwright/test").Page, jsEnabled: boolean) {
  if (!jsEnabled) return [];
  const { default: AxeBuilder } = await import("@axe-core/playwright");
  const { violations } = await new AxeBuilder({ page }).include("main").analyze();
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

test("the catalogue lists beginner courses first, each card with its artwork, and sorts by title on request", async ({ page }) => {
  await page.goto("/courses");
  const levels = await cardsOf(page).evaluateAll((cards) => cards.map((c) => c.querySelector("p")!.textContent!));
  const ranks = levels.map((text) => LEVEL_ORDER.findIndex((l) => text.includes(l)));
  expect(ranks.length).toBeGreaterThan(3);
  expect(ranks).toEqual([...ranks].sort((a, b) => a - b)); // beginner → intermediate → advanced
  expect(ranks[0]).toBe(0);
  // Generated artwork, decorative (empty alt), answered from a cacheable URL.
  const art = cardsOf(page).first().locator("img");
  await expect(art).toHaveAttribute("alt", "");
  const src = (await art.getAttribute("src"))!;
  expect(src).toMatch(/^\/art\/course\/v1-b-[a-z-]+-[0-9a-f]{6}\.svg$/);
  const svg = await page.request.get(src);
  expect(svg.headers()["content-type"]).toBe("image/svg+xml");
  expect(svg.headers()["cache-control"]).toContain("immutable");

  await page.getByLabel("Sort", { exact: true }).selectOption("title");
  if (!(await page.evaluate(() => /sort=title/.test(location.search)))) await page.getByRole("button", { name: "Sort", exact: true }).click();
  await expect(page).toHaveURL(/sort=title/);
  // Other specs add courses as they run ("Alerting studio …"), so the order is checked, not one first title.
  await expect(cardsOf(page).getByRole("heading", { name: "Alerts that people act on" })).toBeVisible();
  const titles = await cardsOf(page).getByRole("heading").allTextContents();
  expect(titles).toEqual([...titles].sort((a, b) => a.localeCompare(b)));
});

test("the tag filter groups its tags by kind: Sentry features, platforms and tools, topics", async ({ page }) => {
  await page.goto("/courses");
  const tag = page.getByLabel("Tag");
  expect(await tag.locator("optgroup").evaluateAll((groups) => groups.map((g) => g.getAttribute("label")))).toEqual(["Sentry features", "Platforms and tools", "Topics"]);
  const groupOf = (value: string) => tag.locator(`option[value="${value}"]`).evaluate((o) => o.parentElement!.getAttribute("label"));
  expect(await groupOf("tracing")).toBe("Sentry features");
  expect(await groupOf("session replay")).toBe("Sentry features");
  expect(await groupOf("react")).toBe("Platforms and tools");
  expect(await groupOf("on-call")).toBe("Topics");
  expect(await tag.locator("option").count()).toBeGreaterThan(60); // every tag, not the 40 most used
  await tag.selectOption("on-call");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/tag=on-call/);
  await expect(cardsOf(page).getByRole("heading")).toHaveText(["Alerts that people act on"]);
});

test("on a phone the courses come first and the filters fold away until asked for or set", async ({ page, jsEnabled }) => {
  await page.setViewportSize({ width: 320, height: 720 });
  await page.goto("/courses");
  await expect(page.getByLabel("Search courses and lessons")).toBeVisible();
  await expect(page.getByLabel("Level")).toBeHidden();
  const firstCard = await cardsOf(page).first().getByRole("heading").boundingBox();
  expect(firstCard!.y).toBeLessThan(720); // on the first screen (it was at y≈1,030)
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  expect(await seriousAxeViolations(page, jsEnabled)).toEqual([]);
  await page.getByText("Filters", { exact: true }).click();
  await expect(page.getByLabel("Level")).toBeVisible();

  await page.goto("/courses?level=beginner");
  await expect(page.getByLabel("Level")).toBeVisible(); // a filter is on: the panel shows it
  await expect(page.getByText("Filters (1 on)")).toBeVisible();
});

test("search excerpts start at the matched sentence and end with an ellipsis where they are cut", async ({ page, jsEnabled }) => {
  for (const width of [1280, 320]) {
    await page.setViewportSize({ width, height: 800 });
    await page.goto("/courses?q=session+replay");
    const card = cardsOf(page).filter({ has: page.getByRole("heading", { name: "Session Replay for web apps" }) });
    const excerpt = card.locator("p").filter({ has: page.locator("mark") }).first();
    await expect(excerpt).toHaveText(/^See what users saw before an error\. .+\S…$/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    expect(await seriousAxeViolations(page, jsEnabled)).toEqual([]);
  }
});
