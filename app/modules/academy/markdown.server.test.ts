import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./markdown.server.ts";

describe("renderMarkdown", () => {
  it("renders Markdown with highlighted code", () => {
    const html = renderMarkdown("## Install\n\n```js\nSentry.init({ dsn: 'x' });\n```\n");
    expect(html).toContain("<h2>Install</h2>");
    expect(html).toContain('<code class="hljs language-js">');
    expect(html).toMatch(/<span class="hljs-title[^"]*">init<\/span>/);
  });

  it("makes code blocks and tables focusable, so a keyboard can scroll them (and no author can set another tabindex)", () => {
    const html = renderMarkdown('```js\nSentry.init({ dsn: "x" });\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n<pre tabindex="-1" class="x">raw</pre>');
    expect(html).toMatch(/<pre tabindex="0"><code class="hljs language-js">/);
    expect(html).toContain('<table tabindex="0">');
    expect(html).toContain('<pre tabindex="0">raw</pre>');
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

  it("shows images from this site only: a remote image (a tracking pixel) becomes a link to it", () => {
    const html = renderMarkdown(
      [
        "![pixel](https://evil.example/t.png)",
        '<img src="http://evil.example/p.gif" width="1" height="1">',
        '<img src="//evil.example/x.png" alt="protocol-relative">',
        '<img src="data:image/png;base64,AAAA" alt="inline">',
        "![diagram](/media/diagram.png)",
      ].join("\n\n"),
    );
    expect(html).not.toMatch(/<img[^>]*evil\.example/);
    expect(html).not.toMatch(/<img[^>]*data:/);
    expect(html).toContain('<a href="https://evil.example/t.png" rel="noopener noreferrer nofollow">Image: pixel</a>');
    expect(html).toContain('<a href="http://evil.example/p.gif" rel="noopener noreferrer nofollow">Image: image</a>');
    expect(html).toContain('<img src="/media/diagram.png" alt="diagram" />');
    expect(html.match(/<img/g)).toHaveLength(1);
  });

  it("keeps safe links and marks external ones noopener", () => {
    expect(renderMarkdown("[docs](https://docs.sentry.io/)")).toBe(
      '<p><a href="https://docs.sentry.io/" rel="noopener noreferrer nofollow">docs</a></p>\n',
    );
  });
});
