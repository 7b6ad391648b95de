import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./markdown.server.ts";

describe("renderMarkdown", () => {
  it("renders Markdown with highlighted code", () => {
    const html = renderMarkdown("## Install\n\n```js\nSentry.init({ dsn: 'x' });\n```\n");
    expect(html).toContain("<h2>Install</h2>");
    expect(html).toContain('<code class="hljs language-js">');
    expect(html).toMatch(/<span class="hljs-title[^"]*">init<\/span>/);
  });

  it("makes scripts, event handlers and javascript: links inert", () => {
    const html = renderMarkdown(
      [
        "<script>alert('xss')</script>",
        '<img src="x" onerror="alert(1)">',
        "[click me](javascript:alert(1))",
        '<a href="javascript:alert(2)">raw link</a>',
        '<div onclick="alert(3)" style="color:red">div</div>',
        "<iframe src='https://evil.example'></iframe>",
      ].join("\n\n"),
    );
    expect(html).not.toMatch(/<script|onerror|onclick|javascript:|<iframe|style=/i);
    expect(html).toContain("click me");
    expect(html).toContain("raw link");
    expect(html).toContain('<img src="x" />');
  });

  it("keeps safe links and marks external ones noopener", () => {
    expect(renderMarkdown("[docs](https://docs.sentry.io/)")).toBe(
      '<p><a href="https://docs.sentry.io/" rel="noopener noreferrer nofollow">docs</a></p>\n',
    );
  });
});
