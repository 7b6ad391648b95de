/**
 * The one rule for every URL the app stores and later puts in an `href` or a
 * `src` (course covers, lesson videos, captions and resources, from the studio,
 * the API and the zip import; Gong call links): an http(s) address, or a path on
 * this site starting with `/`. Nothing else: no `javascript:`, `data:`,
 * `vbscript:` or other schemes, no protocol-relative `//host`, no whitespace,
 * control characters or backslashes (which browsers strip or rewrite).
 * Shared by the server and the browser. No Zod here, so a page that only
 * renders URLs ships without it (decision 028); the form and API field built
 * on the rule is `safeUrl` in modules/academy/fields.ts.
 *
 * Rendering checks again with `safeHref` (a value stored before this rule, or
 * by a path that forgot it, renders inert), and the Content-Security-Policy
 * (security-headers.server.ts) blocks what both miss.
 */
export const URL_RULE_MESSAGE = "Use an http(s) address or a path starting with /.";

export function isSafeUrl(value: string): boolean {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (value === "" || /[\s\u0000-\u001f\u007f\\]/.test(value)) return false;
  if (value.startsWith("/")) return !value.startsWith("//");
  if (!/^https?:\/\//i.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && url.hostname !== "";
  } catch {
    return false;
  }
}

/** The value if it passes the rule, else undefined (React then renders no attribute at all). */
export function safeHref(value: unknown): string | undefined {
  return typeof value === "string" && isSafeUrl(value) ? value : undefined;
}
