import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { staleBuildReason } from "./build-freshness.server.ts";

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** A project tree whose files all carry `at` (seconds) as their modification time. */
function project(files: string[], at = 1_000) {
  const root = mkdtempSync(path.join(tmpdir(), "build-freshness-"));
  roots.push(root);
  for (const file of files) touch(root, file, at);
  return root;
}

function touch(root: string, file: string, at: number) {
  const full = path.join(root, file);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, "x");
  utimesSync(full, at, at);
}

const SOURCES = ["app/root.tsx", "app/routes/index.tsx", "jobs/index.ts", "remix.config.js"];

describe("staleBuildReason (npm start and the Vitest run)", () => {
  it("asks for a build when there is none", () => {
    expect(staleBuildReason(project(SOURCES))).toBe("build/index.js is missing");
  });

  it("accepts a build newer than every source", () => {
    const root = project(SOURCES);
    touch(root, "build/index.js", 2_000);
    expect(staleBuildReason(root)).toBeNull();
  });

  it("names the newest source edited after the build: in app/, jobs/ or remix.config.js", () => {
    for (const edited of ["app/routes/index.tsx", "jobs/index.ts", "remix.config.js"]) {
      const root = project(SOURCES);
      touch(root, "build/index.js", 2_000);
      touch(root, edited, 3_000);
      expect(staleBuildReason(root)).toBe(`${edited} is newer than build/index.js`);
    }
  });

  it("ignores the generated Prisma client, dot-files (editor swap files) and unit tests", () => {
    const root = project(SOURCES);
    touch(root, "build/index.js", 2_000);
    touch(root, "app/generated/prisma/client.ts", 3_000);
    touch(root, "app/routes/.index.tsx.swp", 3_000);
    touch(root, "app/utils/dates.test.ts", 3_000);
    expect(staleBuildReason(root)).toBeNull();
  });

  it("a project without jobs/ is judged on the rest", () => {
    const root = project(["app/root.tsx", "remix.config.js"]);
    touch(root, "build/index.js", 2_000);
    expect(staleBuildReason(root)).toBeNull();
  });
});
