/**
 * Is `build/` older than the sources it was built from? One rule for the two
 * places that run the built app: `npm start` (server.ts rebuilds) and the
 * Vitest run (tests/support/vitest-global-setup.ts rebuilds), so neither serves
 * nor tests old code after an edit or a pull. The sources are `app/` (without
 * the generated Prisma client), `jobs/` and `remix.config.js`; dot-files
 * (editor swap files) and unit tests (`*.test.ts`, never part of the build)
 * are ignored, so editing a unit test does not ask for a build.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const SOURCES = ["app", "jobs", "remix.config.js"];

type Newest = { file: string; mtimeMs: number };

function newestIn(target: string): Newest {
  if (!existsSync(target)) return { file: target, mtimeMs: 0 };
  const stat = statSync(target);
  if (!stat.isDirectory()) return { file: target, mtimeMs: stat.mtimeMs };
  let newest: Newest = { file: target, mtimeMs: 0 };
  for (const entry of readdirSync(target, { withFileTypes: true })) {
    if (entry.name === "generated" || entry.name.startsWith(".") || /\.test\.tsx?$/.test(entry.name)) continue;
    const candidate = newestIn(path.join(target, entry.name));
    if (candidate.mtimeMs > newest.mtimeMs) newest = candidate;
  }
  return newest;
}

/** `build/index.js` under `root`. */
export const buildFileOf = (root: string) => path.join(root, "build/index.js");

/**
 * Why the build under `root` must be (re)made, or null when it is newer than
 * every source file: "missing", or the newest source file (relative to root).
 */
export function staleBuildReason(root: string): string | null {
  const buildFile = buildFileOf(root);
  if (!existsSync(buildFile)) return "build/index.js is missing";
  const builtAt = statSync(buildFile).mtimeMs;
  const newest = SOURCES.map((source) => newestIn(path.join(root, source))).reduce((a, b) => (b.mtimeMs > a.mtimeMs ? b : a));
  return newest.mtimeMs > builtAt ? `${path.relative(root, newest.file)} is newer than build/index.js` : null;
}
