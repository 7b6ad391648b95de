import { describe, expect, it } from "vitest";
import { safeUrl } from "~/modules/academy/fields.ts";
import { isSafeUrl, safeHref, URL_RULE_MESSAGE } from "./safe-url.ts";

describe("the URL rule", () => {
  it.each(["https://docs.sentry.io/platforms/javascript/", "http://example.com/a?b=c#d", "HTTPS://EXAMPLE.COM", "/media/intro.mp4", "/"])("accepts %s", (url) => {
    expect(isSafeUrl(url)).toBe(true);
    expect(safeHref(url)).toBe(url);
  });

  it.each([
    "javascript:fetch('/admin/users',{method:'POST'})",
    "JavaScript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "ftp://example.com/file",
    "//evil.example/x",
    "/\\evil.example",
    "/\t/evil.example",
    "java\tscript:alert(1)",
    " javascript:alert(1)",
    "https://exa mple.com",
    "https://",
    "media/intro.mp4",
    "",
  ])("refuses %j", (url) => {
    expect(isSafeUrl(url)).toBe(false);
    expect(safeHref(url)).toBeUndefined();
  });

  it("is a Zod field with one message (trimmed, bounded)", () => {
    expect(safeUrl().parse("  https://example.com/x  ")).toBe("https://example.com/x");
    const refused = safeUrl().safeParse("javascript:alert(1)");
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0].message).toBe(URL_RULE_MESSAGE);
    expect(safeUrl(20).safeParse(`https://example.com/${"x".repeat(20)}`).success).toBe(false);
  });

  it("renders nothing for what isn't a string", () => {
    expect(safeHref(null)).toBeUndefined();
    expect(safeHref(42)).toBeUndefined();
  });
});
