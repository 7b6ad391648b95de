/**
 * What the lesson page plays and links (decision 037): signed URLs for READY
 * uploaded assets (MP4, HLS master, poster, captions, resources), valid for the
 * video's length plus a margin; per-viewer signatures for signed-in learners,
 * guest ones (shared, cacheable) for guests; the native player without
 * JavaScript, resuming with a `#t=` media fragment; typed URLs still working.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MEDIA_URL_MARGIN_SECONDS } from "~/modules/academy/lesson-page.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { Browser, visibleText } from "../support/app.ts";
import { createCourse } from "../support/courses.ts";
import { createSessionCookie, createUser } from "../support/factories.ts";
import { signedInBrowser } from "../support/signed-in.ts";
import { startApp, type AppProcess } from "../support/processes.ts";

const DURATION = 600;
const outputs = {
  durationSeconds: DURATION,
  width: 1280,
  height: 720,
  renditions: [
    { height: 360, bandwidth: 900_000, playlist: "hls/360p/index.m3u8" },
    { height: 720, bandwidth: 2_800_000, playlist: "hls/720p/index.m3u8" },
  ],
  hls: "hls/master.m3u8",
  mp4: "video.mp4",
  poster: "poster.jpg",
};

type Kind = "VIDEO" | "CAPTIONS" | "POSTER" | "RESOURCE" | "IMAGE";
type Status = "UPLOADING" | "PROCESSING" | "READY" | "FAILED";
function asset(courseId: string, kind: Kind, status: Status = "READY", extra: { title?: string; outputs?: object } = {}) {
  return prisma.mediaAsset.create({
    data: { courseId, kind, status, originalName: `${kind.toLowerCase()}.bin`, title: extra.title ?? "", outputs: extra.outputs ?? (kind === "VIDEO" && status === "READY" ? outputs : {}) },
  });
}

/** A published course whose first lesson has a READY video, captions, a poster and two resources (one still uploading). */
async function lessonWithMedia() {
  const course = await createCourse({ lessons: 2 });
  const lesson = course.lessons[0];
  const [video, captions, poster, pdf, pending] = [
    await asset(course.id, "VIDEO"),
    await asset(course.id, "CAPTIONS"),
    await asset(course.id, "POSTER"),
    await asset(course.id, "RESOURCE", "READY", { title: "Cheat sheet (stored title)" }),
    await asset(course.id, "RESOURCE", "UPLOADING"),
  ];
  await prisma.lesson.update({
    where: { id: lesson.id },
    data: {
      videoAssetId: video.id,
      captionsAssetId: captions.id,
      posterAssetId: poster.id,
      resources: [{ title: "Cheat sheet", assetId: pdf.id }, { title: "Not yet", assetId: pending.id }, { title: "Sentry docs", url: "https://docs.sentry.io/" }],
    },
  });
  return { course, lesson, path: `/courses/${course.slug}/lessons/${lesson.slug}`, video, captions, poster, pdf };
}

/** Every signed `/files/` URL of a page, decoded from the HTML, with its parameters. */
function signedUrls(html: string) {
  return [...html.matchAll(/(?:src|href|poster)="(\/files\/[^"]+)"/g)].map((m) => {
    const url = new URL(m[1].replaceAll("&amp;", "&"), "http://x");
    return { path: url.pathname, exp: Number(url.searchParams.get("exp")), u: url.searchParams.get("u"), sig: url.searchParams.get("sig"), hash: url.hash };
  });
}

describe("lesson media, without JavaScript", () => {
  it("plays the READY video natively: MP4 source, captions track on by default, poster, all signed for the video's length and more", async () => {
    const { path, video, captions, poster, pdf } = await lessonWithMedia();
    const before = Math.floor(Date.now() / 1000);
    const html = await (await new Browser().get(path)).text();
    expect(html).toMatch(/<video[^>]*controls=""[^>]*preload="metadata"/);
    expect(html).toMatch(new RegExp(`<video[^>]*poster="/files/${poster.id}/original\\?`));
    expect(html).toMatch(new RegExp(`<source src="/files/${video.id}/video\\.mp4\\?[^"]+" type="video/mp4"/>`));
    expect(html).toMatch(new RegExp(`<track kind="captions" srcLang="en" label="English" src="/files/${captions.id}/original\\?[^"]+"`));
    expect(html).toMatch(/<track[^>]* default=""/);
    const urls = signedUrls(html);
    expect(urls.map((u) => u.path).sort()).toEqual(
      [`/files/${captions.id}/original`, `/files/${poster.id}/original`, `/files/${video.id}/video.mp4`, `/files/${video.id}/video.mp4`, `/files/${pdf.id}/original`].sort(),
    );
    for (const u of urls) {
      expect(u.u).toBe("-");
      expect(u.sig).toBeTruthy();
      // Valid while the whole video can be watched, and then some: far longer than any cache keeps the page.
      expect(u.exp).toBeGreaterThanOrEqual(before + DURATION + MEDIA_URL_MARGIN_SECONDS);
      // (rounded up to 5 minutes by the signer, so one URL stays the same for a while: signing.server.ts)
      expect(u.exp).toBeLessThanOrEqual(before + DURATION + MEDIA_URL_MARGIN_SECONDS + 300 + 5);
    }
    // The HLS master goes to the player with JavaScript (in the hydration data), never into the markup as a source.
    expect(html).not.toMatch(/<source[^>]*master\.m3u8/);
    expect(html).toContain(`/files/${video.id}/hls/master.m3u8?`);
  });

  it("lists READY uploaded resources as signed downloads, leaves unfinished ones out, keeps typed links", async () => {
    const { path, pdf } = await lessonWithMedia();
    const html = await (await new Browser().get(path)).text();
    expect(html).toMatch(new RegExp(`<a href="/files/${pdf.id}/original\\?[^"]+" rel="noopener noreferrer" download="">Cheat sheet</a>`));
    expect(visibleText(html)).not.toContain("Not yet");
    expect(html).toContain('<a href="https://docs.sentry.io/" rel="noopener noreferrer">Sentry docs</a>');
  });

  it("signs a learner's URLs for that learner, and resumes at their saved second with a media fragment", async () => {
    const { course, path, video } = await lessonWithMedia();
    const { browser, user } = await signedInBrowser();
    await browser.post(`/courses/${course.slug}?index`, { intent: "enroll" });
    // The progress beacon's form (lesson-actions.server.ts): on a video lesson its position is the video's second.
    expect((await browser.post(path, { intent: "progress", seconds: "30", position: "125" })).status).toBe(200);
    const html = await (await browser.get(path)).text();
    const urls = signedUrls(html);
    expect(urls.length).toBeGreaterThan(0);
    expect(new Set(urls.map((u) => u.u))).toEqual(new Set([user.id]));
    expect(html).toMatch(new RegExp(`<source src="/files/${video.id}/video\\.mp4\\?[^"#]+#t=125" type="video/mp4"/>`));
    // The scroll "resume" button belongs to lessons without a video.
    expect(visibleText(html)).not.toContain("Resume where you left off");

    // A saved second at the end of the video starts it again from the beginning.
    await browser.post(path, { intent: "progress", seconds: "5", position: String(DURATION - 2) });
    expect(await (await browser.get(path)).text()).not.toContain("#t=");
  });

  it("says the video is being prepared while it transcodes, and keeps a typed video URL working until it is READY", async () => {
    const course = await createCourse({ lessons: 1 });
    const lesson = course.lessons[0];
    const processing = await asset(course.id, "VIDEO", "PROCESSING");
    await prisma.lesson.update({ where: { id: lesson.id }, data: { videoAssetId: processing.id } });
    const path = `/courses/${course.slug}/lessons/${lesson.slug}`;
    let html = await (await new Browser().get(path)).text();
    expect(html).not.toContain("<video");
    expect(visibleText(html)).toContain("This lesson’s video is being prepared.");

    await prisma.lesson.update({ where: { id: lesson.id }, data: { videoUrl: "https://cdn.example/intro.webm", captionsUrl: "/media/intro.vtt" } });
    html = await (await new Browser().get(path)).text();
    expect(html).toContain('<source src="https://cdn.example/intro.webm" type="video/webm"/>');
    expect(html).toContain('src="/media/intro.vtt"');
    expect(visibleText(html)).not.toContain("being prepared");

    await prisma.mediaAsset.update({ where: { id: processing.id }, data: { status: "READY", outputs } });
    html = await (await new Browser().get(path)).text();
    expect(html).toMatch(new RegExp(`<source src="/files/${processing.id}/video\\.mp4\\?`));
    expect(html).not.toContain("cdn.example/intro.webm");
  });

  it("never signs another course's asset, a failed one, or one of the wrong kind", async () => {
    const course = await createCourse({ lessons: 1 });
    const other = await createCourse({ lessons: 1 });
    const foreign = await asset(other.id, "VIDEO");
    const failed = await asset(course.id, "CAPTIONS", "FAILED");
    const image = await asset(course.id, "IMAGE");
    const foreignPdf = await asset(other.id, "RESOURCE");
    await prisma.lesson.update({
      where: { id: course.lessons[0].id },
      data: { videoAssetId: foreign.id, captionsAssetId: failed.id, posterAssetId: image.id, resources: [{ title: "Theirs", assetId: foreignPdf.id }] },
    });
    const html = await (await new Browser().get(`/courses/${course.slug}/lessons/${course.lessons[0].slug}`)).text();
    expect(html).not.toContain("<video");
    expect(signedUrls(html)).toEqual([]);
    expect(visibleText(html)).not.toContain("Theirs");
  });

  it("signs library images in the lesson text (/files/<id>/original) for the viewer", async () => {
    const course = await createCourse({ lessons: 1, lessonBody: () => "See the diagram:\n\n![A diagram](/files/img123/original)" });
    const html = await (await new Browser().get(`/courses/${course.slug}/lessons/${course.lessons[0].slug}`)).text();
    expect(html).toMatch(/<img src="\/files\/img123\/original\?exp=\d+&(amp;)?u=-&(amp;)?sig=[^"]+" alt="A diagram"/);
  });
});

describe("lesson media behind the guests' page cache (the real server)", () => {
  let app: AppProcess;
  beforeAll(async () => {
    app = await startApp({ DATABASE_URL: process.env.DATABASE_URL!, SESSION_SECRET: process.env.SESSION_SECRET!, DEMO_MODE: "false", PAGE_CACHE_SECONDS: "30" });
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
  });

  it("keeps guests' pages with guest signatures only, and never answers a learner from it", async () => {
    const { path } = await lessonWithMedia();
    const first = await fetch(`${app.url}${path}`);
    const kept = await fetch(`${app.url}${path}`);
    expect(kept.headers.get("X-Page-Cache")).toBe("hit");
    const guestUrls = signedUrls(await kept.text());
    expect(guestUrls.length).toBeGreaterThan(0);
    expect(new Set(guestUrls.map((u) => u.u))).toEqual(new Set(["-"]));
    // The kept page's URLs outlive the cache by far (30 s here, 10 s by the route).
    for (const u of guestUrls) expect(u.exp).toBeGreaterThan(Date.now() / 1000 + 30 + MEDIA_URL_MARGIN_SECONDS);
    expect(first.headers.get("X-Page-Cache")).toBe("miss");

    const learner = await createUser({ role: "STUDENT" });
    const { name, value } = await createSessionCookie(learner.id);
    const mine = await fetch(`${app.url}${path}`, { headers: { Cookie: `${name}=${value}` } });
    expect(mine.headers.get("X-Page-Cache")).toBeNull();
    const mineUrls = signedUrls(await mine.text());
    expect(new Set(mineUrls.map((u) => u.u))).toEqual(new Set([learner.id]));
    // ...and the learner's page is not kept for the next guest.
    const guestAgain = await fetch(`${app.url}${path}`);
    expect(new Set(signedUrls(await guestAgain.text()).map((u) => u.u))).toEqual(new Set(["-"]));
  });
});
