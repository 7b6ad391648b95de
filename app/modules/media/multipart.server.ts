/**
 * The studio's upload without JavaScript: a plain multipart form whose file
 * field is named after its kind (`video`, `captions`, `poster`, `resource`,
 * `image`). The file streams to a temporary file (never into memory), counted
 * against its kind's limit as it arrives; past it, the part is dropped and the
 * answer is a 413 with the limit, shown next to the field. The request guard
 * lets these routes' bodies through unbuffered (request-guard.server.ts).
 */
import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import { unstable_composeUploadHandlers, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import type { Author } from "~/modules/academy/course-admin.server.ts";
import { formatBytes, isMediaKind, KIND_LIMITS, MAX_MEDIA_BODY_BYTES, MAX_MEDIA_BYTES, type MediaKindName } from "./limits.ts";
import { cleanFileName, finishUpload } from "./uploads.server.ts";

const ENVELOPE_BYTES = 64 * 1024;

type ParsedUpload =
  | { ok: true; fields: Map<string, string>; file: { kind: MediaKindName; path: string; name: string; size: number } | null; cleanup: () => Promise<void> }
  | { ok: false; status: 400 | 413; kind: MediaKindName | null; message: string };

class TooLarge extends Error {
  constructor(public kind: MediaKindName) {
    super("too large");
  }
}

const uploadDir = () => path.join(tmpdir(), "academy-uploads");

function tooLargeMessage(kind: MediaKindName) {
  return `The file is larger than ${formatBytes(KIND_LIMITS[kind].maxBytes)}: ${KIND_LIMITS[kind].noun} may be at most ${formatBytes(KIND_LIMITS[kind].maxBytes)} (${KIND_LIMITS[kind].limitText}).`;
}

/**
 * Reads and drops the rest of a refused upload's body (up to a bound): a browser
 * shows the answer only once it has sent its request, and stalls on an unread one.
 */
export async function discardBody(request: Request, maxBytes = MAX_MEDIA_BODY_BYTES) {
  try {
    const reader = request.body?.getReader();
    if (!reader) return;
    for (let read = 0; read <= maxBytes; ) {
      const { done, value } = await reader.read();
      if (done) return;
      read += value.byteLength;
    }
    await reader.cancel();
  } catch {
    // The parser holds the body (it stopped at the limit), or the client went away.
  }
}

/** True when the request carries a multipart body (the upload forms). */
export const isMultipart = (request: Request) => (request.headers.get("Content-Type") ?? "").toLowerCase().startsWith("multipart/form-data");

/**
 * Parses an upload form: its text fields, and its one file written to a temporary file.
 * `expected`: the kind the form uploads (its action's `?kind=`), so a body declared larger
 * than that kind's limit is refused before a byte of it is read.
 */
async function parseUploadForm(request: Request, expected: MediaKindName | null): Promise<ParsedUpload> {
  const declared = Number(request.headers.get("Content-Length") ?? 0);
  if (expected && declared > KIND_LIMITS[expected].maxBytes + ENVELOPE_BYTES) {
    await discardBody(request);
    return { ok: false, status: 413, kind: expected, message: tooLargeMessage(expected) };
  }
  if (declared > MAX_MEDIA_BODY_BYTES) {
    await discardBody(request);
    return { ok: false, status: 413, kind: null, message: `The upload is larger than ${formatBytes(MAX_MEDIA_BYTES)}, the most any file may be.` };
  }
  await mkdir(uploadDir(), { recursive: true });
  const written: string[] = [];
  const cleanup = async () => {
    for (const file of written) await rm(file, { force: true });
  };
  const got: { file: { kind: MediaKindName; path: string; name: string; size: number } | null } = { file: null };

  const fileHandler: UploadHandler = async ({ name, filename, data }) => {
    if (filename === undefined) return undefined;
    const kind = name.toUpperCase();
    // Only one file, in a field named after a kind; anything else is drained and ignored.
    if (!isMediaKind(kind) || got.file || !filename) {
      for await (const chunk of data) void chunk;
      return null;
    }
    const limit = KIND_LIMITS[kind].maxBytes;
    const at = path.join(uploadDir(), randomBytes(16).toString("hex"));
    written.push(at);
    let size = 0;
    await pipeline(
      Readable.from(data),
      new Transform({
        transform(chunk: Buffer, _encoding, done) {
          size += chunk.length;
          if (size > limit) done(new TooLarge(kind));
          else done(null, chunk);
        },
      }),
      createWriteStream(at),
    );
    got.file = { kind, path: at, name: filename, size };
    return at;
  };

  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, unstable_composeUploadHandlers(fileHandler, unstable_createMemoryUploadHandler({ maxPartSize: 64 * 1024 })));
  } catch (error) {
    await cleanup();
    if (error instanceof TooLarge) {
      await discardBody(request);
      return { ok: false, status: 413, kind: error.kind, message: tooLargeMessage(error.kind) };
    }
    if (error instanceof Error && error.name === "MaxPartSizeExceededError") return { ok: false, status: 413, kind: null, message: "A text field of the form is too long." };
    return { ok: false, status: 400, kind: null, message: "The upload was cut off or malformed. Choose the file again and upload it." };
  }
  const { file } = got;
  const fields = new Map<string, string>();
  for (const [key, value] of form) if (typeof value === "string" && value !== file?.path) fields.set(key, value);
  return { ok: true, fields, file, cleanup };
}

export type PlainUploadResult =
  | { ok: true; asset: { id: string; kind: MediaKindName; status: string }; name: string }
  | { ok: false; status: 400 | 404 | 413 | 415 | 422; kind: MediaKindName | null; message: string };

/**
 * A plain (no-JS) upload from start to end: the form parsed, the file checked, stored and attached
 * by finishUpload, the temporary file removed whatever happens. `where` says where it goes;
 * the form's `cover` and `title` fields are read here.
 */
export async function receivePlainUpload(request: Request, where: { courseId: string; lessonId?: string; allowed: readonly MediaKindName[] }, user: Author): Promise<PlainUploadResult> {
  const hint = new URL(request.url).searchParams.get("kind")?.toUpperCase() ?? null;
  const expected = isMediaKind(hint) && where.allowed.includes(hint) ? hint : null;
  const parsed = await parseUploadForm(request, expected);
  if (!parsed.ok) return parsed;
  try {
    const { file, fields } = parsed;
    if (!file || file.size === 0) {
      return { ok: false, status: 400, kind: expected, message: file ? "The file is empty. Choose the file again and upload it." : "Choose a file to upload." };
    }
    if (!where.allowed.includes(file.kind)) return { ok: false, status: 400, kind: null, message: `${KIND_LIMITS[file.kind].noun[0].toUpperCase()}${KIND_LIMITS[file.kind].noun.slice(1)} can't be uploaded here.` };
    const result = await finishUpload({
      courseId: where.courseId,
      lessonId: where.lessonId ?? null,
      kind: file.kind,
      cover: fields.get("cover") === "1" || new URL(request.url).searchParams.get("cover") === "1",
      tmpPath: file.path,
      originalName: file.name,
      title: fields.get("title") ?? "",
      user,
    });
    if (!result.ok) return { ok: false, status: result.status, kind: file.kind, message: result.message };
    return { ok: true, asset: result.asset, name: cleanFileName(file.name) };
  } finally {
    await parsed.cleanup();
  }
}
