/**
 * STUB (player branch) of the store engineer's signing module, to the contract in the team brief:
 * replaced by theirs when media-store is merged. Same names, same URL shape.
 */
import { createHmac } from "node:crypto";

const DEFAULT_TTL_SECONDS = 15 * 60;

export function mediaUrl(assetId: string, file: string, viewer: { id: string } | null, ttlSeconds = DEFAULT_TTL_SECONDS): string {
  const exp = Math.floor(Date.now() / 1000) + ttlSeconds;
  const u = viewer?.id ?? "-";
  const sig = createHmac("sha256", process.env.SESSION_SECRET ?? "stub").update(`${assetId}/${file}\n${exp}\n${u}`).digest("base64url");
  return `/files/${assetId}/${file}?exp=${exp}&u=${encodeURIComponent(u)}&sig=${sig}`;
}

export function signMediaInHtml(html: string, viewer: { id: string } | null): string {
  return html.replace(/(src|href)="(\/files\/[A-Za-z0-9_-]+\/[^"?#]+)"/g, (_m, attr: string, path: string) => {
    const [, , assetId, ...file] = path.split("/");
    return `${attr}="${mediaUrl(assetId!, file.join("/"), viewer)}"`;
  });
}
