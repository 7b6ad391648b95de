/** Loads the starter catalogue (prisma/seed/content) with the same importer instructors use. */
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { PrismaClient } from "../../app/generated/prisma/client.ts";
import { parseCatalog, readContentDir, writeCatalog } from "../../app/modules/academy/importer.server.ts";

export const CONTENT_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "content");

export async function importContent(prisma: PrismaClient, dir = CONTENT_DIR, opts = { publish: true }) {
  const parsed = parseCatalog(readContentDir(dir));
  if (!parsed.ok) {
    const lines = parsed.errors.map((e) => `  ${e.file}: ${e.message}`).join("\n");
    throw new Error(`The content in ${dir} has ${parsed.errors.length} problem(s); nothing was imported:\n${lines}`);
  }
  return writeCatalog(prisma, parsed.catalog, opts);
}
