/**
 * Media fixtures without a transcoder: MediaAsset rows whose files are written straight into
 * the media store, and a hand-written HLS video (a master playlist, two renditions of two
 * segments each, an MP4 and a poster) in the shape decision 034's contract gives READY videos.
 */
import { prisma } from "~/utils/db.server.ts";
import type { MediaStore } from "~/modules/media/storage.server.ts";

type Kind = "VIDEO" | "CAPTIONS" | "POSTER" | "RESOURCE" | "IMAGE";
type Status = "UPLOADING" | "PROCESSING" | "READY" | "FAILED";

/** Bytes that are recognisably one segment's (the tests compare them). */
export const segmentBytes = (height: number, index: number) => Buffer.from(`segment ${height}p #${index} `.repeat(64));

/** The files of a READY video, by path under `media/<assetId>/`, and its `outputs`. */
export function videoFiles() {
  const renditions = [
    { height: 360, bandwidth: 800_000, playlist: "hls/360p/index.m3u8" },
    { height: 720, bandwidth: 2_800_000, playlist: "hls/720p/index.m3u8" },
  ];
  const files: Record<string, { body: Buffer; type: string }> = {
    "hls/master.m3u8": {
      type: "application/vnd.apple.mpegurl",
      body: Buffer.from(
        [
          "#EXTM3U",
          "#EXT-X-VERSION:3",
          ...renditions.flatMap((r) => [`#EXT-X-STREAM-INF:BANDWIDTH=${r.bandwidth},RESOLUTION=${Math.round((r.height * 16) / 9)}x${r.height}`, r.playlist.replace("hls/", "")]),
          "",
        ].join("\n"),
      ),
    },
    "video.mp4": { type: "video/mp4", body: Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from("ftypmp42"), Buffer.alloc(4096, 7)]) },
    "poster.jpg": { type: "image/jpeg", body: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]) },
  };
  for (const r of renditions) {
    files[r.playlist] = {
      type: "application/vnd.apple.mpegurl",
      body: Buffer.from(
        ["#EXTM3U", "#EXT-X-VERSION:3", "#EXT-X-TARGETDURATION:2", "#EXT-X-PLAYLIST-TYPE:VOD", "#EXTINF:2.0,", "seg_000.ts", "#EXTINF:1.0,", "seg_001.ts", "#EXT-X-ENDLIST", ""].join("\n"),
      ),
    };
    for (const i of [0, 1]) files[`hls/${r.height}p/seg_00${i}.ts`] = { type: "video/mp2t", body: segmentBytes(r.height, i) };
  }
  const outputs = { durationSeconds: 3, width: 1280, height: 720, renditions, hls: "hls/master.m3u8", mp4: "video.mp4", poster: "poster.jpg" };
  return { files, outputs };
}

/** A MediaAsset row and its files in `store`. */
export async function createMediaAsset(
  store: MediaStore,
  opts: {
    courseId: string;
    lessonId?: string | null;
    kind: Kind;
    status?: Status;
    contentType?: string;
    originalName?: string;
    files: Record<string, { body: Buffer; type: string }>;
    outputs?: object;
  },
) {
  const asset = await prisma.mediaAsset.create({
    data: {
      courseId: opts.courseId,
      lessonId: opts.lessonId ?? null,
      kind: opts.kind,
      status: opts.status ?? "READY",
      originalName: opts.originalName ?? "file",
      contentType: opts.contentType ?? opts.files.original?.type ?? "application/octet-stream",
      sizeBytes: BigInt(opts.files.original?.body.length ?? 0),
      outputs: opts.outputs ?? {},
    },
  });
  for (const [file, { body, type }] of Object.entries(opts.files)) await store.put(`media/${asset.id}/${file}`, body, { contentType: type });
  return prisma.mediaAsset.update({ where: { id: asset.id }, data: { storageKey: `media/${asset.id}/original` } });
}
