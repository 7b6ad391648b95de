import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env.server.ts";

const valid = { DATABASE_URL: "postgresql://u@localhost:5432/db", SESSION_SECRET: "a-long-enough-secret-value" };

describe("parseEnv", () => {
  it("accepts a minimal environment and fills defaults", () => {
    const env = parseEnv(valid);
    expect(env.PORT).toBe(3000);
    expect(env.SESSION_SECRET).toEqual(["a-long-enough-secret-value"]);
    expect(env.DEMO_MODE).toBe(false);
  });

  it("splits SESSION_SECRET on commas so secrets can rotate", () => {
    expect(parseEnv({ ...valid, SESSION_SECRET: "new-secret-0123456789, old-secret-0123456789" }).SESSION_SECRET).toEqual([
      "new-secret-0123456789",
      "old-secret-0123456789",
    ]);
  });

  it("names a missing variable", () => {
    expect(() => parseEnv({ DATABASE_URL: valid.DATABASE_URL })).toThrowError(/SESSION_SECRET is missing/);
  });

  it("names every malformed variable", () => {
    let error: unknown;
    try {
      parseEnv({ ...valid, DATABASE_URL: "mysql://x", PORT: "eighty", SMTP_URL: "mail.example.com" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EnvError);
    const message = (error as Error).message;
    expect(message).toMatch(/DATABASE_URL is malformed/);
    expect(message).toMatch(/PORT is malformed/);
    expect(message).toMatch(/SMTP_URL is malformed/);
  });

  it("keeps POC transcripts 90 days after closing unless TRANSCRIPT_RETENTION_DAYS says otherwise", () => {
    expect(parseEnv(valid).TRANSCRIPT_RETENTION_DAYS).toBe(90);
    expect(parseEnv({ ...valid, TRANSCRIPT_RETENTION_DAYS: "30" }).TRANSCRIPT_RETENTION_DAYS).toBe(30);
    expect(parseEnv({ ...valid, TRANSCRIPT_RETENTION_DAYS: "0" }).TRANSCRIPT_RETENTION_DAYS).toBe(0);
    for (const bad of ["ninety", "-1", "1.5", "99999"]) expect(() => parseEnv({ ...valid, TRANSCRIPT_RETENTION_DAYS: bad })).toThrowError(/TRANSCRIPT_RETENTION_DAYS is malformed/);
  });
});
