/**
 * Video transcoding (decision 036): an uploaded video's original becomes HLS
 * (360p/720p/1080p, never above the source, 6 s segments, a master playlist with
 * BANDWIDTH/RESOLUTION/CODECS), an MP4 fallback (≤720p, faststart) and a poster
 * frame, stored under media/<assetId>/ next to the original. The job
 * (jobs/media-transcode.ts) runs transcodeAsset(); MediaAsset.progress follows
 * ffmpeg's `-progress` output and MediaAsset.error says why a file failed.
 *
 * One ffmpeg run decodes the source once and encodes every rendition (split
 * filter, one HLS output each, keyframes every 2 s so segments line up across
 * renditions); the MP4 is a remux of the ≤720p rendition (no third encode); the
 * master playlist is written here from what was produced (segment sizes, the H.264
 * profile and level in the stream), so it is the same with ffmpeg 4.1 or 7.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Prisma } from "~/generated/prisma/client.ts";
import { prisma } from "~/utils/db.server.ts";
import { binaries, FfmpegError, lastError, MediaInputError, probe, run, type Probe } from "./ffmpeg.server.ts";
import { getMediaStore } from "./storage.server.ts";

export type VideoOutputs = {
  durationSeconds: number;
  width: number;
  height: number;
  renditions: { height: number; bandwidth: number; playlist: string }[];
  hls: string;
  mp4: string;
  poster: string;
};

/** The ladder, by the picture's short side (a portrait phone video's 720p is 720 wide). */
const LADDER = [
  { size: 360, maxrateK: 1000, audioK: 96 },
  { size: 720, maxrateK: 3000, audioK: 128 },
  { size: 1080, maxrateK: 6000, audioK: 128 },
] as const;
const MP4_MAX_SIZE = 720;
const SEGMENT_SECONDS = 6;
const KEYFRAME_SECONDS = 2;
/** The job's pg-boss expiry is above this (jobs/media-transcode.ts). */
const MAX_TRANSCODE_MS = 3 * 3600_000 + 50 * 60_000;
export const DEFAULT_PRESET = "veryfast";

export type Rendition = { name: string; width: number; height: number; maxrateK: number; audioK: number };

const even = (n: number) => Math.max(2, 2 * Math.round(n / 2));

/** The renditions for a source of this display size: the ladder's steps up to the source, or one at the source's own size below 360p. */
export function planRenditions(width: number, height: number): Rendition[] {
  const short = Math.min(width, height);
  const fitting = LADDER.filter((step) => step.size <= short);
  const steps = fitting.length ? fitting : [{ size: even(short), maxrateK: LADDER[0].maxrateK, audioK: LADDER[0].audioK }];
  const landscape = width >= height;
  return steps.map((step) => ({
    name: `${step.size}p`,
    width: landscape ? even((width * step.size) / height) : step.size,
    height: landscape ? step.size : even((height * step.size) / width),
    maxrateK: step.maxrateK,
    audioK: step.audioK,
  }));
}

/** The time a transcode may take: generous for the CPU it shares (2 min + 10× the duration), capped under the job's expiry. */
function timeLimitFor(durationSeconds: number) {
  return durationSeconds > 0 ? Math.min(MAX_TRANSCODE_MS, 120_000 + durationSeconds * 10_000) : 30 * 60_000;
}

/** RFC 6381 codec of the H.264 stream in an MPEG-TS segment (from its SPS: profile, constraints, level), or null. */
export function h264Codec(ts: Buffer): string | null {
  const payloads = new Map<number, Buffer[]>();
  for (let i = 0; i + 188 <= Math.min(ts.length, 188 * 600); i += 188) {
    if (ts[i] !== 0x47) return null;
    const pid = ((ts[i + 1] & 0x1f) << 8) | ts[i + 2];
    const control = (ts[i + 3] >> 4) & 3;
    let offset = 4;
    if (control & 2) offset += 1 + ts[i + 4];
    if (!(control & 1) || offset >= 188) continue;
    payloads.set(pid, [...(payloads.get(pid) ?? []), ts.subarray(i + offset, i + 188)]);
  }
  const profiles = new Set([66, 77, 88, 100, 110, 122, 244]);
  for (const parts of payloads.values()) {
    const es = Buffer.concat(parts);
    for (let j = 0; j + 7 <= es.length; j++) {
      if (es[j] !== 0 || es[j + 1] !== 0 || es[j + 2] !== 1) continue;
      const nal = es[j + 3];
      if ((nal & 0x80) === 0 && (nal & 0x1f) === 7 && profiles.has(es[j + 4])) {
        return `avc1.${[es[j + 4], es[j + 5], es[j + 6]].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
      }
    }
  }
  return null;
}

/** A media playlist's segments: file and duration. */
export function playlistSegments(m3u8: string): { uri: string; seconds: number }[] {
  const segments: { uri: string; seconds: number }[] = [];
  let seconds: number | null = null;
  for (const raw of m3u8.split("\n")) {
    const line = raw.trim();
    const extinf = /^#EXTINF:([\d.]+)/.exec(line);
    if (extinf) seconds = Number(extinf[1]);
    else if (line && !line.startsWith("#") && seconds !== null) {
      segments.push({ uri: line, seconds });
      seconds = null;
    }
  }
  return segments;
}

type Produced = { rendition: Rendition; bandwidth: number; averageBandwidth: number; codecs: string };

/** Peak (BANDWIDTH, over segments of 1 s or more) and average bit rate of a rendition, and its CODECS. */
async function measure(dir: string, rendition: Rendition, hasAudio: boolean): Promise<Produced> {
  const segments = playlistSegments(await readFile(path.join(dir, "index.m3u8"), "utf8"));
  if (segments.length === 0) throw new FfmpegError(`ffmpeg wrote no segment for ${rendition.name}`);
  let bits = 0;
  let seconds = 0;
  let peak = 0;
  let peakShort = 0;
  for (const segment of segments) {
    const size = (await stat(path.join(dir, segment.uri))).size * 8;
    const rate = size / Math.max(segment.seconds, 0.001);
    bits += size;
    seconds += segment.seconds;
    if (segment.seconds >= 1) peak = Math.max(peak, rate);
    else peakShort = Math.max(peakShort, rate);
  }
  const video = h264Codec(await readFile(path.join(dir, segments[0].uri))) ?? "avc1.64001f";
  return {
    rendition,
    bandwidth: Math.ceil(peak || peakShort),
    averageBandwidth: Math.ceil(bits / Math.max(seconds, 0.001)),
    codecs: hasAudio ? `${video},mp4a.40.2` : video,
  };
}

function masterPlaylist(produced: Produced[]): string {
  const lines = ["#EXTM3U", "#EXT-X-VERSION:3", "#EXT-X-INDEPENDENT-SEGMENTS"];
  for (const p of produced) {
    lines.push(
      `#EXT-X-STREAM-INF:BANDWIDTH=${p.bandwidth},AVERAGE-BANDWIDTH=${p.averageBandwidth},RESOLUTION=${p.rendition.width}x${p.rendition.height},CODECS="${p.codecs}"`,
      `${p.rendition.name}/index.m3u8`,
    );
  }
  return `${lines.join("\n")}\n`;
}

function encodeArgs(input: string, outDir: string, source: Probe, renditions: Rendition[], preset: string): string[] {
  const v = `[0:${source.videoStream}]`;
  const scaled = (r: Rendition, i: number, from: string) => `${from}scale=${r.width}:${r.height},setsar=1[v${i}]`;
  const filter =
    renditions.length === 1
      ? scaled(renditions[0], 0, v)
      : `${v}split=${renditions.length}${renditions.map((_, i) => `[s${i}]`).join("")};${renditions.map((r, i) => scaled(r, i, `[s${i}]`)).join(";")}`;
  const args = ["-hide_banner", "-nostdin", "-v", "error", "-y", "-i", input, "-filter_complex", filter];
  renditions.forEach((r, i) => {
    const dir = path.join(outDir, "hls", r.name);
    args.push("-map", `[v${i}]`);
    if (source.audioStream !== null) args.push("-map", `0:${source.audioStream}`);
    args.push(
      ...["-c:v", "libx264", "-preset", preset, "-crf", "23", "-maxrate", `${r.maxrateK}k`, "-bufsize", `${r.maxrateK * 2}k`, "-pix_fmt", "yuv420p"],
      // Keyframes every 2 s and none elsewhere: 6 s segments start at the same instant in every rendition.
      ...["-force_key_frames", `expr:gte(t,n_forced*${KEYFRAME_SECONDS})`, "-sc_threshold", "0"],
    );
    if (source.audioStream !== null) args.push("-c:a", "aac", "-b:a", `${r.audioK}k`, "-ac", "2", "-ar", "48000");
    args.push(
      ...["-max_muxing_queue_size", "1024", "-f", "hls", "-hls_time", String(SEGMENT_SECONDS), "-hls_playlist_type", "vod"],
      ...["-hls_segment_filename", path.join(dir, "segment_%03d.ts"), path.join(dir, "index.m3u8")],
    );
  });
  args.push("-progress", "pipe:1", "-nostats");
  return args;
}

type TranscodeFileOptions = {
  preset?: string;
  /** When everything must be done (ms since the epoch). */
  deadline: number;
  /** 0..1 through the work. */
  onProgress?: (fraction: number) => void;
};

const remaining = (deadline: number) => {
  const ms = deadline - Date.now();
  if (ms <= 0) throw new FfmpegError("ran out of time");
  return ms;
};

/**
 * Transcodes a probed local file into outDir: hls/<rendition>/index.m3u8 + segments,
 * hls/master.m3u8, video.mp4, poster.jpg. Returns the outputs JSON (paths relative to outDir).
 */
async function transcodeFile(input: string, outDir: string, source: Probe, opts: TranscodeFileOptions): Promise<VideoOutputs> {
  const { ffmpeg } = await binaries();
  const renditions = planRenditions(source.width, source.height);
  const mp4From = renditions.filter((r) => Math.min(r.width, r.height) <= MP4_MAX_SIZE).at(-1)!;
  for (const r of renditions) await mkdir(path.join(outDir, "hls", r.name), { recursive: true });
  const progress = (fraction: number) => opts.onProgress?.(Math.min(1, Math.max(0, fraction)));

  // The poster: a frame a little way in (the first is often black), at the MP4's size.
  const poster = path.join(outDir, "poster.jpg");
  const at = source.durationSeconds > 2 ? Math.min(source.durationSeconds * 0.1, 5) : 0;
  for (const seek of at > 0 ? [at, 0] : [0]) {
    const args = ["-hide_banner", "-nostdin", "-v", "error", "-y", "-ss", seek.toFixed(3), "-i", input, "-map", `0:${source.videoStream}`];
    args.push("-frames:v", "1", "-vf", `scale=${mp4From.width}:${mp4From.height},setsar=1`, "-q:v", "3", "-f", "image2", poster);
    const result = await run(ffmpeg, args, { timeLimitMs: remaining(opts.deadline) });
    const written = await stat(poster).then((s) => s.size > 0, () => false);
    if (written) break;
    if (seek === 0) throw new MediaInputError(`This file's video can't be decoded (${lastError(result.stderr, input)}).`);
  }
  progress(0.03);

  const encoded = await run(ffmpeg, encodeArgs(input, outDir, source, renditions, opts.preset ?? DEFAULT_PRESET), {
    timeLimitMs: remaining(opts.deadline),
    onStdoutLine: (line) => {
      const time = /^out_time_(?:us|ms)=(\d+)$/.exec(line);
      if (time && source.durationSeconds > 0) progress(0.03 + 0.87 * (Number(time[1]) / 1e6 / source.durationSeconds));
    },
  });
  if (encoded.code !== 0) throw new FfmpegError(`ffmpeg stopped (exit ${encoded.code}): ${lastError(encoded.stderr, input)}`);
  progress(0.9);

  const mp4 = path.join(outDir, "video.mp4");
  const remux = await run(
    ffmpeg,
    ["-hide_banner", "-nostdin", "-v", "error", "-y", "-i", path.join(outDir, "hls", mp4From.name, "index.m3u8"), "-map", "0", "-c", "copy", "-bsf:a", "aac_adtstoasc", "-movflags", "+faststart", mp4],
    { timeLimitMs: remaining(opts.deadline) },
  );
  if (remux.code !== 0) throw new FfmpegError(`the MP4 remux failed (exit ${remux.code}): ${lastError(remux.stderr)}`);

  const produced: Produced[] = [];
  for (const r of renditions) produced.push(await measure(path.join(outDir, "hls", r.name), r, source.hasAudio));
  await writeFile(path.join(outDir, "hls", "master.m3u8"), masterPlaylist(produced));
  progress(1);
  return {
    durationSeconds: source.durationSeconds,
    width: source.width,
    height: source.height,
    renditions: produced.map((p) => ({ height: p.rendition.height, bandwidth: p.bandwidth, playlist: `hls/${p.rendition.name}/index.m3u8` })),
    hls: "hls/master.m3u8",
    mp4: "video.mp4",
    poster: "poster.jpg",
  };
}

const CONTENT_TYPES: Record<string, string> = {
  ".m3u8": "application/vnd.apple.mpegurl",
  ".ts": "video/mp2t",
  ".mp4": "video/mp4",
  ".jpg": "image/jpeg",
};

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(full)));
    else out.push(full);
  }
  return out;
}

/** What a transcode stored for an asset (not the original). */
async function deleteVideoOutputs(assetId: string) {
  const store = getMediaStore();
  await store.deletePrefix(`media/${assetId}/hls/`);
  await store.delete(`media/${assetId}/video.mp4`);
  await store.delete(`media/${assetId}/poster.jpg`);
}

/** Writes progress (0-100) to the row at most once a second, in order, without holding ffmpeg up. */
function progressWriter(assetId: string) {
  let written = -1;
  let writtenAt = 0;
  let chain: Promise<unknown> = Promise.resolve();
  return {
    set(percent: number) {
      const value = Math.min(100, Math.floor(percent));
      if (value <= written || (Date.now() - writtenAt < 1000 && value < 100)) return;
      written = value;
      writtenAt = Date.now();
      chain = chain.then(() => prisma.mediaAsset.updateMany({ where: { id: assetId, status: "PROCESSING" }, data: { progress: value } })).catch(() => undefined);
    },
    done: () => chain,
  };
}

export type TranscodeOptions = {
  /** x264 preset (tests use "ultrafast"). */
  preset?: string;
  /** For the whole transcode; default timeLimitFor(duration) after probing. */
  timeLimitMs?: number;
  /** No attempt comes after this one: a failure marks the asset FAILED (default true). */
  finalAttempt?: boolean;
};

export type TranscodeResult = { status: "READY"; outputs: VideoOutputs } | { status: "FAILED"; error: string } | { skipped: string };

async function markFailed(assetId: string, message: string) {
  await prisma.mediaAsset.updateMany({ where: { id: assetId, status: "PROCESSING" }, data: { status: "FAILED", error: message } });
  await deleteVideoOutputs(assetId).catch(() => undefined);
}

/**
 * Transcodes a PROCESSING video asset: its original from the media store to a temporary
 * directory (always removed), the outputs back to media/<assetId>/, then READY with
 * `outputs`. An unreadable file is FAILED at once with a message saying so; another
 * error is thrown for pg-boss to retry, or FAILED on the final attempt.
 */
export async function transcodeAsset(assetId: string, opts: TranscodeOptions = {}): Promise<TranscodeResult> {
  const asset = await prisma.mediaAsset.findUnique({ where: { id: assetId }, select: { id: true, kind: true, status: true, storageKey: true } });
  if (!asset) return { skipped: "no such asset (deleted)" };
  if (asset.kind !== "VIDEO") return { skipped: `not a video (${asset.kind})` };
  if (asset.status !== "PROCESSING") return { skipped: `status ${asset.status}` };
  const started = Date.now();
  const progress = progressWriter(assetId);
  progress.set(0);
  const tmp = await mkdtemp(path.join(tmpdir(), "academy-transcode-"));
  try {
    const store = getMediaStore();
    const input = path.join(tmp, "original");
    if (!asset.storageKey || !(await store.head(asset.storageKey))) throw new MediaInputError("The uploaded file is missing from the media store: upload it again.");
    await store.download(asset.storageKey, input);
    const source = await probe(input, { timeLimitMs: Math.min(60_000, opts.timeLimitMs ?? 60_000) });
    const deadline = started + (opts.timeLimitMs ?? timeLimitFor(source.durationSeconds));
    const outDir = path.join(tmp, "out");
    const outputs = await transcodeFile(input, outDir, source, { preset: opts.preset, deadline, onProgress: (f) => progress.set(f * 94) });

    // A retry may find an earlier attempt's segments: start clean. The master playlist goes last.
    await deleteVideoOutputs(assetId);
    const master = path.join(outDir, outputs.hls);
    const files = (await filesUnder(outDir)).filter((f) => f !== master);
    for (const [i, file] of [...files, master].entries()) {
      remaining(deadline);
      const key = `media/${assetId}/${path.relative(outDir, file).split(path.sep).join("/")}`;
      await store.putFile(key, file, CONTENT_TYPES[path.extname(file)] ?? "application/octet-stream");
      progress.set(94 + (5 * (i + 1)) / (files.length + 1));
    }
    await progress.done();
    const saved = await prisma.mediaAsset.updateMany({
      where: { id: assetId, status: "PROCESSING" },
      data: { status: "READY", progress: 100, error: null, outputs: outputs as unknown as Prisma.InputJsonValue },
    });
    if (saved.count === 0) {
      // Deleted (or reset) while it was transcoding: what was just stored belongs to nobody.
      await deleteVideoOutputs(assetId);
      return { skipped: "the asset was deleted or changed while it was transcoded" };
    }
    return { status: "READY", outputs };
  } catch (error) {
    await progress.done();
    if (error instanceof MediaInputError) {
      const message = `${error.message} Upload a video file such as MP4 (H.264), MOV or WebM.`;
      await markFailed(assetId, message);
      return { status: "FAILED", error: message };
    }
    const message = `Transcoding failed: ${error instanceof Error ? error.message : String(error)}.`;
    if (opts.finalAttempt ?? true) {
      await markFailed(assetId, message);
      return { status: "FAILED", error: message };
    }
    await prisma.mediaAsset.updateMany({ where: { id: assetId, status: "PROCESSING" }, data: { progress: 0, error: `${message} Trying again shortly.` } });
    throw error;
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
