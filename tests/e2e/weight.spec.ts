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

/**
 * Pages that validate on the server only ship no validation library (decision 028): Zod's code carries
 * the class name "$ZodType", which is in no other bundle.
 */
test("the sign-in pages and the certificate page download no Zod", async ({ page, jsEnabled, db }) => {
  test.skip(!jsEnabled, "with JavaScript off no script is downloaded at all");
  const scripts: Promise<{ url: string; body: string }>[] = [];
  page.on("response", (response) => {
    if (response.request().resourceType() === "script") scripts.push(response.text().then((body) => ({ url: response.url(), body })));
  });
  const student = await db.factories.createUser({ role: "STUDENT" });
  const course = await db.courses.createCourse({ title: `Light course ${Date.now()}`, lessons: 1 });
  const certificate = await db.prisma.certificate.create({ data: { userId: student.id, courseId: course.id, verificationCode: `LIGHT-${Date.now()}`, learnerName: "Light Reader", courseTitle: course.title } });
  for (const path of ["/login", "/signup", "/forgot-password", `/certificates/${certificate.id}`]) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
  }
  const bodies = await Promise.all(scripts);
  expect(bodies.length).toBeGreaterThan(3);
  expect(bodies.filter(({ body }) => body.includes("$ZodType")).map(({ url }) => url)).toEqual([]);
  // Checked on the server: an empty log-in still says what is missing, next to the field.
  await page.goto("/login");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByText("Enter your email address")).toBeVisible();
});

/**
 * A lesson's HTML is in the page once (decision 028): not repeated in the hydration data. With
 * JavaScript, the next lesson's HTML arrives with the client-side navigation, and hydration stays
 * clean (the fixture fails the test on a hydration error).
 */
test("a lesson's body is sent once, and the next lesson's body arrives when navigating", async ({ page, jsEnabled, db }) => {
  const marker = (i: number) => `Marker paragraph number ${i} of this lesson`;
  const course = await db.courses.createCourse({ title: `Hydration course ${Date.now()}`, lessons: 2, lessonBody: (i) => `## Part ${i}\n\n${marker(i)}.` });
  const response = await page.goto(`/courses/${course.slug}/lessons/lesson-1`);
  const html = (await response!.text()) ?? "";
  expect(html.split(marker(1)).length - 1).toBe(1);
  await expect(page.getByText(marker(1))).toBeVisible();
  await page.getByRole("link", { name: "Lesson number 2 →" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Lesson number 2" })).toBeVisible();
  await expect(page.getByText(marker(2))).toBeVisible();
  await expect(page.getByText(marker(1))).toHaveCount(0);
  if (jsEnabled) {
    await page.goBack();
    await expect(page.getByText(marker(1))).toBeVisible();
  }
});
