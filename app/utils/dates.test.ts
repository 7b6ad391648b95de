import { describe, expect, it } from "vitest";
import { formatDateTime, formatDay, formatIsoMinute, formatOptionalDay, formatRange } from "./dates.ts";

describe("dates: one format for staff, learners and customers (UTC)", () => {
  it("writes calendar days as day, short month, year", () => {
    expect(formatDay("2030-01-06")).toBe("6 Jan 2030");
    expect(formatDay(new Date("2030-01-06T23:30:00Z"))).toBe("6 Jan 2030");
    expect(formatDateTime("2030-01-06T09:05:00Z")).toBe("6 Jan 2030, 09:05 UTC");
    expect(formatIsoMinute("2030-01-06T09:05:00Z")).toBe("2030-01-06 09:05 UTC");
  });
  it("leaves missing or invalid days to the caller's words", () => {
    expect(formatOptionalDay(null)).toBeNull();
    expect(formatOptionalDay("not a date")).toBeNull();
    expect(formatOptionalDay("2030-02-06")).toBe("6 Feb 2030");
  });
  it("writes ranges", () => {
    expect(formatRange("2030-01-06", "2030-02-06")).toBe("6 Jan 2030 to 6 Feb 2030");
    expect(formatRange(null, "2030-02-06")).toBe("until 6 Feb 2030");
    expect(formatRange(null, null)).toBe("no dates set");
  });
});
