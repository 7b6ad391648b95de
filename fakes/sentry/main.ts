/**
 * Run the fake Sentry on its own (demo mode, manual testing, benchmarks):
 *
 *   node --import tsx fakes/sentry/main.ts [--port 8123] [--host 127.0.0.1]
 *        [--scenario path/to/scenario.json] [--large-org 500]
 *
 * Prints the URL, the env settings that point the app at it and the demo tokens.
 */
import { parseArgs } from "node:util";
import { generateLargeOrganization, loadScenario } from "./scenario.ts";
import { startFakeSentry } from "./server.ts";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "8123" },
    host: { type: "string", default: "127.0.0.1" },
    scenario: { type: "string" },
    "large-org": { type: "string" },
  },
});

const base = loadScenario(values.scenario);
const scenario = values["large-org"] ? generateLargeOrganization({ projects: Number(values["large-org"]), base, keepBaseOrganizations: true }) : base;
const fake = await startFakeSentry({ port: Number(values.port), host: values.host, scenario });

const demoUser = scenario.users.find((u) => u.id === scenario.demoUserId)!;
const lines = [
  `Fake Sentry (scenario "${scenario.name}") on ${fake.url}`,
  "",
  "Point the app at it:",
  ...Object.entries(fake.env).map(([k, v]) => `  ${k}=${v}`),
  "",
  `Demo user: ${demoUser.name} <${demoUser.email}>`,
  "Tokens:",
  ...scenario.tokens.map((t) => `  ${t.name.padEnd(12)} ${t.token}  [${t.scopes.join(" ")}]${t.expiresAt ? ` ${Date.parse(t.expiresAt) < Date.now() ? "expired" : "expires"} ${t.expiresAt}` : ""}`),
  ...scenario.orgTokens.map((t) => `  ${t.name.padEnd(12)} ${t.token}  [${t.scopes.join(" ")}] org ${t.organization}`),
  "",
  "Organizations:",
  ...scenario.organizations.map((o) => `  ${o.slug} (${o.projects.length} projects): ${o.projects.slice(0, 12).map((p) => p.slug).join(", ")}${o.projects.length > 12 ? ", …" : ""}`),
  "",
  `Control API: ${fake.url}/__fake/ (calls, tokens, projects/{org}/{project}, rate-limit, faults, oauth/expire-access-tokens, reset, scenario)`,
];
console.log(lines.join("\n"));

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void fake.close().then(() => process.exit(0));
  });
}
