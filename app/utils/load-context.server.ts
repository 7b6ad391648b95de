/**
 * Remix's load context: one object per request, built by server.ts's
 * `getLoadContext` (the test harness passes its own), which Remix hands to
 * every loader and action of that request. Values worth computing once per
 * request (the session lookup, a POC's summary) are kept on it (decision 024),
 * not on the `Request`: without our server-runtime patch Remix gives each loader
 * its own copy of the Request, while the load context is documented to be the
 * same object for all of them.
 *
 * Guards such as `requireUser(request)` are called from many loaders without
 * the context, so `guardRequests` (request-guard.server.ts) and the render
 * cache's fast path run each request inside `withLoadContext`, and
 * `requestMemo` finds the context through Node's AsyncLocalStorage.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { AppLoadContext } from "@remix-run/node";

declare module "@remix-run/server-runtime" {
  interface AppLoadContext {
    /** The client's address as server.ts resolved it (TRUST_PROXY decides; request-info.server.ts reads it). */
    clientIp?: string;
    /** This response's Content-Security-Policy nonce (security-headers.server.ts). */
    cspNonce?: string;
    /** Values computed once for this request (`requestMemo`). */
    memo?: Map<string, unknown>;
    /** True for a page's HTML, false for a single-fetch `.data` request (client-side navigation); unset in tests (markup-html.server.ts). */
    documentRequest?: boolean;
  }
}

const current = new AsyncLocalStorage<AppLoadContext>();

/** Runs `fn` (Remix's handling of one request) with `context` as the current load context. */
export function withLoadContext<T>(context: AppLoadContext | undefined, fn: () => T): T {
  return context ? current.run(context, fn) : fn();
}

/**
 * `compute()`'s value, computed once per request under `key` (keep keys unique per
 * module: "session", "poc-summary:<id>"). Outside a request (a job, a test calling a
 * module directly) nothing is kept and every call computes.
 */
export function requestMemo<T>(key: string, compute: () => T): T {
  const context = current.getStore();
  if (!context) return compute();
  const memo = (context.memo ??= new Map());
  if (!memo.has(key)) memo.set(key, compute());
  return memo.get(key) as T;
}
