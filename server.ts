/**
 * The one process of Sentry Academy. Starts, in order: the database (an
 * embedded PostgreSQL when DATABASE_URL is unset), migrations, demo data (demo
 * mode only), the Remix request handler, the pg-boss workers; and stops them in
 * reverse order on SIGINT/SIGTERM.
 */
import { spawnSync } from "node:child_process";
import cluster from "node:cluster";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
// The adapter's own request and response conversions (typed, not re-exported by its index).
import { createRemixRequest, sendRemixResponse } from "@remix-run/express/dist/server.js";
import { createRequestHandler, type AppLoadContext, type ServerBuild } from "@remix-run/node";
import * as Sentry from "@sentry/remix";
import express from "express";
import { buildFileOf, staleBuildReason } from "./app/utils/build-freshness.server.ts";
import { guardDatabaseErrors, RETRY_AFTER_SECONDS, surviveUnhandledConnectionErrors } from "./app/utils/db-unavailable.server.ts";
import { EnvError, parseEnv, parseStartupEnv } from "./app/utils/env.server.ts";
import { compressResponses, precompressedAssets } from "./app/utils/compression.server.ts";
import { parseKeyRing } from "./app/utils/key-ring.ts";
import { pageCache } from "./app/utils/page-cache.server.ts";
import { cspNonceOf, securityHeaders } from "./app/utils/security-headers.server.ts";
import { leaveShutdownToCaller, startEmbeddedPostgres, type EmbeddedDatabase } from "./prisma/embedded.ts";
import { migrate, prismaCliEnv } from "./prisma/migrate.ts";

const root = path.dirname(fileURLToPath(import.meta.url));
const log = (message: string) => console.info(`[academy] ${message}`);

type Background = {
  startWorkers: () => Promise<void>;
  stopWorkers: () => Promise<void>;
  disconnectPrisma: () => Promise<void>;
  renderCacheMiddleware: (build: ServerBuild, getLoadContext: (req: express.Request) => AppLoadContext) => express.RequestHandler;
  documentBytes: (response: Response) => Buffer | undefined;
  guardRequests: <C>(handle: (request: Request, context: C) => Promise<Response>) => (request: Request, context: C) => Promise<Response>;
  handleTusRequest: (request: Request) => Promise<Response>;
};

type LocalSecrets = { sessionSecret: string; postgresPassword: string; encryptionKey: string };

/** Secrets of the embedded demo, generated once into $DATA_DIR/secrets.json (mode 600). */
function loadSecrets(dataDir: string): LocalSecrets {
  const file = path.join(dataDir, "secrets.json");
  const stored = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Partial<LocalSecrets>) : {};
  const secrets: LocalSecrets = {
    sessionSecret: stored.sessionSecret ?? randomBytes(32).toString("hex"),
    postgresPassword: stored.postgresPassword ?? randomBytes(18).toString("base64url"),
    // Key id "local1" so a later ENCRYPTION_KEY="new:...,local1:..." can rotate it.
    encryptionKey: stored.encryptionKey ?? `local1:${randomBytes(32).toString("base64")}`,
  };
  if (JSON.stringify(stored) !== JSON.stringify(secrets)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return secrets;
}

/**
 * Builds the app when the build is missing or older than the sources, so
 * `npm start` after a pull or an edit serves the new code (the Docker image,
 * built once, sets SKIP_BUILD_CHECK=true).
 */
function ensureBuild(skipBuildCheck: boolean) {
  const buildFile = buildFileOf(root);
  const generated = path.join(root, "app/generated/prisma/client.ts");
  if (!existsSync(generated)) {
    log("generating the Prisma client…");
    run(["node_modules/prisma/build/index.js", "generate"]);
  }
  const stale = existsSync(buildFile) && skipBuildCheck ? null : staleBuildReason(root);
  if (stale) {
    log(`building the app (${stale})…`);
    run(["remix-build.js"]); // remix build, without esbuild's exit-time goroutine dump (see the file)
  }
  return buildFile;
}

function run(args: string[]) {
  const result = spawnSync(process.execPath, args, {
    cwd: root,
    stdio: "inherit",
    env: prismaCliEnv(),
  });
  if (result.status !== 0) throw new Error(`${args.join(" ")} failed`);
}

/**
 * Sets variables for the app: the operator's own values win, except with
 * `replace` (a demo fake's URLs and keys replace the whole integration's). Only
 * main() calls it, and only before anything imports a module that reads
 * getEnv() (the migrations, the seeds and the build come after), so every
 * module sees the final values (decision 024); cluster workers inherit them.
 */
function provide(values: Record<string, string>, { replace = false } = {}) {
  for (const [name, value] of Object.entries(values)) {
    if (replace || process.env[name] === undefined) process.env[name] = value;
  }
}

/** Parses the environment, or prints what is wrong with it and stops (after `stop`). */
async function validated<T>(parse: () => T, stop: () => Promise<void> = async () => {}): Promise<T> {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(`[academy] cannot start. ${error.message}`);
    await stop();
    process.exit(1);
  }
}

async function main() {
  // This process stops everything itself, in order (serve's shutdown): the embedded database last.
  leaveShutdownToCaller();
  if (existsSync(path.join(root, ".env"))) process.loadEnvFile(path.join(root, ".env"));
  // `npm start` sets NODE_ENV=production before Node starts: React picks its build when first
  // imported, which happens before this function runs (the development build is far slower).
  process.env.NODE_ENV ??= "production";
  if (cluster.isWorker) {
    // The primary prepared the database and settled the environment; a worker only serves.
    await serve(await validated(() => parseEnv(process.env)), { demoLogins: [], cleanup: async () => {} });
    return;
  }
  const startup = await validated(() => parseStartupEnv(process.env));
  const dataDir = path.resolve(root, startup.DATA_DIR);
  let embedded: EmbeddedDatabase | undefined;
  const stopFakes: (() => Promise<void>)[] = [];
  const cleanup = async () => {
    for (const stop of stopFakes) await stop();
    if (embedded) {
      await embedded.stop();
      log("embedded PostgreSQL stopped");
    }
  };

  if (!startup.DATABASE_URL) {
    const secrets = loadSecrets(dataDir);
    // No SMTP in the embedded demo: each mail is written whole under MAIL_DIR, the only place its private links go.
    provide({ DEMO_MODE: "true", SESSION_SECRET: secrets.sessionSecret, ENCRYPTION_KEY: secrets.encryptionKey, MAIL_DIR: path.join(dataDir, "mail") });
    const started = Date.now();
    embedded = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "postgres"), port: startup.EMBEDDED_PG_PORT, password: secrets.postgresPassword });
    provide({ DATABASE_URL: embedded.url("postgres") }, { replace: true }); // unset or empty until now
    log(`embedded PostgreSQL ready on port ${embedded.port} in ${Date.now() - started} ms (data in ${path.relative(root, dataDir)}/)`);
  }

  // Demo mode (the embedded database's default): integrations nobody configured talk to local fakes.
  const demo = startup.DEMO_MODE ?? !startup.DATABASE_URL;
  if (demo && !startup.GITHUB_CLIENT_ID && !startup.GOOGLE_CLIENT_ID) {
    const { startFakeOAuthProvider } = await import("./fakes/oauth-provider.ts");
    const fake = await startFakeOAuthProvider();
    provide(fake.env, { replace: true });
    stopFakes.push(fake.close);
    log(`demo: "Sign in with GitHub/Google" uses the local fake provider at ${fake.url}`);
  }
  if (demo && !startup.SENTRY_URL) {
    // Sentry Connect talks to a local fake Sentry (real wire format, scenario data) in demo mode.
    const { startFakeSentry } = await import("./fakes/sentry/server.ts");
    const fake = await startFakeSentry({ port: startup.FAKE_SENTRY_PORT });
    provide(fake.env, { replace: true });
    stopFakes.push(fake.close);
    demoNotes.push(
      `Sentry Connect: "Connect with Sentry (OAuth)" approves on the fake Sentry at ${fake.url}; for the token form, the demo user tokens are in fakes/sentry/scenarios/default.json (tokens[].token).`,
    );
    log(`demo: Sentry Connect uses the local fake Sentry at ${fake.url}`);
  }
  let fakeGongAndClaude = false;
  if (demo && !startup.GONG_ACCESS_KEY && !startup.ANTHROPIC_API_KEY) {
    // The POC Portal's Gong and AI tabs talk to local fakes (real wire formats); the
    // Gong scenario is moved to the last few weeks so the default search finds it.
    const { startFakeGong, loadScenario, recentScenario } = await import("./fakes/gong/server.ts");
    const { startFakeAnthropic } = await import("./fakes/anthropic/server.ts");
    const gong = await startFakeGong({ port: startup.FAKE_GONG_PORT, scenario: recentScenario(loadScenario()) });
    stopFakes.push(gong.close);
    const claude = await startFakeAnthropic({ port: startup.FAKE_ANTHROPIC_PORT });
    stopFakes.push(claude.close);
    provide({ ...gong.env, ...claude.env }, { replace: true });
    fakeGongAndClaude = true;
    demoNotes.push(`POC Portal: the Gong calls and AI analysis tabs use a local fake Gong (${gong.url}) and a fake Claude (${claude.url}).`);
    log(`demo: Gong and Claude are local fakes at ${gong.url} and ${claude.url}`);
  }

  // The environment is final from here on.
  const env = await validated(() => parseEnv(process.env), cleanup);
  const applied = await migrate(env.DATABASE_URL);
  log(applied.length ? `applied migrations: ${applied.join(", ")}` : "database schema is up to date");

  let demoLogins: { email: string; password: string; role: string }[] = [];
  if (env.DEMO_MODE) {
    const { seedDemoData, DEMO_ACCOUNTS, demoCustomerLink } = await import("./prisma/seed/demo.ts");
    if (await seedDemoData(env.DATABASE_URL, env.ENCRYPTION_KEY ? parseKeyRing(env.ENCRYPTION_KEY) : null, { localMedia: true })) log("seeded the demo data");
    const customerLink = await demoCustomerLink(env.DATABASE_URL);
    if (customerLink) demoNotes.push(`POC Portal: the demo POC's customer link (no login) is ${(env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, "")}${customerLink}`);
    demoLogins = DEMO_ACCOUNTS.map(({ email, password, role }) => ({ email, password, role }));
    const { DEMO_TOTP_SECRET } = await import("./app/modules/accounts/demo-accounts.ts");
    demoNotes.push(
      `Two-factor: the instructor, admin and SE accounts ask for a code; add the key ${DEMO_TOTP_SECRET} to an authenticator app, or read the current code on the sign-in page (demo mode only).`,
    );
  }
  if (fakeGongAndClaude) {
    const { seedDemoFramework } = await import("./prisma/seed/demo-poc.ts");
    try {
      if (await seedDemoFramework()) log("demo: searched the fake Gong for the demo POC, fetched its transcripts and ran the AI analysis");
    } catch (error) {
      log(`demo: could not prepare the demo POC's Gong calls and analysis (${error instanceof Error ? error.message : String(error)}); the tabs still work`);
    }
  }

  const processes = env.WEB_CONCURRENCY;
  if (processes === 1) {
    await serve(env, { demoLogins, cleanup });
    return;
  }
  // WEB_CONCURRENCY > 1: one web + jobs process per CPU core, sharing the port (node:cluster).
  ensureBuild(env.SKIP_BUILD_CHECK);
  let listening = 0;
  let stopping = false;
  cluster.on("listening", () => {
    if (++listening === processes) {
      log(`${processes} processes listening on http://localhost:${env.PORT}`);
      printDemoLogins(demoLogins, env.MAIL_DIR);
    }
  });
  cluster.on("exit", (worker, code) => {
    if (stopping) return;
    log(`process ${worker.process.pid} exited (${code ?? "signal"}); starting another`);
    cluster.fork();
  });
  for (let i = 0; i < processes; i++) cluster.fork();
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal} received: stopping ${processes} processes`);
    const workers = Object.values(cluster.workers ?? {}).filter((w) => w !== undefined);
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve) => {
            if (w.isDead()) return resolve();
            w.once("exit", () => resolve());
            w.process.kill("SIGTERM");
          }),
      ),
    );
    await cleanup();
    process.exit(0);
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => void shutdown(signal));
}

/**
 * Remix behind Express, as @remix-run/express's handler does it, except that a
 * rendered page (entry.server.tsx keeps its bytes) goes out in one write with a
 * Content-Length instead of through a web stream (decision 012).
 */
function remixHandler(
  build: ServerBuild,
  getLoadContext: (req: express.Request) => AppLoadContext,
  { documentBytes, guardRequests }: Pick<Background, "documentBytes" | "guardRequests">,
): express.RequestHandler {
  const handle = guardRequests(createRequestHandler(build, build.mode));
  return async (req, res, next) => {
    try {
      const response = await handle(createRemixRequest(req, res), getLoadContext(req));
      // A page whose data needed the unreachable database (a thrown 503): tell clients when to come back.
      if (response.status === 503 && !response.headers.has("Retry-After")) response.headers.set("Retry-After", String(RETRY_AFTER_SECONDS));
      const html = documentBytes(response);
      if (!html) return await sendRemixResponse(res, response);
      res.statusCode = response.status;
      for (const [name, value] of response.headers) res.appendHeader(name, value);
      res.setHeader("Content-Length", html.length);
      res.end(html);
    } catch (error) {
      next(error);
    }
  };
}

/** Extra lines for the demo banner (never secrets: tokens are not printed, even fake ones). */
const demoNotes: string[] = [];

function printDemoLogins(demoLogins: { email: string; password: string; role: string }[], mailDir: string | undefined) {
  if (demoLogins.length === 0) return;
  console.info("\nDemo mode: log in with any of these accounts (demo data only):");
  for (const l of demoLogins) console.info(`  ${l.role.padEnd(10)} ${l.email.padEnd(26)} ${l.password}`);
  console.info(
    `Emails are listed at /outbox without their links; each recipient's copy, links included, is in ${mailDir ?? "MAIL_DIR"}/<address>/ (the demo's inbox).`,
  );
  for (const note of demoNotes) console.info(note);
  console.info("");
}

/** The web server and the pg-boss workers of one process; stops them (then `cleanup`) on SIGINT/SIGTERM. */
async function serve(env: ReturnType<typeof parseEnv>, opts: { demoLogins: { email: string; password: string; role: string }[]; cleanup: () => Promise<void> }) {
  if (env.SENTRY_DSN) {
    const { scrub } = await import("./app/utils/scrub.ts");
    Sentry.init({
      dsn: env.SENTRY_DSN,
      environment: env.SENTRY_ENVIRONMENT ?? env.NODE_ENV,
      tracesSampleRate: 0.1,
      sendDefaultPii: false,
      // Tokens never reach our own Sentry: scrub events and breadcrumbs.
      beforeSend: (event) => scrub(event),
      beforeBreadcrumb: (crumb) => scrub(crumb),
    });
  }
  const loaded = (await import(pathToFileURL(ensureBuild(env.SKIP_BUILD_CHECK)).href)) as ServerBuild;
  const background = loaded.entry.module as unknown as Background;
  // While the database is unreachable every route answers 503 with Retry-After, not 500 (decision 014).
  const build = guardDatabaseErrors(loaded);
  surviveUnhandledConnectionErrors();

  const app = express();
  app.disable("x-powered-by");
  if (env.TRUST_PROXY) app.set("trust proxy", true);
  app.use(securityHeaders(env));
  // Text answers compressed per request; the hashed /build assets compressed once, at build time (decision 028).
  app.use(compressResponses());
  app.use("/build", precompressedAssets(path.join(root, "public/build")));
  // The rest of public/ (favicon, media): only paths under its top-level entries reach the file
  // system, so a page request costs no stat() of a file that isn't there.
  const publicDir = path.join(root, "public");
  const publicEntries = new Set(readdirSync(publicDir).filter((entry) => entry !== "build"));
  const servePublic = express.static(publicDir, { maxAge: "1h", index: false });
  app.use((req, res, next) => (publicEntries.has(req.path.split("/")[1] ?? "") ? servePublic(req, res, next) : next()));
  // Resumable uploads (tus) for the studio: streamed chunks, the app's own auth and cross-site rules (decision 035).
  app.all(["/uploads/tus", "/uploads/tus/*"], (req, res, next) => {
    background
      .handleTusRequest(createRemixRequest(req, res))
      .then((response) => sendRemixResponse(res, response))
      .catch(next);
  });
  app.use(pageCache(build, env.PAGE_CACHE_SECONDS));
  // One object per request, handed by Remix to every loader and action of it (per-request memos live on it: load-context.server.ts).
  const getLoadContext = (req: express.Request): AppLoadContext => ({
    clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown",
    cspNonce: cspNonceOf(req),
    memo: new Map(),
    // A single-fetch data request (client-side navigation, revalidation) ends in .data; anything else renders a page.
    documentRequest: !req.path.endsWith(".data"),
  });
  app.use(background.renderCacheMiddleware(build, getLoadContext));
  app.all("*", remixHandler(build, getLoadContext, background));

  await background.startWorkers();
  log("pg-boss workers started");

  const server: Server = await new Promise((resolve) => {
    const s = app.listen(env.PORT, () => resolve(s));
  });
  log(`listening on http://localhost:${env.PORT}`);
  printDemoLogins(opts.demoLogins, env.MAIL_DIR);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal} received: shutting down`);
    const force = setTimeout(() => {
      console.error("[academy] shutdown took too long; exiting");
      process.exit(1);
    }, 20_000);
    force.unref();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
    log("web server stopped");
    await background.stopWorkers().catch((e) => console.warn(`[academy] workers: ${e.message}`));
    log("workers stopped");
    await background.disconnectPrisma().catch(() => undefined);
    await opts.cleanup();
    process.exit(0);
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => void shutdown(signal));
}

main().catch((error) => {
  console.error(`[academy] failed to start: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
