/**
 * The checks every uploaded file passes before it is stored (decision 035):
 * its type is what its bytes are (file-type's signatures, or our own reading of
 * text), never what its name or the browser say; its size is within its kind's
 * limit (limits.ts); a zip is judged by its central directory (entries, total
 * unpacked size, compression ratio, archives inside) without unpacking it; an
 * SVG may not script (script elements, event handlers, foreignObject, javascript:
 * URLs); captions are WebVTT with valid cue timings, and SubRip is converted to
 * WebVTT. Each refusal is a sentence naming the problem, shown next to the field.
 */
import { open, readFile, stat } from "node:fs/promises";
import { unzipSync } from "fflate";
import { fileTypeFromFile } from "file-type";
import { formatBytes, KIND_LIMITS, type MediaKindName } from "./limits.ts";

export type Inspected =
  /** `converted`: the bytes to store instead of the upload's (SRT captions become WebVTT). */
  | { ok: true; contentType: string; size: number; converted?: Buffer }
  | { ok: false; status: 413 | 415 | 422; message: string };

/** Limits on what a zip may unpack to: a zip bomb passes none of them. */
export const ZIP_BOMB_LIMITS = {
  entries: 1000,
  totalBytes: 1024 * 1024 * 1024,
  /** Unpacked / packed, over the whole archive, once it unpacks to more than `ratioFloorBytes`. */
  ratio: 100,
  ratioFloorBytes: 10 * 1024 * 1024,
  centralDirectoryBytes: 4 * 1024 * 1024,
} as const;

/** Largest SVG read whole for the script check. */
const SVG_MAX_BYTES = 10 * 1024 * 1024;

const refuse = (status: 413 | 415 | 422, message: string): Inspected => ({ ok: false, status, message });

const DESCRIPTIONS: Record<string, string> = {
  "image/png": "a PNG image",
  "image/jpeg": "a JPEG image",
  "image/webp": "a WebP image",
  "image/gif": "a GIF image",
  "image/svg+xml": "an SVG image",
  "application/pdf": "a PDF document",
  "application/zip": "a zip archive",
  "video/mp4": "an MP4 video",
  "video/quicktime": "a QuickTime (MOV) video",
  "video/webm": "a WebM video",
  "video/x-matroska": "a Matroska (MKV) video",
  "text/vtt": "WebVTT captions",
  "text/plain": "a text file",
  "application/x-subrip": "SubRip (SRT) captions",
};

function describe(type: { mime: string; ext?: string }) {
  return DESCRIPTIONS[type.mime] ?? `a .${type.ext ?? "bin"} file (${type.mime})`;
}

/** Checks one uploaded file, stored at `filePath`, as an upload of `kind`. */
export async function inspectUpload(kind: MediaKindName, filePath: string): Promise<Inspected> {
  const limits = KIND_LIMITS[kind];
  const { size } = await stat(filePath);
  if (size === 0) return refuse(422, "The file is empty. Choose the file again and upload it.");
  if (size > limits.maxBytes) return refuse(413, `The file is ${formatBytes(size)}: ${limits.noun} may be at most ${formatBytes(limits.maxBytes)}.`);

  const sniffed = await fileTypeFromFile(filePath);
  // file-type names an SVG that starts with `<?xml` just XML: text is read by our own rules.
  const found = sniffed && sniffed.mime !== "application/xml" ? sniffed : await sniffText(filePath, size);
  if (!found) {
    return refuse(415, `This file's content isn't a type we recognise (it may be damaged or in a format we don't take). Accepted for ${limits.noun}: ${limits.limitText}.`);
  }

  if (kind === "CAPTIONS") {
    if (found.mime === "text/vtt") return checkWebVtt(await readFile(filePath), size);
    if (found.mime === "application/x-subrip") return convertSrt(await readFile(filePath));
    return refuse(415, `This file is ${describe(found)}, not captions. Upload WebVTT (.vtt) or SubRip (.srt) captions, as UTF-8 text.`);
  }
  if (!limits.types.includes(found.mime)) {
    return refuse(415, `This file is ${describe(found)}, which isn't accepted for ${limits.noun}. Accepted: ${limits.limitText}.`);
  }
  if (found.mime === "image/svg+xml") {
    const problem = await svgProblem(filePath, size);
    if (problem) return refuse(422, problem);
  }
  if (found.mime === "application/zip") {
    const problem = await zipProblem(filePath, size);
    if (problem) return refuse(422, problem);
  }
  return { ok: true, contentType: found.mime, size };
}

// ───────────── text: WebVTT, SubRip, SVG, plain text and code ─────────────

const TEXT_SAMPLE_BYTES = 64 * 1024;
const SRT_TIMING = /^(\d{1,2}):(\d{2}):(\d{2})[,.](\d{3})\s*-->\s*(\d{1,2}):(\d{2}):(\d{2})[,.](\d{3})/;

/** The type of a file file-type has no signature for: text we recognise, or nothing (binary). */
async function sniffText(filePath: string, size: number): Promise<{ mime: string; ext: string } | undefined> {
  const handle = await open(filePath, "r");
  let text: string;
  try {
    const sample = Buffer.alloc(Math.min(size, TEXT_SAMPLE_BYTES));
    await handle.read(sample, 0, sample.length, 0);
    if (sample.includes(0)) return undefined;
    // `stream: true`: a character cut at the sample's end is not an error.
    text = new TextDecoder("utf-8", { fatal: true }).decode(sample, { stream: size > sample.length });
  } catch {
    return undefined;
  } finally {
    await handle.close();
  }
  // eslint-disable-next-line no-control-regex -- binary files read as text show control characters
  const control = text.match(/[\u0001-\u0008\u000e-\u001f\u007f]/g)?.length ?? 0;
  if (control > text.length / 100) return undefined;
  const start = text.replace(/^\uFEFF/, "").trimStart();
  if (/^WEBVTT(?:[ \t\r\n]|$)/.test(start)) return { mime: "text/vtt", ext: "vtt" };
  const firstLines = start.split(/\r?\n/, 3);
  if (SRT_TIMING.test(firstLines[0] ?? "") || (/^\d+$/.test((firstLines[0] ?? "").trim()) && SRT_TIMING.test(firstLines[1] ?? ""))) {
    return { mime: "application/x-subrip", ext: "srt" };
  }
  if (/^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!DOCTYPE\s+svg[^>]*>\s*)?<svg[\s>]/i.test(start)) return { mime: "image/svg+xml", ext: "svg" };
  return { mime: "text/plain", ext: "txt" };
}

function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    return null;
  }
}

const NOT_UTF8 = "The captions aren't UTF-8 text. Save the file as UTF-8 (most editors offer it under “Save as”) and upload it again.";

const VTT_TIME = /^(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})$/;

function vttSeconds(stamp: string): number | null {
  const m = VTT_TIME.exec(stamp);
  if (!m) return null;
  return Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3]) + Number(m[4]) / 1000;
}

/** WebVTT as players read it: the header, then cues whose timings are valid and end after they start. */
function checkWebVtt(bytes: Buffer, size: number): Inspected {
  const text = decodeUtf8(bytes);
  if (text === null) return refuse(422, NOT_UTF8);
  const lines = text.split(/\r\n|\r|\n/);
  if (!/^WEBVTT(?:[ \t]|$)/.test(lines[0])) return refuse(422, "WebVTT captions must start with the line “WEBVTT”.");
  let cues = 0;
  for (const [index, line] of lines.entries()) {
    if (!line.includes("-->")) continue;
    const [start, rest = ""] = line.split("-->").map((part) => part.trim());
    const end = rest.split(/[ \t]+/)[0];
    const from = vttSeconds(start);
    const to = vttSeconds(end);
    if (from === null || to === null) {
      return refuse(422, `Line ${index + 1} of the captions has a timing WebVTT can't read (“${line.slice(0, 60)}”): write it as 00:00:01.000 --> 00:00:04.000.`);
    }
    if (to <= from) return refuse(422, `The cue on line ${index + 1} of the captions ends (${end}) before it starts (${start}).`);
    cues++;
  }
  if (cues === 0) return refuse(422, "The captions have no cues: a WebVTT file needs at least one timed line (00:00:01.000 --> 00:00:04.000, then its text).");
  return { ok: true, contentType: "text/vtt", size };
}

/** SubRip to WebVTT: comma decimals become dots, numbering goes, SRT's <font> tags (which WebVTT lacks) are removed. */
export function srtToWebVtt(srt: string): { vtt: string } | { problem: string } {
  const blocks = srt
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    .split(/\n{2,}/)
    .map((block) => block.trim())
    .filter(Boolean);
  const cues: string[] = [];
  for (const [index, block] of blocks.entries()) {
    const lines = block.split("\n");
    if (/^\d+$/.test(lines[0]) && lines.length > 1) lines.shift();
    const timing = SRT_TIMING.exec(lines[0]);
    if (!timing) return { problem: `Cue ${index + 1} of the SubRip captions has no valid timing line (“${lines[0].slice(0, 60)}”): write it as 00:00:01,000 --> 00:00:04,000.` };
    const [, h1, m1, s1, ms1, h2, m2, s2, ms2] = timing;
    const start = `${h1.padStart(2, "0")}:${m1}:${s1}.${ms1}`;
    const end = `${h2.padStart(2, "0")}:${m2}:${s2}.${ms2}`;
    if (Number(m1) > 59 || Number(s1) > 59 || Number(m2) > 59 || Number(s2) > 59) return { problem: `Cue ${index + 1} of the SubRip captions has minutes or seconds over 59.` };
    if ((vttSeconds(end) ?? 0) <= (vttSeconds(start) ?? 0)) return { problem: `Cue ${index + 1} of the SubRip captions ends before it starts (${start} --> ${end}).` };
    const body = lines
      .slice(1)
      .map((line) => line.replace(/<\/?font[^>]*>/gi, "").replace(/\{\\[^}]*\}/g, ""))
      // "-->" may not appear in a WebVTT cue's text.
      .map((line) => line.replace(/-->/g, "→"))
      .join("\n");
    cues.push(`${start} --> ${end}\n${body}`);
  }
  if (!cues.length) return { problem: "The SubRip captions have no cues." };
  return { vtt: `WEBVTT\n\n${cues.join("\n\n")}\n` };
}

function convertSrt(bytes: Buffer): Inspected {
  const text = decodeUtf8(bytes);
  if (text === null) return refuse(422, NOT_UTF8);
  const result = srtToWebVtt(text);
  if ("problem" in result) return refuse(422, result.problem);
  const converted = Buffer.from(result.vtt, "utf8");
  return { ok: true, contentType: "text/vtt", size: converted.length, converted };
}

/** Numeric character references and whitespace undone, so `jav&#x09;ascript:` reads as `javascript:`. */
function normalise(value: string) {
  return value
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16) % 0x110000))
    .replace(/&#(\d+);?/g, (_, dec: string) => String.fromCodePoint(Number(dec) % 0x110000))
    .replace(/&colon;/gi, ":")
    .replace(/&tab;|&newline;/gi, "")
    // eslint-disable-next-line no-control-regex -- browsers ignore these inside a URL scheme
    .replace(/[\u0000-\u0020\u007f]+/g, "")
    .toLowerCase();
}

/** Why an SVG could run code or load another document when opened, or null when it can't. */
export function svgScriptProblem(svg: string): string | null {
  const withoutComments = svg.replace(/<!--[\s\S]*?-->/g, "");
  if (/<!ENTITY/i.test(withoutComments)) return "The SVG declares XML entities (<!ENTITY>), which can hide content or blow up when read. Export it again without a DOCTYPE.";
  const element = /<\s*([a-z][\w:.-]*)/gi;
  for (const [, name] of withoutComments.matchAll(element)) {
    const local = name.toLowerCase().split(":").pop()!;
    if (local === "script") return "The SVG contains a script (<script>), which could run in the browser of anyone who opens it. Remove it and upload the file again.";
    if (local === "foreignobject") return "The SVG contains a <foreignObject>, which can embed HTML and scripts. Remove it and upload the file again.";
    if (["iframe", "embed", "object", "handler", "listener"].includes(local)) return `The SVG contains an <${local}> element, which can load or run other content. Remove it and upload the file again.`;
  }
  // Attributes: any on… event handler, and URLs that run code.
  const tags = withoutComments.match(/<[a-z][^>]*>/gi) ?? [];
  for (const tag of tags) {
    const handler = /[\s/"']on([a-z]+)\s*=/i.exec(tag);
    if (handler) return `The SVG has an event handler (on${handler[1].toLowerCase()}=…), which runs a script when it fires. Remove it and upload the file again.`;
    for (const [, , value] of tag.matchAll(/\s[\w:.-]+\s*=\s*(["'])([\s\S]*?)\1/g)) {
      const url = normalise(value);
      if (/(?:^|[(,\s])(?:javascript|vbscript):/.test(url) || url.startsWith("data:text/html") || url.startsWith("data:application/xhtml")) {
        return "The SVG has a link or reference that runs code (a javascript: URL). Remove it and upload the file again.";
      }
    }
  }
  const styles = [...withoutComments.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/gi)].map((m) => normalise(m[1])).join(" ");
  if (/javascript:|@import|expression\(/.test(styles)) return "The SVG's style sheet loads other content or runs code (@import or a javascript: URL). Remove it and upload the file again.";
  return null;
}

async function svgProblem(filePath: string, size: number): Promise<string | null> {
  if (size > SVG_MAX_BYTES) return `SVG images may be at most ${formatBytes(SVG_MAX_BYTES)}: export it as PNG or WebP instead.`;
  const text = decodeUtf8(await readFile(filePath));
  if (text === null) return "The SVG isn't UTF-8 text. Export it again as UTF-8.";
  return svgScriptProblem(text);
}

// ───────────── zip: its central directory, never unpacked ─────────────

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const NESTED_ARCHIVE = /\.(zip|jar|war|apk|rar|7z|tar|tgz|gz|bz2|tbz2|xz|txz|zst|lz|lzma|cab|iso|dmg)$/i;

type ZipEntry = { name: string; size: number; originalSize: number };

/**
 * The zip's entries as its central directory lists them. Only the directory is
 * read from disk: a copy of it followed by the end record (its offset set to 0)
 * is what fflate walks, and the filter keeps it from touching any file data.
 * A zip64 archive (huge by definition) is read whole: it is within the resource limit.
 */
async function centralDirectory(filePath: string, size: number): Promise<ZipEntry[] | string> {
  const handle = await open(filePath, "r");
  try {
    const tailLength = Math.min(size, 22 + 65535 + 20);
    const tail = Buffer.alloc(tailLength);
    await handle.read(tail, 0, tailLength, size - tailLength);
    let end = -1;
    for (let at = tailLength - 22; at >= 0; at--) {
      if (tail.readUInt32LE(at) === EOCD) {
        end = at;
        break;
      }
    }
    if (end < 0) return "This zip has no central directory (its table of contents): it is damaged or not really a zip. Zip the files again.";
    const count = tail.readUInt16LE(end + 10);
    const cdSize = tail.readUInt32LE(end + 12);
    const cdOffset = tail.readUInt32LE(end + 16);
    const zip64 = (end >= 20 && tail.readUInt32LE(end - 20) === ZIP64_LOCATOR) || count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff;
    let directory: Uint8Array;
    if (zip64) {
      directory = await readFile(filePath);
    } else {
      if (count > ZIP_BOMB_LIMITS.entries) return tooManyEntries(count);
      if (cdSize > ZIP_BOMB_LIMITS.centralDirectoryBytes || cdOffset + cdSize > size) return "This zip's table of contents is damaged or implausibly large. Zip the files again.";
      const eocd = tail.subarray(end);
      directory = Buffer.alloc(cdSize + eocd.length);
      await handle.read(directory as Buffer, 0, cdSize, cdOffset);
      (directory as Buffer).set(eocd, cdSize);
      (directory as Buffer).writeUInt32LE(0, cdSize + 16);
    }
    const entries: ZipEntry[] = [];
    try {
      unzipSync(directory, {
        filter: (file) => {
          entries.push({ name: file.name, size: file.size, originalSize: file.originalSize });
          if (entries.length > ZIP_BOMB_LIMITS.entries) throw new RangeError("entries");
          return false;
        },
      });
    } catch (error) {
      if (error instanceof RangeError) return tooManyEntries(entries.length);
      return "This zip's table of contents can't be read: the file is damaged. Zip the files again.";
    }
    return entries;
  } finally {
    await handle.close();
  }
}

const tooManyEntries = (count: number) => `The zip holds ${count > ZIP_BOMB_LIMITS.entries + 1 ? count : "more than " + ZIP_BOMB_LIMITS.entries} files: at most ${ZIP_BOMB_LIMITS.entries} are accepted. Split it into several zips.`;

/** Why a zip can't be offered for download (a zip bomb, archives inside, paths out of its folder), or null. */
async function zipProblem(filePath: string, size: number): Promise<string | null> {
  const entries = await centralDirectory(filePath, size);
  if (typeof entries === "string") return entries;
  const files = entries.filter((e) => !e.name.endsWith("/"));
  if (!files.length) return "The zip is empty: it holds no files.";
  const nested = files.find((e) => NESTED_ARCHIVE.test(e.name));
  if (nested) return `The zip contains another archive (“${nested.name}”). Archives inside archives are not accepted: put its files in the zip directly.`;
  const unsafe = files.find((e) => e.name.startsWith("/") || /^[a-z]:/i.test(e.name) || e.name.replace(/\\/g, "/").split("/").includes(".."));
  if (unsafe) return `The zip contains a path that points outside its folder (“${unsafe.name}”). Zip the folder again.`;
  const unpacked = files.reduce((sum, e) => sum + e.originalSize, 0);
  const packed = files.reduce((sum, e) => sum + e.size, 0);
  if (unpacked > ZIP_BOMB_LIMITS.totalBytes) {
    return `The zip unpacks to ${formatBytes(unpacked)}, more than the ${formatBytes(ZIP_BOMB_LIMITS.totalBytes)} accepted (this is how a zip bomb looks). Split it or leave large files out.`;
  }
  if (unpacked > ZIP_BOMB_LIMITS.ratioFloorBytes && unpacked / Math.max(packed, 1) > ZIP_BOMB_LIMITS.ratio) {
    return `The zip unpacks to ${formatBytes(unpacked)} from ${formatBytes(packed)}, more than ${ZIP_BOMB_LIMITS.ratio} times its size (this is how a zip bomb looks). It is not accepted.`;
  }
  return null;
}
