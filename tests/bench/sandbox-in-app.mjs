/**
 * Loaded into the benchmarked app process (`node --import tsx --import <this>`, by
 * tests/bench/sandbox.ts only): a control endpoint on 127.0.0.1:$BENCH_SANDBOX_CONTROL_PORT
 * that grades submissions through the app's own gradeSubmission (its worker pool, in the
 * process that renders the pages), `concurrency` at a time for `seconds`, and answers
 * each grading's time (queue wait included) and status. Plain JavaScript: it runs before
 * tsx is registered; the grader is imported on the first request, after it is.
 */
import http from "node:http";
import { performance } from "node:perf_hooks";
import process from "node:process";

const port = Number(process.env.BENCH_SANDBOX_CONTROL_PORT ?? 0);

async function gradeFor({ submission, concurrency, seconds }) {
  const { gradeSubmission } = await import("../../app/modules/exercises/grader.server.ts");
  const times = [];
  const statuses = {};
  const until = performance.now() + seconds * 1000;
  const client = async () => {
    while (performance.now() < until) {
      const started = performance.now();
      const result = await gradeSubmission(submission);
      times.push(performance.now() - started);
      const key = result.problem ?? result.status;
      statuses[key] = (statuses[key] ?? 0) + 1;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, client));
  return { times, statuses, elapsedMs: performance.now() - started };
}

if (port) {
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      gradeFor(JSON.parse(body)).then(
        (answer) => res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(answer)),
        (error) => res.writeHead(500).end(String(error?.stack ?? error)),
      );
    });
  });
  server.listen(port, "127.0.0.1");
  server.unref();
}
