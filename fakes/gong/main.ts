/**
 * Run the fake Gong on its own (demo mode, manual testing, benchmarks):
 *
 *   node --import tsx fakes/gong/main.ts [--port 8124] [--host 127.0.0.1] [--page-size 10]
 *
 * Prints the URL and the env settings that point the app at it.
 */
import { parseArgs } from "node:util";
import { startFakeGong } from "./server.ts";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "8124" },
    host: { type: "string", default: "127.0.0.1" },
    "page-size": { type: "string", default: "10" },
  },
});

const fake = await startFakeGong({ port: Number(values.port), host: values.host, pageSize: Number(values["page-size"]) });
const lines = [
  `Fake Gong (scenario "${fake.scenario.name}", ${fake.scenario.calls.length} calls) on ${fake.url}`,
  "",
  "Point the app at it:",
  ...Object.entries(fake.env).map(([k, v]) => `  ${k}=${v}`),
  "",
  "Calls:",
  ...fake.scenario.calls.map((c) => {
    const sentences = (fake.scenario.transcripts.get(c.metaData.id) ?? []).reduce((n, m) => n + m.sentences.length, 0);
    const external = c.parties.filter((p) => p.affiliation === "External").map((p) => p.emailAddress).join(", ");
    return `  ${c.metaData.started.slice(0, 10)} ${c.metaData.id} ${c.metaData.title} (${sentences} sentences; ${external})`;
  }),
  "",
  `Control API: ${fake.url}/__fake/ (GET|DELETE calls, POST reset, POST rate-limit, POST|DELETE faults)`,
];
console.log(lines.join("\n"));

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void fake.close().then(() => process.exit(0));
  });
}
