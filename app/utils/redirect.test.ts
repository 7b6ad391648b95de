import { describe, expect, it } from "vitest";
import { safeRedirect } from "./redirect.ts";

describe("safeRedirect", () => {
  it("keeps paths on this site, with their query and hash", () => {
    expect(safeRedirect("/account?tab=sessions")).toBe("/account?tab=sessions");
    expect(safeRedirect("/courses/a/lessons/b#notes")).toBe("/courses/a/lessons/b#notes");
    expect(safeRedirect("/")).toBe("/");
  });

  it.each([
    ["a tab between slashes (the report's open redirect)", "/\t/evil.example/"],
    ["a newline between slashes", "/\n/evil.example/"],
    ["CR/LF (header injection, a 500 before)", "/\r\nx"],
    ["NUL", "/\u0000/evil.example"],
    ["DEL", "/\u007f"],
    ["protocol-relative", "//evil.example.com/"],
    ["a backslash", "/\\evil.example"],
    ["a backslash further on", "/x/..\\..\\/evil.example"],
    ["an absolute URL", "https://evil.example/"],
    ["javascript:", "javascript:alert(1)"],
    ["a relative path without /", "dashboard"],
    ["empty", ""],
  ])("refuses %s", (_name, to) => {
    expect(safeRedirect(to)).toBe("/dashboard");
    expect(safeRedirect(to, "/elsewhere")).toBe("/elsewhere");
  });

  it("refuses what isn't a string", () => {
    expect(safeRedirect(null)).toBe("/dashboard");
    expect(safeRedirect(undefined)).toBe("/dashboard");
  });

  it("never answers a value that leaves the origin when a browser resolves it", () => {
    for (const to of ["/%09/evil.example", "/./evil.example", "/..//evil.example", "/%2F%2Fevil.example"]) {
      const target = new URL(safeRedirect(to), "https://academy.example");
      expect(target.origin, to).toBe("https://academy.example");
    }
  });
});
