import { randomBytes } from "node:crypto";
import type { TestProject } from "vitest/node";
import { dropDatabases, ensureTemplate, resolveTestPostgres } from "./test-database.ts";

declare module "vitest" {
  export interface ProvidedContext {
    testDatabaseAdminUrl: string;
    testDatabasePrefix: string;
  }
}

/**
 * Once per run: find the PostgreSQL server and migrate the template database.
 * The workers' databases carry this run's own prefix, so two runs on one server
 * (two engineers, or CI next to a dev run) never drop each other's databases.
 */
export default async function setup(project: TestProject) {
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
