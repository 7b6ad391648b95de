import { expect, test } from "./support/fixtures.ts";

/**
 * The JavaScript budget (issue 17): our own error-monitoring SDK (@sentry/remix, about 50 KB gzip)
 * is downloaded only when a DSN is configured. The e2e app runs without one, so no page may fetch it.
 * "__SENTRY__" is the SDK's global carrier key: it appears in the SDK's code and in no other bundle.
 */
test("without a DSN, no page downloads the error-monitoring SDK", async ({ page, jsEnabled }) => {
  test.skip(!jsEnabled, "with JavaScript off no script is downloaded at all");
  const scripts: Promise<string>[] = [];
  page.on("response", (response) => {
    if (response.request().resourceType() === "script") scripts.push(response.text());
  });
  for (const path of ["/", "/courses", "/login"]) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
  }
  const bodies = await Promise.all(scripts);
  expect(bodies.length).toBeGreaterThan(3);
  expect(bodies.filter((body) => body.includes("__SENTRY__"))).toHaveLength(0);
  expect(await page.evaluate(() => "__SENTRY__" in window)).toBe(false);
});
