/** The /api/sentry routes answer JSON to API clients and redirect browsers' form posts back to the page. */
export function wantsJson(request: Request): boolean {
  const accept = request.headers.get("Accept") ?? "";
  const type = request.headers.get("Content-Type") ?? "";
  if (request.headers.has("Authorization")) return true;
  if (type.includes("application/json")) return true;
  return accept.includes("application/json") && !accept.includes("text/html");
}
