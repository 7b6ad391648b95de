/** Loads the starter catalogue (prisma/seed/content) with the same importer instructors use. */
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { PrismaClient } from "../../app/generated/prisma/client.ts";
import { parseCatalog, readContentDir, writeCatalog } from "../../app/modules/academy/importer.server.ts";

export const CONTENT_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "content");
/** Where a lesson's local `video:` / `captions:` paths point (the site's public/). */
export const PUBLIC_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "../../public");

/**
 * `localMedia`: a lesson's `video:` / `captions:` naming a file under public/ becomes a media asset in
 * the media store (transcoded by the app's workers), as on `npm start`; off for tests and the bench.
 */
export async function importContent(prisma: PrismaClient, dir = CONTENT_DIR, opts: { publish: boolean; localMedia?: boolean } = { publish: true }) {
  const parsed = parseCatalog(readContentDir(dir));
  if (!parsed.ok) {
    const lines = parsed.errors.map((e) => `  ${e.file}: ${e.message}`).join("\n");
    throw new Error(`The content in ${dir} has ${parsed.errors.length} problem(s); nothing was imported:\n${lines}`);
  }
  return writeCatalog(prisma, parsed.catalog, { publish: opts.publish, localMediaDir: opts.localMedia ? PUBLIC_DIR : undefined });
}
