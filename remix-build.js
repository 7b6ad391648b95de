/**
 * `npm run build`, and the build `npm start` makes on its first start: Remix's
 * compiler (`remix build`), ended so that esbuild's helper process exits quietly.
 *
 * Why not `remix build` itself: esbuild runs as a Go child process that pings
 * its Node parent every second and waits for the answer. Remix's CLI calls
 * process.exit() as soon as the build is written; when a ping is still
 * unanswered at that moment (the build kept the event loop busy), esbuild sees
 * its input close with a request pending, and the Go runtime prints "fatal
 * error: all goroutines are asleep - deadlock!" with a goroutine dump
 * (evanw/esbuild#3287, #3636) on the terminal we share with it. Nothing is
 * wrong with the build, but a newcomer's first `npm start` looked like a crash.
 *
 * Here the same CLI runs in this process; the esbuild service processes it
 * starts are recorded, and once the build is done they are stopped with a
 * signal (a Go process ends silently on SIGTERM) before this process exits.
 * Plain JavaScript, so no TypeScript loader (itself an esbuild service) runs.
 *
 * Then every text asset in public/build (scripts, styles, source maps) gets a
 * brotli (`.br`, quality 11) and a gzip (`.gz`, level 9) copy beside it, which
 * the server sends to clients that accept them (app/utils/compression.server.ts,
 * decision 028): the highest levels cost build time once, never request time.
 */
import childProcess from "node:child_process";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { promisify } from "node:util";
import zlib from "node:zlib";

const require = createRequire(import.meta.url);
const services = [];
const spawn = childProcess.spawn;
// esbuild's Node API starts its service with child_process.spawn(<binary>, ["--service=<version>", "--ping"]).
childProcess.spawn = function (command, args, ...rest) {
  const child = spawn.call(this, command, args, ...rest);
  if (Array.isArray(args) && args.some((arg) => String(arg).startsWith("--service="))) services.push(child);
  return child;
};

// Remix 2 loads Vite's CommonJS entry even for the classic compiler, which prints a deprecation
// notice about Vite that has nothing to do with this build; keep a newcomer's first start quiet.
process.env.VITE_CJS_IGNORE_WARNING ??= "true";
const { cli } = require("@remix-run/dev");
let code = 0;
try {
  await cli.run(["build", ...process.argv.slice(2)]);
} catch (error) {
  if (error) console.error(error);
  code = 1;
}
for (const child of services) if (child.exitCode === null) child.kill("SIGTERM");
if (code === 0) {
  try {
    await precompress(path.resolve(path.dirname(new URL(import.meta.url).pathname), "public/build"));
  } catch (error) {
    console.error(error);
    code = 1;
  }
}
process.exit(code);

/** Writes `file.br` and `file.gz` beside each text asset of at least 1 KB (the server's threshold). */
async function precompress(dir) {
  const brotli = promisify(zlib.brotliCompress);
  const gzip = promisify(zlib.gzip);
  const files = (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile() && /\.(js|css|map|json|svg|txt)$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath ?? entry.path, entry.name));
  await Promise.all(
    files.map(async (file) => {
      const content = await readFile(file);
      if (content.length < 1024) return;
      const params = { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: content.length };
      await writeFile(`${file}.br`, await brotli(content, { params }));
      await writeFile(`${file}.gz`, await gzip(content, { level: 9 }));
    }),
  );
}
