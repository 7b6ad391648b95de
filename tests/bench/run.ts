/**
 * `npm run bench`: throughput and latency of the production build on the
 * embedded database, under concurrent load (autocannon, 50 connections,
 * 10 s per route after a 2 s warm-up). Prints requests/s and p50/p95/p99.
 *
 * Options (env): BENCH_SECONDS (10), BENCH_CONNECTIONS (50), BENCH_ROUTES ("/,/login").
 */
import autocannon from "autocannon";
import { startApp } from "../support/processes.ts";

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const routes = (process.env.BENCH_ROUTES ?? "/,/login").split(",");

function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return NaN;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] * 10) / 10;
}

async function load(url: string, duration: number, record: boolean) {
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, connections, duration, headers: { Accept: "text/html" } }, (error, res) =>
      error ? reject(error) : resolve(res),
    );
    if (record) instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
  latencies.sort((a, b) => a - b);
  return { result, latencies };
}

async function main() {
  // The embedded database in its own data directory, exactly as `npm start` runs it.
  delete process.env.DATABASE_URL;
  const app = await startApp({ DATA_DIR: ".data/bench", EMBEDDED_PG_PORT: process.env.BENCH_PG_PORT ?? "54331", NODE_ENV: "production" }, 180_000);
  const rows: Record<string, string | number>[] = [];
  try {
    for (const route of routes) {
      const url = `${app.url}${route}`;
      await load(url, 2, false);
      const { result, latencies } = await load(url, seconds, true);
      rows.push({
        route,
        "requests/s": Math.round(result.requests.average),
        "p50 ms": percentile(latencies, 50),
        "p95 ms": percentile(latencies, 95),
        "p99 ms": percentile(latencies, 99),
        requests: result.requests.total,
        errors: result.errors + result.timeouts,
        "non-2xx": result.non2xx,
      });
    }
  } finally {
    await app.stop();
  }
  console.log(`\nSentry Academy benchmark: production build, embedded PostgreSQL, ${connections} connections, ${seconds} s per route (${new Date().toISOString()})`);
  console.table(rows);
  if (rows.some((r) => Number(r.errors) > 0 || Number(r["non-2xx"]) > 0)) {
    console.error("Some requests failed: see errors / non-2xx above.");
    process.exit(1);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
