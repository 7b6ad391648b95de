/**
 * `npm run db:migrate` and `npm run db:seed`: the same steps `npm start` runs,
 * against DATABASE_URL (required here; these commands never start a database).
 */
import { migrate } from "./migrate.ts";
import { seedDemoData } from "./seed/demo.ts";

const command = process.argv[2];
const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set. (npm start runs the embedded database and migrates it for you.)");
  process.exit(1);
}
if (command === "migrate") {
  const applied = await migrate(url);
  console.log(applied.length ? `Applied: ${applied.join(", ")}` : "Database schema is up to date.");
} else if (command === "seed") {
  console.log((await seedDemoData(url)) ? "Seeded the demo data." : "The demo data was already seeded.");
} else {
  console.error("usage: prisma/cli.ts migrate|seed");
  process.exit(1);
}
