/**
 * The media part of `npm run bench` (decision 034): requests/s of /files/<assetId>/<file> on the
 * production app, local disk store. A READY video of bench-course-417 (a 32 MB MP4 of random
 * bytes, an HLS rendition of 200 KB segments) is written once into the bench's DATA_DIR; then:
 *
 * - the MP4 in 1 MB byte ranges spread over the file (what a player seeking and buffering
 *   asks), with a guest's URL (no session lookup) and with a signed-in learner's URL;
 * - open-ended ranges (`bytes=N-`, a player's first request), answered with at most 4 MB;
 * - whole HLS segments, and the rendition playlist re-signed on every request.
 *
 * Each row: warm-up, then autocannon (BENCH_CONNECTIONS) for BENCH_SECONDS; requests/s, MB/s,
 * latency percentiles, and errors (anything but the expected status, or no answer within 30 s).
 */
import { randomBytes } from "node:crypto";
import path from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import { connections, warmupSeconds } from "./harness.ts";
import { projectRoot } from "../support/processes.ts";

export const BENCH_MEDIA_DATA_DIR = path.join(projectRoot, ".data/bench-media");
const ASSET_ID = "benchmediavideo1";
const MP4_BYTES = 32 * 1024 * 1024;
const SEGMENTS = 30;
const SEGMENT_BYTES = 200 * 1024;

/** The asset row and its files (once: the files are kept in .data/bench-media). */
async function seedMedia(databaseUrl: string) {
  const { LocalDiskStore } = await import("../../app/modules/media/storage.server.ts");
  const store = new LocalDiskStore(path.join(BENCH_MEDIA_DATA_DIR, "media"));
  if ((await store.head(`media/${ASSET_ID}/video.mp4`))?.size !== MP4_BYTES) {
    await store.put(`media/${ASSET_ID}/video.mp4`, randomBytes(MP4_BYTES), { contentType: "video/mp4" });
    const playlist = ["#EXTM3U", "#EXT-X-VERSION:3", "#EXT-X-TARGETDURATION:4", "#EXT-X-PLAYLIST-TYPE:VOD"];
    for (let i = 0; i < SEGMENTS; i++) {
      const name = `seg_${String(i).padStart(3, "0")}.ts`;
      playlist.push("#EXTINF:4.0,", name);
      await store.put(`media/${ASSET_ID}/hls/360p/${name}`, randomBytes(SEGMENT_BYTES), { contentType: "video/mp2t" });
    }
    playlist.push("#EXT-X-ENDLIST", "");
    await store.put(`media/${ASSET_ID}/hls/360p/index.m3u8`, Buffer.from(playlist.join("\n")), { contentType: "application/vnd.apple.mpegurl" });
    await store.put(`media/${ASSET_ID}/hls/master.m3u8`, Buffer.from("#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=800000,RESOLUTION=640x360\n360p/index.m3u8\n"), {
      contentType: "application/vnd.apple.mpegurl",
    });
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const outputs = { durationSeconds: SEGMENTS * 4, width: 640, height: 360, renditions: [{ height: 360, bandwidth: 800_000, playlist: "hls/360p/index.m3u8" }], hls: "hls/master.m3u8", mp4: "video.mp4", poster: "poster.jpg" };
    await client.query(
      `INSERT INTO "MediaAsset" (id, "courseId", kind, status, "originalName", "contentType", "sizeBytes", "storageKey", outputs, "updatedAt")
       SELECT $1, c.id, 'VIDEO', 'READY', 'bench.mp4', 'video/mp4', $2, $3, $4::jsonb, now() FROM "Course" c WHERE c.slug = 'bench-course-417'
       ON CONFLICT (id) DO UPDATE SET outputs = EXCLUDED.outputs, status = 'READY'`,
      [ASSET_ID, MP4_BYTES, `media/${ASSET_ID}/original`, JSON.stringify(outputs)],
    );
    const student = await client.query<{ id: string }>(`SELECT id FROM "User" WHERE email = 'student@academy.test'`);
    return student.rows[0]!.id;
  } finally {
    await client.end();
  }
}

type Load = { name: string; urls: string[]; cookie: string | null; range?: (i: number) => string; status: number };

async function run(base: string, load: Load, duration: number) {
  let next = 0;
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: base,
        connections,
        duration,
        // A 1-4 MB answer to one of 50 connections may take seconds on a busy machine: slow is measured (latency), not an error.
        timeout: 30,
        headers: { "Accept-Encoding": "gzip, deflate, br, zstd", ...(load.cookie ? { Cookie: load.cookie } : {}) },
        requests: [
          {
            setupRequest: (req) => {
              const i = next++;
              const headers = { ...req.headers, ...(load.range ? { Range: load.range(i) } : {}) };
              return { ...req, path: load.urls[i % load.urls.length], headers };
            },
          },
        ],
      },
      (error, res) => (error ? reject(error) : resolve(res)),
    );
    instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)] * 10) / 10;
  const expected = result.statusCodeStats?.[`${load.status}`]?.count ?? 0;
  return {
    media: load.name,
    "req/s": Math.round(result.requests.average),
    "MB/s": Math.round((result.throughput.average / 1024 / 1024) * 10) / 10,
    "p50 ms": pct(50),
    "p95 ms": pct(95),
    "p99 ms": pct(99),
    errors: result.errors + result.timeouts + (result.requests.total - expected),
  };
}

/** Seeds the media, then loads each case; `cookie` is the demo student's session on `base`. */
export async function benchMedia(databaseUrl: string, base: string, cookie: string, seconds: number) {
  const studentId = await seedMedia(databaseUrl);
  // The bench process signs as the app does: the same SESSION_SECRET (harness.ts) through the app's own module.
  Object.assign(process.env, { DATABASE_URL: databaseUrl, SESSION_SECRET: process.env.SESSION_SECRET ?? "bench-session-secret-0123456789" });
  const { mediaUrl } = await import("../../app/modules/media/signing.server.ts");
  const { RANGE_CHUNK_BYTES } = await import("../../app/modules/media/serve.server.ts");
  const ttl = 3600;
  const MB = 1024 * 1024;
  const ranges = (i: number) => {
    const start = ((i * 7) % (MP4_BYTES / MB)) * MB;
    return `bytes=${start}-${start + MB - 1}`;
  };
  const student = { id: studentId };
  const segments = Array.from({ length: SEGMENTS }, (_, i) => mediaUrl(ASSET_ID, `hls/360p/seg_${String(i).padStart(3, "0")}.ts`, student, ttl));
  const loads: Load[] = [
    { name: "MP4, 1 MB ranges (guest URL)", urls: [mediaUrl(ASSET_ID, "video.mp4", null, ttl)], cookie: null, range: ranges, status: 206 },
    { name: "MP4, 1 MB ranges (signed in)", urls: [mediaUrl(ASSET_ID, "video.mp4", student, ttl)], cookie, range: ranges, status: 206 },
    {
      name: `MP4, open-ended ranges (≤ ${RANGE_CHUNK_BYTES / MB} MB each, signed in)`,
      urls: [mediaUrl(ASSET_ID, "video.mp4", student, ttl)],
      cookie,
      range: (i) => `bytes=${((i * 5) % (MP4_BYTES / MB)) * MB}-`,
      status: 206,
    },
    { name: "HLS segments, 200 KB whole (signed in)", urls: segments, cookie, status: 200 },
    { name: "HLS playlist, 30 segments re-signed (signed in)", urls: [mediaUrl(ASSET_ID, "hls/360p/index.m3u8", student, ttl)], cookie, status: 200 },
  ];
  const rows = [];
  for (const load of loads) {
    await run(base, load, warmupSeconds);
    rows.push(await run(base, load, seconds));
  }
  return rows;
}
