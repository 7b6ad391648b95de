/**
 * A micro-cache for anonymous page views (server.ts mounts it in front of
 * Remix). A GET with no cookie and no Authorization header gets the same page
 * whoever sends it, so the rendered response of the public Academy pages is
 * kept for a few seconds per instance (PAGE_CACHE_SECONDS, 0 turns it off).
 * Signed-in users, flash messages, forms and everything outside the allow-list
 * always render fresh. What a CDN would do in front of us, done in-process:
 * see docs/decisions/005-hot-path-sql.md.
 */
import type { NextFunction, Request, Response } from "express";
import { markNonce, withNonce, type NonceMark } from "./security-headers.server.ts";

// /api/courses: the JSON API's public course list, answered to guests with `Cache-Control: public`.
const PUBLIC_PAGES = [/^\/$/, /^\/api\/courses$/, /^\/courses(\.data)?$/, /^\/courses\/[^/]+(\/(lessons|quizzes)\/[^/]+)?(\.data)?$/, /^\/paths(\/[^/]+)?(\.data)?$/, /^\/login$/, /^\/signup$/];
const MAX_ENTRIES = 500;

/** `nonce`: the CSP nonce the page was rendered with; a hit gets the current response's in its place (and its CSP header). */
type Entry = { expires: number; status: number; headers: Record<string, string | string[] | number>; body: Buffer; nonce?: NonceMark };
const nonceOf = (res: Response) => (res.locals as { cspNonce?: string }).cspNonce;

export function pageCache(ttlSeconds: number) {
  const cache = new Map<string, Entry>();
  return (req: Request, res: Response, next: NextFunction) => {
    if (ttlSeconds <= 0 || req.method !== "GET" || req.headers.cookie || req.headers.authorization || !PUBLIC_PAGES.some((p) => p.test(req.path))) {
      return next();
    }
    const key = req.originalUrl;
    const hit = cache.get(key);
    if (hit && hit.expires > Date.now()) {
      res.status(hit.status).set(hit.headers).set("X-Page-Cache", "hit").end(withNonce(hit.body, hit.nonce, nonceOf(res)));
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
