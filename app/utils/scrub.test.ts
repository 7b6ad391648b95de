import { describe, expect, it } from "vitest";
import { scrub, scrubString } from "./scrub.ts";

const userToken = `sntryu_${"a1".repeat(32)}`;

describe("scrub", () => {
  it("redacts Sentry, OAuth and API tokens and Bearer headers", () => {
    expect(scrubString(`failed with ${userToken} and ${"f0".repeat(32)}`)).toBe("failed with [redacted] and [redacted]");
    expect(scrubString("Authorization: Bearer abc.def")).toBe("Authorization: Bearer [redacted]");
    expect(scrubString(`sa_${"x".repeat(30)}`)).toBe("[redacted]");
  });

  it("drops credential-named keys in nested objects", () => {
    const event = { message: `oops ${userToken}`, request: { headers: { Authorization: "Bearer x", Accept: "json" } }, extra: [{ accessToken: "y" }] };
    expect(scrub(event)).toEqual({ message: "oops [redacted]", request: { headers: { Authorization: "[redacted]", Accept: "json" } }, extra: [{ accessToken: "[redacted]" }] });
  });
});
