/**
 * `npm test`: the whole suite, in order: type check, lint, dead code (knip), production build,
 * Vitest (unit + integration, real PostgreSQL) and Playwright (Debian's
 * Chromium, every journey with JavaScript on and off). Installs Chromium from
 * Debian's packages when it is missing and we are root; never downloads a browser.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { ensureTemplate, resolveTestPostgres } from "./support/test-database.ts";
import { projectRoot } from "./support/processes.ts";

const artifacts = path.join(projectRoot, "tests/.artifacts");
mkdirSync(artifacts, { recursive: true });
const bin = (name: string) => path.join(projectRoot, "node_modules/.bin", name);

function ensureChromium() {
  const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (existsSync(chromium)) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`Chromium is missing at ${chromium}. Install Debian's "chromium" package (sudo apt-get install chromium) or set CHROMIUM_PATH.`);
  }
  console.info("[test] installing Debian's chromium package…");
  for (const args of [["update", "-qq"], ["install", "-y", "-qq", "--no-install-recommends", "chromium"]]) {
    const result = spawnSync("apt-get", args, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
    if (result.status !== 0) throw new Error(`apt-get ${args.join(" ")} failed`);
  }
}

function step(name: string, command: string, args: string[], env: Record<string, string> = {}): Promise<number> {
  console.info(`\n[test] ── ${name} ──`);
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: projectRoot, stdio: "inherit", env: { ...process.env, ...env } });
    child.on("close", (code) => {
      console.info(`[test] ${name}: ${code === 0 ? "ok" : `failed (exit ${code})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      resolve(code ?? 1);
    });
  });
}

function counts(file: string, kind: "vitest" | "playwright") {
  if (!existsSync(file)) return { passed: 0, failed: 0, skipped: 0 };
  const report = JSON.parse(readFileSync(file, "utf8"));
  if (kind === "vitest") return { passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests + report.numTodoTests };
  return { passed: report.stats.expected, failed: report.stats.unexpected + report.stats.flaky, skipped: report.stats.skipped };
}

async function main() {
  ensureChromium();
  const { adminUrl, embedded } = await resolveTestPostgres();
  await ensureTemplate(adminUrl);
  const env = { TEST_DATABASE_ADMIN_URL: adminUrl };
  const vitestReport = path.join(artifacts, "vitest.json");
  const playwrightReport = path.join(artifacts, "playwright.json");
  let failedStep: string | null = null;
  try {
    const steps: [string, string, string[], Record<string, string>?][] = [
      ["type check", bin("tsc"), []],
      ["lint", bin("eslint"), ["."]],
      ["dead code (knip: unused files, exports, dependencies)", bin("knip"), ["--no-progress", "--no-config-hints"]],
      ["build", process.execPath, ["remix-build.js"]],
      ["unit and integration tests (Vitest)", bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestReport}`], env],
      ["browser tests (Playwright, JS on and off)", bin("playwright"), ["test", "--reporter=list,json"], { ...env, PLAYWRIGHT_JSON_OUTPUT_FILE: playwrightReport }],
    ];
    for (const [name, command, args, stepEnv] of steps) {
      if ((await step(name, command, args, stepEnv)) !== 0) {
        failedStep = name;
        break;
      }
    }
  } finally {
    await embedded?.stop();
  }
  const v = counts(vitestReport, "vitest");
  const p = counts(playwrightReport, "playwright");
  console.info(`\n[test] Vitest: ${v.passed} passed, ${v.failed} failed · Playwright: ${p.passed} passed, ${p.failed} failed`);
  if (failedStep) {
    console.info(`[test] stopped at: ${failedStep}`);
    process.exit(1);
  }
  console.info(`Tests: ${v.passed + p.passed} passed, ${v.failed + p.failed} failed`);
  process.exit(v.failed + p.failed > 0 ? 1 : 0);
}

main().catch((error) => {
  console.error(`[test] ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
