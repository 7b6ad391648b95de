/**
 * `npm run bench:profile`: one route of the benchmark, looked at closely
 * (decision 011). Runs the production build against the bench database
 * (`npm run bench` creates it), signs in, loads the paths with autocannon, and
 * prints requests/s and latency with the CPU each request cost the app, the
 * embedded PostgreSQL and the load generator (from /proc: how fast the machine
 * is this hour shows in the last one). With PROFILE_CPU=1 the app runs under
 * `node --cpu-prof`; the profile is written to .data/profiles and its 25
 * heaviest functions (self time) are printed.
 *
 * Options (env): PROFILE_PATHS (comma-separated, default /courses), PROFILE_AS
 * (student, se, instructor or guest; default student), PROFILE_SECONDS (8),
 * BENCH_CONNECTIONS (50), BENCH_WARMUP_SECONDS (5), PROFILE_CPU.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { projectRoot } from "../support/processes.ts";
import { benchDataDir, connections, load, signIn, startBenchApp, startBenchDatabase, warmupSeconds } from "./harness.ts";

const paths = (process.env.PROFILE_PATHS ?? "/courses").split(",");
const as = process.env.PROFILE_AS ?? "student";
const seconds = Number(process.env.PROFILE_SECONDS ?? 8);
const profileDir = path.join(projectRoot, ".data/profiles");

/** CPU time (user + system) of a process so far, in ms; 0 once it is gone. */
function cpuMs(pid: number) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}
/** CPU of the bench PostgreSQL: its postmaster (first line of postmaster.pid) and every backend it forked. */
function postgresMs(dataDir: string) {
  const postmaster = Number(readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
  let children: number[] = [];
  try {
    children = execFileSync("pgrep", ["-P", String(postmaster)], { encoding: "utf8" }).split("\n").filter(Boolean).map(Number);
  } catch {
    // pgrep exits 1 when there are none
  }
  return [postmaster, ...children].reduce((sum, pid) => sum + cpuMs(pid), 0);
}

type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
/** The functions with the most self time in a .cpuprofile, as lines. */
function heaviest(file: string, count: number) {
  const profile = JSON.parse(readFileSync(file, "utf8")) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const { functionName, url, lineNumber } = nodes.get(id)!.callFrame;
    const key = `${functionName || "(anonymous)"} ${url.replace(/.*node_modules\//, "").replace(`${projectRoot}/`, "")}:${lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + profile.timeDeltas[i]);
    total += profile.timeDeltas[i];
  });
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([key, us]) => `${((100 * us) / total).toFixed(1).padStart(5)}%  ${key}`);
}

async function main() {
  const db = await startBenchDatabase();
  const cpu = process.env.PROFILE_CPU === "1";
  if (cpu) {
    rmSync(profileDir, { recursive: true, force: true });
    mkdirSync(profileDir, { recursive: true });
  }
  const app = await startBenchApp(db.url("academy_bench"), {}, cpu ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : []);
  try {
    const cookie = as === "guest" ? null : await signIn(app.url, `${as}@academy.test`, `${as}-demo-password`);
    const run = async (duration: number) => (await load(app.url, paths, cookie, duration, false)).result;
    await run(warmupSeconds);
    const before = { app: cpuMs(app.child.pid!), db: postgresMs(benchDataDir), load: cpuMs(process.pid) };
    const result = await run(seconds);
    const per = (ms: number) => (ms / result.requests.total).toFixed(2);
    console.log(
      `${paths.length} path(s) as ${as}, ${connections} connections, ${seconds} s: ${Math.round(result.requests.average)} req/s, p50 ${result.latency.p50} ms, p97.5 ${result.latency.p97_5} ms, non-2xx ${result.non2xx}`,
    );
    console.log(
      `CPU per request: app ${per(cpuMs(app.child.pid!) - before.app)} ms, PostgreSQL ${per(postgresMs(benchDataDir) - before.db)} ms, load generator ${per(cpuMs(process.pid) - before.load)} ms`,
    );
  } finally {
    await app.stop();
    await db.stop();
  }
  if (cpu) {
    // The main thread's profile is the largest file (worker threads write their own).
    const [file] = readdirSync(profileDir)
      .map((name) => path.join(profileDir, name))
      .sort((a, b) => statSync(b).size - statSync(a).size);
    console.log(`\nHeaviest functions (self time, startup included) in ${path.relative(projectRoot, file)}:`);
    for (const line of heaviest(file, 25)) console.log(line);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
