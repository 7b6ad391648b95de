/**
 * The security headers of every response (server.ts mounts `securityHeaders()`
 * first, before static files and Remix), with helmet. See docs/security.md and
 * docs/decisions/017-url-rule-and-content-security-policy.md.
 *
 * The Content-Security-Policy allows scripts from our own origin and inline
 * scripts carrying this response's nonce only (Remix's hydration scripts and
 * `window.ENV` in root.tsx: entry.server.tsx and root.tsx read the nonce from
 * the load context, `cspNonce`). A new nonce is made for every response, also
 * for a page answered from the render cache or the page cache: they keep the
 * nonce the page was rendered with and swap it for the current one on replay
 * (`markNonce` when kept, `withNonce` on replay).
 */
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import helmet from "helmet";
import type { Env } from "./env.server.ts";
import { httpsImageOrigin, IMAGE_ORIGIN_HEADER } from "./image-origin.ts";

/** Features no page of ours uses: off for us and for anything embedded. */
const PERMISSIONS_POLICY = [
  "accelerometer=()",
  "autoplay=()",
  "browsing-topics=()",
  "camera=()",
  "display-capture=()",
  "geolocation=()",
  "gyroscope=()",
  "hid=()",
  "magnetometer=()",
  "microphone=()",
  "midi=()",
  "payment=()",
  "publickey-credentials-get=()",
  "serial=()",
  "usb=()",
  "xr-spatial-tracking=()",
].join(", ");

/** The default for pages; a route may send its own (the customer portal `same-origin`, the POC API `no-referrer`), which then replaces it. */
const DEFAULT_REFERRER_POLICY = "strict-origin-when-cross-origin";

const origin = (url: string | undefined) => {
  if (!url) return [];
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? [parsed.origin] : [];
  } catch {
    return [];
  }
};

type Locals = { cspNonce?: string };

/** This response's CSP nonce (set by `securityHeaders()`), for the Remix load context. */
export function cspNonceOf(req: Request | IncomingMessage): string | undefined {
  return ((req as Request).res?.locals as Locals | undefined)?.cspNonce;
}

/**
 * Where a kept page's nonce attributes hold their value: found once, when the
 * page is kept (`markNonce`), so that a replay only copies the bytes and writes
 * the current nonce at these offsets (`withNonce`) instead of searching the page.
 */
export type NonceMark = { nonce: string; at: number[] };

const ATTRIBUTE = ' nonce="';

/** The offsets of `nonce` in the page's ` nonce="…"` attributes (text that merely looks like one is escaped by React). */
export function markNonce(html: Buffer, nonce: string | undefined): NonceMark | undefined {
  if (!nonce) return undefined;
  const needle = Buffer.from(`${ATTRIBUTE}${nonce}"`);
  const at: number[] = [];
  for (let i = html.indexOf(needle); i !== -1; i = html.indexOf(needle, i + needle.length)) at.push(i + ATTRIBUTE.length);
  return { nonce, at };
}

/**
 * The kept page with nonce `to` in place of the one it was rendered with. Without
 * a current nonce (a test calling the handler directly) or a mark, the page as it is.
 */
export function withNonce(html: Buffer, mark: NonceMark | undefined, to: string | undefined): Buffer {
  if (!mark || !to || mark.at.length === 0 || to === mark.nonce) return html;
  const from = Buffer.from(mark.nonce);
  const next = Buffer.from(to);
  if (next.length === from.length) {
    // Our nonces are all 16 random bytes in base64 (24 characters): overwrite in a copy.
    const out = Buffer.allocUnsafe(html.length);
    html.copy(out);
    for (const at of mark.at) next.copy(out, at);
    return out;
  }
  const parts: Buffer[] = [];
  let start = 0;
  for (const at of mark.at) {
    parts.push(html.subarray(start, at), next);
    start = at + from.length;
  }
  parts.push(html.subarray(start));
  return Buffer.concat(parts);
}

/** The Content-Security-Policy directives (the nonce is filled in per response). */
function cspDirectives(env: Pick<Env, "APP_URL" | "SENTRY_DSN" | "GITHUB_AUTHORIZE_URL" | "GOOGLE_AUTHORIZE_URL" | "SENTRY_URL">) {
  const https = env.APP_URL?.startsWith("https:") ?? false;
  return {
    "default-src": ["'self'"],
    // Remix's inline hydration scripts carry the nonce; the bundles come from /build.
    "script-src": ["'self'", (_req: IncomingMessage, res: ServerResponse) => `'nonce-${(res as Response).locals.cspNonce}'`],
    "script-src-attr": ["'none'"],
    "style-src": ["'self'"],
    // Same-origin images only (Markdown turns remote images into links); data: for generated images such as QR codes.
    "img-src": ["'self'", "data:"],
    // Lesson videos and captions may live on another https host (the studio's URL rule allows it).
    "media-src": ["'self'", "https:"],
    "font-src": ["'self'"],
    // The browser SDK sends events to our own Sentry when SENTRY_DSN is set.
    "connect-src": ["'self'", ...origin(env.SENTRY_DSN)],
    "object-src": ["'none'"],
    "frame-src": ["'none'"],
    "frame-ancestors": ["'none'"],
    "base-uri": ["'self'"],
    // Chromium applies form-action to the redirect after a post: "Sign in with GitHub/Google" posts to
    // /auth/<provider>, which redirects to the provider; "Connect with Sentry" to Sentry's authorize page.
    "form-action": ["'self'", ...new Set([...origin(env.GITHUB_AUTHORIZE_URL), ...origin(env.GOOGLE_AUTHORIZE_URL), ...origin(env.SENTRY_URL)])],
    "manifest-src": ["'self'"],
    "worker-src": ["'self'"],
    ...(https ? { "upgrade-insecure-requests": [] } : {}),
  };
}

/**
 * A page's one extra image origin (the customer portal's logo, image-origin.ts):
 * the route's header is removed and its https origin added to this response's
 * `img-src`. Anything but an https origin is dropped without widening.
 */
function widenImageSources(res: Pick<ServerResponse, "getHeader" | "setHeader" | "removeHeader">) {
  const asked = res.getHeader(IMAGE_ORIGIN_HEADER);
  if (asked === undefined) return;
  res.removeHeader(IMAGE_ORIGIN_HEADER);
  const allowed = httpsImageOrigin(String(Array.isArray(asked) ? asked.at(-1) : asked));
  const csp = res.getHeader("Content-Security-Policy");
  if (!allowed || typeof csp !== "string") return;
  res.setHeader("Content-Security-Policy", csp.replace(/(^|;)\s*img-src([^;]*)/, (_m, start: string, sources: string) => `${start}img-src${sources} ${allowed}`));
}

/**
 * The middleware: a fresh nonce, helmet's headers, Permissions-Policy, and one
 * Referrer-Policy per response. HSTS only when APP_URL is https (over http the
 * header means nothing and would pin a later https host for a year).
 */
export function securityHeaders(env: Env): RequestHandler[] {
  const https = env.APP_URL?.startsWith("https:") ?? false;
  const headers = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: cspDirectives(env) },
    crossOriginOpenerPolicy: { policy: "same-origin" },
    crossOriginResourcePolicy: { policy: "same-origin" },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: DEFAULT_REFERRER_POLICY },
    strictTransportSecurity: https ? { maxAge: 365 * 24 * 60 * 60, includeSubDomains: true } : false,
    xFrameOptions: { action: "deny" },
    xContentTypeOptions: true,
  });
  const nonce = (_req: Request, res: Response, next: NextFunction) => {
    (res.locals as Locals).cspNonce = randomBytes(16).toString("base64");
    res.setHeader("Permissions-Policy", PERMISSIONS_POLICY);
    // A route's own Referrer-Policy is appended after ours (Remix's headers): keep only the last one.
    // So are the media route's own CSP (a sandbox for served files) and nosniff (decision 034).
    const writeHead = res.writeHead;
    res.writeHead = function (this: Response, ...args: Parameters<typeof writeHead>) {
      for (const name of ["Referrer-Policy", "Content-Security-Policy", "X-Content-Type-Options"]) {
        const value = res.getHeader(name);
        if (Array.isArray(value)) res.setHeader(name, value.at(-1)!);
      }
      widenImageSources(res);
      return writeHead.apply(this, args);
    } as typeof writeHead;
    next();
  };
  return [nonce, headers];
}
