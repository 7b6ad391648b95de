// @ts-check
/**
 * The sandbox's worker thread (decision 039): piscina calls the default export with one
 * task at a time. Each thread keeps one QuickJS WebAssembly module (release, sync
 * variant); a new one replaces it when QuickJS itself failed. Plain JavaScript, loaded
 * from the sources (see runtime.mjs).
 */
import { newQuickJSWASMModule, RELEASE_SYNC } from "quickjs-emscripten";
import { gradeInSandbox } from "./runtime.mjs";

let quickjs = newQuickJSWASMModule(RELEASE_SYNC);

/**
 * @param {import("./runtime.mjs").SandboxTask & { started?: MessagePort }} task
 * @returns {Promise<import("../grade-result.ts").GradeResult>}
 */
export default async function grade({ started, ...task }) {
  const module = await quickjs;
  // The pool's hard stop counts from here, not from when the task was queued.
  started?.postMessage("started");
  started?.close();
  const { result, poisoned } = gradeInSandbox(module, task);
  if (poisoned) quickjs = newQuickJSWASMModule(RELEASE_SYNC);
  return result;
}
