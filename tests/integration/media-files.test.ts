/**
 * The media route, /files/<assetId>/<file> (decision 034): signatures, the viewer a URL was made
 * for, the course's visibility for every role (another instructor's draft, a guest and a draft),
 * ranges, HEAD, HLS playlists signed anew, and the headers that keep a served file inert. The
 * bytes are checked against both stores: local disk and S3 (s3rver).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mediaUrl } from "~/modules/media/signing.server.ts";
import { getMediaStore } from "~/modules/media/storage.server.ts";
import { RANGE_CHUNK_BYTES } from "~/modules/media/serve.server.ts";
import { prisma } from "~/utils/db.server.ts";
import type { RoleName } from "~/utils/permissions.ts";
import { Browser } from "../support/app.ts";
import { createCourse } from "../support/courses.ts";
import { changeEnv } from "../support/env.ts";
import { createSessionCookie, createUser } from "../support/factories.ts";
import { createMediaAsset, segmentBytes, videoFiles } from "../support/media.ts";
import { startLocalS3, type LocalS3 } from "../support/s3.ts";

let s3: LocalS3;
let dataDir: string;
const S3_OFF = { S3_BUCKET: undefined, S3_ENDPOINT: undefined, S3_ACCESS_KEY_ID: undefined, S3_SECRET_ACCESS_KEY: undefined, S3_FORCE_PATH_STYLE: undefined };

type Who = "guest" | RoleName | "author" | "other instructor";
const people = new Map<Who, { id: string | null; browser: Browser }>();
let published: Awaited<ReturnType<typeof createCourse>>;
let draft: Awaited<ReturnType<typeof createCourse>>;

async function person(who: Who, role: RoleName | null) {
  const browser = new Browser();
  if (!role) return people.set(who, { id: null, browser });
  const user = await createUser({ role, name: `Media ${who}` });
  const cookie = await createSessionCookie(user.id);
  browser.cookies.set(cookie.name, cookie.value);
  people.set(who, { id: user.id, browser });
}

const viewerOf = (who: Who) => (people.get(who)!.id ? { id: people.get(who)!.id! } : null);
/** `who` fetches `file` of `assetId` through a URL signed for them (or for `signedFor`). */
function fetchAs(who: Who, assetId: string, file: string, init: RequestInit & { signedFor?: Who; url?: string } = {}) {
  const url = init.url ?? mediaUrl(assetId, file, viewerOf(init.signedFor ?? who));
  return people.get(who)!.browser.request(url, init);
}

beforeAll(async () => {
  s3 = await startLocalS3();
  dataDir = mkdtempSync(path.join(tmpdir(), "academy-media-route-"));
  await person("guest", null);
  for (const role of ["STUDENT", "SE", "ADMIN"] as const) await person(role, role);
  await person("author", "INSTRUCTOR");
  await person("other instructor", "INSTRUCTOR");
  published = await createCourse({ publish: true });
  draft = await createCourse({ publish: false });
  for (const course of [published, draft]) await prisma.course.update({ where: { id: course.id }, data: { authorId: people.get("author")!.id } });
});

afterAll(async () => {
  await changeEnv({ ...S3_OFF, DATA_DIR: undefined });
  await s3?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("who may fetch a file (local disk)", () => {
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    await changeEnv({ ...S3_OFF, DATA_DIR: dataDir });
    const store = getMediaStore();
    const pdf = { original: { body: Buffer.from("%PDF-1.7 slides"), type: "application/pdf" } };
    const video = videoFiles();
    const original = { original: { body: Buffer.from("the uploaded original"), type: "video/mp4" } };
    ids.publishedPdf = (await createMediaAsset(store, { courseId: published.id, lessonId: published.lessons[0].id, kind: "RESOURCE", originalName: "Slides – week 1.pdf", files: pdf })).id;
    ids.draftPdf = (await createMediaAsset(store, { courseId: draft.id, lessonId: draft.lessons[0].id, kind: "RESOURCE", files: pdf })).id;
    ids.processing = (await createMediaAsset(store, { courseId: published.id, kind: "VIDEO", status: "PROCESSING", files: original })).id;
    ids.video = (await createMediaAsset(store, { courseId: published.id, lessonId: published.lessons[0].id, kind: "VIDEO", files: { ...video.files, ...original }, outputs: video.outputs })).id;
  });

  it("refuses a missing, forged or expired signature with 403", async () => {
    const good = mediaUrl(ids.publishedPdf, "original", null);
    const guest = (url: string) => people.get("guest")!.browser.get(url);
    const missing = await guest(`/files/${ids.publishedPdf}/original`);
    expect([missing.status, await missing.text()]).toEqual([403, "This media link is not signed."]);
    const forged = await guest(good.replace(/sig=./, (m) => (m.endsWith("A") ? "sig=B" : "sig=A")));
    expect([forged.status, await forged.text()]).toEqual([403, "This media link is not valid."]);
    // Another asset's signature on this asset's path (another owner's id).
    expect((await guest(good.replace(ids.publishedPdf, ids.draftPdf))).status).toBe(403);
    const expired = await guest(mediaUrl(ids.publishedPdf, "original", null, 60, Date.now() - 2 * 3600_000));
    expect([expired.status, await expired.text()]).toEqual([403, "This media link has expired: reload the page for a new one."]);
    expect(expired.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect((await guest(good)).status).toBe(200);
  });

  it("serves a user's URL only in that user's session", async () => {
    const forStudent = mediaUrl(ids.publishedPdf, "original", viewerOf("STUDENT"));
    expect((await people.get("STUDENT")!.browser.get(forStudent)).status).toBe(200);
    for (const other of ["guest", "SE", "ADMIN", "other instructor"] as const) {
      const response = await people.get(other)!.browser.get(forStudent);
      expect(response.status, other).toBe(403);
      expect(await response.text()).toMatch(/made for another account/);
    }
  });

  it("serves a published course's file to every role, and a draft's only to its author and admins", async () => {
    const expected: Record<Who, [number, number]> = {
      guest: [200, 404],
      STUDENT: [200, 404],
      SE: [200, 404],
      INSTRUCTOR: [200, 404],
      "other instructor": [200, 404],
      author: [200, 200],
      ADMIN: [200, 200],
    };
    for (const who of ["guest", "STUDENT", "SE", "other instructor", "author", "ADMIN"] as const) {
      const onPublished = await fetchAs(who, ids.publishedPdf, "original");
      const onDraft = await fetchAs(who, ids.draftPdf, "original");
      expect([onPublished.status, onDraft.status], who).toEqual(expected[who]);
    }
    // A guest's URL sent with a student's cookie is still a guest's: the draft stays out of reach.
    expect((await fetchAs("STUDENT", ids.draftPdf, "original", { signedFor: "guest" })).status).toBe(404);
    // The author's own URL is of no use to another instructor (another owner's draft).
    expect((await fetchAs("other instructor", ids.draftPdf, "original", { signedFor: "author" })).status).toBe(403);
  });

  it("checks the course now, not when the URL was made: unpublishing closes the URLs already handed out", async () => {
    const url = mediaUrl(ids.publishedPdf, "original", viewerOf("STUDENT"));
    expect((await people.get("STUDENT")!.browser.get(url)).status).toBe(200);
    await prisma.course.update({ where: { id: published.id }, data: { status: "DRAFT" } });
    try {
      expect((await people.get("STUDENT")!.browser.get(url)).status).toBe(404);
      expect((await fetchAs("author", ids.publishedPdf, "original")).status).toBe(200);
    } finally {
      await prisma.course.update({ where: { id: published.id }, data: { status: "PUBLISHED" } });
    }
  });

  it("gives learners a video's outputs only when it is READY, and never its uploaded original; its editors get everything", async () => {
    for (const file of ["video.mp4", "poster.jpg", "hls/360p/seg_000.ts"]) expect((await fetchAs("STUDENT", ids.video, file)).status, file).toBe(200);
    expect((await fetchAs("STUDENT", ids.video, "original")).status).toBe(404);
    expect((await fetchAs("STUDENT", ids.processing, "original")).status).toBe(404);
    expect((await fetchAs("author", ids.video, "original")).status).toBe(200);
    expect((await fetchAs("author", ids.processing, "original")).status).toBe(200);
    expect((await fetchAs("ADMIN", ids.processing, "original")).status).toBe(200);
    // No such asset, no such file: 404 after a valid signature.
    expect((await fetchAs("STUDENT", "cknosuchasset", "original")).status).toBe(404);
    expect((await fetchAs("author", ids.video, "hls/1080p/index.m3u8")).status).toBe(404);
  });

  it("has no write: a POST is refused and a cross-site one never reaches a route", async () => {
    const url = mediaUrl(ids.publishedPdf, "original", viewerOf("STUDENT"));
    const sameSite = await people.get("STUDENT")!.browser.request(url, { method: "POST", headers: { Origin: "http://localhost:3000", "Content-Type": "application/x-www-form-urlencoded" }, body: "a=1" });
    expect(sameSite.status).toBe(405);
    const crossSite = await people.get("STUDENT")!.browser.request(url, { method: "POST", headers: { Origin: "https://evil.example", "Content-Type": "application/x-www-form-urlencoded" }, body: "a=1" });
    expect(crossSite.status).toBe(403);
  });

  it("answers a bad path or query with a 4xx, never a 500", async () => {
    const guest = people.get("guest")!.browser;
    for (const url of [
      `/files/${ids.publishedPdf}/..%2F..%2Fsecrets.json?exp=1&u=-&sig=x`,
      `/files/${ids.publishedPdf}/.meta/original`,
      `/files/${ids.publishedPdf}/original?exp=99999999999999999999&u=-&sig=AAAAAAAAAAAAAAAAAAAAAA`,
      `/files/${ids.publishedPdf}/original?exp=1&u=%00&sig=AAAAAAAAAAAAAAAAAAAAAA`,
      `/files/${"x".repeat(300)}/original?exp=1&u=-&sig=x`,
      `/files/${ids.publishedPdf}/original?exp=1&exp=2&u=-&sig=x`,
    ]) {
      const response = await guest.get(url);
      expect(response.status, url).toBeGreaterThanOrEqual(400);
      expect(response.status, url).toBeLessThan(500);
    }
  });
});

for (const backend of ["local disk", "S3"] as const) {
  describe(`the bytes (${backend})`, () => {
    const ids: Record<string, string> = {};
    const video = videoFiles();
    beforeAll(async () => {
      await changeEnv(backend === "S3" ? s3.env : { ...S3_OFF, DATA_DIR: dataDir });
      const store = getMediaStore();
      expect(store.description).toMatch(backend === "S3" ? /^S3 bucket/ : /^local disk/);
      ids.video = (await createMediaAsset(store, { courseId: published.id, lessonId: published.lessons[0].id, kind: "VIDEO", files: video.files, outputs: video.outputs })).id;
      const bytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 256));
      ids.resource = (await createMediaAsset(store, { courseId: published.id, kind: "RESOURCE", originalName: 'Cheat sheet "v2" – ünïcode.pdf', files: { original: { body: bytes, type: "application/pdf" } } })).id;
      const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
      ids.svg = (await createMediaAsset(store, { courseId: published.id, kind: "IMAGE", files: { original: { body: Buffer.from(svg), type: "image/svg+xml" } } })).id;
      ids.html = (await createMediaAsset(store, { courseId: published.id, kind: "IMAGE", files: { original: { body: Buffer.from("<script>alert(1)</script>"), type: "text/html" } } })).id;
    });

    it("serves a whole file with its length, Accept-Ranges, nosniff, a sandboxing CSP and private caching (never compressed)", async () => {
      const response = await fetchAs("STUDENT", ids.video, "video.mp4", { headers: { "Accept-Encoding": "gzip, br" } });
      expect(response.status).toBe(200);
      expect(Buffer.from(await response.arrayBuffer())).toEqual(video.files["video.mp4"].body);
      expect(Object.fromEntries(["Content-Type", "Content-Length", "Accept-Ranges", "X-Content-Type-Options", "Content-Encoding"].map((h) => [h, response.headers.get(h)]))).toEqual({
        "Content-Type": "video/mp4",
        "Content-Length": String(video.files["video.mp4"].body.length),
        "Accept-Ranges": "bytes",
        "X-Content-Type-Options": "nosniff",
        "Content-Encoding": null,
      });
      expect(response.headers.get("Content-Security-Policy")).toMatch(/default-src 'none'.*sandbox/);
      expect(response.headers.get("Cache-Control")).toMatch(/^private, max-age=\d+, no-transform$/);
      expect(response.headers.get("Content-Disposition")).toBeNull();
    });

    it("answers byte ranges with 206 (closed, open-ended, suffix), 416 past the end, and the whole file for several ranges", async () => {
      const get = (range: string) => fetchAs("STUDENT", ids.resource, "original", { headers: { Range: range } });
      const closed = await get("bytes=10-19");
      expect([closed.status, closed.headers.get("Content-Range"), closed.headers.get("Content-Length")]).toEqual([206, "bytes 10-19/1000", "10"]);
      expect([...new Uint8Array(await closed.arrayBuffer())]).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
      const open = await get("bytes=990-");
      expect([open.status, open.headers.get("Content-Range"), (await open.arrayBuffer()).byteLength]).toEqual([206, "bytes 990-999/1000", 10]);
      const suffix = await get("bytes=-3");
      expect([suffix.status, suffix.headers.get("Content-Range"), [...new Uint8Array(await suffix.arrayBuffer())]]).toEqual([206, "bytes 997-999/1000", [229, 230, 231]]);
      const past = await get("bytes=1000-");
      expect([past.status, past.headers.get("Content-Range")]).toEqual([416, "bytes */1000"]);
      const several = await get("bytes=0-1,5-6");
      expect([several.status, (await several.arrayBuffer()).byteLength]).toEqual([200, 1000]);
      const malformed = await get("bytes=abc");
      expect(malformed.status).toBe(200);
      await malformed.arrayBuffer();
    });

    it("answers HEAD with the headers alone, ranges included", async () => {
      const head = await fetchAs("STUDENT", ids.resource, "original", { method: "HEAD" });
      expect([head.status, head.headers.get("Content-Length"), head.headers.get("Accept-Ranges"), await head.text()]).toEqual([200, "1000", "bytes", ""]);
      const ranged = await fetchAs("STUDENT", ids.resource, "original", { method: "HEAD", headers: { Range: "bytes=100-" } });
      expect([ranged.status, ranged.headers.get("Content-Range"), ranged.headers.get("Content-Length")]).toEqual([206, "bytes 100-999/1000", "900"]);
    });

    it("sends resources as attachments under their own name, and SVG or HTML inert", async () => {
      const resource = await fetchAs("STUDENT", ids.resource, "original");
      expect(resource.headers.get("Content-Disposition")).toBe(`attachment; filename="Cheat sheet _v2_ _ _n_code.pdf"; filename*=UTF-8''${encodeURIComponent('Cheat sheet _v2_ – ünïcode.pdf')}`);
      await resource.arrayBuffer();
      const svg = await fetchAs("STUDENT", ids.svg, "original");
      expect([svg.headers.get("Content-Type"), svg.headers.get("Content-Disposition")]).toEqual(["image/svg+xml", null]);
      expect(svg.headers.get("Content-Security-Policy")).toMatch(/sandbox/);
      await svg.text();
      const html = await fetchAs("STUDENT", ids.html, "original");
      expect(html.headers.get("Content-Disposition")).toMatch(/^attachment;/);
      expect(html.headers.get("Content-Security-Policy")).toMatch(/sandbox/);
      await html.text();
    });

    it("rewrites HLS playlists so every child is signed for the same viewer, and each child then plays", async () => {
      const master = await fetchAs("STUDENT", ids.video, "hls/master.m3u8");
      expect([master.status, master.headers.get("Content-Type")]).toEqual([200, "application/vnd.apple.mpegurl"]);
      const text = await master.text();
      const children = text.split("\n").filter((l) => l && !l.startsWith("#"));
      expect(children).toHaveLength(2);
      for (const [i, child] of children.entries()) {
        expect(child).toMatch(new RegExp(`^/files/${ids.video}/hls/(360|720)p/index\\.m3u8\\?exp=\\d+&u=${viewerOf("STUDENT")!.id}&sig=`));
        const playlist = await fetchAs("STUDENT", ids.video, "", { url: child });
        expect(playlist.status).toBe(200);
        const segments = (await playlist.text()).split("\n").filter((l) => l && !l.startsWith("#"));
        expect(segments).toHaveLength(2);
        const height = i === 0 ? 360 : 720;
        const segment = await fetchAs("STUDENT", ids.video, "", { url: segments[1] });
        expect([segment.status, segment.headers.get("Content-Type")]).toEqual([200, "video/mp2t"]);
        expect(Buffer.from(await segment.arrayBuffer())).toEqual(segmentBytes(height, 1));
        // The signed segment URL is the student's: nobody else's session can use it.
        expect((await fetchAs("SE", ids.video, "", { url: segments[1] })).status).toBe(403);
      }
      // A guest's master gives guest children.
      const guest = await (await fetchAs("guest", ids.video, "hls/master.m3u8")).text();
      expect(guest).toMatch(/index\.m3u8\?exp=\d+&u=-&sig=/);
    });

    it("answers an open-ended range of a large file with at most one chunk", { timeout: 60_000 }, async () => {
      const store = getMediaStore();
      const big = Buffer.alloc(RANGE_CHUNK_BYTES + 1000, 1);
      const asset = await createMediaAsset(store, { courseId: published.id, kind: "VIDEO", files: { "video.mp4": { body: big, type: "video/mp4" } }, outputs: { mp4: "video.mp4" } });
      const response = await fetchAs("STUDENT", asset.id, "video.mp4", { headers: { Range: "bytes=0-" } });
      expect([response.status, response.headers.get("Content-Range")]).toEqual([206, `bytes 0-${RANGE_CHUNK_BYTES - 1}/${big.length}`]);
      expect((await response.arrayBuffer()).byteLength).toBe(RANGE_CHUNK_BYTES);
      const rest = await fetchAs("STUDENT", asset.id, "video.mp4", { headers: { Range: `bytes=${RANGE_CHUNK_BYTES}-` } });
      expect([rest.status, rest.headers.get("Content-Range"), (await rest.arrayBuffer()).byteLength]).toEqual([206, `bytes ${RANGE_CHUNK_BYTES}-${big.length - 1}/${big.length}`, 1000]);
    });
  });
}
