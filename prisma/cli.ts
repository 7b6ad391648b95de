/**
 * `npm run db:migrate`, `npm run db:seed`, `npm run content:import [dir]` and
 * `npm run secrets:rotate` (re-encrypt Sentry tokens and POC conversation data under ENCRYPTION_KEY's first key):
 * the same steps `npm start` runs, against DATABASE_URL (required here; these
 * commands never start a database).
 */
import { migrate } from "./migrate.ts";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../app/generated/prisma/client.ts";
import { CONTENT_DIR, importContent } from "./seed/catalog.ts";
import { seedDemoData } from "./seed/demo.ts";
import { reencryptConversationData } from "../app/modules/poc/conversation-data.server.ts";
import { reencryptSentryTokens } from "../app/modules/sentry-connect/rotate.ts";
import { parseKeyRing } from "../app/utils/encryption.server.ts";
import { EnvError, parseStartupEnv, type StartupEnv } from "../app/utils/env.server.ts";

const command = process.argv[2];
let env: StartupEnv;
try {
  env = parseStartupEnv(process.env);
} catch (error) {
  console.error(error instanceof EnvError ? error.message : error);
  process.exit(1);
}
const url = env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set. (npm start runs the embedded database and migrates it for you.)");
  process.exit(1);
}
if (command === "migrate") {
  const applied = await migrate(url);
  console.log(applied.length ? `Applied: ${applied.join(", ")}` : "Database schema is up to date.");
} else if (command === "seed") {
  const seeded = await seedDemoData(url, env.ENCRYPTION_KEY ? parseKeyRing(env.ENCRYPTION_KEY) : null, { localMedia: true });
  console.log(seeded ? "Seeded the demo data (the demo video is transcoded when the app starts)." : "The demo data was already seeded.");
} else if (command === "import") {
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  try {
    const report = await importContent(prisma, process.argv[3] ?? CONTENT_DIR, { publish: !process.argv.includes("--draft"), localMedia: true });
    for (const c of report.courses) console.log(`  ${c.slug}: ${c.lessons} lessons, ${c.quizzes} quizzes`);
    console.log(`Imported ${report.courses.length} courses and ${report.paths.length} learning paths.`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  } finally {
    await prisma.$disconnect();
  }
} else if (command === "rotate") {
  if (!env.ENCRYPTION_KEY) {
    console.error('ENCRYPTION_KEY is not set. Put the new key first: ENCRYPTION_KEY="new:<base64>,old:<base64>".');
    process.exit(1);
  }
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  try {
    const ring = parseKeyRing(env.ENCRYPTION_KEY);
    const result = await reencryptSentryTokens(prisma, ring);
    console.log(`Re-encrypted ${result.rotated} of ${result.connections} Sentry connections under key "${result.keyId}".`);
    const poc = await reencryptConversationData(prisma, ring);
    console.log(`Re-encrypted ${poc.rotated} POC Gong calls and AI quote lists (of ${poc.calls} calls and ${poc.items} quote lists) under key "${poc.keyId}".`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  } finally {
    await prisma.$disconnect();
  }
} else {
  console.error("usage: prisma/cli.ts migrate|seed|import [dir] [--draft]|rotate");
  process.exit(1);
}
