/**
 * Signed media URLs (decision 034): `/files/<assetId>/<file>?exp=<unix seconds>&u=<viewer id or ->&sig=<hmac>`.
 *
 * The signature is an HMAC-SHA256 (first 128 bits, base64url) of the path, the expiry and the
 * viewer, under a key derived (HKDF) from SESSION_SECRET, which every installation has: the first
 * secret signs, every listed secret verifies, so rotating SESSION_SECRET strands no URL still in a
 * page. A URL works only for the viewer it was made for (the route compares `u` with the session's
 * user; `-` is a guest's URL, served only while the course is public) and only until `exp`.
 * Expiries are rounded up to the next EXPIRY_STEP_SECONDS, so one viewer's URL for one file stays
 * the same for a while and the browser's cache can answer a page's second view.
 *
 * Markdown stores stable, unsigned paths (`![alt](/files/<id>/original)`); `signMediaInHtml` signs
 * them as a page is rendered for a viewer.
 */
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { getEnv } from "~/utils/env.server.ts";

/** A media URL's lifetime unless the caller asks for another (a video's player asks for its duration plus a margin). */
export const DEFAULT_MEDIA_TTL_SECONDS = 15 * 60;
/** Expiries land on multiples of this (so a URL lives between its ttl and ttl + this). */
export const EXPIRY_STEP_SECONDS = 5 * 60;

const ASSET_ID = /^[A-Za-z0-9_-]{1,64}$/;
const FILE_SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}$/;
const VIEWER = /^(-|[A-Za-z0-9_-]{1,64})$/;
const SIGNATURE = /^[A-Za-z0-9_-]{22}$/;

type MediaViewer = { id: string } | null;

/** Is this a file path an asset may have (`original`, `hls/360p/index.m3u8`...)? */
export function isMediaFile(file: string) {
  return file.length <= 512 && file.split("/").every((segment) => FILE_SEGMENT.test(segment));
}
export function isAssetId(id: string) {
  return ASSET_ID.test(id);
}

let keys: { source: string; list: Buffer[] } | undefined;
/** One key per SESSION_SECRET entry, the signing one first. */
function signingKeys(): Buffer[] {
  const secrets = getEnv().SESSION_SECRET;
  const source = secrets.join(",");
  if (keys?.source !== source) keys = { source, list: secrets.map((secret) => Buffer.from(hkdfSync("sha256", secret, "sentry-academy", "media urls", 32))) };
  return keys.list;
}

const payload = (assetId: string, file: string, exp: number, viewerId: string) => `${assetId}/${file}\n${exp}\n${viewerId}`;
const mac = (key: Buffer, text: string) => createHmac("sha256", key).update(text).digest().subarray(0, 16);

/** The signed URL of `file` of asset `assetId` for `viewer` (null: a guest), valid at least `ttlSeconds`. */
export function mediaUrl(assetId: string, file: string, viewer: MediaViewer, ttlSeconds = DEFAULT_MEDIA_TTL_SECONDS, now = Date.now()): string {
  if (!isAssetId(assetId) || !isMediaFile(file)) throw new Error(`not a media file: ${assetId}/${file}`);
  const exp = Math.ceil((Math.floor(now / 1000) + Math.max(1, Math.round(ttlSeconds))) / EXPIRY_STEP_SECONDS) * EXPIRY_STEP_SECONDS;
  const u = viewer?.id ?? "-";
  const sig = mac(signingKeys()[0], payload(assetId, file, exp, u)).toString("base64url");
  return `/files/${assetId}/${file}?exp=${exp}&u=${encodeURIComponent(u)}&sig=${sig}`;
}

type SignatureCheck =
  | { ok: true; exp: number; viewerId: string | null }
  | { ok: false; reason: "missing" | "forged" | "expired" };

/** Checks a request's `exp`, `u` and `sig` for `assetId`/`file` (forged before expired: an attacker learns nothing from the order). */
export function checkMediaSignature(assetId: string, file: string, query: URLSearchParams, now = Date.now()): SignatureCheck {
  const exp = query.get("exp");
  const u = query.get("u");
  const sig = query.get("sig");
  if (exp === null || u === null || sig === null) return { ok: false, reason: "missing" };
  if (!/^\d{1,12}$/.test(exp) || !VIEWER.test(u) || !SIGNATURE.test(sig) || !isAssetId(assetId) || !isMediaFile(file)) return { ok: false, reason: "forged" };
  const given = Buffer.from(sig, "base64url");
  // One spelling per signature: base64url's last character carries unused bits, and a variant that
  // decodes to the same bytes is not the URL we handed out.
  if (given.toString("base64url") !== sig) return { ok: false, reason: "forged" };
  const text = payload(assetId, file, Number(exp), u);
  if (!signingKeys().some((key) => timingSafeEqual(mac(key, text), given))) return { ok: false, reason: "forged" };
  if (Number(exp) * 1000 <= now) return { ok: false, reason: "expired" };
  return { ok: true, exp: Number(exp), viewerId: u === "-" ? null : u };
}

/**
 * Signs, for `viewer`, every `src`, `href` and `poster` attribute of rendered HTML that points
 * at a media file (`/files/<assetId>/<file>`, with or without an old query string). Everything
 * else is left byte for byte as it was.
 */
export function signMediaInHtml(html: string, viewer: MediaViewer, ttlSeconds = DEFAULT_MEDIA_TTL_SECONDS, now = Date.now()): string {
  if (!html.includes("/files/")) return html;
  return html.replace(
    /(\s(?:src|href|poster)=)(["'])\/files\/([A-Za-z0-9_-]{1,64})\/([A-Za-z0-9._\-/]{1,512}?)(?:\?[^"'#]*)?(#[^"']*)?\2/g,
    (whole, attribute: string, quote: string, assetId: string, file: string, fragment: string | undefined) => {
      if (!isMediaFile(file)) return whole;
      return `${attribute}${quote}${mediaUrl(assetId, file, viewer, ttlSeconds, now).replaceAll("&", "&amp;")}${fragment ?? ""}${quote}`;
    },
  );
}
