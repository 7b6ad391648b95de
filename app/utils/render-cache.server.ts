/**
 * Kept document renders, for pages that are costly to render and read the same
 * for a while: course analytics (one course's figures, kept a minute) and the
 * customer portal (the same page for everyone holding the link). A route opts in
 * with `export const handle = { renderCacheSeconds: 60 }`.
 *
 * Loaders still run on every request, so every guard and permission check
 * does; only the render is skipped. The HTML is a function of the path, the
 * query and the loader data alone (the root's included: the signed-in user, a
 * flash message), so the key is a hash of these: new data is a new key, and a
 * kept page can never show one viewer another's. Entries expire after the
 * route's seconds, only to bound memory. Per process, like ttl-cache.ts.
 *
 * Two places use it: entry.server.tsx keeps each render (and reuses one when
 * the same data comes again), and `renderCacheMiddleware`, mounted by server.ts
 * in front of Remix, answers from it after running the loaders itself. On our
 * 2-core machines Remix's own work per document request (route matching over
 * every route, serialising the data) costs about as much CPU again as the
 * loaders of a cached page, so a page served from here skips it too.
 */
import { createHash } from "node:crypto";
import type { AppLoadContext, EntryContext, ServerBuild } from "@remix-run/node";
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";
import { crossSiteWithCookie } from "./compression.server.ts";
import { gzipKept, keepGzip, type KeptGzip } from "./kept-gzip.server.ts";
import { withLoadContext } from "./load-context.server.ts";
import { optInMatcher } from "./route-match.server.ts";
import { markNonce, withNonce, type NonceMark } from "./security-headers.server.ts";

export type RenderCacheHandle = { renderCacheSeconds?: number };

const MAX_ENTRIES = 500;
/**
 * The kept HTML with the response headers Remix computed for it (routes' `headers` exports: no-store, Referrer-Policy...)
 * and the CSP nonce it was rendered with, which a replay swaps for the current response's (security-headers.server.ts).
 */
type Kept = { html: Buffer<ArrayBuffer>; headers: [string, string][]; nonce?: NonceMark };
const entries = new Map<string, Kept & { expires: number; gzip?: KeptGzip }>();

/** The path and query, then each matched route's data in order, hashed. */
function keyOf(url: string, data: unknown[]) {
  const { pathname, search } = new URL(url);
  return createHash("sha256").update(`${pathname}${search}\0`).update(JSON.stringify(data)).digest("base64url");
}

function lookup(key: string, now: number): (Kept & { gzip?: KeptGzip }) | null {
  const hit = entries.get(key);
  if (hit && hit.expires <= now) entries.delete(key);
  return hit && hit.expires > now ? hit : null;
}

/**
 * For entry.server.tsx: the kept HTML of this render, if any (with `nonce`, this response's CSP nonce, in place
 * of the one it was rendered with), and a way to keep it; null for routes that don't opt in.
 */
export function renderMemo(request: Request, status: number, context: EntryContext, now = Date.now(), nonce?: string) {
  const { matches, loaderData, actionData, errors } = context.staticHandlerContext;
  const leaf = matches.at(-1);
  const seconds = leaf ? ((context.routeModules[leaf.route.id]?.handle as RenderCacheHandle | undefined)?.renderCacheSeconds ?? 0) : 0;
  if (!(seconds > 0) || request.method !== "GET" || status !== 200 || actionData || errors) return null;
  const key = keyOf(
    request.url,
    matches.map((m) => loaderData[m.route.id]),
  );
  const hit = lookup(key, now);
  return {
    html: hit ? (withNonce(hit.html, hit.nonce, nonce) as Buffer<ArrayBuffer>) : null,
    store(html: Buffer<ArrayBuffer>, headers: Headers = new Headers()) {
      // A response that sets a cookie belongs to one browser: never kept.
      if (headers.has("Set-Cookie")) return;
      if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
      entries.set(key, { expires: now + seconds * 1000, html, nonce: markNonce(html, nonce), headers: [...headers].filter(([name]) => name !== "content-length") });
    },
  };
}

type DataWithInit = { type: "DataWithResponseInit"; data: unknown; init: ResponseInit | null };
const withInit = (value: unknown): value is DataWithInit => (value as DataWithInit | null)?.type === "DataWithResponseInit";

/**
 * Express middleware for server.ts, before Remix's handler. For a GET of an
 * opted-in route it runs the loaders of the route and every route above it, as
 * Remix would (the same request headers, params and load context) and, when their
 * data matches a kept render, sends it with the headers Remix sent it with. Anything else goes on to Remix, which runs the loaders
 * again and renders: a miss, a guard's redirect or 403 (a thrown Response), an
 * error, or data with a status or headers (a flash message's cookie).
 */
export function renderCacheMiddleware(build: ServerBuild, getLoadContext: (req: ExpressRequest) => AppLoadContext) {
  // Remix's own matching (route-match.server.ts), for the routes that opt in.
  const match = optInMatcher(build, (handle) => ((handle as RenderCacheHandle | undefined)?.renderCacheSeconds ?? 0) > 0);
  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    const matches = req.method === "GET" ? match(req.path) : null;
    if (!matches) return next();
    const loaders = matches.map((m) => m.route.module.loader);
    try {
      const url = `${req.protocol}://${req.get("host") ?? "localhost"}${req.originalUrl}`;
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, v);
      }
      const context = getLoadContext(req);
      const args = { request: new Request(url, { headers }), params: matches.at(-1)!.params, context };
      // As Remix does: the loaders see this request's load context (and its per-request memos, load-context.server.ts).
      const results = await withLoadContext(context, () => Promise.all(loaders.map((loader) => (loader ? loader(args) : undefined))));
      const data: unknown[] = [];
      for (const [i, result] of results.entries()) {
        if (!loaders[i]) {
          data.push(undefined);
          continue;
        }
        if (result instanceof Response || result === undefined) return next();
        if (withInit(result)) {
          if (result.init && ((result.init.status ?? 200) !== 200 || [...new Headers(result.init.headers).keys()].length > 0)) return next();
          data.push(result.data);
        } else data.push(result);
      }
      const kept = lookup(keyOf(url, data), Date.now());
      if (!kept) return next();
      for (const [name, value] of kept.headers) res.append(name, value);
      const page = withNonce(kept.html, kept.nonce, context.cspNonce);
      res.status(200).set({ "Content-Type": "text/html; charset=utf-8", "X-Render-Cache": "hit" });
      // Compressed once, not on every hit (kept-gzip.server.ts); never for another site's request with a cookie (BREACH, decision 028).
      if (req.acceptsEncodings("gzip") !== "gzip" || crossSiteWithCookie(req)) return void res.end(page);
      kept.gzip ??= keepGzip(kept.html, kept.nonce);
      res.vary("Accept-Encoding").set("Content-Encoding", "gzip").end(gzipKept(kept.gzip, page, kept.nonce, context.cspNonce));
    } catch {
      // A guard's thrown Response, or an error: Remix answers (and reports) it properly.
      return next();
    }
  };
}
