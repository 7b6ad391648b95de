import { openApiDocument } from "~/modules/openapi/document.server.ts";
import { appUrl } from "~/utils/env.server.ts";

/** GET /api/openapi.json: the OpenAPI 3.1 description of the JSON API (public; people read /api/docs). */
export function loader() {
  return Response.json(openApiDocument(appUrl()), { headers: { "Cache-Control": "public, max-age=300" } });
}
