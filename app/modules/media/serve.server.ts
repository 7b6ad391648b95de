/**
 * Serving a media file (`/files/<assetId>/<file>`, decision 034). In order, for every request:
 *
 * 1. The signature (signing.server.ts): missing, forged or expired is a 403.
 * 2. The viewer: a URL made for a user works only in that user's session (403 otherwise); a
 *    guest's URL (`u=-`) is checked as a guest, whoever sends it.
 * 3. The asset and its course, now: the course must be visible to that viewer by the course
 *    pages' own rule (`courseVisibleTo`: published, or a draft for its author and admins), the
 *    asset READY, and the file one that learners get (a video's renditions, MP4 and poster, not
 *    its uploaded original); the course's editors may fetch any file of it. Anything else is a
 *    404, as for a page that doesn't exist.
 * 4. The bytes: HEAD, single byte ranges (206, 416 past the end, `Accept-Ranges: bytes`; an
 *    open-ended range is answered with at most RANGE_CHUNK_BYTES, so a paused player never makes
 *    the server hold a whole file), HLS playlists rewritten with freshly signed child URLs.
 *    Every answer carries `nosniff`, a sandboxing CSP (an SVG or HTML opened directly runs
 *    nothing), `no-transform` (so the compression middleware leaves it alone) and is private to
 *    the viewer; resources and any type not shown inline go out as attachments.
 */
import path from "node:path";
import { Readable } from "node:stream";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { courseVisibleTo } from "~/modules/academy/course-page.server.ts";
import { getOptionalUser } from "~/utils/auth.server.ts";
import type { RoleName } from "~/utils/permissions.ts";
import { queryOne, sql } from "~/utils/sql.server.ts";
import { canEditCourse } from "~/modules/academy/course-admin.server.ts";
import { checkMediaSignature, DEFAULT_MEDIA_TTL_SECONDS, isAssetId, isMediaFile, mediaUrl } from "./signing.server.ts";
import { getMediaStore, mediaKey, RangeNotSatisfiable, type ByteRange } from "./storage.server.ts";

/** The most bytes sent for an open-ended range (`bytes=N-`): players ask again for the rest. */
export const RANGE_CHUNK_BYTES = 4 * 1024 * 1024;

/** Directly opened, a served file can do nothing: no script, no plugin, no form, its own opaque origin. */
const MEDIA_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; media-src 'self'; sandbox; frame-ancestors 'self'";

const PLAYLIST_TYPE = "application/vnd.apple.mpegurl";

/** Types of the files processing writes, by extension (an upload's own `original` has its sniffed type on the row). */
const OUTPUT_TYPES: Record<string, string> = {
  ".m3u8": PLAYLIST_TYPE,
  ".ts": "video/mp2t",
  ".m4s": "video/iso.segment",
  ".mp4": "video/mp4",
  ".m4a": "audio/mp4",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".png": "image/png",
  ".webp": "image/webp",
  ".vtt": "text/vtt; charset=utf-8",
};

/** Types a browser may show in place (with the CSP above); anything else downloads. */
const INLINE_TYPES = /^(video\/|audio\/|image\/(jpeg|png|gif|webp|avif|svg\+xml)$|text\/vtt|application\/vnd\.apple\.mpegurl$|application\/pdf$)/;

type AssetRow = {
  id: string;
  kind: "VIDEO" | "CAPTIONS" | "POSTER" | "RESOURCE" | "IMAGE";
  status: "UPLOADING" | "PROCESSING" | "READY" | "FAILED";
  contentType: string;
  originalName: string;
  title: string;
  outputs: { durationSeconds?: number; hls?: string; mp4?: string; poster?: string } | null;
  courseStatus: string;
  authorId: string | null;
};

const plain = (status: number, message: string, extra: Record<string, string> = {}) =>
  new Response(message, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff", "Content-Security-Policy": MEDIA_CSP, ...extra },
  });

/** Which files of a READY asset a learner gets: a video's outputs (not its uploaded original), any other kind's original. */
function learnerMayFetch(asset: AssetRow, file: string) {
  if (asset.kind !== "VIDEO") return file === "original";
  const outputs = asset.outputs ?? {};
  if (file === outputs.mp4 || file === outputs.poster) return true;
  const hlsFolder = outputs.hls ? path.posix.dirname(outputs.hls) : null;
  return Boolean(hlsFolder && hlsFolder !== "." && file.startsWith(`${hlsFolder}/`));
}

/** A `Range` header's one byte range; null to answer with the whole file (none, several, or a malformed one: RFC 9110 lets a server ignore those). */
function parseRange(header: string | null): ByteRange | { suffix: number } | null {
  if (!header) return null;
  const match = /^bytes=(\d{0,15})-(\d{0,15})$/.exec(header.trim());
  if (!match || (match[1] === "" && match[2] === "")) return null;
  if (match[1] === "") return Number(match[2]) === 0 ? null : { suffix: Number(match[2]) };
  const start = Number(match[1]);
  if (match[2] === "") return { start, end: start + RANGE_CHUNK_BYTES - 1 };
  const end = Number(match[2]);
  return end < start ? null : { start, end };
}

/** RFC 6266 / 5987: an ASCII fallback and the UTF-8 name. */
function attachment(name: string) {
  // eslint-disable-next-line no-control-regex -- control characters are what this removes
  const clean = name.replace(/[\u0000-\u001f\u007f"\\/]/g, "_").slice(0, 200) || "download";
  const ascii = clean.replace(/[^\x20-\x7e]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(clean)}`;
}

/** A playlist with every URI (lines and `URI="…"` attributes) replaced by a freshly signed absolute one; URIs that leave the asset are dropped. */
function rewritePlaylist(text: string, assetId: string, file: string, sign: (file: string) => string) {
  const folder = path.posix.dirname(file);
  const resolve = (uri: string) => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(uri) || uri.startsWith("/")) return null;
    const target = path.posix.normalize(path.posix.join(folder, uri.split(/[?#]/)[0]));
    return !target.startsWith("../") && isMediaFile(target) ? sign(target) : null;
  };
  return text
    .split(/\r?\n/)
    .map((line) => {
      const trimmed = line.trim();
      if (trimmed === "") return line;
      if (trimmed.startsWith("#")) {
        return line.replace(/URI="([^"]*)"/g, (whole, uri: string) => {
          const signed = resolve(uri);
          return signed ? `URI="${signed}"` : whole.replace(uri, "");
        });
      }
      return resolve(trimmed) ?? `# dropped: not a file of asset ${assetId}`;
    })
    .join("\n");
}

export async function serveMedia(request: Request, assetId: string, file: string): Promise<Response> {
  if (!isAssetId(assetId) || !isMediaFile(file)) return plain(404, "Not found");
  const url = new URL(request.url);
  const signature = checkMediaSignature(assetId, file, url.searchParams);
  if (!signature.ok) {
    const messages = { missing: "This media link is not signed.", forged: "This media link is not valid.", expired: "This media link has expired: reload the page for a new one." };
    return plain(403, messages[signature.reason]);
  }
  // A user's link only in that user's session (a guest's link needs no session: it is checked as a guest).
  let viewer: { id: string; role: RoleName } | null = null;
  if (signature.viewerId) {
    const user = await getOptionalUser(request);
    if (!user || user.id !== signature.viewerId) return plain(403, "This media link was made for another account: sign in as that account, or reload the page.");
    viewer = user;
  }
  const asset = await queryOne<AssetRow>(sql`
    SELECT a.id, a.kind::text AS kind, a.status::text AS status, a."contentType", a."originalName", a.title, a.outputs,
           c.status::text AS "courseStatus", c."authorId"
      FROM "MediaAsset" a JOIN "Course" c ON c.id = a."courseId"
     WHERE a.id = ${assetId}`);
  const course = asset && { status: asset.courseStatus, authorId: asset.authorId };
  if (!asset || !course || !courseVisibleTo(viewer, course)) return plain(404, "Not found");
  const editor = canEditCourse(viewer, course);
  if (!editor && (asset.status !== "READY" || !learnerMayFetch(asset, file))) return plain(404, "Not found");

  const store = getMediaStore();
  const key = mediaKey(assetId, file);
  const remaining = Math.max(1, signature.exp - Math.floor(Date.now() / 1000));
  const headers: Record<string, string> = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": MEDIA_CSP,
    // The URL names the viewer and its expiry: the browser may keep it that long, nobody else may.
    "Cache-Control": `private, max-age=${Math.min(remaining, 3600)}, no-transform`,
    "Cross-Origin-Resource-Policy": "same-origin",
  };
  const extension = path.posix.extname(file).toLowerCase();
  const type = file === "original" ? asset.contentType : (OUTPUT_TYPES[extension] ?? "application/octet-stream");
  headers["Content-Type"] = type.startsWith("text/") && !type.includes("charset") ? `${type}; charset=utf-8` : type;
  if (asset.kind === "RESOURCE" || !INLINE_TYPES.test(type)) headers["Content-Disposition"] = attachment(file === "original" ? asset.originalName : path.posix.basename(file));

  if (type === PLAYLIST_TYPE) {
    const object = await store.get(key);
    if (!object) return plain(404, "Not found");
    const text = Buffer.concat(await object.body.toArray()).toString("utf8");
    // Children live at least as long as the video plays (segments of a VOD playlist are fetched over its whole duration).
    const ttl = Math.max(DEFAULT_MEDIA_TTL_SECONDS, Math.round(asset.outputs?.durationSeconds ?? 0) + 30 * 60);
    const body = Buffer.from(rewritePlaylist(text, assetId, file, (child) => mediaUrl(assetId, child, viewer, ttl)));
    return new Response(request.method === "HEAD" ? null : body, { status: 200, headers: { ...headers, "Content-Length": String(body.length) } });
  }

  headers["Accept-Ranges"] = "bytes";
  let range = parseRange(request.headers.get("Range"));
  if (range && "suffix" in range) {
    const head = await store.head(key);
    if (!head) return plain(404, "Not found");
    range = head.size === 0 ? { start: 0 } : { start: Math.max(0, head.size - range.suffix), end: head.size - 1 };
  }
  if (request.method === "HEAD") {
    const head = await store.head(key);
    if (!head) return plain(404, "Not found");
    if (!range) return new Response(null, { status: 200, headers: { ...headers, "Content-Length": String(head.size) } });
    if (range.start >= head.size) return plain(416, "Range not satisfiable", { "Content-Range": `bytes */${head.size}`, "Accept-Ranges": "bytes" });
    const end = Math.min(range.end ?? head.size - 1, head.size - 1);
    return new Response(null, { status: 206, headers: { ...headers, "Content-Length": String(end - range.start + 1), "Content-Range": `bytes ${range.start}-${end}/${head.size}` } });
  }
  let object;
  try {
    object = await store.get(key, range ?? undefined);
  } catch (error) {
    if (error instanceof RangeNotSatisfiable) return plain(416, "Range not satisfiable", { "Content-Range": `bytes */${error.size}`, "Accept-Ranges": "bytes" });
    throw error;
  }
  if (!object) return plain(404, "Not found");
  const source = object.body;
  // The client went away: stop reading the file (or the S3 object) at once.
  request.signal.addEventListener("abort", () => source.destroy(), { once: true });
  const length = object.size === 0 ? 0 : object.end - object.start + 1;
  const body = length === 0 ? null : createReadableStreamFromReadable(source as Readable);
  if (!range) return new Response(body, { status: 200, headers: { ...headers, "Content-Length": String(length) } });
  return new Response(body, { status: 206, headers: { ...headers, "Content-Length": String(length), "Content-Range": `bytes ${object.start}-${object.end}/${object.size}` } });
}
