import { PassThrough } from "node:stream";
import type { ActionFunctionArgs, EntryContext, HandleErrorFunction, LoaderFunctionArgs } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import * as Sentry from "@sentry/remix";
import { renderToPipeableStream } from "react-dom/server";
import { renderMemo } from "./utils/render-cache.server.ts";

// The server entry (server.ts) starts and stops the in-process pg-boss workers
// through these exports, so jobs share this bundle's database client.
export { startWorkers, stopWorkers } from "../jobs/index.ts";
export { disconnectPrisma } from "./utils/db.server.ts";
export { getEnv } from "./utils/env.server.ts";
// ...and answers kept renders in front of Remix through this (render-cache.server.ts).
export { renderCacheMiddleware } from "./utils/render-cache.server.ts";

const ABORT_DELAY = 5_000;

export const handleError: HandleErrorFunction = (error, { request }: LoaderFunctionArgs | ActionFunctionArgs) => {
  if (request.signal.aborted) return;
  Sentry.captureException(error);
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
};

/**
 * Renders the whole document, then sends it in one piece: the pages use no
 * streaming (no defer/Suspense), and one large write costs far less than the
 * hundreds of small ones React's stream would make.
 */
export default function handleRequest(request: Request, responseStatusCode: number, responseHeaders: Headers, remixContext: EntryContext) {
  // Routes that opt in (render-cache.server.ts) reuse the HTML of the same URL with the same data.
  const memo = renderMemo(request, responseStatusCode, remixContext);
  if (memo?.html) {
    responseHeaders.set("Content-Type", "text/html; charset=utf-8");
    return Promise.resolve(new Response(memo.html, { headers: responseHeaders, status: responseStatusCode }));
  }
  return new Promise<Response>((resolve, reject) => {
    let status = responseStatusCode;
    const chunks: Buffer[] = [];
    const body = new PassThrough();
    body.on("data", (chunk: Buffer) => chunks.push(chunk));
    body.on("end", () => {
      responseHeaders.set("Content-Type", "text/html; charset=utf-8");
      const html = Buffer.concat(chunks);
      if (status === 200) memo?.store(html, responseHeaders);
      resolve(new Response(html, { headers: responseHeaders, status }));
    });
    const { pipe, abort } = renderToPipeableStream(<RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} />, {
      onAllReady() {
        pipe(body);
      },
      onShellError(error: unknown) {
        reject(error);
      },
      onError(error: unknown) {
        status = 500;
        console.error(error);
      },
    });
    setTimeout(abort, ABORT_DELAY);
  });
}
