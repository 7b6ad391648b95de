/**
 * The ffmpeg and ffprobe binaries, running them (a time limit, progress from
 * `-progress pipe:1`, a lower CPU priority), and probing a file (decision 036).
 *
 * The binaries come from npm (@ffmpeg-installer/ffmpeg, @ffprobe-installer/ffprobe:
 * static Linux/macOS/Windows builds inside node_modules), so `npm install && npm start`
 * transcodes on a fresh machine without root; FFMPEG_PATH / FFPROBE_PATH point at
 * others (e.g. Debian's /usr/bin/ffmpeg). The installers set the executable bit in
 * a postinstall script that npm may not run: a binary without it is made executable
 * here when we own it, and without a usable ffprobe a file is probed with ffmpeg itself.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { accessSync, chmodSync, constants, statSync } from "node:fs";
import { setPriority } from "node:os";
import { getEnv } from "~/utils/env.server.ts";

/** The file is not a video ffmpeg can read: retrying will not help; the message is for the uploader. */
export class MediaInputError extends Error {}
/** ffmpeg failed, was missing or ran out of time: worth another attempt. */
export class FfmpegError extends Error {}

/** The binary an installer package brought, or null (it throws, a string, when npm installed none for this platform). */
async function installed(load: () => Promise<{ default: { path: string } }>): Promise<string | null> {
  try {
    return (await load()).default.path;
  } catch {
    return null;
  }
}

/** Whether `file` can be run, after adding the executable bits it lacks when we may (we own it). */
export function ensureExecutable(file: string): boolean {
  // A bare command name ("ffmpeg") is looked up on PATH by spawn.
  if (!file.includes("/") && !file.includes("\\")) return true;
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    try {
      chmodSync(file, statSync(file).mode | 0o111);
      accessSync(file, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  }
}

let cached: { key: string; ffmpeg: string; ffprobe: string | null } | undefined;

/** The ffmpeg to run, and the ffprobe (null: probe with ffmpeg). Throws FfmpegError naming the fix. */
export async function binaries(): Promise<{ ffmpeg: string; ffprobe: string | null }> {
  const env = getEnv();
  const key = `${env.FFMPEG_PATH ?? ""}\n${env.FFPROBE_PATH ?? ""}`;
  if (cached?.key === key) return cached;
  const ffmpeg = env.FFMPEG_PATH ?? (await installed(() => import("@ffmpeg-installer/ffmpeg")));
  if (!ffmpeg) throw new FfmpegError("No ffmpeg: @ffmpeg-installer/ffmpeg has no binary for this platform. Install ffmpeg and set FFMPEG_PATH.");
  if (!ensureExecutable(ffmpeg)) throw new FfmpegError(`ffmpeg at ${ffmpeg} is not executable: run chmod +x on it, or set FFMPEG_PATH to another ffmpeg.`);
  const probe = env.FFPROBE_PATH ?? (await installed(() => import("@ffprobe-installer/ffprobe")));
  const ffprobe = probe && ensureExecutable(probe) ? probe : null;
  if (probe && !ffprobe) console.warn(`[media] ffprobe at ${probe} is not executable; probing videos with ffmpeg instead`);
  cached = { key, ffmpeg, ffprobe };
  return cached;
}

const running = new Set<ChildProcess>();
let exitHook = false;

export type RunResult = { code: number | null; stdout: string; stderr: string };

/**
 * Runs a binary with a time limit (FfmpegError when it is exceeded: the process is killed).
 * `onStdoutLine` receives stdout line by line (then `stdout` stays empty). The process runs
 * at a lower priority so the web server in the same container stays responsive.
 */
export function run(file: string, args: string[], opts: { timeLimitMs: number; onStdoutLine?: (line: string) => void }): Promise<RunResult> {
  if (!exitHook) {
    exitHook = true;
    // An app that stops leaves no ffmpeg behind.
    process.once("exit", () => {
      for (const child of running) child.kill("SIGKILL");
    });
  }
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { stdio: ["ignore", "pipe", "pipe"] });
    running.add(child);
    if (child.pid) {
      try {
        setPriority(child.pid, 10);
      } catch {
        // Not allowed here: it runs at normal priority.
      }
    }
    let stdout = "";
    let partial = "";
    let stderr = "";
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, Math.max(1, opts.timeLimitMs));
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      if (!opts.onStdoutLine) {
        stdout += chunk;
        return;
      }
      const lines = (partial + chunk).split("\n");
      partial = lines.pop() ?? "";
      for (const line of lines) opts.onStdoutLine(line.trim());
    });
    // Only the end matters (the error); ffmpeg can be chatty.
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr = (stderr + chunk).slice(-64_000);
    });
    child.on("error", (error) => {
      clearTimeout(timer);
      running.delete(child);
      reject(new FfmpegError(`could not run ${file}: ${error.message}`));
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      running.delete(child);
      if (partial && opts.onStdoutLine) opts.onStdoutLine(partial.trim());
      if (timedOut) reject(new FfmpegError(`ran out of time (${Math.ceil(opts.timeLimitMs / 1000)} s)`));
      else resolve({ code, stdout, stderr });
    });
  });
}

/** The last meaningful line ffmpeg printed, with the file's temporary path taken out. */
export function lastError(stderr: string, input?: string): string {
  const lines = stderr
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !/^(Press \[q\]|At least one output file must be specified)/.test(l));
  let line = lines.at(-1) ?? "no output";
  if (input) line = line.split(`${input}: `).join("").split(input).join("the file");
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

export type Probe = {
  durationSeconds: number;
  /** Display size: sample aspect ratio applied, and turned for a rotated (phone) video, as ffmpeg outputs it. */
  width: number;
  height: number;
  hasAudio: boolean;
  /** Input stream indexes (an MP3's cover art is not a video stream). */
  videoStream: number;
  audioStream: number | null;
};

type Found = { format: string; duration: number; video: { index: number; width: number; height: number; sar: number; rotation: number } | null; audio: number | null };

/** Still-image demuxers: ffmpeg reads a PNG or JPEG as a one-frame "video". */
const IMAGE_FORMAT = /(^|,)(image2|[a-z0-9]+_pipe)(,|$)/;

function displaySize(found: Found): Probe {
  const video = found.video;
  if (IMAGE_FORMAT.test(found.format)) throw new MediaInputError("This file is a still image, not a video.");
  if (!video || !video.width || !video.height) throw new MediaInputError("This file has no video picture (it may be audio only or an image).");
  let width = Math.round(video.width * (video.sar > 0 ? video.sar : 1));
  let height = video.height;
  if (Math.abs(Math.round(video.rotation)) % 180 === 90) [width, height] = [height, width];
  return {
    durationSeconds: Number.isFinite(found.duration) && found.duration > 0 ? Math.round(found.duration * 1000) / 1000 : 0,
    width,
    height,
    hasAudio: found.audio !== null,
    videoStream: video.index,
    audioStream: found.audio,
  };
}

const ratio = (value: string | undefined) => {
  const m = /^(\d+):(\d+)$/.exec(value ?? "");
  return m && Number(m[2]) > 0 ? Number(m[1]) / Number(m[2]) : 1;
};

type ProbeStream = {
  index: number;
  codec_type?: string;
  width?: number;
  height?: number;
  sample_aspect_ratio?: string;
  duration?: string;
  disposition?: { attached_pic?: number };
  tags?: { rotate?: string };
  side_data_list?: { rotation?: number }[];
};

async function probeWithFfprobe(ffprobe: string, input: string, timeLimitMs: number): Promise<Found> {
  const result = await run(ffprobe, ["-v", "error", "-print_format", "json", "-show_format", "-show_streams", input], { timeLimitMs });
  if (result.code !== 0) throw new MediaInputError(`This file can't be read as a video (${lastError(result.stderr, input)}).`);
  const json = JSON.parse(result.stdout || "{}") as { streams?: ProbeStream[]; format?: { duration?: string; format_name?: string } };
  const streams = json.streams ?? [];
  const v = streams.find((s) => s.codec_type === "video" && !s.disposition?.attached_pic);
  const a = streams.find((s) => s.codec_type === "audio");
  return {
    format: json.format?.format_name ?? "",
    duration: Number(json.format?.duration ?? v?.duration ?? 0),
    video: v
      ? {
          index: v.index,
          width: v.width ?? 0,
          height: v.height ?? 0,
          sar: ratio(v.sample_aspect_ratio),
          rotation: Number(v.tags?.rotate ?? v.side_data_list?.find((d) => d.rotation !== undefined)?.rotation ?? 0),
        }
      : null,
    audio: a ? a.index : null,
  };
}

/** ffmpeg -i's report (stderr), for when there is no ffprobe: the same facts, from its stable text format. */
export function parseFfmpegInfo(stderr: string): Found {
  const found: Found = { format: /^Input #0, (.+?), from /m.exec(stderr)?.[1] ?? "", duration: 0, video: null, audio: null };
  const duration = /Duration: (\d+):(\d+):(\d+(?:\.\d+)?)/.exec(stderr);
  if (duration) found.duration = Number(duration[1]) * 3600 + Number(duration[2]) * 60 + Number(duration[3]);
  const lines = stderr.split("\n");
  let current: Found["video"] = null;
  for (const line of lines) {
    const stream = /^\s*Stream #0:(\d+)\S*: (Video|Audio|Subtitle|Data|Attachment): (.*)$/.exec(line);
    if (stream) {
      current = null;
      const index = Number(stream[1]);
      if (stream[2] === "Audio" && found.audio === null) found.audio = index;
      if (stream[2] === "Video" && !found.video && !/\(attached pic\)/.test(stream[3])) {
        const size = /, (\d{2,5})x(\d{2,5})/.exec(stream[3]);
        const sar = /\[SAR (\d+:\d+) DAR/.exec(stream[3]);
        current = { index, width: Number(size?.[1] ?? 0), height: Number(size?.[2] ?? 0), sar: ratio(sar?.[1]), rotation: 0 };
        found.video = current;
      }
      continue;
    }
    // Metadata and side data of the current stream: "rotate : 90" (older) or "displaymatrix: rotation of -90.00 degrees".
    const rotation = /^\s*(?:rotate\s*:\s*(-?\d+(?:\.\d+)?)|displaymatrix: rotation of (-?\d+(?:\.\d+)?) degrees)/.exec(line);
    if (rotation && current) current.rotation = Number(rotation[1] ?? rotation[2]);
  }
  return found;
}

async function probeWithFfmpeg(ffmpeg: string, input: string, timeLimitMs: number): Promise<Found> {
  // Without an output ffmpeg reports the input and exits with 1; an unreadable input has no "Input #0".
  const result = await run(ffmpeg, ["-hide_banner", "-nostdin", "-i", input], { timeLimitMs });
  if (!/^Input #0/m.test(result.stderr)) throw new MediaInputError(`This file can't be read as a video (${lastError(result.stderr, input)}).`);
  return parseFfmpegInfo(result.stderr);
}

/**
 * Duration, display size and audio of a file; MediaInputError (with a message for the
 * uploader) when it is not a video ffmpeg can read. `using` forces one way (tests).
 */
export async function probe(input: string, opts: { using?: "ffprobe" | "ffmpeg"; timeLimitMs?: number } = {}): Promise<Probe> {
  const bins = await binaries();
  const timeLimitMs = opts.timeLimitMs ?? 60_000;
  const useFfprobe = opts.using ? opts.using === "ffprobe" : bins.ffprobe !== null;
  if (useFfprobe && !bins.ffprobe) throw new FfmpegError("no usable ffprobe");
  const found = useFfprobe ? await probeWithFfprobe(bins.ffprobe!, input, timeLimitMs) : await probeWithFfmpeg(bins.ffmpeg, input, timeLimitMs);
  return displaySize(found);
}
