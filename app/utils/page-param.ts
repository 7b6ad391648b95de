/** The `page` query parameter as a page number: 1 when missing or not a number, never above `max`. */
export function pageParam(params: URLSearchParams, max: number) {
  return Math.min(max, Math.max(1, Number.parseInt(params.get("page") ?? "1", 10) || 1));
}
