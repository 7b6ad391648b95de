/**
 * The media store's one contract, run against both stores (decision 034): local disk in a
 * temporary folder, and S3 against a local s3rver (tests/support/s3.ts).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkKey, InvalidMediaKey, LocalDiskStore, RangeNotSatisfiable, S3Store, storeFor, type MediaStore } from "~/modules/media/storage.server.ts";
import { parseEnv } from "~/utils/env.server.ts";
import { startLocalS3, type LocalS3 } from "../support/s3.ts";

const text = async (body: Readable) => Buffer.concat(await body.toArray()).toString();

let s3: LocalS3;
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), "academy-store-test-"));
  dirs.push(dir);
  return dir;
};

beforeAll(async () => {
  s3 = await startLocalS3();
});
afterAll(async () => {
  await s3?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const base = { DATABASE_URL: "postgresql://u@localhost/db", SESSION_SECRET: "a-long-enough-secret-value" };

describe("choosing the store", () => {
  it("is local disk under $DATA_DIR/media without S3_BUCKET, S3 with it", () => {
    const local = storeFor(parseEnv({ ...base, DATA_DIR: "/srv/academy" }));
    expect(local).toBeInstanceOf(LocalDiskStore);
    expect((local as LocalDiskStore).root).toBe("/srv/academy/media");
    const remote = storeFor(parseEnv({ ...base, ...s3.env }));
    expect(remote).toBeInstanceOf(S3Store);
    expect(remote.description).toBe(`S3 bucket academy-media at ${s3.endpoint}`);
  });

  it("refuses keys that could leave the store's folder or reach its metadata", () => {
    for (const bad of ["../x", "media/../../etc/passwd", "/abs", "media//x", "media/.meta/x", "media/x\u0000", "media\\x", "", "media/a b", `media/${"x".repeat(300)}`]) {
      expect(() => checkKey(bad), bad).toThrow(InvalidMediaKey);
    }
    expect(checkKey("media/ck1/hls/360p/seg_001.ts")).toBe("media/ck1/hls/360p/seg_001.ts");
    expect(checkKey("media/ck1/", { prefix: true })).toBe("media/ck1/");
  });
});

for (const kind of ["local disk", "S3"] as const) {
  describe(`the ${kind} store`, () => {
    let store: MediaStore;
    beforeAll(() => {
      store = kind === "S3" ? new S3Store({ ...parseEnv({ ...base, ...s3.env }), S3_BUCKET: s3.bucket }) : new LocalDiskStore(path.join(tempDir(), "media"));
    });

    it("puts a buffer, a stream of unknown length and a file, and gets each back with its type", async () => {
      await store.put("media/a1/original", Buffer.from("%PDF-1.7 hello"), { contentType: "application/pdf" });
      await store.put("media/a1/hls/master.m3u8", Readable.from(["#EXTM3U\n", "#EXT-X-VERSION:3\n"]), { contentType: "application/vnd.apple.mpegurl" });
      const local = path.join(tempDir(), "poster.jpg");
      writeFileSync(local, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]));
      await store.putFile("media/a1/poster.jpg", local, "image/jpeg");

      const pdf = await store.get("media/a1/original");
      expect(pdf).toMatchObject({ size: 14, contentType: "application/pdf", start: 0, end: 13 });
      expect(await text(pdf!.body)).toBe("%PDF-1.7 hello");
      expect(await text((await store.get("media/a1/hls/master.m3u8"))!.body)).toBe("#EXTM3U\n#EXT-X-VERSION:3\n");
      expect(await store.head("media/a1/poster.jpg")).toEqual({ size: 7, contentType: "image/jpeg" });
      expect(await store.head("media/a1/nothing")).toBeNull();
      expect(await store.get("media/a1/nothing")).toBeNull();
    });

    it("reads a range: the bytes asked for, an open end to the last byte, an end past it clamped; a start past the end is refused", async () => {
      await store.put("media/r1/video.mp4", Buffer.from("0123456789"), { contentType: "video/mp4" });
      const middle = await store.get("media/r1/video.mp4", { start: 2, end: 5 });
      expect(middle).toMatchObject({ size: 10, start: 2, end: 5, contentType: "video/mp4" });
      expect(await text(middle!.body)).toBe("2345");
      const tail = await store.get("media/r1/video.mp4", { start: 7 });
      expect([tail!.start, tail!.end, await text(tail!.body)]).toEqual([7, 9, "789"]);
      const clamped = await store.get("media/r1/video.mp4", { start: 8, end: 500 });
      expect([clamped!.end, await text(clamped!.body)]).toEqual([9, "89"]);
      await expect(store.get("media/r1/video.mp4", { start: 10 })).rejects.toThrow(RangeNotSatisfiable);
      await expect(store.get("media/r1/video.mp4", { start: 10 })).rejects.toMatchObject({ size: 10 });
    });

    it("replaces a file whole, lists a folder's keys, downloads, deletes one and deletes a prefix", async () => {
      await store.put("media/d1/original", Buffer.from("first"), { contentType: "text/plain" });
      await store.put("media/d1/original", Buffer.from("second version"), { contentType: "text/vtt" });
      expect(await store.head("media/d1/original")).toEqual({ size: 14, contentType: "text/vtt" });
      for (const file of ["hls/master.m3u8", "hls/360p/index.m3u8", "hls/360p/seg_000.ts", "video.mp4"]) {
        await store.put(`media/d1/${file}`, Buffer.from(file), { contentType: "application/octet-stream" });
      }
      await store.put("media/d10/original", Buffer.from("a neighbour with a longer id"), { contentType: "text/plain" });
      expect(await store.list("media/d1/")).toEqual(["media/d1/hls/360p/index.m3u8", "media/d1/hls/360p/seg_000.ts", "media/d1/hls/master.m3u8", "media/d1/original", "media/d1/video.mp4"]);
      expect(await store.list("media/d1/hls/")).toEqual(["media/d1/hls/360p/index.m3u8", "media/d1/hls/360p/seg_000.ts", "media/d1/hls/master.m3u8"]);

      const copy = path.join(tempDir(), "copy", "original.vtt");
      await store.download("media/d1/original", copy);
      expect(readFileSync(copy, "utf8")).toBe("second version");

      await store.delete("media/d1/video.mp4");
      await store.delete("media/d1/never-there");
      expect(await store.head("media/d1/video.mp4")).toBeNull();
      await store.deletePrefix("media/d1/");
      expect(await store.list("media/d1/")).toEqual([]);
      // A prefix is a folder: the neighbour whose id starts the same stays.
      expect(await store.list("media/d10/")).toEqual(["media/d10/original"]);
    });

    it("refuses a bad key before touching the store", async () => {
      await expect(store.put("../escape", Buffer.from("x"), { contentType: "text/plain" })).rejects.toThrow(InvalidMediaKey);
      await expect(store.get("media/../../x")).rejects.toThrow(InvalidMediaKey);
      await expect(store.list("../")).rejects.toThrow(InvalidMediaKey);
    });
  });
}
