import type { TestProject } from "vitest/node";
import { ensureTemplate, resolveTestPostgres } from "./test-database.ts";

declare module "vitest" {
  export interface ProvidedContext {
    testDatabaseAdminUrl: string;
  }
}

/** Once per run: find the PostgreSQL server and migrate the template database. */
export default async function setup(project: TestProject) {
  const { adminUrl, embedded } = await resolveTestPostgres();
  await ensureTemplate(adminUrl);
  project.provide("testDatabaseAdminUrl", adminUrl);
  return async () => {
    await embedded?.stop();
  };
}
