import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test, toast } from "./support/fixtures.ts";

/** Serious or critical axe-core violations in the lesson's content section (the editor, its toolbar and dialogs). */
async function seriousAxeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).include("section[aria-labelledby=lesson-body]").analyze();
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/**
 * The visual lesson editor (decision 038). With JavaScript, Tiptap over the Markdown textarea: the author
 * writes a link and a code block with a language in the editor, saves, and the learner's page shows them;
 * the textarea holds the Markdown the form posts. Without JavaScript, the textarea and the server preview.
 */
test("an instructor writes a lesson with a link, a code block and a library image; the learner's page shows them", async ({ page, db, loginAs, jsEnabled }, testInfo) => {
  test.setTimeout(90_000);
  const instructor = await loginAs("INSTRUCTOR", { name: "Edna Editor" });
  const course = await db.courses.createCourse({ title: `Editor course ${testInfo.project.name} ${Date.now()}`, lessons: 2, quiz: false, lessonBody: (i) => (i === 1 ? "## Start\n\nAn intro." : "Loose list:\n\n- one\n\n- two") });
  await db.prisma.course.update({ where: { id: course.id }, data: { authorId: instructor.id } });
  const lesson = course.lessons[0];
  const image = await db.prisma.mediaAsset.create({
    data: { courseId: course.id, kind: "IMAGE", status: "READY", originalName: "diagram.png", title: "Architecture diagram", contentType: "image/png", storageKey: "media/x/original" },
  });
  await page.goto(`/instructor/courses/${course.id}/lessons/${lesson.id}`);

  if (!jsEnabled) {
    // No editor: the textarea and the server's preview, as before.
    await expect(page.getByRole("button", { name: "Visual" })).toHaveCount(0);
    const body = "## Start\n\nRead [the docs](https://docs.sentry.io/).\n\n```python\nprint(\"hello\")\n```";
    await page.getByLabel("Lesson body (Markdown)").fill(body);
    await page.getByRole("button", { name: "Preview" }).click();
    await expect(page.getByTestId("lesson-preview").getByRole("link", { name: "the docs" })).toBeVisible();
    await page.getByRole("button", { name: "Save lesson" }).click();
    await expect(toast(page)).toContainText("saved");
    await expect(page.getByLabel("Lesson body (Markdown)")).toHaveValue(body);
  } else {
    const visual = page.getByRole("button", { name: "Visual" });
    await expect(visual).toHaveAttribute("aria-pressed", "true");
    await expect(page.getByLabel("Lesson body (Markdown)")).toBeHidden();
    const editor = page.getByRole("textbox", { name: "Lesson body (visual editor)" });
    await expect(editor.getByRole("heading", { name: "Start" })).toBeVisible();

    // The toolbar: one tab stop, arrow keys move along it, buttons say whether they are on.
    const toolbar = page.getByRole("toolbar", { name: "Formatting" });
    await toolbar.getByRole("button", { name: "Heading 2" }).focus();
    await page.keyboard.press("ArrowRight");
    await expect(toolbar.getByRole("button", { name: "Heading 3" })).toBeFocused();
    await page.keyboard.press("End");
    await expect(toolbar.getByRole("button", { name: "Image from the media library" })).toBeFocused();

    // A link, checked by the app's URL rule.
    await editor.getByText("An intro.").click();
    await page.keyboard.press("End");
    await page.keyboard.press("Enter");
    await page.keyboard.type("Read the docs");
    for (let i = 0; i < "the docs".length; i++) await page.keyboard.press("Shift+ArrowLeft");
    await toolbar.getByRole("button", { name: "Link" }).click();
    const dialog = page.getByRole("dialog", { name: "Add a link" });
    await dialog.getByLabel("Link address").fill("javascript:alert(1)");
    await dialog.getByRole("button", { name: "Add link" }).click();
    await expect(dialog.getByText("Use an http(s) address or a path starting with /.")).toBeVisible();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await dialog.getByLabel("Link address").fill("https://docs.sentry.io/");
    await dialog.getByLabel("Link address").press("Enter");
    await expect(dialog).toBeHidden();
    await expect(editor.getByRole("link", { name: "the docs" })).toBeVisible();
    await expect(toolbar.getByRole("button", { name: "Link" })).toHaveAttribute("aria-pressed", "true");

    // A code block in Python, from the language picker.
    await page.keyboard.press("End");
    await page.keyboard.press("Enter");
    await page.getByLabel("Code block language").selectOption("python");
    await toolbar.getByRole("button", { name: "Code block" }).click();
    await page.keyboard.type('print("hello")');
    await expect(toolbar.getByRole("button", { name: "Code block" })).toHaveAttribute("aria-pressed", "true");
    await expect(page.getByLabel("This code block's language")).toHaveValue("python");

    // An image from the course's library: its stable path goes into the Markdown.
    await toolbar.getByRole("button", { name: "Image from the media library" }).click();
    const picker = page.getByRole("dialog", { name: "Insert an image from the media library" });
    await picker.getByRole("radio", { name: "Architecture diagram" }).check();
    await picker.getByLabel("Alternative text").fill("How an event reaches Sentry");
    await picker.getByRole("button", { name: "Insert image" }).click();
    await expect(picker).toBeHidden();

    expect(await seriousAxeViolations(page)).toEqual([]);
    const section = page.locator("section[aria-labelledby=lesson-body]");
    await section.screenshot({ path: testInfo.outputPath("editor-1280.png") });
    // Usable at 320 px: nothing wider than the screen.
    await page.setViewportSize({ width: 320, height: 800 });
    await section.screenshot({ path: testInfo.outputPath("editor-320.png") });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.setViewportSize({ width: 1280, height: 800 });

    // The textarea holds the Markdown the form posts.
    await page.getByRole("button", { name: "Markdown" }).click();
    const textarea = page.getByLabel("Lesson body (Markdown)");
    await expect(textarea).toBeVisible();
    await expect(textarea).toHaveValue(
      `## Start\n\nAn intro.\n\nRead [the docs](https://docs.sentry.io/)\n\n\`\`\`python\nprint("hello")\n\`\`\`\n\n![How an event reaches Sentry](/files/${image.id}/original)`,
    );
    await visual.click();
    await page.getByRole("button", { name: "Save lesson" }).click();
    await expect(toast(page)).toContainText("saved");
    // After the save the editor opens the saved Markdown again.
    await expect(editor.getByRole("link", { name: "the docs" })).toBeVisible();

    // A body the editor would write differently (a loose list) opens in Markdown, and says why.
    await page.goto(`/instructor/courses/${course.id}/lessons/${course.lessons[1].id}`);
    await expect(page.getByRole("button", { name: "Markdown" })).toHaveAttribute("aria-pressed", "true");
    await expect(page.getByText("so it opens as Markdown")).toBeVisible();
    await expect(page.getByLabel("Lesson body (Markdown)")).toHaveValue("Loose list:\n\n- one\n\n- two");
  }

  await page.goto(`/courses/${course.slug}/lessons/${lesson.slug}`);
  const article = page.locator("main");
  await expect(article.getByRole("link", { name: "the docs" })).toHaveAttribute("href", "https://docs.sentry.io/");
  await expect(article.locator("pre code.language-python")).toContainText('print("hello")');
});
