/**
 * Run the fake Anthropic Messages API on its own (demo mode, manual testing):
 *
 *   node --import tsx fakes/anthropic/main.ts [--port 8124] [--host 127.0.0.1] [--key sk-ant-...]
 *
 * Prints the URL and the env settings that point the app at it.
 */
import { parseArgs } from "node:util";
import { FAKE_ANTHROPIC_API_KEY, startFakeAnthropic } from "./server.ts";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "8124" },
    host: { type: "string", default: "127.0.0.1" },
    key: { type: "string", multiple: true },
  },
});

const fake = await startFakeAnthropic({
  port: Number(values.port),
  host: values.host,
  apiKeys: values.key?.length ? values.key : [FAKE_ANTHROPIC_API_KEY],
});

console.log(
  [
    `Fake Anthropic Messages API on ${fake.url}`,
    "",
    "Point the app at it:",
    ...Object.entries(fake.env).map(([k, v]) => `  ${k}=${v}`),
    "",
    `Control API: ${fake.url}/__fake/ (GET calls, POST faults {kind: rate_limit|overloaded|hang|hallucinate, times, delayMs, retryAfterMs}, DELETE faults, POST reset)`,
  ].join("\n"),
);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void fake.close().then(() => process.exit(0));
  });
}
