import { describe, expect, it } from "vitest";
import { ttlCache } from "./ttl-cache.ts";

describe("ttlCache", () => {
  it("reuses a value within its time to live and loads again after", async () => {
    const cache = ttlCache<string, number>({ ttlMs: 1000, maxEntries: 10 });
    let loads = 0;
    const load = async () => ++loads;
    expect(await cache.get("a", load, 0)).toBe(1);
    expect(await cache.get("a", load, 999)).toBe(1);
    expect(await cache.get("a", load, 1000)).toBe(2);
  });

  it("does not keep a failed load", async () => {
    const cache = ttlCache<string, number>({ ttlMs: 1000, maxEntries: 10 });
    await expect(cache.get("a", () => Promise.reject(new Error("db down")), 0)).rejects.toThrow("db down");
    expect(await cache.get("a", async () => 7, 1)).toBe(7);
  });

  it("evicts the oldest entry beyond its size", async () => {
    const cache = ttlCache<string, string>({ ttlMs: 1000, maxEntries: 2 });
    await cache.get("a", async () => "a1", 0);
    await cache.get("b", async () => "b1", 0);
    await cache.get("c", async () => "c1", 0);
    expect(await cache.get("a", async () => "a2", 1)).toBe("a2");
    expect(await cache.get("c", async () => "c2", 1)).toBe("c1");
  });
});
