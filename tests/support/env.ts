/**
 * Changing the app's environment in a test. The app reads it through getEnv()
 * (app/utils/env.server.ts), parsed once per process: after changing
 * process.env, both copies of that module (the one the tests import from app/,
 * and the one bundled into build/index.js, which the Browser drives) must parse
 * it again.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { resetEnvForTests } from "~/utils/env.server.ts";
import { projectRoot } from "./processes.ts";

/** Sets (a string) or removes (undefined) each variable, then has getEnv() read them again. */
export async function changeEnv(changes: Record<string, string | undefined>) {
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  resetEnvForTests();
  const build = (await import(pathToFileURL(path.join(projectRoot, "build/index.js")).href)) as { entry: { module: { resetEnvForTests?: () => void } } };
  build.entry.module.resetEnvForTests?.();
}
