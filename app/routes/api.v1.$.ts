import { apiError } from "~/utils/api-request.server.ts";

/** Any other /api/v1 path: a JSON 404 (not the site's HTML page), whatever the method. */
const notFound = () => apiError(404, "not_found", "There is no such API endpoint. See /api/docs.");
export const loader = notFound;
export const action = notFound;
