import type { ActionFunctionArgs, AppLoadContext, EntryContext, HandleErrorFunction, LoaderFunctionArgs } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import * as Sentry from "@sentry/remix";
import { renderToString } from "react-dom/server";
import { NonceProvider } from "./components/nonce.tsx";
import { documentResponse } from "./utils/document-response.server.ts";
import { renderMemo } from "./utils/render-cache.server.ts";
import { noteRequestError } from "./utils/request-guard.server.ts";

// The server entry (server.ts) starts and stops the in-process pg-boss workers
// through these exports, so jobs share this bundle's database client.
export { startWorkers, stopWorkers } from "../jobs/index.ts";
export { disconnectPrisma } from "./utils/db.server.ts";
export { getEnv, resetEnvForTests } from "./utils/env.server.ts";
// ...and answers kept renders in front of Remix through this (render-cache.server.ts).
export { renderCacheMiddleware } from "./utils/render-cache.server.ts";
// ...and sends a rendered page's bytes in one write (document-response.server.ts).
export { documentBytes } from "./utils/document-response.server.ts";
// ...and puts every request through the cross-site, body-size and bad-input rules first (request-guard.server.ts).
export { guardRequests } from "./utils/request-guard.server.ts";
// ...and serves the studio's resumable uploads at /uploads/tus (modules/media/tus.server.ts, decision 035).
export { handleTusRequest } from "./modules/media/tus.server.ts";

export const handleError: HandleErrorFunction = (error, { request }: LoaderFunctionArgs | ActionFunctionArgs) => {
  if (request.signal.aborted) return;
  if (noteRequestError(error, request)) return;
  Sentry.captureException(error);
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
};

/**
 * The loader data Remix streams into the page (single fetch's turbo-stream),
 * read to the end before rendering and handed to its <StreamTransfer> through
 * the cache it consults first. Our loaders return no promises (no defer), so
 * the stream ends as soon as it is written; with the data in place nothing in
 * the tree suspends, and the document renders in one synchronous pass.
 */
async function inlineServerHandoff(context: EntryContext) {
  const stream = context.serverHandoffStream;
  if (!stream) return;
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let text = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  text += decoder.decode();
  // <StreamTransfer> takes a new reader of the (now ended) stream but, finding its cache filled, never reads it.
  reader.releaseLock();
  const settled = (result: { done: boolean; value: string }) => Object.assign(Promise.resolve(), { result });
  context.renderMeta ??= {};
  context.renderMeta.streamCache = { 0: settled({ done: false, value: text }), 1: settled({ done: true, value: "" }) };
}

/**
 * Renders the whole document to a string, then sends it in one piece: the
 * pages use no streaming (no defer/Suspense), and React's string renderer
 * costs far less than its stream renderer's many small encoded chunks and
 * its rounds through the event loop for each suspended piece of data.
 */
export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext?: AppLoadContext,
) {
  // This response's Content-Security-Policy nonce (security-headers.server.ts), for the document's inline scripts.
  const nonce = loadContext?.cspNonce;
  // Routes that opt in (render-cache.server.ts) reuse the HTML of the same URL with the same data.
  const memo = renderMemo(request, responseStatusCode, remixContext, Date.now(), nonce);
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  if (memo?.html) return documentResponse(memo.html, { headers: responseHeaders, status: responseStatusCode });
  await inlineServerHandoff(remixContext);
  const html = Buffer.from(
    `<!DOCTYPE html>${renderToString(
      <NonceProvider value={nonce ?? ""}>
        <RemixServer context={remixContext} url={request.url} nonce={nonce} />
      </NonceProvider>,
    )}`,
  );
  if (responseStatusCode === 200) memo?.store(html, responseHeaders);
  return documentResponse(html, { headers: responseHeaders, status: responseStatusCode });
}
