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
 */
import childProcess from "node:child_process";
import { createRequire } from "node:module";

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
process.exit(code);
