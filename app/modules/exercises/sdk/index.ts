/**
 * The Sentry SDK stand-in served to exercise code by the sandbox's module loader (decision 040):
 * module name -> ES module source. `@sentry/node` and `@sentry/browser` share `@sentry/core`'s state
 * (one client, scopes, spans, the in-memory transport) and `sentry-testkit` reads what they sent.
 */
import { coreSource } from "./core.source.ts";
import { browserSource, nodeSource } from "./platforms.source.ts";
import { testkitSource } from "./testkit.source.ts";

export const sandboxModules: Record<string, string> = {
  "@sentry/core": coreSource,
  "@sentry/node": nodeSource,
  "@sentry/browser": browserSource,
  "sentry-testkit": testkitSource,
};
