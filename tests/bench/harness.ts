/**
 * What `npm run bench` (run.ts) and `npm run bench:profile` (profile.ts) share:
 * the bench database, the production app on it, signing in, and the load.
 */
import path from "node:path";
import autocannon from "autocannon";
import { startEmbeddedPostgres } from "../../prisma/embedded.ts";
import { generate } from "otplib";
import { DEMO_TOTP_SECRET } from "../../app/modules/accounts/demo-accounts.ts";
import { projectRoot, startApp } from "../support/processes.ts";

export const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
/** Load before measuring: the app needs 10-30 s of it after a start to reach its steady state (decision 012). */
export const warmupSeconds = Number(process.env.BENCH_WARMUP_SECONDS ?? 5);
const acceptEncoding = process.env.BENCH_ACCEPT_ENCODING ?? "gzip, deflate, br, zstd";
export const benchDataDir = path.join(projectRoot, ".data/bench-postgres");

/** The embedded PostgreSQL holding the bench data (created by the first `npm run bench`). */
export function startBenchDatabase() {
  return startEmbeddedPostgres({ dataDir: benchDataDir, port: Number(process.env.BENCH_PG_PORT ?? 54331), password: "academy-bench-only", quiet: true });
}

/** The production build on the bench database (no demo data, no fakes). */
export function startBenchApp(databaseUrl: string, env: Record<string, string> = {}, nodeArgs: string[] = []) {
  return startApp({ DATABASE_URL: databaseUrl, DEMO_MODE: "false", SESSION_SECRET: "bench-session-secret-0123456789", NODE_ENV: "production", ...env }, 180_000, nodeArgs);
}

/** The session cookie of a demo account (staff pass the second step with the demo key when it is asked for). */
export async function signIn(base: string, email: string, password: string) {
  const sessionCookie = (r: Response) => r.headers.getSetCookie().find((c) => c.startsWith("__session="))?.split(";")[0];
  const login = await fetch(`${base}/login`, { method: "POST", redirect: "manual", body: new URLSearchParams({ email, password }) });
  let cookie = sessionCookie(login);
  if (!cookie) throw new Error(`could not sign in ${email} (${login.status})`);
  const location = login.headers.get("Location") ?? "";
  if (location.startsWith("/login/two-factor")) {
    const code = await generate({ secret: DEMO_TOTP_SECRET });
    const step = await fetch(`${base}${location}`, { method: "POST", redirect: "manual", headers: { Cookie: cookie }, body: new URLSearchParams({ intent: "verify", code }) });
    cookie = step.status === 302 ? sessionCookie(step) : undefined;
    if (!cookie) throw new Error(`could not pass the two-factor step for ${email} (${step.status})`);
  }
  return cookie;
}

/** autocannon over the paths in turn for `duration` seconds; with `record`, every latency, sorted. */
export async function load(base: string, paths: string[], cookie: string | null, duration: number, record: boolean) {
  const latencies: number[] = [];
  let next = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: base,
        connections,
        duration,
        // What a browser sends: pages go out compressed (decision 028). BENCH_ACCEPT_ENCODING="" measures without.
        headers: { Accept: "text/html", ...(acceptEncoding ? { "Accept-Encoding": acceptEncoding } : {}), ...(cookie ? { Cookie: cookie } : {}) },
        requests: [{ setupRequest: (req) => ({ ...req, path: paths[next++ % paths.length] }) }],
      },
      (error, res) => (error ? reject(error) : resolve(res)),
    );
    if (record) instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
  latencies.sort((a, b) => a - b);
  return { result, latencies };
}
