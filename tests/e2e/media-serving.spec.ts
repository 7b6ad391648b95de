/**
 * Media served by signed URL on both e2e targets (media-targets.ts: local disk, and S3 behind two
 * instances), in a real browser: the viewer's own URL plays, ranges work, a forged or expired URL
 * is a 403, a guest never gets a draft course's file, and an SVG with a script, opened directly,
 * runs nothing. On S3 the file is fetched from both instances. (The upload-to-playback journey is
 * media.spec.ts.)
 */
import { expect, test } from "./support/fixtures.ts";
import { mediaTarget } from "./support/media-targets.ts";

test("media files by signed URL: the viewer's own, ranges, 403 forged or expired, drafts hidden from guests, SVG inert", async ({ db, page, loginAs, contextAs, jsEnabled }, testInfo) => {
  // Two instances besides the main server on a shared 2-core machine: the default 30 s is too tight.
  test.slow();
  const target = mediaTarget(testInfo.project.name);
  const store = await target.store();
  const { createMediaAsset } = await import("../support/media.ts");
  const { mediaUrl } = await import("~/modules/media/signing.server.ts");
  const published = await db.courses.createCourse({ publish: true });
  const draft = await db.courses.createCourse({ publish: false });
  const pdfBytes = Buffer.from(`%PDF-1.7 ${"slides ".repeat(200)}`);
  const pdf = await createMediaAsset(store, { courseId: published.id, kind: "RESOURCE", originalName: "Slides.pdf", files: { original: { body: pdfBytes, type: "application/pdf" } } });
  const hidden = await createMediaAsset(store, { courseId: draft.id, kind: "RESOURCE", files: { original: { body: pdfBytes, type: "application/pdf" } } });
  const svg = await createMediaAsset(store, {
    courseId: published.id,
    kind: "IMAGE",
    files: { original: { body: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="200" height="80"><script>alert("svg ran")</script><text x="10" y="40">inert</text></svg>'), type: "image/svg+xml" } },
  });
  const learner = await loginAs("STUDENT");

  // The learner's URL, on this target (and on S3 through the other instance too: one bucket, one database).
  const url = mediaUrl(pdf.id, "original", { id: learner.id });
  for (const base of new Set([target.baseURL, target.otherURL])) {
    const whole = await page.request.get(`${base}${url}`);
    expect(whole.status()).toBe(200);
    expect(whole.headers()["content-disposition"]).toMatch(/^attachment; filename="Slides\.pdf"/);
    expect(Buffer.from(await whole.body())).toEqual(pdfBytes);
    const ranged = await page.request.get(`${base}${url}`, { headers: { Range: "bytes=0-7" } });
    expect([ranged.status(), ranged.headers()["content-range"], (await ranged.body()).toString()]).toEqual([206, `bytes 0-7/${pdfBytes.length}`, "%PDF-1.7"]);
  }
  const forged = await page.request.get(`${target.baseURL}${url.replace(/sig=(.)/, (_m, c: string) => `sig=${c === "A" ? "B" : "A"}`)}`);
  expect([forged.status(), await forged.text()]).toEqual([403, "This media link is not valid."]);
  const expired = await page.request.get(`${target.baseURL}${mediaUrl(pdf.id, "original", { id: learner.id }, 60, Date.now() - 3 * 3600_000)}`);
  expect(expired.status()).toBe(403);

  // A guest: the published course's file yes, the draft's no.
  const guest = await contextAs(null);
  expect((await guest.request.get(`${target.baseURL}${mediaUrl(pdf.id, "original", null)}`)).status()).toBe(200);
  expect((await guest.request.get(`${target.otherURL}${mediaUrl(hidden.id, "original", null)}`)).status()).toBe(404);

  // An SVG with a script, opened directly: shown, nothing runs (the sandbox CSP; with JS off, nothing could).
  // In a page of its own: the browser reports the blocked script, which the fixture's page counts as a CSP violation.
  const svgPage = await (await contextAs(learner.id)).newPage();
  const dialogs: string[] = [];
  svgPage.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const opened = await svgPage.goto(mediaUrl(svg.id, "original", { id: learner.id }));
  expect(opened!.headers()["content-security-policy"]).toContain("sandbox");
  await expect(svgPage.locator("text")).toHaveText("inert");
  await svgPage.screenshot({ path: testInfo.outputPath(`svg-${jsEnabled ? "js" : "nojs"}.png`) });
  expect(dialogs).toEqual([]);
});
