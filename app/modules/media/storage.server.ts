/**
 * STUB (upload branch only): the store engineer's storage.server.ts replaces this file at merge.
 * Local disk under DATA_DIR/media, with the contract's names.
 */
import { createReadStream, createWriteStream } from "node:fs";
import { copyFile, mkdir, readdir, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { getEnv } from "~/utils/env.server.ts";

export type MediaStore = {
  put(key: string, body: Buffer | Readable, opts: { contentType: string; size?: number }): Promise<void>;
  putFile(key: string, localPath: string, contentType: string): Promise<void>;
  get(key: string, range?: { start: number; end?: number }): Promise<{ body: Readable; size: number; contentType: string; start: number; end: number } | null>;
  head(key: string): Promise<{ size: number; contentType: string } | null>;
  delete(key: string): Promise<void>;
  deletePrefix(prefix: string): Promise<void>;
  list(prefix: string): Promise<string[]>;
  download(key: string, localPath: string): Promise<void>;
};

/** S3 settings shared with the tus store; null: local disk (stub: always local). */
export function s3Settings(): { bucket: string; region: string; endpoint?: string; forcePathStyle: boolean; credentials?: { accessKeyId: string; secretAccessKey: string } } | null {
  return null;
}

function localStore(root: string): MediaStore {
  const file = (key: string) => path.join(root, ...key.split("/"));
  async function walk(dir: string, prefix: string): Promise<string[]> {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    const keys: string[] = [];
    for (const entry of entries) {
      const key = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) keys.push(...(await walk(path.join(dir, entry.name), key)));
      else keys.push(key);
    }
    return keys;
  }
  return {
    async put(key, body) {
      await mkdir(path.dirname(file(key)), { recursive: true });
      if (Buffer.isBuffer(body)) await writeFile(file(key), body);
      else await pipeline(body, createWriteStream(file(key)));
    },
    async putFile(key, localPath) {
      await mkdir(path.dirname(file(key)), { recursive: true });
      await copyFile(localPath, file(key));
    },
    async get(key, range) {
      const info = await stat(file(key)).catch(() => null);
      if (!info) return null;
      const start = range?.start ?? 0;
      const end = range?.end ?? info.size - 1;
      return { body: createReadStream(file(key), { start, end }), size: info.size, contentType: "application/octet-stream", start, end };
    },
    async head(key) {
      const info = await stat(file(key)).catch(() => null);
      return info ? { size: info.size, contentType: "application/octet-stream" } : null;
    },
    async delete(key) {
      await rm(file(key), { force: true });
    },
    async deletePrefix(prefix) {
      for (const key of await this.list(prefix)) await rm(file(key), { force: true });
      await rm(file(prefix.replace(/\/$/, "")), { recursive: true, force: true }).catch(() => undefined);
    },
    async list(prefix) {
      const dir = prefix.endsWith("/") ? prefix.slice(0, -1) : path.posix.dirname(prefix);
      return (await walk(file(dir), dir)).filter((key) => key.startsWith(prefix));
    },
    async download(key, localPath) {
      await copyFile(file(key), localPath);
    },
  };
}

let store: MediaStore | undefined;
export function getMediaStore(): MediaStore {
  store ??= localStore(path.resolve(getEnv().DATA_DIR, "media"));
  return store;
}

export { Readable };
