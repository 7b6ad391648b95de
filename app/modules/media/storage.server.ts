/**
 * The media store (decision 034): one interface, two places.
 *
 * - Local disk (the default, so `npm start` needs nothing): under `$DATA_DIR/media`, a key is a
 *   path below it. A file is written to a temporary name and renamed, so a reader never sees half
 *   of it; its content type sits beside it in a `.meta` tree that `list` never shows.
 * - S3 (any S3-compatible store) when S3_BUCKET is set, through @aws-sdk/client-s3: several app
 *   instances then share every file.
 *
 * Keys are `media/<assetId>/original`, `media/<assetId>/hls/...`, `media/<assetId>/video.mp4`,
 * `media/<assetId>/poster.jpg`: plain segments of letters, digits, `.`, `_` and `-` (none starting
 * with a dot), so no key can leave the store's folder or collide with the `.meta` tree.
 */
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import {
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { getEnv, type Env } from "~/utils/env.server.ts";

export type ByteRange = { start: number; end?: number };
export type StoredObject = { body: Readable; size: number; contentType: string; start: number; end: number };

export interface MediaStore {
  /** Where the files are, for logs and the decision record: "local disk (…)" or "S3 bucket …". */
  readonly description: string;
  put(key: string, body: Buffer | Readable, opts: { contentType: string; size?: number }): Promise<void>;
  putFile(key: string, localPath: string, contentType: string): Promise<void>;
  /** The object (or `range` of it: `end` inclusive, clamped to the last byte); null when there is none. Throws RangeNotSatisfiable for a start past the end. */
  get(key: string, range?: ByteRange): Promise<StoredObject | null>;
  head(key: string): Promise<{ size: number; contentType: string } | null>;
  delete(key: string): Promise<void>;
  deletePrefix(prefix: string): Promise<void>;
  /** Every key under `prefix` (a folder, e.g. `media/<id>/`), sorted. */
  list(prefix: string): Promise<string[]>;
  download(key: string, localPath: string): Promise<void>;
}

/** A range that starts at or past the object's end (HTTP 416); `size` is the object's whole length. */
export class RangeNotSatisfiable extends Error {
  constructor(readonly size: number) {
    super(`range not satisfiable (object is ${size} bytes)`);
  }
}

export class InvalidMediaKey extends Error {}

const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}$/;

/** Checks a key (or, with `prefix`, a folder prefix ending in `/`, or ""); throws InvalidMediaKey. */
export function checkKey(key: string, { prefix = false } = {}): string {
  const body = prefix && key.endsWith("/") ? key.slice(0, -1) : key;
  if (prefix && body === "") return key;
  if (key.length > 1024 || !body.split("/").every((segment) => SEGMENT.test(segment))) throw new InvalidMediaKey(`not a media key: ${JSON.stringify(key.slice(0, 100))}`);
  return key;
}

/** The key of one of an asset's files. */
export function mediaKey(assetId: string, file: string) {
  return checkKey(`media/${assetId}/${file}`);
}

function clampRange(range: ByteRange | undefined, size: number) {
  if (!range) return { start: 0, end: Math.max(0, size - 1) };
  if (range.start >= size || (range.end !== undefined && range.end < range.start)) throw new RangeNotSatisfiable(size);
  return { start: range.start, end: Math.min(range.end ?? size - 1, size - 1) };
}

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === "ENOENT" || (error as NodeJS.ErrnoException).code === "ENOTDIR";

export class LocalDiskStore implements MediaStore {
  readonly description: string;
  constructor(readonly root: string) {
    this.description = `local disk (${root})`;
  }

  private file(key: string) {
    return path.join(this.root, checkKey(key));
  }
  private meta(key: string) {
    return path.join(this.root, ".meta", checkKey(key));
  }

  private async place(key: string, write: (tmp: string) => Promise<void>, contentType: string) {
    const target = this.file(key);
    await mkdir(path.dirname(target), { recursive: true });
    await mkdir(path.dirname(this.meta(key)), { recursive: true });
    const tmp = `${target}.${randomBytes(6).toString("hex")}.partial`;
    try {
      await write(tmp);
      await writeFile(this.meta(key), contentType);
      await rename(tmp, target);
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    }
  }

  async put(key: string, body: Buffer | Readable, opts: { contentType: string; size?: number }) {
    await this.place(key, (tmp) => (Buffer.isBuffer(body) ? writeFile(tmp, body) : pipeline(body, createWriteStream(tmp))), opts.contentType);
  }

  async putFile(key: string, localPath: string, contentType: string) {
    await this.place(key, (tmp) => pipeline(createReadStream(localPath), createWriteStream(tmp)), contentType);
  }

  private async contentTypeOf(key: string) {
    return readFile(this.meta(key), "utf8").catch(() => "application/octet-stream");
  }

  async head(key: string) {
    try {
      const info = await stat(this.file(key));
      if (!info.isFile()) return null;
      return { size: info.size, contentType: await this.contentTypeOf(key) };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async get(key: string, range?: ByteRange) {
    // One open file for stat and read: a file renamed over in between is still read whole.
    let handle;
    try {
      handle = await open(this.file(key), "r");
    } catch (error) {
      if (isMissing(error) || (error as NodeJS.ErrnoException).code === "EISDIR") return null;
      throw error;
    }
    try {
      const info = await handle.stat();
      if (!info.isFile()) {
        await handle.close();
        return null;
      }
      const { start, end } = clampRange(range, info.size);
      const contentType = await this.contentTypeOf(key);
      // An empty file: an empty stream (createReadStream with end -1 would read it all).
      const body = info.size === 0 ? (await handle.close(), Readable.from([])) : handle.createReadStream({ start, end, autoClose: true });
      return { body, size: info.size, contentType, start, end };
    } catch (error) {
      await handle.close().catch(() => undefined);
      throw error;
    }
  }

  async delete(key: string) {
    await rm(this.file(key), { force: true });
    await rm(this.meta(key), { force: true });
  }

  async deletePrefix(prefix: string) {
    checkKey(prefix, { prefix: true });
    for (const key of await this.list(prefix)) await this.delete(key);
    // Folders left empty go too (a folder prefix: the folder itself).
    if (prefix.endsWith("/") && prefix.length > 1) {
      await rm(path.join(this.root, prefix), { recursive: true, force: true });
      await rm(path.join(this.root, ".meta", prefix), { recursive: true, force: true });
    }
  }

  async list(prefix: string) {
    checkKey(prefix, { prefix: true });
    // The folder holding the prefix, walked; keys filtered by the prefix's own text.
    const folder = prefix.includes("/") ? prefix.slice(0, prefix.lastIndexOf("/")) : "";
    const keys: string[] = [];
    const walk = async (relative: string) => {
      let entries;
      try {
        entries = await readdir(path.join(this.root, relative), { withFileTypes: true });
      } catch (error) {
        if (isMissing(error)) return;
        throw error;
      }
      for (const entry of entries) {
        if (entry.name.startsWith(".")) continue;
        const key = relative ? `${relative}/${entry.name}` : entry.name;
        if (entry.isDirectory()) await walk(key);
        else if (entry.isFile() && !entry.name.endsWith(".partial") && key.startsWith(prefix)) keys.push(key);
      }
    };
    await walk(folder);
    return keys.sort();
  }

  async download(key: string, localPath: string) {
    await mkdir(path.dirname(localPath), { recursive: true });
    await pipeline(createReadStream(this.file(key)), createWriteStream(localPath));
  }
}

type S3Settings = Pick<Env, "S3_BUCKET" | "S3_ENDPOINT" | "S3_REGION" | "S3_ACCESS_KEY_ID" | "S3_SECRET_ACCESS_KEY" | "S3_FORCE_PATH_STYLE">;

const notFound = (error: unknown) =>
  error instanceof S3ServiceException && (error.name === "NoSuchKey" || error.name === "NotFound" || error.$metadata?.httpStatusCode === 404);

export class S3Store implements MediaStore {
  readonly description: string;
  readonly client: S3Client;
  readonly bucket: string;

  constructor(settings: S3Settings & { S3_BUCKET: string }) {
    this.bucket = settings.S3_BUCKET;
    this.description = `S3 bucket ${settings.S3_BUCKET}${settings.S3_ENDPOINT ? ` at ${settings.S3_ENDPOINT}` : ""}`;
    this.client = new S3Client({
      region: settings.S3_REGION,
      endpoint: settings.S3_ENDPOINT,
      forcePathStyle: settings.S3_FORCE_PATH_STYLE,
      credentials: settings.S3_ACCESS_KEY_ID ? { accessKeyId: settings.S3_ACCESS_KEY_ID, secretAccessKey: settings.S3_SECRET_ACCESS_KEY! } : undefined,
      // Checksums only where S3 requires them: a streamed body then goes out as it is (S3-compatible
      // stores that don't speak aws-chunked trailers, s3rver among them, store what was sent).
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    });
  }

  async put(key: string, body: Buffer | Readable, opts: { contentType: string; size?: number }) {
    checkKey(key);
    if (!Buffer.isBuffer(body) && opts.size === undefined) {
      // PutObject needs the length up front: a stream of unknown length is spooled to a temporary file first.
      const tmp = path.join(tmpdir(), `academy-media-${randomBytes(8).toString("hex")}`);
      try {
        await pipeline(body, createWriteStream(tmp));
        await this.putFile(key, tmp, opts.contentType);
      } finally {
        await rm(tmp, { force: true });
      }
      return;
    }
    const length = Buffer.isBuffer(body) ? body.length : opts.size;
    await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: opts.contentType, ContentLength: length }));
  }

  async putFile(key: string, localPath: string, contentType: string) {
    const { size } = await stat(localPath);
    await this.put(key, createReadStream(localPath), { contentType, size });
  }

  async head(key: string) {
    checkKey(key);
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { size: Number(head.ContentLength ?? 0), contentType: head.ContentType ?? "application/octet-stream" };
    } catch (error) {
      if (notFound(error)) return null;
      throw error;
    }
  }

  async get(key: string, range?: ByteRange) {
    checkKey(key);
    if (range && range.end !== undefined && range.end < range.start) throw new RangeNotSatisfiable((await this.head(key))?.size ?? 0);
    try {
      const object = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: key, Range: range ? `bytes=${range.start}-${range.end ?? ""}` : undefined }),
      );
      const contentRange = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(object.ContentRange ?? "");
      const length = Number(object.ContentLength ?? 0);
      const size = contentRange ? Number(contentRange[3]) : length;
      const start = contentRange ? Number(contentRange[1]) : 0;
      const end = contentRange ? Number(contentRange[2]) : Math.max(0, length - 1);
      // Some stores answer a range over a whole (small) object with all of it: cut it to the range ourselves.
      if (range && !contentRange) {
        const clamped = clampRange(range, size);
        const whole = object.Body as Readable;
        const bytes = Buffer.concat(await whole.toArray());
        return { body: Readable.from([bytes.subarray(clamped.start, clamped.end + 1)]), size, contentType: object.ContentType ?? "application/octet-stream", ...clamped };
      }
      return { body: object.Body as Readable, size, contentType: object.ContentType ?? "application/octet-stream", start, end };
    } catch (error) {
      if (notFound(error)) return null;
      if (error instanceof S3ServiceException && (error.name === "InvalidRange" || error.$metadata?.httpStatusCode === 416)) {
        throw new RangeNotSatisfiable((await this.head(key))?.size ?? 0);
      }
      throw error;
    }
  }

  async delete(key: string) {
    checkKey(key);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  async deletePrefix(prefix: string) {
    const keys = await this.list(prefix);
    for (let i = 0; i < keys.length; i += 1000) {
      await this.client.send(new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: keys.slice(i, i + 1000).map((Key) => ({ Key })), Quiet: true } }));
    }
  }

  async list(prefix: string) {
    checkKey(prefix, { prefix: true });
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token }));
      for (const object of page.Contents ?? []) if (object.Key) keys.push(object.Key);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return keys.sort();
  }

  async download(key: string, localPath: string) {
    const object = await this.get(key);
    if (!object) throw new Error(`no media object ${key}`);
    await mkdir(path.dirname(localPath), { recursive: true });
    await pipeline(object.body, createWriteStream(localPath));
  }
}

/** The store the environment names (S3 when S3_BUCKET is set, local disk otherwise). */
export function storeFor(env: Pick<Env, "DATA_DIR"> & S3Settings): MediaStore {
  if (env.S3_BUCKET) return new S3Store({ ...env, S3_BUCKET: env.S3_BUCKET });
  return new LocalDiskStore(path.resolve(env.DATA_DIR, "media"));
}

let cached: { env: Env; store: MediaStore } | undefined;

/** This process's media store, made once per environment (tests that change it get a new one). */
export function getMediaStore(): MediaStore {
  const env = getEnv();
  if (cached?.env !== env) cached = { env, store: storeFor(env) };
  return cached.store;
}
