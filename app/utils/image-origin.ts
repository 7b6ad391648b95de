/**
 * One extra image origin a page may allow in its Content-Security-Policy: the
 * customer portal's logo (decision 031). The page's loader sends the header
 * below; security-headers.server.ts removes it before the head is written and
 * adds the origin to `img-src`, for that response only. Client-safe.
 */
export const IMAGE_ORIGIN_HEADER = "X-Allow-Image-Origin";

/** The https origin of an image URL ("https://cdn.acme.com"), or null for anything else. */
export function httpsImageOrigin(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" && parsed.hostname !== "" ? parsed.origin : null;
  } catch {
    return null;
  }
}
