import type { Page } from "@playwright/test";
import { expect, test, toast } from "./support/fixtures.ts";

/** The outline's card of one module, found by its heading ("Module 1: Basics"). */
const moduleCard = (page: Page, heading: string) => page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 3, name: heading }) });

async function addItem(page: Page, module: string, kind: "lesson" | "quiz", title: string) {
  await page.getByLabel(`New lesson or quiz in “${module}”`).fill(title);
  const card = page.getByRole("listitem").filter({ has: page.getByLabel(`New lesson or quiz in “${module}”`) });
  await card.getByRole("button", { name: kind === "quiz" ? "Add quiz" : "Add lesson" }).click();
  await expect(toast(page)).toContainText(`${kind === "quiz" ? "Quiz" : "Lesson"} “${title}” added`);
  await expect(page.getByRole("heading", { level: 2, name: `${kind === "quiz" ? "Quiz" : "Lesson"}: ${title}` })).toBeVisible();
}

async function writeLesson(page: Page, summary: string, body: string) {
  await page.getByLabel("Summary").fill(summary);
  await page.getByLabel("Lesson body (Markdown)").fill(body);
  await page.getByRole("button", { name: "Save lesson" }).click();
  await expect(toast(page)).toContainText("saved");
}

test("an instructor builds, reorders, previews and publishes a course; a learner keeps their progress when a published lesson is edited", async ({ page, db, loginAs, contextAs }, testInfo) => {
  test.setTimeout(90_000);
  const title = `Alerting studio ${testInfo.project.name} ${Date.now()}`;
  // This journey types Markdown: with JavaScript the lesson body opens in the Markdown textarea (the visual editor's own spec is lesson-editor.spec.ts).
  await page.addInitScript(() => window.localStorage.setItem("academy.lessonEditor.mode", "markdown"));
  await loginAs("INSTRUCTOR", { name: "Ida Instructor" });

  await page.goto("/instructor");
  await page.getByRole("link", { name: "New course" }).click();
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Summary").fill("Alerts that reach the right person at the right time.");
  await page.getByLabel("Description (Markdown)").fill("You will **build** alerts people act on.");
  await page.getByLabel("Level").selectOption("BEGINNER");
  await page.getByLabel("Category").selectOption("Operations");
  await page.getByLabel("Estimated minutes").fill("45");
  await page.getByRole("checkbox", { name: "Alerts" }).check();
  await page.getByRole("button", { name: "Create course" }).click();
  await expect(toast(page)).toContainText(`“${title}” created as a draft`);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();

  // Two modules, two lessons in the first, a quiz in the second.
  const addModule = page.getByRole("group", { name: "Add a module" });
  await addModule.getByLabel("Module name").fill("Basics");
  await addModule.getByRole("button", { name: "Add module" }).click();
  await expect(toast(page)).toContainText("Module “Basics” added");
  await page.getByRole("group", { name: "Add a module" }).getByLabel("Module name").fill("Routing");
  await page.getByRole("group", { name: "Add a module" }).getByRole("button", { name: "Add module" }).click();
  await expect(moduleCard(page, "Module 2: Routing")).toBeVisible();

  await addItem(page, "Basics", "lesson", "What an alert is");
  // Preview renders what was typed, on the server, without saving it.
  await page.getByLabel("Lesson body (Markdown)").fill("## Alerts 101\n\nAn alert *asks* someone to act.");
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("lesson-preview").getByRole("heading", { name: "Alerts 101" })).toBeVisible();
  await expect(page.getByText("Of what you typed (not saved yet)")).toBeVisible();
  await expect(page.getByLabel("Lesson body (Markdown)")).toHaveValue("## Alerts 101\n\nAn alert *asks* someone to act.");
  await writeLesson(page, "What makes an alert worth sending.", "## Alerts 101\n\nAn alert *asks* someone to act.");
  await page.getByRole("link", { name: "Modules and lessons" }).click();
  await addItem(page, "Basics", "lesson", "Your first alert rule");
  await writeLesson(page, "Create an issue alert step by step.", "## Create it\n\nOpen **Alerts** and press *Create alert*.");
  await page.getByRole("link", { name: "Modules and lessons" }).click();

  await addItem(page, "Routing", "quiz", "Routing check");
  await page.getByLabel("Question", { exact: true }).fill("Where should an urgent alert go?");
  await page.getByLabel("Option 1", { exact: true }).fill("The on-call pager");
  await page.getByRole("checkbox", { name: "Correct (option 1)" }).check();
  await page.getByLabel("Option 2", { exact: true }).fill("A muted channel");
  await page.getByLabel("Explanation (Markdown)").fill("Urgent alerts need a person who is on call.");
  await page.getByRole("button", { name: "Add question" }).click();
  await expect(toast(page)).toContainText("Question added");
  await expect(page.getByRole("heading", { level: 4, name: "1. Where should an urgent alert go?" })).toBeVisible();
  await page.getByRole("link", { name: "Modules and lessons" }).click();

  // Reorder: the second lesson goes first.
  const basics = moduleCard(page, "Module 1: Basics");
  await expect(basics.getByRole("link")).toHaveText(["What an alert is", "Your first alert rule"]);
  await page.getByRole("button", { name: "Move “Your first alert rule” up" }).click();
  await expect(toast(page)).toContainText("Lesson moved up");
  await expect(moduleCard(page, "Module 1: Basics").getByRole("link")).toHaveText(["Your first alert rule", "What an alert is"]);

  // Preview the draft as a learner would see it.
  await page.getByRole("link", { name: "Preview as a learner" }).click();
  await expect(page.getByText("Preview — not published")).toBeVisible();
  const syllabus = page.getByRole("region", { name: "Syllabus" });
  await expect(syllabus.getByRole("link")).toHaveText(["Your first alert rule", "What an alert is", "Quiz: Routing check"]);
  await page.getByRole("link", { name: "Back to the studio" }).click();

  await page.getByLabel("Note for the version history (optional)").fill("First release");
  await page.getByRole("button", { name: "Publish course" }).click();
  await expect(toast(page)).toContainText(`Published: learners can find and take “${title}” now (version 1)`);
  const course = await db.prisma.course.findFirstOrThrow({ where: { title } });

  // A learner enrols and completes the first lesson.
  const student = await db.factories.createUser({ name: "Lena Learner" });
  const learnerContext = await contextAs(student.id);
  const learner = await learnerContext.newPage();
  await learner.goto(`/courses/${course.slug}`);
  await expect(learner.getByText("Preview — not published")).toHaveCount(0);
  await learner.getByRole("button", { name: "Enrol in this course" }).click();
  await expect(learner.getByRole("heading", { level: 1, name: "Your first alert rule" })).toBeVisible();
  await learner.getByRole("button", { name: "Mark complete and continue" }).click();
  await expect(learner.getByRole("heading", { level: 1, name: "What an alert is" })).toBeVisible();

  // The instructor edits that published lesson.
  await moduleCard(page, "Module 1: Basics").getByRole("link", { name: "Your first alert rule" }).click();
  await page.getByLabel("Lesson body (Markdown)").fill("## Create it\n\nOpen **Alerts**, press *Create alert*, and pick an owner.");
  await page.getByRole("button", { name: "Save lesson" }).click();
  await expect(toast(page)).toContainText("Learners see it now; their progress is kept.");
  await page.getByRole("navigation", { name: "Course sections" }).getByRole("link", { name: "Versions" }).click();
  await expect(page.getByRole("row", { name: /^1 .*First release/ })).toBeVisible();
  await expect(page.getByRole("row", { name: /^2 latest .*Edited the lesson “Your first alert rule”/ })).toBeVisible();

  // The learner still has it completed, sees the new text and "Updated on".
  await learner.goto(`/courses/${course.slug}`);
  await expect(learner.getByText(/Updated on \d{1,2} \w+ \d{4}/)).toBeVisible();
  await expect(learner.getByText("1 of 3 required items done")).toBeVisible();
  const row = learner.getByRole("listitem").filter({ has: learner.getByRole("link", { name: "Your first alert rule" }), hasNot: learner.getByRole("heading") });
  await expect(row.getByText("Done", { exact: true })).toBeVisible();
  await learner.getByRole("link", { name: "Your first alert rule" }).click();
  await expect(learner.getByText("and pick an owner")).toBeVisible();
  await learnerContext.close();
});

test("a student gets the 403 page for the studio and every authoring URL, and every course write of the API is refused", async ({ page, db, loginAs }) => {
  const author = await db.factories.createUser({ role: "INSTRUCTOR" });
  const course = await db.courses.createCourse({ title: `Locked course ${Date.now()}` });
  await db.prisma.course.update({ where: { id: course.id }, data: { authorId: author.id } });
  await loginAs("STUDENT");
  const base = `/instructor/courses/${course.id}`;
  for (const path of [
    "/instructor",
    "/instructor/courses/new",
    base,
    `${base}/lessons/${course.lessons[0].id}`,
    `${base}/quizzes/${course.quizzes[0].id}`,
    `${base}/versions`,
    `${base}/analytics`,
    `${base}/announcements`,
    "/instructor/import",
  ]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(page.getByRole("heading", { level: 1, name: /^(You don't have access to this page|You can't see this course's analytics)$/ })).toBeVisible();
  }
  // Nor through the API, with the same signed-in browser: every course write is refused, nothing changes.
  const origin = new URL(page.url()).origin;
  const asStudent = { headers: { "Content-Type": "application/json", Origin: origin } };
  const created = await page.request.post("/api/courses", { ...asStudent, data: { title: "Not mine", summary: "A course a student tries to create.", level: "BEGINNER", category: "Fundamentals", estimatedMinutes: 10 } });
  expect(created.status()).toBe(403);
  expect((await page.request.put(`/api/courses/${course.id}`, { ...asStudent, data: { title: "Taken over" } })).status()).toBe(403);
  expect((await page.request.delete(`/api/courses/${course.id}`, asStudent)).status()).toBe(403);
  expect(await db.prisma.course.findUniqueOrThrow({ where: { id: course.id }, select: { title: true } })).toEqual({ title: course.title });
  expect(await db.prisma.course.count({ where: { title: "Not mine" } })).toBe(0);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Instructor" })).toHaveCount(0);
});

test("another instructor's course says why it is closed; a missing lesson keeps the studio's header and tabs", async ({ page, db, loginAs }) => {
  const author = await db.factories.createUser({ role: "INSTRUCTOR" });
  const course = await db.courses.createCourse({ title: `Someone else's course ${Date.now()}` });
  await db.prisma.course.update({ where: { id: course.id }, data: { authorId: author.id } });
  const me = await loginAs("INSTRUCTOR");
  const refused = await page.goto(`/instructor/courses/${course.id}`);
  expect(refused?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1, name: "You don't have access to this page" })).toBeVisible();
  await expect(page.getByText("Only the course's author and admins can edit it.")).toBeVisible();
  await expect(page.getByText("ask an admin to change your role")).toHaveCount(0);

  // The course's own author, on a lesson id that isn't in it: the 404 sits under the header and tabs.
  const mine = await db.courses.createCourse({ title: `My course ${Date.now()}` });
  await db.prisma.course.update({ where: { id: mine.id }, data: { authorId: me.id } });
  const missing = await page.goto(`/instructor/courses/${mine.id}/lessons/${course.lessons[0].id}`);
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: mine.title })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Course sections" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "We couldn't find that page" })).toBeVisible();
  await expect(page.getByText("There is no such lesson in this course.")).toBeVisible();
  await page.getByRole("navigation", { name: "Course sections" }).getByRole("link", { name: "Versions" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Version history" })).toBeVisible();
});
