import { defineConfig } from "prisma/config";
import { MigrationAdapterFactory, parseDatabaseUrl } from "./prisma/migrate-adapter.ts";

// Prisma with a config file does not read .env: DATABASE_URL comes from the
// environment (server.ts and the test harness set it for the embedded database).
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  experimental: { adapter: true },
  engine: "js",
  async adapter() {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: run Prisma through `npm run db:*` scripts, which start the embedded database when needed");
    return new MigrationAdapterFactory(parseDatabaseUrl(url));
  },
});
