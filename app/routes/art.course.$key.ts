import type { LoaderFunctionArgs } from "@remix-run/node";
import { courseArtSvg } from "~/modules/academy/course-art.ts";

/**
 * A course card's generated artwork. The picture is a pure function of the URL (the key
 * names the drawing's version, the level, the feature and a hash of the slug), so it is
 * cached like a hashed build asset: a year, immutable. No database read.
 */
export function loader({ params }: LoaderFunctionArgs) {
  const svg = courseArtSvg(params.key ?? "");
  if (!svg) return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(svg, {
    headers: {
      "Content-Type": "image/svg+xml",
      "Cache-Control": "public, max-age=31536000, immutable",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
