/**
 * The sandbox part of `npm run bench` (section "sandbox", decision 039): learner code graded
 * in the app's worker pool (QuickJS in piscina threads, SANDBOX_THREADS, default cores − 1)
 * while the same process serves pages.
 *
 * The production app is started with tests/bench/sandbox-in-app.mjs preloaded, which grades
 * submissions through the app's own gradeSubmission on request (no route of the app does it
 * in bulk: the learner's submit is rate limited to 20 a minute). Then:
 * - grading alone: a typical exercise (the catalogue's "Trace a checkout", its solution against its
 *   visible and hidden tests and the Sentry stand-in) with 20 submissions in flight for BENCH_SECONDS: runs/s, and the
 *   p50/p95/p99 of one grading as its submitter waits for it (queue included);
 * - pages (the catalogue and a lesson page, as a guest, BENCH_CONNECTIONS) idle, then while
 *   those 20 gradings run, then while infinite loops run (threads + 1 in flight: every thread busy):
 *   req/s and p50/p95/p99. Grading must not starve page rendering: the p95 with grading
 *   should stay close to the idle one.
 */
import { availableParallelism } from "node:os";
import { load, startBenchApp, warmupSeconds } from "./harness.ts";
import { freePort } from "../support/processes.ts";
import path from "node:path";
import { parseCatalog, readContentDir } from "../../app/modules/academy/importer.server.ts";
import { projectRoot } from "../support/processes.ts";

const PAGES = ["/courses", "/courses/bench-course-417/lessons/lesson-7"];
/** The typical exercise: the starter catalogue's "Trace a checkout" (decision 040), its reference solution. */
const TYPICAL = "trace-a-checkout";

function typicalExercise() {
  const parsed = parseCatalog(readContentDir(path.join(projectRoot, "prisma/seed/content")));
  if (!parsed.ok) throw new Error(`the starter catalogue does not parse: ${JSON.stringify(parsed.errors)}`);
  for (const course of parsed.catalog.courses) {
    for (const item of course.items) {
      if (item.kind === "lesson" && item.exercise && item.slug.includes(TYPICAL) && item.exercise.solution) {
        const { language, visibleTests, hiddenTests, solution } = item.exercise;
        return { tests: { language, visibleTests, hiddenTests }, solution, name: `${course.slug}/${item.slug}` };
      }
    }
  }
  throw new Error(`no exercise "${TYPICAL}" with a solution in the starter catalogue`);
}
const CONCURRENCY = 20;

function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return NaN;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] * 10) / 10;
}

type Grading = { times: number[]; statuses: Record<string, number>; elapsedMs: number };

export async function benchSandbox(databaseUrl: string, seconds: number, env: Record<string, string>) {
  const controlPort = await freePort();
  const app = await startBenchApp(databaseUrl, { ...env, BENCH_SANDBOX_CONTROL_PORT: String(controlPort) }, ["--import", "tsx", "--import", "./tests/bench/sandbox-in-app.mjs"]);
  const { tests, solution, name: exercise } = typicalExercise();
  const threads = Number(env.SANDBOX_THREADS ?? process.env.SANDBOX_THREADS ?? Math.max(1, availableParallelism() - 1));
  const grade = async (code: string, duration: number, concurrency = CONCURRENCY): Promise<Grading> => {
    const response = await fetch(`http://127.0.0.1:${controlPort}/`, {
      method: "POST",
      body: JSON.stringify({ submission: { ...tests, code }, concurrency, seconds: duration }),
    });
    if (!response.ok) throw new Error(`the app could not grade: ${await response.text()}`);
    return (await response.json()) as Grading;
  };
  const rows: Record<string, string | number>[] = [];
  const gradingRow = (name: string, g: Grading) => {
    const sorted = [...g.times].sort((a, b) => a - b);
    rows.push({
      measure: name,
      "runs/s": Math.round((g.times.length / g.elapsedMs) * 1000 * 10) / 10,
      "req/s": "-",
      "p50 ms": percentile(sorted, 50),
      "p95 ms": percentile(sorted, 95),
      "p99 ms": percentile(sorted, 99),
      outcomes: Object.entries(g.statuses)
        .map(([k, v]) => `${k} ${v}`)
        .join(", "),
    });
  };
  const pagesRow = (name: string, { result, latencies }: Awaited<ReturnType<typeof load>>) => {
    rows.push({
      measure: name,
      "runs/s": "-",
      "req/s": Math.round(result.requests.average),
      "p50 ms": percentile(latencies, 50),
      "p95 ms": percentile(latencies, 95),
      "p99 ms": percentile(latencies, 99),
      outcomes: `${result.non2xx + result.errors + result.timeouts} errors`,
    });
  };
  try {
    // Warm-up: the pool's threads start and load QuickJS; the pages render once.
    await grade(solution, 2);
    await load(app.url, PAGES, null, warmupSeconds, false);

    gradingRow(`grading alone: typical exercise, ${CONCURRENCY} in flight`, await grade(solution, seconds));
    pagesRow("pages (catalogue, lesson) idle", await load(app.url, PAGES, null, seconds, true));
    const typical = grade(solution, seconds);
    const pagesWhileGrading = await load(app.url, PAGES, null, seconds, true);
    gradingRow(`  grading during the pages below: typical exercise, ${CONCURRENCY} in flight`, await typical);
    pagesRow("pages while grading the typical exercise", pagesWhileGrading);
    // One more loop than threads: every thread busy all along, without a minute of queue at the end.
    const loops = grade("for (;;) {}", seconds, threads + 1);
    const pagesWhileLooping = await load(app.url, PAGES, null, seconds, true);
    gradingRow(`  grading during the pages below: infinite loops, ${threads + 1} in flight`, await loops);
    pagesRow("pages while grading infinite loops", pagesWhileLooping);
    return { rows, threads, exercise };
  } finally {
    await app.stop();
  }
}
