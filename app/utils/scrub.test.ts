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

  it("redacts the customer share token in portal and API URLs, keeping the path", () => {
    const token = "Zx8_k2-Qm4rT7vW9yB1cD3eF5gH6jK0l";
    expect(scrubString(`https://academy.example/customer/${token}/plan?x=1`)).toBe("https://academy.example/customer/[redacted]/plan?x=1");
    expect(scrubString(`GET /api/v1/customer/${token}/milestones/abc`)).toBe("GET /api/v1/customer/[redacted]/milestones/abc");
    expect(scrub({ request: { url: `/customer/${token}` }, breadcrumbs: [{ data: { to: `/customer/${token}/team` } }] })).toEqual({
      request: { url: "/customer/[redacted]" },
      breadcrumbs: [{ data: { to: "/customer/[redacted]/team" } }],
    });
    // Other paths and short segments stay.
    expect(scrubString("/customer/abc and /staff/pocs/cm1234567890abcdefghijkl")).toBe("/customer/abc and /staff/pocs/cm1234567890abcdefghijkl");
  });

  it("drops credential-named keys in nested objects", () => {
    const event = { message: `oops ${userToken}`, request: { headers: { Authorization: "Bearer x", Accept: "json" } }, extra: [{ accessToken: "y" }] };
    expect(scrub(event)).toEqual({ message: "oops [redacted]", request: { headers: { Authorization: "[redacted]", Accept: "json" } }, extra: [{ accessToken: "[redacted]" }] });
  });
});
