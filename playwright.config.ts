import { tmpdir } from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { MEDIA_PORTS, MEDIA_S3_ENABLED, MEDIA_TARGETS } from "./tests/e2e/support/media-targets.ts";

const port = Number(process.env.E2E_PORT ?? 3210);
export const E2E_BASE_URL = `http://localhost:${port}`;
// The e2e server and the tests' factories sign cookies with the same secret.
process.env.E2E_SESSION_SECRET ??= "e2e-session-secret-0123456789abcdef";
// The server writes each mail whole here (no SMTP): the recipients' inbox the specs read (fixtures.ts `inbox`).
process.env.E2E_MAIL_DIR ??= path.join(tmpdir(), `academy-e2e-mail-${port}`);

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: E2E_BASE_URL,
    screenshot: "only-on-failure",
    trace: "off",
    launchOptions: {
      // Debian's Chromium; Playwright never downloads a browser here.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  // Every journey runs twice: with JavaScript and without.
  projects: [
    { name: "js-on", use: { javaScriptEnabled: true } },
    { name: "js-off", use: { javaScriptEnabled: false } },
    // The media journeys again on S3 with two instances (tests/e2e/support/media-targets.ts, decision 034).
    ...(MEDIA_S3_ENABLED
      ? [true, false].map((js) => ({
          name: `s3-js-${js ? "on" : "off"}`,
          testMatch: /media[\w-]*\.spec\.ts$/,
          use: { javaScriptEnabled: js, baseURL: MEDIA_TARGETS.s3.baseURL, e2eDatabase: MEDIA_TARGETS.s3.database },
        }))
      : []),
  ],
  webServer: [
    {
      command: "node --import tsx tests/e2e/support/server.ts",
      url: `${E2E_BASE_URL}/healthz`,
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: "ignore",
      stderr: "pipe",
      env: { E2E_PORT: String(port), SESSION_SECRET: process.env.E2E_SESSION_SECRET, MAIL_DIR: process.env.E2E_MAIL_DIR },
    },
    // Started after the first (Playwright starts web servers in order): s3rver and two instances on their own database copy.
    ...(MEDIA_S3_ENABLED
      ? [
          {
            command: "node --import tsx tests/e2e/support/media-servers.ts",
            url: `http://localhost:${MEDIA_PORTS.instanceB}/healthz`,
            reuseExistingServer: false,
            timeout: 240_000,
            stdout: "ignore" as const,
            stderr: "pipe" as const,
            env: { E2E_PORT: String(port), SESSION_SECRET: process.env.E2E_SESSION_SECRET!, MAIL_DIR: process.env.E2E_MAIL_DIR! },
          },
        ]
      : []),
  ],
});
