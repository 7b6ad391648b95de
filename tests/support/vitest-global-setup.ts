import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { staleBuildReason } from "~/utils/build-freshness.server.ts";
import { projectRoot } from "./processes.ts";
import { dropDatabases, ensureTemplate, resolveTestPostgres } from "./test-database.ts";

declare module "vitest" {
  export interface ProvidedContext {
    testDatabaseAdminUrl: string;
    testDatabasePrefix: string;
  }
}

/**
 * The integration tests run the built app (app.ts imports build/index.js): build
 * it first when it is missing or older than the sources, by the same rule as
 * `npm start` (app/utils/build-freshness.server.ts). `npm test` builds before
 * Vitest, so there this is one directory walk.
 */
function ensureFreshBuild() {
  const reason = staleBuildReason(projectRoot);
  if (!reason) return;
  console.info(`[vitest] building the app first: ${reason}…`);
  // The production build, as `npm run build` makes it (Vitest sets NODE_ENV=test, which would
  // compile React's development JSX runtime in, and `npm start` or the e2e server would then fail).
  const result = spawnSync(process.execPath, [path.join(projectRoot, "remix-build.js")], {
    cwd: projectRoot,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (result.status !== 0) {
    throw new Error(`The build is stale (${reason}) and \`remix build\` failed (exit ${result.status}): the tests would run old code. Fix the build and run again.`);
  }
}

/**
 * Once per run: build the app if its build is stale, find the PostgreSQL server and migrate the template database.
 * The workers' databases carry this run's own prefix, so two runs on one server
 * (two engineers, or CI next to a dev run) never drop each other's databases.
 */
export default async function setup(project: TestProject) {
  ensureFreshBuild();
  const { adminUrl, embedded } = await resolveTestPostgres();
  await ensureTemplate(adminUrl);
  const prefix = `academy_test_${randomBytes(3).toString("hex")}`;
  project.provide("testDatabaseAdminUrl", adminUrl);
  project.provide("testDatabasePrefix", prefix);
  return async () => {
    await dropDatabases(adminUrl, `${prefix}_%`);
    await embedded?.stop();
  };
}
