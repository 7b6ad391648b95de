import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { strToU8, zipSync } from "fflate";
import { afterAll, describe, expect, it } from "vitest";
import { inspectUpload, srtToWebVtt, svgScriptProblem, ZIP_BOMB_LIMITS } from "./inspect.server.ts";
import { KIND_LIMITS } from "./limits.ts";

const dir = mkdtempSync(path.join(tmpdir(), "inspect-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
/** Writes bytes under a name (the name is what a browser would send; the checks never read it). */
function file(name: string, content: string | Uint8Array) {
  const at = path.join(dir, `${n++}-${name}`);
  writeFileSync(at, content);
  return at;
}

/** The smallest valid PNG: a 1x1 transparent pixel. */
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");
const PDF = strToU8("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

describe("types come from the content, never the name", () => {
  it("a PNG renamed .pdf is a PNG: accepted as an image resource, refused as a video or captions, named in the message", async () => {
    const renamed = file("handout.pdf", PNG);
    expect(await inspectUpload("RESOURCE", renamed)).toEqual({ ok: true, contentType: "image/png", size: PNG.length });
    const asVideo = await inspectUpload("VIDEO", renamed);
    expect(asVideo).toMatchObject({ ok: false, status: 415 });
    expect(asVideo.ok ? "" : asVideo.message).toContain("This file is a PNG image, which isn't accepted for a video");
    const asCaptions = await inspectUpload("CAPTIONS", file("subs.vtt", PNG));
    expect(asCaptions.ok ? "" : asCaptions.message).toContain("This file is a PNG image, not captions");
  });

  it("a real PDF is a PDF whatever its name; a text file named .pdf is text", async () => {
    expect(await inspectUpload("RESOURCE", file("notes.txt", PDF))).toMatchObject({ ok: true, contentType: "application/pdf" });
    expect(await inspectUpload("RESOURCE", file("fake.pdf", "just some notes\n"))).toMatchObject({ ok: true, contentType: "text/plain" });
  });

  it("refuses binary content it can't name, an empty file and a file over the kind's limit", async () => {
    const random = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));
    const unknown = await inspectUpload("RESOURCE", file("data.bin", random));
    expect(unknown).toMatchObject({ ok: false, status: 415 });
    expect(unknown.ok ? "" : unknown.message).toContain("isn't a type we recognise");
    expect(await inspectUpload("IMAGE", file("empty.png", ""))).toMatchObject({ ok: false, status: 422, message: "The file is empty. Choose the file again and upload it." });
    const big = file("big.vtt", Buffer.alloc(KIND_LIMITS.CAPTIONS.maxBytes + 1, "a"));
    expect(await inspectUpload("CAPTIONS", big)).toMatchObject({ ok: false, status: 413, message: "The file is 2.0 MB: captions may be at most 2 MB." });
  });
});

describe("zips are judged by their central directory", () => {
  it("accepts an ordinary zip of code files", async () => {
    const zip = zipSync({ "project/index.js": strToU8("console.log('hi')\n".repeat(50)), "project/README.md": strToU8("# Read me\n") });
    expect(await inspectUpload("RESOURCE", file("code.zip", zip))).toEqual({ ok: true, contentType: "application/zip", size: zip.length });
  });

  it("refuses a real zip bomb: 200 MB of zeros packed into a few hundred KB", async () => {
    const zeros = new Uint8Array(50 * 1024 * 1024);
    const bomb = zipSync({ "a.bin": zeros, "b.bin": zeros, "c.bin": zeros, "d.bin": zeros }, { level: 9 });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const result = await inspectUpload("RESOURCE", file("innocent.zip", bomb));
    expect(result).toMatchObject({ ok: false, status: 422 });
    expect(result.ok ? "" : result.message).toMatch(/^The zip unpacks to 200 MB from \d+ KB, more than 100 times its size \(this is how a zip bomb looks\)/);
  });

  it("refuses a zip that unpacks past the total limit, even at a plausible ratio", async () => {
    // Stored (not compressed) entries are read from the directory only: the sizes are what it declares.
    const huge = zipSync(Object.fromEntries(Array.from({ length: 3 }, (_, i) => [`part${i}.bin`, new Uint8Array(8)])), { level: 0 });
    // Declare each entry 400 MB in the central directory, as a lying or huge archive would.
    const bytes = Buffer.from(huge);
    for (let at = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); at >= 0; at = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), at + 4)) {
      bytes.writeUInt32LE(400 * 1024 * 1024, at + 24);
    }
    const result = await inspectUpload("RESOURCE", file("huge.zip", bytes));
    expect(result.ok ? "" : result.message).toMatch(/^The zip unpacks to 1\.2 GB, more than the 1 GB accepted/);
  });

  it("refuses archives inside the archive, too many entries and paths out of the folder", async () => {
    const inner = zipSync({ "x.txt": strToU8("x") });
    const nested = await inspectUpload("RESOURCE", file("nested.zip", zipSync({ "docs/readme.txt": strToU8("hi"), "docs/more.zip": inner })));
    expect(nested.ok ? "" : nested.message).toBe("The zip contains another archive (“docs/more.zip”). Archives inside archives are not accepted: put its files in the zip directly.");

    const many = zipSync(Object.fromEntries(Array.from({ length: ZIP_BOMB_LIMITS.entries + 1 }, (_, i) => [`f${i}.txt`, strToU8("x")])));
    const tooMany = await inspectUpload("RESOURCE", file("many.zip", many));
    expect(tooMany.ok ? "" : tooMany.message).toBe("The zip holds more than 1000 files: at most 1000 are accepted. Split it into several zips.");

    const escape = await inspectUpload("RESOURCE", file("escape.zip", zipSync({ "../../etc/cron.d/x": strToU8("x") })));
    expect(escape.ok ? "" : escape.message).toContain("a path that points outside its folder (“../../etc/cron.d/x”)");
  });

  it("refuses a zip with no central directory", async () => {
    const zip = zipSync({ "a.txt": strToU8("hello") });
    const cut = zip.subarray(0, zip.length - 30);
    const result = await inspectUpload("RESOURCE", file("cut.zip", cut));
    expect(result).toMatchObject({ ok: false });
    expect(result.ok ? "" : result.message).toMatch(/central directory|table of contents/);
  });
});

describe("SVG images may not script", () => {
  const svg = (inner: string, attrs = "") => `<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"${attrs}>${inner}</svg>`;

  it("accepts a plain drawing", async () => {
    const clean = svg('<rect width="10" height="10" fill="#f00"/><a href="https://sentry.io"><text>hi</text></a>');
    expect(await inspectUpload("IMAGE", file("logo.svg", clean))).toMatchObject({ ok: true, contentType: "image/svg+xml" });
  });

  it("refuses a scripted SVG with a message naming the script, even when uploaded as a PNG", async () => {
    const result = await inspectUpload("IMAGE", file("cat.png", svg("<script>fetch('/account').then(r=>r.text()).then(alert)</script>")));
    expect(result).toEqual({ ok: false, status: 422, message: "The SVG contains a script (<script>), which could run in the browser of anyone who opens it. Remove it and upload the file again." });
  });

  it.each([
    ["an event handler", svg("<rect/>", ' onload="alert(1)"'), /event handler \(onload=…\)/],
    ["an event handler on a child", svg('<circle r="2" ONMOUSEOVER = "alert(1)"/>'), /event handler \(onmouseover=…\)/],
    ["a foreignObject", svg('<foreignObject><iframe src="https://evil.example"/></foreignObject>'), /<foreignObject>/],
    ["a javascript: link", svg('<a href="javascript:alert(1)"><text>x</text></a>'), /javascript: URL/],
    ["an encoded javascript: link", svg('<a xlink:href="jav&#x09;asc&#114;ipt&colon;alert(1)"><text>x</text></a>'), /javascript: URL/],
    ["a namespaced script", svg("<svg:script>alert(1)</svg:script>"), /<script>/],
    ["an entity declaration", `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>`, /<!ENTITY>/],
    ["an @import in its style", svg("<style>@import url(https://evil.example/x.css);</style>"), /@import/],
  ])("refuses %s", (_, text, message) => {
    expect(svgScriptProblem(text)).toMatch(message);
  });
});

describe("captions", () => {
  it("accepts WebVTT with valid cues", async () => {
    const vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:04.000 align:start\nHello\n\n01:02.500 --> 01:03.000\nShort form\n";
    expect(await inspectUpload("CAPTIONS", file("en.vtt", vtt))).toEqual({ ok: true, contentType: "text/vtt", size: Buffer.byteLength(vtt) });
  });

  it("refuses WebVTT with a broken timing or a cue that ends before it starts, by line", async () => {
    const broken = await inspectUpload("CAPTIONS", file("bad.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nok\n\n00:00:05 --> 00:00:06.000\nbad\n"));
    expect(broken.ok ? "" : broken.message).toBe("Line 6 of the captions has a timing WebVTT can't read (“00:00:05 --> 00:00:06.000”): write it as 00:00:01.000 --> 00:00:04.000.");
    const backwards = await inspectUpload("CAPTIONS", file("back.vtt", "WEBVTT\n\n00:00:09.000 --> 00:00:04.000\nback\n"));
    expect(backwards.ok ? "" : backwards.message).toBe("The cue on line 3 of the captions ends (00:00:04.000) before it starts (00:00:09.000).");
    const empty = await inspectUpload("CAPTIONS", file("empty.vtt", "WEBVTT\n\nNOTE nothing here\n"));
    expect(empty.ok ? "" : empty.message).toMatch(/^The captions have no cues/);
  });

  it("converts SubRip to WebVTT (CRLF, numbering, commas, font tags) and stores the conversion", async () => {
    const srt = "\uFEFF1\r\n00:00:01,000 --> 00:00:04,250\r\n<font color=\"red\">Hello</font> <i>there</i>\r\n\r\n2\r\n00:01:02,500 --> 00:01:05,000\r\nSecond line\r\nwraps --> here\r\n";
    const result = await inspectUpload("CAPTIONS", file("en.srt", srt));
    expect(result.ok).toBe(true);
    const vtt = result.ok ? result.converted!.toString("utf8") : "";
    expect(vtt).toBe("WEBVTT\n\n00:00:01.000 --> 00:00:04.250\nHello <i>there</i>\n\n00:01:02.500 --> 00:01:05.000\nSecond line\nwraps → here\n");
    expect(result).toMatchObject({ contentType: "text/vtt", size: Buffer.byteLength(vtt) });
    // The conversion is itself valid WebVTT.
    expect(await inspectUpload("CAPTIONS", file("converted.vtt", vtt))).toMatchObject({ ok: true });
  });

  it("refuses SubRip with a broken cue, by number, and captions that aren't UTF-8", async () => {
    expect(srtToWebVtt("1\n00:00:01,000 --> 00:00:02,000\nok\n\n2\n00:00:03 --> soon\nbad\n")).toEqual({
      problem: "Cue 2 of the SubRip captions has no valid timing line (“00:00:03 --> soon”): write it as 00:00:01,000 --> 00:00:04,000.",
    });
    const latin1 = Buffer.concat([Buffer.from("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nCaf"), Buffer.from([0xe9]), Buffer.from("\n")]);
    const result = await inspectUpload("CAPTIONS", file("latin1.vtt", latin1));
    expect(result).toMatchObject({ ok: false });
  });
});
