import { describe, expect, it } from "vitest";
import { checkTokenFormat } from "./token-format.ts";

const hex = "0123456789abcdef".repeat(4);

describe("checkTokenFormat", () => {
  it("accepts user tokens and legacy 64-hex tokens, trimming whitespace", () => {
    expect(checkTokenFormat(`sntryu_${hex}`)).toEqual({
      ok: true,
      kind: "user",
    });
    expect(checkTokenFormat(`  ${hex}\n`)).toEqual({
      ok: true,
      kind: "legacy",
    });
  });

  it("refuses an org token and explains why", () => {
    const result = checkTokenFormat("sntrys_eyJpYXQiOjE3MDAwMDAwMDB9_c2VjcmV0");
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/cannot list your projects/);
  });

  it("says how a token is wrong", () => {
    expect(checkTokenFormat("")).toMatchObject({
      ok: false,
      message: expect.stringMatching(/Paste/),
    });
    expect(checkTokenFormat(`sntryu_${hex.slice(0, 60)}`)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/this one has 60/),
    });
    expect(checkTokenFormat(`sntryu_${hex.toUpperCase()}`)).toMatchObject({
      ok: false,
    });
    expect(checkTokenFormat(`sntryu_${hex.slice(0, 32)} ${hex.slice(32)}`)).toMatchObject({ ok: false, message: expect.stringMatching(/spaces/) });
    expect(checkTokenFormat("ghp_abcdef")).toMatchObject({
      ok: false,
      message: expect.stringMatching(/sntryu_/),
    });
    expect(checkTokenFormat(hex.slice(0, 40))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/64 hexadecimal/),
    });
  });
});
