import { describe, expect, it } from "vitest";
import { scrub, scrubString } from "./scrub.ts";

const userToken = `sntryu_${"a1".repeat(32)}`;

describe("scrub", () => {
  it("redacts Sentry, OAuth and API tokens and Bearer headers", () => {
    expect(scrubString(`failed with ${userToken} and ${"f0".repeat(32)}`)).toBe("failed with [redacted] and [redacted]");
    expect(scrubString("Authorization: Bearer abc.def")).toBe("Authorization: Bearer [redacted]");
    expect(scrubString(`sa_${"x".repeat(30)}`)).toBe("[redacted]");
  });

  it("redacts email addresses (personal data)", () => {
    expect(scrubString("no account for dana.whitfield@northwind.example (sign-up)")).toBe("no account for [redacted] (sign-up)");
    expect(scrubString("version 1.2.3 at 10:00")).toBe("version 1.2.3 at 10:00");
    const blob = "a".repeat(200_000);
    expect(scrubString(blob)).toBe(blob); // no quadratic backtracking on a long run without an @
  });

  it("drops credential-named keys in nested objects", () => {
    const event = { message: `oops ${userToken}`, request: { headers: { Authorization: "Bearer x", Accept: "json" } }, extra: [{ accessToken: "y" }] };
    expect(scrub(event)).toEqual({ message: "oops [redacted]", request: { headers: { Authorization: "[redacted]", Accept: "json" } }, extra: [{ accessToken: "[redacted]" }] });
  });
});
