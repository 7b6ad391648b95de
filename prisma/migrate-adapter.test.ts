import { describe, expect, it } from "vitest";
import { parseDatabaseUrl } from "./migrate-adapter.ts";

describe("parseDatabaseUrl", () => {
  it("reads a TCP connection URL", () => {
    expect(parseDatabaseUrl("postgresql://app:p%40ss@db.internal:6543/academy?schema=s1")).toMatchObject({
      host: "db.internal",
      port: 6543,
      user: "app",
      password: "p@ss",
      database: "academy",
      options: "-c search_path=s1",
    });
  });

  it("takes ?host= as a Unix socket directory, as node-postgres does (the embedded database's URLs)", () => {
    const config = parseDatabaseUrl("postgresql://postgres:secret@localhost:54329/postgres?host=%2Fsrv%2Fapp%2F.data%2Fpostgres");
    expect(config).toMatchObject({ host: "/srv/app/.data/postgres", port: 54329, database: "postgres", password: "secret" });
  });
});
