/**
 * A kept page's compressed bytes (decision 028). The page cache and the render
 * cache send a kept page with this response's CSP nonce in place of the one it
 * was rendered with (security-headers.server.ts), so the compressed page can't
 * be kept whole. gzip (deflate) can be kept in pieces: the text between the
 * nonces is compressed once, each piece ending on a full flush (byte-aligned, no
 * reference across it), and a reply joins the pieces with the current nonce in
 * stored blocks, a final empty block and the gzip trailer (CRC-32 and length of
 * the page as sent). A hit then costs a copy and a CRC-32 instead of compressing
 * the page again. Brotli has no such joins, so a kept page goes out as gzip.
 */
import zlib from "node:zlib";
import type { NonceMark } from "./security-headers.server.ts";

export type KeptGzip = { parts: Buffer[] };

const HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff]);
/** An empty fixed-Huffman block with BFINAL set: the end of the deflate stream. */
const FINAL_BLOCK = Buffer.from([0x03, 0x00]);
const LEVEL = 6;

/** Compresses the page's text between its nonces (`mark`, from `markNonce`), once. */
export function keepGzip(html: Buffer, mark: NonceMark | undefined): KeptGzip {
  const cuts = mark?.at ?? [];
  const length = mark ? Buffer.byteLength(mark.nonce) : 0;
  const parts: Buffer[] = [];
  let start = 0;
  for (const at of [...cuts, html.length]) {
    parts.push(zlib.deflateRawSync(html.subarray(start, at), { level: LEVEL, finishFlush: zlib.constants.Z_FULL_FLUSH }));
    start = at + length;
  }
  return { parts };
}

/** A stored (uncompressed) deflate block holding `data` (under 64 KB); the stream is byte-aligned here. */
function storedBlock(data: Buffer) {
  const block = Buffer.alloc(5 + data.length);
  block.writeUInt16LE(data.length, 1);
  block.writeUInt16LE(~data.length & 0xffff, 3);
  data.copy(block, 5);
  return block;
}

/**
 * The gzip bytes of `page`, the kept page as `withNonce(html, mark, to)` made it
 * (with nonce `to`, or the one it was rendered with when there is no `to`), from
 * the kept pieces.
 */
export function gzipKept(kept: KeptGzip, page: Buffer, mark: NonceMark | undefined, to: string | undefined): Buffer {
  const nonce = to ?? mark?.nonce;
  const between = nonce && kept.parts.length > 1 ? storedBlock(Buffer.from(nonce)) : null;
  const chunks: Buffer[] = [HEADER];
  kept.parts.forEach((part, i) => {
    if (i > 0 && between) chunks.push(between);
    chunks.push(part);
  });
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(zlib.crc32(page) >>> 0, 0);
  trailer.writeUInt32LE(page.length % 2 ** 32, 4);
  chunks.push(FINAL_BLOCK, trailer);
  return Buffer.concat(chunks);
}
