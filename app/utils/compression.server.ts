/**
 * Compressed responses (decision 028). server.ts mounts, in this order:
 *
 * - `precompressedAssets(dir)` for /build: the hashed bundles, CSS and source
 *   maps are compressed once, at build time (remix-build.js writes `x.js.br`
 *   and `x.js.gz` beside `x.js` at the highest levels); a request that accepts
 *   br (or gzip) gets that file with `Content-Encoding`, the type and immutable
 *   caching of the original, and `Vary: Accept-Encoding`. Conditional requests
 *   and HEAD work as for any static file (each encoding has its own ETag).
 * - `compressResponses()` for everything else: pages, `.data` requests, API
 *   JSON, the rest of public/. Brotli at a low quality or gzip at a low level,
 *   chosen so that the CPU spent per page stays small (the measurements are in
 *   the decision). Each write is flushed, so a streamed response still streams.
 *   Already compressed media (fonts, images, video, zips) is left alone
 *   (`compressible`'s list of types), and so is a response that has a
 *   `Content-Encoding` already (a pre-compressed asset).
 *
 * BREACH: a page's length, compressed, may tell an attacker who can both put
 * text into the page and watch its size whether a secret in the same page starts
 * with a guess. The attacker's requests carry the victim's cookie only when the
 * attacker's site starts them, so responses to cross-site requests that carry a
 * cookie are not compressed (Sec-Fetch-Site, sent by every current browser).
 * Same-origin requests, and every request without a cookie, are.
 */
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import compression from "compression";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import express from "express";

const { mime } = express.static;

/** Brotli quality for responses compressed per request (0-11): see decision 028 for the measurements. */
const BROTLI_QUALITY = 1;
/** gzip level for clients without brotli (1-9). */
const GZIP_LEVEL = 6;

/** A request another site started with the user's cookie: its answer is not compressed (BREACH, above). */
export function crossSiteWithCookie(req: Pick<Request, "headers">) {
  return Boolean(req.headers.cookie) && req.headers["sec-fetch-site"] === "cross-site";
}

export function compressResponses(): RequestHandler {
  return compression({
    level: GZIP_LEVEL,
    // One flush per write: a page (one write) is unaffected, a streamed answer keeps streaming.
    flush: zlib.constants.Z_SYNC_FLUSH,
    brotli: { flush: zlib.constants.BROTLI_OPERATION_FLUSH, params: { [zlib.constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY } },
    filter: (req, res) => !crossSiteWithCookie(req) && compression.filter(req, res),
  });
}

/** The encodings remix-build.js writes beside each asset, best first. */
const ENCODINGS = [
  { name: "br", ext: ".br" },
  { name: "gzip", ext: ".gz" },
] as const;

function listFiles(dir: string, prefix = ""): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(path.join(dir, entry.name), `${prefix}/${entry.name}`) : [`${prefix}/${entry.name}`],
  );
}

/**
 * The hashed build assets (`dir` is public/build, mounted at /build), served
 * pre-compressed when the client accepts it, otherwise as they are; immutable.
 */
export function precompressedAssets(dir: string): RequestHandler {
  const files = new Set(listFiles(dir));
  const options = { immutable: true, maxAge: "1y", index: false } as const;
  const serveAsIs = express.static(dir, options);
  const serveEncoded = Object.fromEntries(
    ENCODINGS.map(({ name, ext }) => [
      name,
      express.static(dir, {
        ...options,
        setHeaders(res, file) {
          // The original's type, as express.static would send it (send's mime table and charset).
          const type = mime.lookup(file.slice(0, -ext.length));
          const charset = mime.charsets.lookup(type, "");
          res.setHeader("Content-Type", charset ? `${type}; charset=${charset}` : type);
          res.setHeader("Content-Encoding", name);
          res.setHeader("Vary", "Accept-Encoding");
        },
      }),
    ]),
  );
  return (req: Request, res: Response, next: NextFunction) => {
    const accept = req.headers["accept-encoding"];
    if ((req.method === "GET" || req.method === "HEAD") && accept) {
      for (const { name, ext } of ENCODINGS) {
        if (!files.has(`${req.path}${ext}`) || req.acceptsEncodings(name) !== name) continue;
        const url = req.url;
        req.url = `${req.path}${ext}`;
        return serveEncoded[name](req, res, (error?: unknown) => {
          req.url = url;
          next(error);
        });
      }
    }
    // An asset with compressed variants varies by Accept-Encoding even when it goes out as it is.
    if (files.has(`${req.path}${ENCODINGS[0].ext}`)) res.setHeader("Vary", "Accept-Encoding");
    return serveAsIs(req, res, next);
  };
}
