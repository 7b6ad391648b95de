/**
 * STUB (media-video branch only): a local-disk media store with the interface the
 * store part owns (BRIEF "Contracts"). Replaced by the store part's
 * storage.server.ts when it is merged; nothing here is meant to survive that merge.
 */
import { createReadStream, createWriteStream } from "node:fs";
import { copyFile, mkdir, readdir, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
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

function localStore(root: string): MediaStore {
  const file = (key: string) => {
    const full = path.resolve(root, key);
    if (!full.startsWith(root + path.sep)) throw new Error(`bad media key: ${key}`);
    return full;
  };
  const walk = async (dir: string): Promise<string[]> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    const out: string[] = [];
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) out.push(...(await walk(full)));
      else out.push(path.relative(root, full).split(path.sep).join("/"));
    }
    return out;
  };
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
      for (const key of await walk(root)) if (key.startsWith(prefix)) await rm(file(key), { force: true });
    },
    async list(prefix) {
      return (await walk(root)).filter((key) => key.startsWith(prefix)).sort();
    },
    async download(key, localPath) {
      await copyFile(file(key), localPath);
    },
  };
}

export function getMediaStore(): MediaStore {
  return localStore(path.resolve(getEnv().DATA_DIR, "media"));
}
