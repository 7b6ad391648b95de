import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { freePort } from "../tests/support/processes.ts";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "./embedded.ts";

let dir: string;
let db: EmbeddedDatabase;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "academy-embedded-"));
  db = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port: await freePort(), password: "embedded-test", quiet: true });
}, 120_000);

afterAll(async () => {
  await db?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function clientAddress(connectionString: string) {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return (await client.query<{ addr: string | null }>("SELECT host(inet_client_addr()) AS addr")).rows[0].addr;
  } finally {
    await client.end();
  }
}

it("the embedded database's URL connects through a Unix socket in its data directory; TCP on 127.0.0.1 stays open", async () => {
  const url = db.url("postgres");
  expect(new URL(url).searchParams.get("host")).toBe(path.join(dir, "pg"));
  expect(await clientAddress(url)).toBeNull(); // no client address: a Unix socket
  expect(await clientAddress(`postgresql://postgres:embedded-test@127.0.0.1:${db.port}/postgres`)).toBe("127.0.0.1");
});
