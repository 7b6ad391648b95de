import { describe, expect, it } from "vitest";
import { niceTicks, spreadIndexes } from "./scale.ts";

describe("niceTicks", () => {
  it("steps by round numbers up to the maximum or just past it", () => {
    expect(niceTicks(100)).toEqual([0, 25, 50, 75, 100]);
    expect(niceTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(niceTicks(1234)).toEqual([0, 500, 1000, 1500]);
    expect(niceTicks(3)).toEqual([0, 1, 2, 3]);
  });

  it("uses whole numbers for small counts and copes with nothing to show", () => {
    expect(niceTicks(1)).toEqual([0, 1]);
    expect(niceTicks(0)).toEqual([0, 1]);
  });
});

describe("spreadIndexes", () => {
  it("keeps the first and last point and spreads the rest", () => {
    expect(spreadIndexes(3, 6)).toEqual([0, 1, 2]);
    expect(spreadIndexes(53, 5)).toEqual([0, 13, 26, 39, 52]);
  });
});
