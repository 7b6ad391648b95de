import { describe, expect, it } from "vitest";
import { EnvError, getEnv, parseEnv, parseStartupEnv, resetEnvForTests } from "./env.server.ts";

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

  it("validates server.ts's own settings with the rest", () => {
    const env = parseEnv(valid);
    expect(env).toMatchObject({ WEB_CONCURRENCY: 1, DATA_DIR: ".data", EMBEDDED_PG_PORT: 54329, SKIP_BUILD_CHECK: false, FAKE_SENTRY_PORT: 0, FAKE_GONG_PORT: 0, FAKE_ANTHROPIC_PORT: 0 });
    expect(parseEnv({ ...valid, WEB_CONCURRENCY: "4", SKIP_BUILD_CHECK: "true", FAKE_GONG_PORT: "3642" })).toMatchObject({ WEB_CONCURRENCY: 4, SKIP_BUILD_CHECK: true, FAKE_GONG_PORT: 3642 });
    expect(() => parseEnv({ ...valid, WEB_CONCURRENCY: "many", EMBEDDED_PG_PORT: "70000" })).toThrowError(/WEB_CONCURRENCY is malformed[\s\S]*EMBEDDED_PG_PORT is malformed/);
  });

  it("keeps media on local disk unless S3_BUCKET names a bucket, and checks the S3 settings (decision 034)", () => {
    const local = parseEnv(valid);
    expect([local.S3_BUCKET, local.S3_ENDPOINT, local.S3_REGION, local.S3_FORCE_PATH_STYLE]).toEqual([undefined, undefined, "us-east-1", false]);
    const blank = parseEnv({ ...valid, S3_BUCKET: "", S3_REGION: "", S3_ENDPOINT: "" });
    expect([blank.S3_BUCKET, blank.S3_ENDPOINT, blank.S3_REGION]).toEqual([undefined, undefined, "us-east-1"]);
    const s3 = { ...valid, S3_BUCKET: "academy-media", S3_ENDPOINT: "http://127.0.0.1:4568", S3_REGION: "eu-west-1", S3_ACCESS_KEY_ID: "id", S3_SECRET_ACCESS_KEY: "secret", S3_FORCE_PATH_STYLE: "true" };
    expect(parseEnv(s3)).toMatchObject({ S3_BUCKET: "academy-media", S3_ENDPOINT: "http://127.0.0.1:4568", S3_REGION: "eu-west-1", S3_FORCE_PATH_STYLE: true });
    expect(() => parseEnv({ ...s3, S3_BUCKET: "Media_Files" })).toThrowError(/S3_BUCKET is malformed: must be an S3 bucket name/);
    expect(() => parseEnv({ ...s3, S3_ENDPOINT: "not a url" })).toThrowError(/S3_ENDPOINT is malformed/);
    expect(() => parseEnv({ ...s3, S3_FORCE_PATH_STYLE: "yes" })).toThrowError(/S3_FORCE_PATH_STYLE is malformed/);
    expect(() => parseEnv({ ...s3, S3_REGION: "EU West" })).toThrowError(/S3_REGION is malformed/);
    // Half a key pair is named, in both schemas.
    expect(() => parseEnv({ ...s3, S3_SECRET_ACCESS_KEY: undefined })).toThrowError(/S3_SECRET_ACCESS_KEY is missing: is needed with the other S3 key/);
    expect(() => parseStartupEnv({ S3_BUCKET: "academy-media", S3_SECRET_ACCESS_KEY: "secret" })).toThrowError(/S3_ACCESS_KEY_ID is missing/);
    // Neither key: the SDK's own credential chain (an instance role, ~/.aws).
    expect(parseEnv({ ...s3, S3_ACCESS_KEY_ID: undefined, S3_SECRET_ACCESS_KEY: undefined }).S3_ACCESS_KEY_ID).toBeUndefined();
  });

  it("uses the default model when ANTHROPIC_MODEL is blank", () => {
    expect(parseEnv({ ...valid, ANTHROPIC_MODEL: " " }).ANTHROPIC_MODEL).toBe("claude-sonnet-4-6");
    expect(parseEnv({ ...valid, ANTHROPIC_MODEL: "claude-opus-4" }).ANTHROPIC_MODEL).toBe("claude-opus-4");
  });
});

describe("parseStartupEnv", () => {
  it("lets server.ts start without a database or a session secret, and tells it which integrations and modes were left unset", () => {
    const env = parseStartupEnv({});
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.SESSION_SECRET).toBeUndefined();
    expect(env.SENTRY_URL).toBeUndefined();
    expect(env.DEMO_MODE).toBeUndefined();
    expect(parseStartupEnv({ DATABASE_URL: "" }).DATABASE_URL).toBeUndefined();
    expect(parseStartupEnv({ DEMO_MODE: "false", SENTRY_URL: "https://sentry.example.com" })).toMatchObject({ DEMO_MODE: false, SENTRY_URL: "https://sentry.example.com" });
  });

  it("still names every malformed variable", () => {
    expect(() => parseStartupEnv({ DATABASE_URL: "mysql://x", PORT: "eighty" })).toThrowError(/DATABASE_URL is malformed/);
    expect(() => parseStartupEnv({ DATABASE_URL: "mysql://x", PORT: "eighty" })).toThrowError(/PORT is malformed/);
  });
});

describe("getEnv", () => {
  it("parses process.env once, and again after resetEnvForTests", () => {
    const saved = process.env.PAGE_CACHE_SECONDS;
    try {
      process.env.PAGE_CACHE_SECONDS = "7";
      resetEnvForTests();
      expect(getEnv().PAGE_CACHE_SECONDS).toBe(7);
      process.env.PAGE_CACHE_SECONDS = "8";
      expect(getEnv().PAGE_CACHE_SECONDS).toBe(7);
      resetEnvForTests();
      expect(getEnv().PAGE_CACHE_SECONDS).toBe(8);
    } finally {
      if (saved === undefined) delete process.env.PAGE_CACHE_SECONDS;
      else process.env.PAGE_CACHE_SECONDS = saved;
      resetEnvForTests();
    }
  });
});
