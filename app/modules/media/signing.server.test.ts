import { afterEach, describe, expect, it } from "vitest";
import { resetEnvForTests } from "~/utils/env.server.ts";
import { checkMediaSignature, DEFAULT_MEDIA_TTL_SECONDS, EXPIRY_STEP_SECONDS, mediaUrl, signMediaInHtml } from "./signing.server.ts";

const NOW = Date.UTC(2026, 11, 5, 7, 0, 0);
const viewer = { id: "cmviewer1" };

function check(url: string, now = NOW) {
  const parsed = new URL(url, "http://x");
  const [, , assetId, ...file] = parsed.pathname.split("/");
  return checkMediaSignature(assetId, file.join("/"), parsed.searchParams, now);
}

const savedSecret = process.env.SESSION_SECRET;
afterEach(() => {
  process.env.SESSION_SECRET = savedSecret;
  resetEnvForTests();
});

describe("signed media URLs", () => {
  it("name the file, an expiry rounded up to the step, the viewer and a signature", () => {
    const url = mediaUrl("asset1", "hls/master.m3u8", viewer, 60, NOW);
    expect(url).toMatch(/^\/files\/asset1\/hls\/master\.m3u8\?exp=\d+&u=cmviewer1&sig=[A-Za-z0-9_-]{22}$/);
    const exp = Number(new URL(url, "http://x").searchParams.get("exp"));
    expect(exp % EXPIRY_STEP_SECONDS).toBe(0);
    expect(exp - NOW / 1000).toBeGreaterThanOrEqual(60);
    expect(exp - NOW / 1000).toBeLessThanOrEqual(60 + EXPIRY_STEP_SECONDS);
    // A guest's URL says so; the same viewer a second later gets the same URL (the browser's cache can answer).
    expect(mediaUrl("asset1", "original", null, undefined, NOW)).toContain("&u=-&");
    expect(mediaUrl("asset1", "original", viewer, undefined, NOW + 20_000)).toBe(mediaUrl("asset1", "original", viewer, undefined, NOW + 10_000));
    expect(() => mediaUrl("asset1", "../secrets.json", viewer)).toThrow();
    expect(() => mediaUrl("a/b", "original", viewer)).toThrow();
  });

  it("verify until they expire, then say expired", () => {
    const url = mediaUrl("asset1", "video.mp4", viewer, DEFAULT_MEDIA_TTL_SECONDS, NOW);
    expect(check(url)).toEqual({ ok: true, exp: expect.any(Number), viewerId: "cmviewer1" });
    expect(check(mediaUrl("asset1", "video.mp4", null, 60, NOW))).toMatchObject({ ok: true, viewerId: null });
    const exp = Number(new URL(url, "http://x").searchParams.get("exp"));
    expect(check(url, exp * 1000 - 1)).toMatchObject({ ok: true });
    expect(check(url, exp * 1000)).toEqual({ ok: false, reason: "expired" });
  });

  it("are forged when any part changes: file, asset, viewer, expiry or signature", () => {
    const url = mediaUrl("asset1", "hls/360p/index.m3u8", viewer, 600, NOW);
    const parsed = new URL(url, "http://x");
    const q = parsed.searchParams;
    const with_ = (name: string, value: string) => {
      const copy = new URLSearchParams(q);
      copy.set(name, value);
      return copy;
    };
    expect(checkMediaSignature("asset1", "hls/720p/index.m3u8", q, NOW)).toEqual({ ok: false, reason: "forged" });
    expect(checkMediaSignature("asset2", "hls/360p/index.m3u8", q, NOW)).toEqual({ ok: false, reason: "forged" });
    expect(checkMediaSignature("asset1", "hls/360p/index.m3u8", with_("u", "someoneelse"), NOW)).toEqual({ ok: false, reason: "forged" });
    expect(checkMediaSignature("asset1", "hls/360p/index.m3u8", with_("u", "-"), NOW)).toEqual({ ok: false, reason: "forged" });
    expect(checkMediaSignature("asset1", "hls/360p/index.m3u8", with_("exp", String(Number(q.get("exp")) + 3600)), NOW)).toEqual({ ok: false, reason: "forged" });
    const sig = q.get("sig")!;
    expect(checkMediaSignature("asset1", "hls/360p/index.m3u8", with_("sig", `${sig[0] === "A" ? "B" : "A"}${sig.slice(1)}`), NOW)).toEqual({ ok: false, reason: "forged" });
    // The same 16 bytes spelled with other unused bits in the last character: still not our URL.
    const last = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".indexOf(sig.at(-1)!);
    const twin = `${sig.slice(0, -1)}${"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"[last ^ 1]}`;
    expect(Buffer.from(twin, "base64url").equals(Buffer.from(sig, "base64url"))).toBe(true);
    expect(checkMediaSignature("asset1", "hls/360p/index.m3u8", with_("sig", twin), NOW)).toEqual({ ok: false, reason: "forged" });
    for (const bad of ["", "x", "A".repeat(23), "=".repeat(22), "%00"]) {
      expect(checkMediaSignature("asset1", "hls/360p/index.m3u8", with_("sig", bad), NOW)).toEqual({ ok: false, reason: "forged" });
    }
    for (const bad of ["-1", "1e9", "99999999999999", "abc"]) {
      expect(checkMediaSignature("asset1", "hls/360p/index.m3u8", with_("exp", bad), NOW)).toEqual({ ok: false, reason: "forged" });
    }
    expect(checkMediaSignature("asset1", "hls/360p/index.m3u8", new URLSearchParams(), NOW)).toEqual({ ok: false, reason: "missing" });
  });

  it("survive a SESSION_SECRET rotation: signed with the new secret, the old one still verifies", () => {
    process.env.SESSION_SECRET = "old-secret-0123456789abcdef";
    resetEnvForTests();
    const old = mediaUrl("asset1", "original", viewer, 600, NOW);
    process.env.SESSION_SECRET = "new-secret-0123456789abcdef,old-secret-0123456789abcdef";
    resetEnvForTests();
    expect(check(old)).toMatchObject({ ok: true });
    const fresh = mediaUrl("asset1", "original", viewer, 600, NOW);
    expect(fresh).not.toBe(old);
    process.env.SESSION_SECRET = "new-secret-0123456789abcdef";
    resetEnvForTests();
    expect(check(fresh)).toMatchObject({ ok: true });
    expect(check(old)).toEqual({ ok: false, reason: "forged" });
  });
});

describe("signMediaInHtml", () => {
  it("signs every media src, href and poster for the viewer, and leaves everything else as it was", () => {
    const html = [
      `<p><img src="/files/img1/original" alt="A chart"></p>`,
      `<a href="/files/res1/original">Slides</a>`,
      `<video poster='/files/vid1/poster.jpg' src="/files/vid1/video.mp4#t=30"></video>`,
      `<img src="/files/img1/original?exp=1&amp;u=-&amp;sig=old">`,
      `<a href="https://example.com/files/x/original">elsewhere</a>`,
      `<a href="/files/../etc/passwd">traversal</a>`,
      `<p>/files/img1/original in text stays text</p>`,
      `<code>src="/files/img1/original"</code>`,
    ].join("\n");
    const signed = signMediaInHtml(html, viewer, 600, NOW);
    const lines = signed.split("\n");
    const expected = (id: string, file: string) => mediaUrl(id, file, viewer, 600, NOW).replaceAll("&", "&amp;");
    expect(lines[0]).toBe(`<p><img src="${expected("img1", "original")}" alt="A chart"></p>`);
    expect(lines[1]).toBe(`<a href="${expected("res1", "original")}">Slides</a>`);
    expect(lines[2]).toBe(`<video poster='${expected("vid1", "poster.jpg")}' src="${expected("vid1", "video.mp4")}#t=30"></video>`);
    expect(lines[3]).toBe(`<img src="${expected("img1", "original")}">`);
    expect(lines.slice(4)).toEqual(html.split("\n").slice(4));
    // The URL in the page verifies for that viewer.
    const src = /src="([^"]+)"/.exec(lines[0])![1].replaceAll("&amp;", "&");
    expect(check(src)).toMatchObject({ ok: true, viewerId: viewer.id });
    expect(signMediaInHtml("<p>no media</p>", viewer)).toBe("<p>no media</p>");
  });
});
