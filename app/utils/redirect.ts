/** Any origin will do: only whether the target stays on it matters. */
const BASE = "http://same-origin.invalid";

/**
 * A same-site path to return to after login (or after a form); anything else
 * falls back. Browsers strip TAB/CR/LF from URLs and read `\` as `/`, so
 * `/\t/evil.example` would leave the site: control characters and
 * backslashes are refused outright, then the URL is parsed as a browser would
 * and must stay on our origin. The answer is the normalised path, query and hash.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/dashboard"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//")) return fallback;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f\\]/.test(to)) return fallback;
  let url: URL;
  try {
    url = new URL(to, BASE);
  } catch {
    return fallback;
  }
  // `/..//host` normalises to the path `//host`, which a browser would read as another host.
  if (url.origin !== BASE || url.pathname.startsWith("//")) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
