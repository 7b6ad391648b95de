/**
 * Report §4 in a real browser: a javascript: URL stored before the URL rule
 * renders inert, the Content-Security-Policy stops an inline script that has no
 * nonce, and the /\t/host redirect stays on the site.
 */
import { expect, test } from "./support/fixtures.ts";

test("a javascript: resource stored before the URL rule is plain text: nothing to click, nothing runs", async ({ page, db, loginAs }) => {
  const course = await db.courses.createCourse({ title: `Stored XSS course ${Date.now()}`, lessons: 1 });
  const lesson = await db.prisma.lesson.findFirstOrThrow({ where: { courseId: course.id } });
  await db.prisma.lesson.update({
    where: { id: lesson.id },
    data: { resources: [{ title: "Click me", url: "javascript:document.title='pwned'" }, { title: "Sentry docs", url: "https://docs.sentry.io/" }] },
  });
  let dialogs = 0;
  page.on("dialog", async (d) => {
    dialogs++;
    await d.dismiss();
  });
  await loginAs("ADMIN");
  await page.goto(`/courses/${course.slug}/lessons/${lesson.slug}`);
  const resources = page.locator("section[aria-labelledby=resources]");
  await expect(resources.getByText("Click me")).toBeVisible();
  await expect(resources.getByRole("link", { name: "Click me" })).toHaveCount(0);
  await expect(resources.getByRole("link", { name: "Sentry docs" })).toHaveAttribute("href", "https://docs.sentry.io/");
  await resources.getByText("Click me").click();
  await expect(page).not.toHaveTitle("pwned");
  expect(page.url()).toContain(`/lessons/${lesson.slug}`);
  expect(dialogs).toBe(0);
});

test("the Content-Security-Policy refuses an inline script without the page's nonce", async ({ context, jsEnabled }) => {
  test.skip(!jsEnabled, "needs JavaScript to inject a script");
  // A page of its own: the CSP violation it provokes on purpose must not fail the fixture's check.
  const probe = await context.newPage();
  const violations: string[] = [];
  probe.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await probe.goto("/courses");
  const ran = await probe.evaluate(async () => {
    const script = document.createElement("script");
    script.textContent = "window.__injected = true";
    document.body.append(script);
    await new Promise((r) => setTimeout(r, 50));
    return (window as unknown as { __injected?: boolean }).__injected === true;
  });
  expect(ran).toBe(false);
  await expect.poll(() => violations.length).toBeGreaterThan(0);
  // The app's own scripts (with the nonce) did run: the page is hydrated and navigates client-side.
  expect(await probe.evaluate(() => typeof (window as unknown as { __remixContext?: unknown }).__remixContext)).toBe("object");
  await probe.close();
});

test("a signed-in visit to /login?redirectTo=/\\t/evil.example stays on the site", async ({ page, loginAs }) => {
  await loginAs();
  await page.goto("/login?redirectTo=%2F%09%2Fevil.example%2F");
  await expect(page).toHaveURL(/\/dashboard$/);
});
