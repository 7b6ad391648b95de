/** Test videos generated with ffmpeg (testsrc picture, a sine tone): for the transcoding tests and the bench. */
import { binaries, lastError, run } from "~/modules/media/ffmpeg.server.ts";

export async function makeTestClip(file: string, opts: { seconds?: number; width?: number; height?: number; audio?: boolean } = {}) {
  const { seconds = 3, width = 1280, height = 720, audio = true } = opts;
  const args = ["-hide_banner", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", `testsrc=size=${width}x${height}:rate=25:duration=${seconds}`];
  if (audio) args.push("-f", "lavfi", "-i", `sine=frequency=440:sample_rate=44100:duration=${seconds}`);
  args.push("-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p");
  if (audio) args.push("-c:a", "aac", "-shortest");
  args.push(file);
  const result = await run((await binaries()).ffmpeg, args, { timeLimitMs: 600_000 });
  if (result.code !== 0) throw new Error(`ffmpeg could not make the test clip: ${lastError(result.stderr)}`);
  return file;
}
