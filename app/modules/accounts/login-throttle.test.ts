import { describe, expect, it } from "vitest";
import { MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_IP, THROTTLE_WINDOW_MS, throttleDecision, throttleMessage } from "./login-throttle.ts";

const now = new Date("2026-11-22T12:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);
const times = (n: number, spacingMs = 1000) => Array.from({ length: n }, (_, i) => ago((n - i) * spacingMs));

describe("throttleDecision", () => {
  it("allows attempts below the per-account limit", () => {
    expect(throttleDecision(times(MAX_FAILURES_PER_ACCOUNT - 1), [], now)).toEqual({ blocked: false });
  });

  it("blocks an account at the limit until the oldest counted failure leaves the window", () => {
    const failures = times(MAX_FAILURES_PER_ACCOUNT, 60_000); // oldest 5 min ago
    const decision = throttleDecision(failures, failures, now);
    expect(decision).toEqual({ blocked: true, scope: "account", retryAfterMs: THROTTLE_WINDOW_MS - 5 * 60_000 });
  });

  it("ignores failures older than the window", () => {
    const old = Array.from({ length: 10 }, () => ago(THROTTLE_WINDOW_MS + 1000));
    expect(throttleDecision(old, old, now)).toEqual({ blocked: false });
  });

  it("blocks an IP that fails across many accounts", () => {
    const decision = throttleDecision([ago(1000)], times(MAX_FAILURES_PER_IP), now);
    expect(decision.blocked && decision.scope).toBe("ip");
  });

  it("explains the wait in whole minutes", () => {
    expect(throttleMessage({ blocked: true, scope: "account", retryAfterMs: 61_000 })).toMatch(/for this account\. Try again in 2 minutes/);
    expect(throttleMessage({ blocked: true, scope: "ip", retryAfterMs: 30_000 })).toMatch(/from your network\. Try again in 1 minute\./);
  });
});
