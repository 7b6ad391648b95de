import { expect, test, toast } from "./support/fixtures.ts";

test("bookmarks and private notes show up on My notes", async ({ page, db, loginAs }) => {
  const course = await db.courses.createCourse({ title: `Notes course ${Date.now()}`, lessons: 1 });
  await loginAs();
  await page.goto(`/courses/${course.slug}/lessons/lesson-1`);
  await page.getByRole("button", { name: "☆ Bookmark this lesson" }).click();
  await expect(toast(page)).toContainText("Bookmarked");
  await expect(page.getByRole("button", { name: "★ Bookmarked (remove)" })).toHaveAttribute("aria-pressed", "true");
  await page.getByLabel("Private note (only you can see it)").fill("Check the DSN is loaded from the environment.");
  await page.getByRole("button", { name: "Save note" }).click();
  await expect(toast(page)).toContainText("Note saved.");
  await expect(page.getByLabel("Private note (only you can see it)")).toHaveValue("Check the DSN is loaded from the environment.");

  await page.getByRole("link", { name: "All my notes and bookmarks" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My notes" })).toBeVisible();
  await expect(page.locator("section[aria-labelledby=bookmarks-title]").getByRole("link", { name: "Lesson number 1" })).toBeVisible();
  await expect(page.getByText("Check the DSN is loaded from the environment.")).toBeVisible();
});

test("a discussion post gets a reply, and untrusted Markdown stays inert", async ({ page, db, loginAs, contextAs, baseURL }) => {
  const course = await db.courses.createCourse({ title: `Discussion course ${Date.now()}`, lessons: 1 });
  let dialogs = 0;
  page.on("dialog", async (d) => {
    dialogs++;
    await d.dismiss();
  });
  await loginAs("STUDENT", { name: "Asker" });
  const lessonUrl = `/courses/${course.slug}/lessons/lesson-1`;
  await page.goto(lessonUrl);
  await page.getByLabel("Add to the discussion").fill('Why does **this** fail? <img src=x onerror="alert(1)"> [link](javascript:alert(2))');
  await page.getByRole("button", { name: "Post", exact: true }).click();
  await expect(toast(page)).toContainText("Posted to the discussion.");
  const post = page.locator("li[id^=post-]").first();
  await expect(post.locator("strong", { hasText: "this" })).toBeVisible();

  // Someone else replies.
  const user = await db.factories.createUser({ name: "Helper" });
  const other = await contextAs(user.id);
  const otherPage = await other.newPage();
  await otherPage.goto(`${baseURL}${lessonUrl}`);
  await otherPage.locator("summary", { hasText: "Reply" }).click();
  await otherPage.getByLabel("Reply to Asker").fill("Check the `release` option.");
  await otherPage.getByRole("button", { name: "Reply", exact: true }).click();
  await expect(toast(otherPage)).toContainText("Reply posted.");
  await other.close();

  await page.reload();
  await expect(page.getByText("Helper")).toBeVisible();
  await expect(page.locator("code", { hasText: "release" })).toBeVisible();
  await page.locator("a", { hasText: "link" }).first().click({ trial: true }).catch(() => undefined);
  expect(await page.locator("img[onerror]").count()).toBe(0);
  expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
  expect(dialogs).toBe(0);
});
