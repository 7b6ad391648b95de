/**
 * The rules every request passes before Remix sees it (docs/decisions/018-request-guard.md),
 * in one place: server.ts wraps Remix's request handler with `guardRequests`, and so does the
 * in-process test app (tests/support/app.ts), so the real server and the tests run the same code.
 *
 * 1. Cross-site writes: a request other than GET/HEAD/OPTIONS whose Origin is not this site
 *    (or, without an Origin, whose `Sec-Fetch-Site` is not same-origin) is a 403. This covers
 *    every page action, resource route, JSON API and the customer portal's token-in-URL writes.
 *    A script with an API token sends neither header, so it passes. Remix's own Origin check
 *    (which throws, a 500) never fires: the request Remix sees has had its checked Origin removed.
 * 2. Body size: at most 1 MB (the course zip import: its own larger limit), checked on
 *    Content-Length and counted while the body streams in (chunked uploads); over it is a 413.
 *    The import route answers a declared oversize upload itself (inline, next to its file field).
 * 3. Bodies Remix or the database cannot take are a 4xx before any route runs: a content type a
 *    form action cannot read (415), a broken multipart body (400), a NUL character in a form
 *    field, a JSON string or key (400; PostgreSQL text cannot hold it), and control characters
 *    in the path or query string (400: NUL, CR, LF… end up in SQL parameters and headers).
 *    A write without a body and without a content type reads as an empty form.
 *
 * Refusals are JSON (`{ error, message }`) under /api/ and a small HTML page elsewhere.
 */
import type { AppLoadContext } from "@remix-run/node";
import stylesheet from "~/tailwind.css";
import { MAX_UPLOAD_BODY_BYTES } from "~/modules/academy/zip-import.server.ts";
import { MAX_MEDIA_BODY_BYTES } from "~/modules/media/limits.ts";
import { appUrl } from "./env.server.ts";
import { withLoadContext } from "./load-context.server.ts";

/** The largest body of a form post or JSON request. */
const BODY_LIMIT_BYTES = 1024 * 1024;

/** Routes that take larger bodies than BODY_LIMIT_BYTES (path without `.data`). */
const LARGER_BODIES: ReadonlyMap<string, number> = new Map([["/instructor/import", MAX_UPLOAD_BODY_BYTES]]);

/** Routes with an id in their path that take larger bodies: the studio's media uploads (decision 035). */
const LARGER_BODY_PATTERNS: readonly [RegExp, number][] = [[/^\/instructor\/courses\/[^/]+\/(?:lessons\/[^/]+\/)?media$/, MAX_MEDIA_BODY_BYTES]];

/** The larger limit of this request's route, if it has one; `streamed`: the route reads the body itself, whatever its length (media uploads). */
function largerBody(request: Request, path: string): { limit: number; streamed: boolean } | undefined {
  const exact = LARGER_BODIES.get(path);
  if (exact) return { limit: exact, streamed: false };
  const multipart = (request.headers.get("Content-Type") ?? "").toLowerCase().startsWith("multipart/form-data");
  const pattern = multipart ? LARGER_BODY_PATTERNS.find(([p]) => p.test(path)) : undefined;
  return pattern ? { limit: pattern[1], streamed: true } : undefined;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** C0 control characters but TAB, and DEL: never valid in a path or query value here. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f]/;

const mb = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;

/** The origins that are this site: the one the request was addressed to, and APP_URL's. */
function ownOrigins(request: Request) {
  return [new URL(request.url).origin, new URL(appUrl()).origin];
}

/**
 * True when the browser says the request was started by another site: an Origin that is
 * not this site's, or (no usable Origin) a `Sec-Fetch-Site` other than same-origin/none.
 * `Origin: null` (an opaque origin: sandboxed frame, data: page) counts as cross-site unless
 * the browser vouches for it with `Sec-Fetch-Site: same-origin`.
 */
export function isCrossSite(request: Request): boolean {
  const origin = request.headers.get("Origin");
  if (origin !== null && origin !== "null") return !ownOrigins(request).includes(origin);
  const site = request.headers.get("Sec-Fetch-Site");
  if (site !== null) return site !== "same-origin" && site !== "none";
  return origin === "null";
}

const wantsJson = (request: Request) => new URL(request.url).pathname.startsWith("/api/");

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A refused request: JSON under /api/, a small page (the site's stylesheet, no script) elsewhere. */
function refusal(request: Request, status: number, error: string, title: string, message: string, headers: Record<string, string> = {}) {
  const init = { status, headers: { "Cache-Control": "no-store", ...headers } };
  if (wantsJson(request)) return Response.json({ error, message }, init);
  const html = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Sentry Academy</title><link rel="stylesheet" href="${stylesheet}"></head>
<body><main class="mx-auto max-w-2xl p-6"><div class="card space-y-4"><h1 class="text-2xl font-bold">${escapeHtml(title)}</h1>
<p>${escapeHtml(message)}</p><p><a href="/">Back to Sentry Academy</a></p></div></main></body></html>`;
  return new Response(html, { ...init, headers: { ...init.headers, "Content-Type": "text/html; charset=utf-8" } });
}

const badRequest = (request: Request, message: string) => refusal(request, 400, "invalid_request", "This request could not be read", message);

function tooLarge(request: Request, limit: number) {
  return refusal(
    request,
    413,
    "payload_too_large",
    "This request is too large",
    `A request may carry at most ${mb(limit)}${limit === BODY_LIMIT_BYTES ? "" : " here"}. Shorten the text (or the file) and try again.`,
    // The rest of the body is not read: close the connection rather than receive it.
    { Connection: "close" },
  );
}

/** The path's route (single fetch posts to `<path>.data`). */
const routePath = (pathname: string) => pathname.replace(/\.data$/, "").replace(/(.)\/$/, "$1");

/** The body, read up to `limit` bytes; null when it is larger. */
async function readBody(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer> | null> {
  const reader = request.body?.getReader();
  if (!reader) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    // Stop reading (the rest is never buffered); the 413 closes the connection.
    if (size > limit) {
      reader.releaseLock();
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body;
}

function pathProblem(url: URL): string | null {
  let path = url.pathname;
  try {
    path = decodeURIComponent(path);
  } catch {
    // A malformed %-sequence: the route answers (a 404); still look at what can be decoded.
    path = path.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  }
  if (CONTROL.test(path)) return "The address contains a control character (a NUL byte, a line break…). Check the link and try again.";
  for (const [key, value] of url.searchParams) {
    if (CONTROL.test(key) || CONTROL.test(value)) return "The address's query string contains a control character (a NUL byte, a line break…). Check the link and try again.";
  }
  return null;
}

const NUL_MESSAGE = "The request contains a NUL character (\\u0000), which no text on this site may contain. Remove it and try again.";
const SURROGATE_MESSAGE = "The request contains a broken character (an unpaired \\ud800-\\udfff escape), which is not text. Remove it and try again.";

/** Half of a UTF-16 pair without its other half: JSON can spell it (`"\\ud800"`), UTF-8 and PostgreSQL cannot store it. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** True when a parsed JSON value has a NUL in any string or key. */
function jsonHasNul(value: unknown): boolean {
  return jsonHas(value, (text) => text.includes("\u0000"));
}

/** True when `test` holds for any string or key of a parsed JSON value. */
function jsonHas(value: unknown, test: (text: string) => boolean): boolean {
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === "string") {
      if (test(v)) return true;
    } else if (Array.isArray(v)) stack.push(...v);
    else if (v && typeof v === "object") {
      for (const [k, inner] of Object.entries(v)) {
        if (test(k)) return true;
        stack.push(inner);
      }
    }
  }
  return false;
}

/** The request as it may reach Remix, or the refusal. */
async function checkRequest(request: Request): Promise<Request | Response> {
  const url = new URL(request.url);
  const problem = pathProblem(url);
  if (problem) return badRequest(request, problem);
  if (SAFE_METHODS.has(request.method.toUpperCase())) return request;

  if (isCrossSite(request)) {
    return refusal(
      request,
      403,
      "cross_site_request",
      "This form was sent from another site",
      "Changes on Sentry Academy can only be made from its own pages, so this request was refused and nothing changed. Open the page on this site and try again. Scripts: use an API token.",
    );
  }

  const headers = new Headers(request.headers);
  // Checked above; Remix's own check would compare it with the Host header and throw (a 500)
  // behind a proxy, under APP_URL, or without a Host header.
  headers.delete("Origin");

  const larger = largerBody(request, routePath(url.pathname));
  const limit = larger?.limit ?? BODY_LIMIT_BYTES;
  // The media routes count a file against its kind's limit as it streams to disk: never buffered here, even chunked.
  if (larger && (request.headers.has("Content-Length") || larger.streamed)) {
    // An upload route streams its body itself (Node's parser delivers no more than Content-Length)
    // and refuses a declared size over its limit with the message next to its file field.
    return new Request(request.url, { method: request.method, headers, body: request.body, signal: request.signal, duplex: "half" } as RequestInit);
  }
  if (Number(request.headers.get("Content-Length") ?? 0) > limit) return tooLarge(request, limit);
  const body = await readBody(request, limit);
  if (!body) return tooLarge(request, limit);
  const contentType = headers.get("Content-Type") ?? "";
  const type = contentType.split(";")[0].trim().toLowerCase();
  const json = type === "application/json" || type.endsWith("+json");

  if (body.byteLength === 0) {
    if (type === "") headers.set("Content-Type", "application/x-www-form-urlencoded");
  } else if (json && wantsJson(request)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(new TextDecoder().decode(body));
    } catch {
      // Not JSON: the route says so (400).
    }
    if (jsonHasNul(parsed)) return badRequest(request, NUL_MESSAGE);
    if (jsonHas(parsed, (text) => LONE_SURROGATE.test(text))) return badRequest(request, SURROGATE_MESSAGE);
  } else if (type === "application/x-www-form-urlencoded") {
    for (const [key, value] of new URLSearchParams(new TextDecoder().decode(body))) {
      if (key.includes("\u0000") || value.includes("\u0000")) return badRequest(request, NUL_MESSAGE);
    }
  } else if (type === "multipart/form-data") {
    let form: FormData;
    try {
      form = await new Response(body, { headers: { "Content-Type": contentType } }).formData();
    } catch {
      return badRequest(request, "The form data could not be read: the multipart body is malformed.");
    }
    for (const [key, value] of form) {
      const text = typeof value === "string" ? value : value.name;
      if (key.includes("\u0000") || text.includes("\u0000")) return badRequest(request, NUL_MESSAGE);
    }
  } else {
    const accepted = wantsJson(request) ? "application/json or application/x-www-form-urlencoded" : "a form (application/x-www-form-urlencoded or multipart/form-data)";
    return refusal(request, 415, "unsupported_media_type", "This request's format is not supported", `Send the body as ${accepted}.`);
  }
  return new Request(request.url, { method: request.method, headers, body, signal: request.signal });
}

/** Requests whose route tried to put a value a header cannot hold (CR, LF, NUL) into a header. */
const badHeaderValues = new WeakSet<Request>();

/**
 * Called by entry.server.tsx's handleError. A header built from the request's own input
 * (a `redirectTo` with a line break in a form body) makes `Headers.set` throw; that request
 * was bad, so guardRequests answers 400 rather than the 500 Remix rendered (true: not an app error).
 */
export function noteRequestError(error: unknown, request: Request): boolean {
  if (!(error instanceof TypeError && /invalid header value/i.test(error.message))) return false;
  badHeaderValues.add(request);
  return true;
}

/** Remix's request handler (or any fetch-style handler) behind the guard. */
export function guardRequests<C>(handle: (request: Request, context: C) => Promise<Response>) {
  return async (request: Request, context: C): Promise<Response> => {
    const checked = await checkRequest(request);
    if (checked instanceof Response) return checked;
    // Per-request memos (load-context.server.ts) live on this request's load context.
    const response = await withLoadContext(context as AppLoadContext | undefined, () => handle(checked, context));
    if (response.status >= 500 && badHeaderValues.has(checked)) {
      return badRequest(checked, "The request contains a line break or another control character where none may be (a return address, for example). Check the link and try again.");
    }
    return response;
  };
}
