import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { gzipKept, keepGzip } from "./kept-gzip.server.ts";
import { markNonce, withNonce } from "./security-headers.server.ts";

const OLD = "OLDnonceOLDnonceOLDnon==";
const NEW = "NEWnonceNEWnonceNEWnon==";
const page = (nonce: string) =>
  Buffer.from(
    `<!DOCTYPE html><html><head><script nonce="${nonce}">window.ENV={}</script></head><body>${"<p>Some lesson text, repeated. ".repeat(300)}</p>` +
      `<script nonce="${nonce}">window.__remixContext={}</script><script nonce="${nonce}" type="module">import "/build/x.js"</script></body></html>`,
  );

describe("kept gzip", () => {
  it("gives the kept page, with the current nonce in place of the old one, as a valid gzip stream", () => {
    const html = page(OLD);
    const mark = markNonce(html, OLD);
    expect(mark?.at).toHaveLength(3);
    const kept = keepGzip(html, mark);
    const sent = withNonce(html, mark, NEW);
    const gz = gzipKept(kept, sent, mark, NEW);
    expect(zlib.gunzipSync(gz).toString()).toBe(page(NEW).toString());
    expect(gz.length).toBeLessThan(html.length / 5);
    // Twice from the same pieces, each time with its own nonce.
    expect(zlib.gunzipSync(gzipKept(kept, withNonce(html, mark, OLD.replace("OLD", "XYZ")), mark, OLD.replace("OLD", "XYZ"))).toString()).toContain('nonce="XYZnonce');
  });

  it("joins the pieces as they are without a current nonce, and keeps a page without nonces whole", () => {
    const html = page(OLD);
    const mark = markNonce(html, OLD);
    expect(zlib.gunzipSync(gzipKept(keepGzip(html, mark), withNonce(html, mark, undefined), mark, undefined)).toString()).toBe(html.toString());
    const plain = Buffer.from("<p>no scripts here</p>".repeat(50));
    expect(zlib.gunzipSync(gzipKept(keepGzip(plain, undefined), plain, undefined, "N")).toString()).toBe(plain.toString());
    const empty = Buffer.alloc(0);
    expect(zlib.gunzipSync(gzipKept(keepGzip(empty, undefined), empty, undefined, undefined)).length).toBe(0);
  });
});
