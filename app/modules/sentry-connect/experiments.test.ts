/** The pure half of A/B assignment: stable hashing and weighted picks (no database). */
import { describe, expect, it } from "vitest";
import { EXPERIMENTS, findExperiment } from "~/data/experiments.ts";
import { hashToUnit, pickVariant } from "./experiments.server.ts";

const users = (n: number) => Array.from({ length: n }, (_, i) => `user-${i.toString(36).padStart(6, "0")}`);

function shares(
  experiment: {
    id: string;
    variants: readonly { id: string; weight: number }[];
  },
  ids: string[]
) {
  const counts = new Map<string, number>();
  for (const id of ids) {
    const v = pickVariant(experiment, id).id;
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return Object.fromEntries([...counts].map(([k, c]) => [k, c / ids.length]));
}

describe("hashToUnit", () => {
  it("is the same for the same experiment and user, in [0, 1)", () => {
    for (const id of users(200)) {
      const x = hashToUnit("sentry-value-prop", id);
      expect(x).toBe(hashToUnit("sentry-value-prop", id));
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
  });

  it("does not change between releases (stored assignments aside, new users must land where they did)", () => {
    // SHA-256("sentry-value-prop:ckuser0001"), first 4 bytes, over 2^32.
    expect(hashToUnit("sentry-value-prop", "ckuser0001")).toBe(0xcfd06120 / 2 ** 32);
  });

  it("hashes the experiment id too, so experiments split users independently", () => {
    const ids = users(2000);
    const a = ids.map((id) => hashToUnit("exp-a", id) < 0.5);
    const b = ids.map((id) => hashToUnit("exp-b", id) < 0.5);
    const same = a.filter((x, i) => x === b[i]).length / ids.length;
    expect(same).toBeGreaterThan(0.45);
    expect(same).toBeLessThan(0.55);
  });
});

describe("pickVariant", () => {
  const ids = users(20_000);

  it("splits equal weights evenly", () => {
    const experiment = {
      id: "even",
      variants: [
        { id: "a", weight: 1 },
        { id: "b", weight: 1 },
        { id: "c", weight: 1 },
      ],
    };
    const s = shares(experiment, ids);
    for (const v of ["a", "b", "c"]) expect(Math.abs(s[v] - 1 / 3)).toBeLessThan(0.02);
  });

  it("follows unequal weights", () => {
    const s = shares(
      {
        id: "uneven",
        variants: [
          { id: "big", weight: 3 },
          { id: "small", weight: 1 },
        ],
      },
      ids
    );
    expect(Math.abs(s.big - 0.75)).toBeLessThan(0.02);
    expect(Math.abs(s.small - 0.25)).toBeLessThan(0.02);
  });

  it("never picks a paused variant (weight 0)", () => {
    const s = shares(
      {
        id: "paused",
        variants: [
          { id: "on", weight: 2 },
          { id: "off", weight: 0 },
          { id: "also-on", weight: 2 },
        ],
      },
      ids
    );
    expect(s.off).toBeUndefined();
    expect(Math.abs(s.on - 0.5)).toBeLessThan(0.02);
  });

  it("is stable per user, and a weight change only moves some users", () => {
    const before = {
      id: "shift",
      variants: [
        { id: "a", weight: 1 },
        { id: "b", weight: 1 },
      ],
    };
    const after = {
      id: "shift",
      variants: [
        { id: "a", weight: 3 },
        { id: "b", weight: 1 },
      ],
    };
    const sample = ids.slice(0, 2000);
    for (const id of sample) expect(pickVariant(before, id)).toBe(pickVariant(before, id));
    // Going from 50/50 to 75/25 moves only b-users into a, never the other way.
    for (const id of sample) if (pickVariant(before, id).id === "a") expect(pickVariant(after, id).id).toBe("a");
  });

  it("refuses an experiment with nothing to show", () => {
    expect(() => pickVariant({ id: "empty", variants: [{ id: "a", weight: 0 }] }, "u")).toThrow(/no variant with a positive weight/);
  });
});

describe("the experiments data", () => {
  it("has the value-proposition test with 2-3 variants, unique ids and complete copy", () => {
    const experiment = findExperiment("sentry-value-prop");
    expect(experiment).toBeDefined();
    expect(experiment!.variants.length).toBeGreaterThanOrEqual(2);
    expect(experiment!.variants.length).toBeLessThanOrEqual(3);
    for (const e of EXPERIMENTS) {
      expect(new Set(e.variants.map((v) => v.id)).size).toBe(e.variants.length);
      expect(e.variants.some((v) => v.weight > 0)).toBe(true);
      for (const v of e.variants) {
        expect(v.headline && v.body && v.cta).toBeTruthy();
        // Honest copy: no invented figures ("500+ developers", "40% less debugging").
        expect(`${v.headline} ${v.body} ${v.cta}`).not.toMatch(/\d/);
      }
    }
  });
});
