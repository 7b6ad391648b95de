import { describe, expect, it } from "vitest";
import { shortTitle, truncate } from "./text.ts";

describe("truncate", () => {
  it("cuts long labels with an ellipsis", () => {
    expect(truncate("Short", 10)).toBe("Short");
    expect(truncate("Setting up release health", 12)).toBe("Setting up…");
  });
});

describe("shortTitle", () => {
  it("keeps titles up to 40 characters and cuts longer ones to 40 with an ellipsis", () => {
    expect(shortTitle("Kick-off call")).toBe("Kick-off call");
    const long = "Kick-off call: goals, scope and success criteria agreed";
    expect(shortTitle(long)).toBe("Kick-off call: goals, scope and success…");
    expect(shortTitle(long)).toHaveLength(40);
  });
});
