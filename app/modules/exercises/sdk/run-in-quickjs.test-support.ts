/**
 * Runs the SDK's modules in QuickJS (the sandbox's engine) for the SDK's own unit tests, without the
 * grader: an entry module assigns `globalThis.result` (it may await), and the JSON of it comes back.
 */
import { getQuickJS } from "quickjs-emscripten";
import { sandboxModules } from "./index.ts";

export async function runInQuickJS(files: Record<string, string>, entry = "entry"): Promise<{ result: unknown; console: string[] }> {
  const QuickJS = await getQuickJS();
  const runtime = QuickJS.newRuntime();
  const modules: Record<string, string> = { ...sandboxModules, ...files };
  runtime.setModuleLoader(
    (name) => modules[name] ?? { error: new Error(`no module ${name}`) },
    (_base, requested) => requested.replace(/^\.\//, ""),
  );
  const vm = runtime.newContext();
  const lines: string[] = [];
  try {
    const consoleObject = vm.newObject();
    for (const level of ["log", "info", "warn", "error", "debug"]) {
      const fn = vm.newFunction(level, (...args) => {
        lines.push(`${level}: ${args.map((a) => vm.dump(a)).join(" ")}`);
      });
      vm.setProp(consoleObject, level, fn);
      fn.dispose();
    }
    vm.setProp(vm.global, "console", consoleObject);
    consoleObject.dispose();
    const evaluated = vm.evalCode(modules[entry], entry, { type: "module" });
    if (evaluated.error) {
      const error = vm.dump(evaluated.error);
      evaluated.error.dispose();
      throw new Error(`module failed: ${JSON.stringify(error)}`);
    }
    evaluated.value.dispose();
    for (let i = 0; i < 100; i++) {
      const jobs = runtime.executePendingJobs();
      if (jobs.error) {
        const error = vm.dump(jobs.error);
        jobs.error.dispose();
        throw new Error(`job failed: ${JSON.stringify(error)}`);
      }
      if (jobs.value === 0) break;
    }
    const handle = vm.getProp(vm.global, "result");
    const json = vm.getProp(vm.global, "JSON");
    const stringify = vm.getProp(json, "stringify");
    const text = vm.unwrapResult(vm.callFunction(stringify, json, handle));
    const value = vm.dump(text);
    [handle, json, stringify, text].forEach((h) => h.dispose());
    return { result: value === undefined ? undefined : JSON.parse(value), console: lines };
  } finally {
    vm.dispose();
    runtime.dispose();
  }
}
