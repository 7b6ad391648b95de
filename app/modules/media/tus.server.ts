/**
 * Resumable uploads (decision 035): the tus protocol at /uploads/tus, served by
 * @tus/server (server.ts mounts `handleTusRequest` before Remix). Partial uploads
 * live in a @tus/file-store folder under DATA_DIR (why not in S3: `datastore`).
 *
 * Every request passes the app's own rules first: the session cookie's user must
 * be an instructor who may edit the course (or an admin), writes from another
 * site are refused as the request guard refuses them, and each upload's length
 * is capped by its kind (limits.ts). An upload's id is its MediaAsset's id: the
 * row is made (status UPLOADING) when the upload starts, and the last chunk runs
 * the same `finishUpload` as a plain form upload; a refusal is a 4xx whose body
 * is the message the studio shows next to the field.
 */
import path from "node:path";
import { FileStore } from "@tus/file-store";
import { EVENTS, Server, type DataStore } from "@tus/server";
import { canEditCourse, type Author } from "~/modules/academy/course-admin.server.ts";
import { getOptionalUser } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { getEnv, type Env } from "~/utils/env.server.ts";
import { AREA_ROLES, hasRole } from "~/utils/permissions.ts";
import { isCrossSite } from "~/utils/request-guard.server.ts";
import { isMediaKind, KIND_LIMITS, MAX_MEDIA_BYTES } from "./limits.ts";
import { finishUpload, startResumableUpload } from "./uploads.server.ts";

const TUS_PATH = "/uploads/tus";
/** A partial upload nobody continues is dropped after this long (the cleanup job asks the store). */
const TUS_EXPIRY_MS = 24 * 3600_000;

const ID = /^[a-z0-9]{10,40}$/i;

/** The signed-in user of each request being handled (the hooks get the same Request object). */
const users = new WeakMap<Request, Author>();

class Refusal {
  constructor(
    public status_code: number,
    public body: string,
  ) {}
}

const text = (status: number, message: string) =>
  new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "Tus-Resumable": "1.0.0" } });

let tus: { env: Env; server: Server; store: DataStore; directory: string } | undefined;

/**
 * Where partial uploads wait: a folder under DATA_DIR, with S3 configured too. @tus/s3-store would
 * keep them in the bucket, but it reads an upload's state with S3's ListParts, which the local
 * S3-compatible server the tests run (s3rver) answers 405, so that path could not be proven here
 * (decision 035). With several instances, /uploads/tus needs sticky sessions or a shared DATA_DIR.
 */
function datastore(env: Env): { store: DataStore; directory: string } {
  const directory = path.resolve(env.DATA_DIR, "tus");
  return { store: new FileStore({ directory, expirationPeriodInMilliseconds: TUS_EXPIRY_MS }), directory };
}

/** The upload's metadata as text, never more than `max` characters. */
const meta = (upload: { metadata?: Record<string, string | null> }, key: string, max = 300) => (upload.metadata?.[key] ?? "").slice(0, max);

/** This process's tus server, made once per environment (tests that change it get a new one). */
function getTus() {
  const env = getEnv();
  if (tus?.env === env) return tus;
  const { store, directory } = datastore(env);
  const server = new Server({
    path: TUS_PATH,
    datastore: store,
    relativeLocation: true,
    respectForwardedHeaders: false,
    disableTerminationForFinishedUploads: true,
    exposedHeaders: ["Media-Asset-Id", "Media-Asset-Status"],
    maxSize: async (_req, id) => {
      if (!id) return MAX_MEDIA_BYTES;
      const asset = await prisma.mediaAsset.findUnique({ where: { id }, select: { kind: true } });
      return asset ? KIND_LIMITS[asset.kind].maxBytes : MAX_MEDIA_BYTES;
    },
    // The upload starts: its row is made (or the reason it can't be, as the 4xx's body).
    namingFunction: async (req, metadata) => {
      const user = users.get(req as unknown as Request)!;
      const courseId = metadata?.courseId ?? "";
      const lessonId = metadata?.lessonId ?? "";
      const kind = metadata?.kind ?? "";
      if (!ID.test(courseId) || (lessonId && !ID.test(lessonId)) || !isMediaKind(kind)) {
        throw new Refusal(400, "The upload must say which course (and lesson) and which kind of file it is for.");
      }
      const length = Number((req as unknown as Request).headers.get("Upload-Length"));
      if (!Number.isSafeInteger(length) || length < 0) throw new Refusal(400, "Send the upload's length (Upload-Length); deferred lengths are not accepted.");
      const started = await startResumableUpload({
        courseId,
        lessonId: lessonId || null,
        kind,
        cover: metadata?.cover === "1",
        originalName: (metadata?.filename ?? "upload").slice(0, 300),
        title: (metadata?.title ?? "").slice(0, 300),
        declaredSize: length,
        user,
      }).catch((error: unknown) => {
        const status = (error as { status?: number }).status;
        if (status === 403 || status === 404) throw new Refusal(status, error instanceof Error ? error.message : "Not found.");
        throw error;
      });
      if (!started.ok) throw new Refusal(started.status, started.message);
      return started.assetId;
    },
    // The last byte arrived: the same checks, storage and attachment as a plain upload.
    onUploadFinish: async (req, upload) => {
      const user = users.get(req as unknown as Request)!;
      // The checks read the tus store's own file.
      const file = path.join(getTus().directory, upload.id);
      try {
        const kind = meta(upload, "kind");
        if (!isMediaKind(kind)) throw new Refusal(400, "The upload doesn't say which kind of file it is.");
        const result = await finishUpload({
          assetId: upload.id,
          courseId: meta(upload, "courseId"),
          lessonId: meta(upload, "lessonId") || null,
          kind,
          cover: meta(upload, "cover") === "1",
          tmpPath: file,
          originalName: meta(upload, "filename") || "upload",
          title: meta(upload, "title"),
          user,
        });
        if (!result.ok) throw new Refusal(result.status, result.message);
        return { status_code: 204, headers: { "Media-Asset-Id": result.asset.id, "Media-Asset-Status": result.asset.status } };
      } finally {
        // Checked and stored, or refused: the partial upload is done with either way.
        await getTus()
          .store.remove(upload.id)
          .catch(() => undefined);
      }
    },
    onResponseError: (_req, error) => {
      if (error instanceof Refusal || ("status_code" in error && typeof error.status_code === "number")) return undefined;
      console.error(`[uploads] tus: ${error instanceof Error ? error.message : String(error)}`);
      return { status_code: 500, body: "The upload could not be saved. Try again in a moment.\n" };
    },
  });
  // A terminated (cancelled) upload takes its row with it.
  server.on(EVENTS.POST_TERMINATE, (_req, _res, id) => {
    void prisma.mediaAsset.deleteMany({ where: { id, status: "UPLOADING" } }).catch(() => undefined);
  });
  tus = { env, server, store, directory };
  return tus;
}

/** The upload's id in a tus URL (/uploads/tus/<id>), or null for the creation URL. */
function uploadIdOf(request: Request): string | null {
  const rest = new URL(request.url).pathname.slice(TUS_PATH.length).replace(/^\/+|\/+$/g, "");
  return rest === "" ? null : rest;
}

/** The tus endpoint behind the app's rules (see the module comment). */
export async function handleTusRequest(request: Request): Promise<Response> {
  const method = request.method.toUpperCase();
  if (method === "GET") return text(405, "Uploads can't be downloaded from here.");
  if (!["POST", "HEAD", "PATCH", "DELETE", "OPTIONS"].includes(method)) return text(405, "Method not allowed.");
  if (method === "OPTIONS") return new Response(null, { status: 204, headers: { "Tus-Resumable": "1.0.0", "Tus-Version": "1.0.0", "Tus-Extension": "creation,creation-with-upload,termination,expiration", "Tus-Max-Size": String(MAX_MEDIA_BYTES) } });
  if (method !== "HEAD" && isCrossSite(request)) {
    return text(403, "Uploads to Sentry Academy can only be sent from its own pages, so this request was refused and nothing changed.");
  }
  const user = await getOptionalUser(request);
  if (!user) return text(401, "Your session has ended: sign in again, then upload the file again.");
  if (!hasRole(user, AREA_ROLES.instructor)) return text(403, "Only instructors and admins upload course media.");
  const id = uploadIdOf(request);
  if (id !== null) {
    const asset = ID.test(id)
      ? await prisma.mediaAsset.findFirst({ where: { id, status: "UPLOADING" }, select: { course: { select: { authorId: true } } } })
      : null;
    if (!asset || !canEditCourse(user, asset.course)) return text(404, "This upload doesn't exist any more (it finished, was cancelled or expired). Upload the file again.");
  } else if (method !== "POST") {
    return text(405, "Method not allowed.");
  }
  if (request.headers.has("Upload-Concat") || request.headers.has("Upload-Defer-Length")) {
    return text(400, "Send each file as one upload with its length (Upload-Length); parallel and deferred-length uploads are not accepted.");
  }
  users.set(request, user);
  const { server } = getTus();
  return server.handleWeb(request);
}

/** Removes partial uploads past their expiry (the cleanup job); how many went. */
export async function deleteExpiredTusUploads(): Promise<number> {
  const { store } = getTus();
  return (await store.deleteExpired?.()) ?? 0;
}

/** Removes one partial upload, if there is one (an asset deleted while uploading). */
export async function removeTusUpload(id: string) {
  await getTus()
    .store.remove(id)
    .catch(() => undefined);
}
