import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "~/generated/prisma/client.ts";
import { onPoolError } from "./db-unavailable.server.ts";
import { getEnv } from "./env.server.ts";
import { closePool } from "./sql.server.ts";

function createPrismaClient(connectionString: string) {
  // The adapter's pool drops connections the server closed; onPoolError logs them (decision 014).
  return new PrismaClient({ adapter: new PrismaPg({ connectionString, max: 10, connectionTimeoutMillis: 5000 }, { onPoolError: onPoolError("prisma pool") }) });
}

declare global {
  var __prisma: PrismaClient | undefined;
}

/** One client per process (kept on globalThis so dev rebuilds reuse it). */
export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    globalThis.__prisma ??= createPrismaClient(getEnv().DATABASE_URL);
    const value = Reflect.get(globalThis.__prisma, prop);
    return typeof value === "function" ? value.bind(globalThis.__prisma) : value;
  },
});

export async function disconnectPrisma() {
  await globalThis.__prisma?.$disconnect();
  globalThis.__prisma = undefined;
  await closePool();
}
