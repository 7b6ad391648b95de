import { describe, expect, it } from "vitest";
import { hashKey, ipKey, limitedAnswer, retryMessage } from "./rate-limit.server.ts";

describe("rate-limit answers", () => {
  it("say when to try again in seconds, minutes or hours", () => {
    expect(retryMessage(1)).toBe("Try again in 1 second.");
    expect(retryMessage(45)).toBe("Try again in 45 seconds.");
    expect(retryMessage(60)).toBe("Try again in 1 minute.");
    expect(retryMessage(61)).toBe("Try again in 2 minutes.");
    expect(retryMessage(720)).toBe("Try again in 12 minutes.");
    expect(retryMessage(3 * 3600)).toBe("Try again in 3 hours.");
  });

  it("carry Retry-After in whole seconds (at least 1) and the policy's message and hint", () => {
    const limited = limitedAnswer("login-account-ip", 11.5 * 60_000);
    expect(limited.headers).toEqual({ "Retry-After": "690" });
    expect(limited.message).toBe("Too many sign-in attempts. Try again in 12 minutes. Forgot your password? Resetting it lets you sign in straight away.");
    expect(limitedAnswer("signup", 0).retryAfterSeconds).toBe(1);
  });
});

describe("keys", () => {
  it("are hashes that fit the column and keep the parts apart", () => {
    const key = hashKey("someone@example.com", "192.0.2.1");
    expect(key).toMatch(/^[\w-]{22}\.[\w-]{22}$/);
    expect(key.startsWith(`${hashKey("someone@example.com")}.`)).toBe(true);
    expect(hashKey("a", "bc")).not.toBe(hashKey("ab", "c"));
  });

  it("count an IPv6 client by its /64 and an IPv4-mapped address as IPv4", () => {
    expect(ipKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(ipKey("2001:db8:0:0:ffff::2")).toBe(ipKey("2001:db8::1"));
    expect(ipKey("::ffff:198.51.100.4")).toBe("198.51.100.4");
    expect(ipKey("198.51.100.4")).toBe("198.51.100.4");
    expect(ipKey("unknown")).toBe("unknown");
  });
});
