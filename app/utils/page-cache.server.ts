/**
 * A micro-cache for anonymous page views (server.ts mounts it in front of
 * Remix). A GET with no cookie and no Authorization header gets the same page
 * whoever sends it, so the rendered response of the public pages is kept for a
 * few seconds per instance. A route opts in with
 * `export const handle = { pageCacheSeconds: 10 } satisfies PageCacheHandle`
 * (its `.data` requests too); PAGE_CACHE_SECONDS caps every route's seconds
 * (0 turns the cache off). Signed-in users, flash messages, forms and every
 * route that does not opt in always render fresh. What a CDN would do in front
 * of us, done in-process: see docs/caching.md and decisions 005 and 025.
 */
import type { ServerBuild } from "@remix-run/node";
import type { NextFunction, Request, Response } from "express";
import { gzipKept, keepGzip, type KeptGzip } from "./kept-gzip.server.ts";
import { optInMatcher } from "./route-match.server.ts";
import { markNonce, withNonce, type NonceMark } from "./security-headers.server.ts";

export type PageCacheHandle = { pageCacheSeconds?: number };
const secondsOf = (handle: unknown) => (handle as PageCacheHandle | undefined)?.pageCacheSeconds ?? 0;
const MAX_ENTRIES = 500;

/**
 * `nonce`: the CSP nonce the page was rendered with; a hit gets the current response's in its place (and its CSP header).
 * `gzip`: the body compressed in pieces, made on the first hit (kept-gzip.server.ts, decision 028).
 */
type Entry = { expires: number; status: number; headers: Record<string, string | string[] | number>; body: Buffer; nonce?: NonceMark; gzip?: KeptGzip };
const nonceOf = (res: Response) => (res.locals as { cspNonce?: string }).cspNonce;

/** `maxSeconds`: PAGE_CACHE_SECONDS, the most any route keeps a page (0: nothing is kept). */
export function pageCache(build: ServerBuild, maxSeconds: number) {
  const cache = new Map<string, Entry>();
  // Remix's own matching (route-match.server.ts); a single-fetch request (/courses.data) is its page's route.
  const match = optInMatcher(build, (handle) => secondsOf(handle) > 0);
  return (req: Request, res: Response, next: NextFunction) => {
    if (maxSeconds <= 0 || req.method !== "GET" || req.headers.cookie || req.headers.authorization) return next();
    const matches = match(req.path.replace(/\.data$/, ""));
    if (!matches) return next();
    const ttlSeconds = Math.min(maxSeconds, secondsOf(matches.at(-1)!.route.module.handle));
    const key = req.originalUrl;
    const hit = cache.get(key);
    if (hit && hit.expires > Date.now()) {
      const page = withNonce(hit.body, hit.nonce, nonceOf(res));
      res.status(hit.status).set(hit.headers).set("X-Page-Cache", "hit");
      // Compressed once, not on every hit: gzip from the kept pieces (compression.server.ts leaves it as it is).
      if (req.acceptsEncodings("gzip") !== "gzip") return void res.end(page);
      hit.gzip ??= keepGzip(hit.body, hit.nonce);
      res.vary("Accept-Encoding").set("Content-Encoding", "gzip").end(gzipKept(hit.gzip, page, hit.nonce, nonceOf(res)));
      return;
    }
    res.setHeader("X-Page-Cache", "miss");
    const chunks: Buffer[] = [];
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    const collect = (chunk: unknown, encoding?: unknown) => {
      if (chunk && typeof chunk !== "function") chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8"));
    };
    (res as unknown as { write: unknown }).write = (chunk: unknown, ...rest: unknown[]) => {
      collect(chunk, rest[0]);
      return write(chunk, ...rest);
    };
    (res as unknown as { end: unknown }).end = (chunk?: unknown, ...rest: unknown[]) => {
      try {
        collect(chunk, rest[0]);
        const cacheControl = String(res.getHeader("Cache-Control") ?? "");
        if (res.statusCode === 200 && !res.getHeader("Set-Cookie") && !/no-store|private/.test(cacheControl)) {
          if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
          const headers = { ...res.getHeaders() } as Entry["headers"];
          delete headers["content-length"];
          delete headers["x-page-cache"];
          // This response's own (security-headers.server.ts), nonce included, stays on a hit.
          delete headers["content-security-policy"];
          const body = Buffer.concat(chunks);
          cache.set(key, { expires: Date.now() + ttlSeconds * 1000, status: res.statusCode, headers, body, nonce: markNonce(body, nonceOf(res)) });
        }
      } catch (error) {
        // The cache must never break a response.
        console.warn("[page-cache]", error instanceof Error ? error.message : error);
      }
      return end(chunk, ...rest);
    };
    next();
  };
}
