import type { LoaderFunctionArgs } from "@remix-run/node";
import { serveMedia } from "~/modules/media/serve.server.ts";

/**
 * A media file through a signed URL (`/files/<assetId>/<file>?exp&u&sig`): signature, viewer,
 * the course's visibility now, then the bytes (ranges, HEAD, HLS playlists signed anew).
 * The rules are in app/modules/media/serve.server.ts (decision 034).
 */
export function loader({ request, params }: LoaderFunctionArgs) {
  return serveMedia(request, params.assetId ?? "", params["*"] ?? "");
}

/** Read-only: a write is a plain 405 (uploads go through the studio). */
export function action() {
  return new Response("Media files are read-only.", { status: 405, headers: { Allow: "GET, HEAD", "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}
