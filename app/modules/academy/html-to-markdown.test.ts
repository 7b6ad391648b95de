import path from "node:path";
import { describe, expect, it } from "vitest";
import { splitFrontMatter } from "./content-format.ts";
import { htmlToMarkdown, sameText } from "./html-to-markdown.ts";
import { readContentDir } from "./importer.server.ts";
import { renderMarkdown } from "./markdown.server.ts";

const roundTrip = (markdown: string) => renderMarkdown(htmlToMarkdown(renderMarkdown(markdown)));

describe("htmlToMarkdown", () => {
  it("writes the sanitised tags back as Markdown", () => {
    const markdown = [
      "## Set up",
      "Call `Sentry.init()` **once**, _early_, and read [the docs](https://docs.sentry.io/ \"Docs\").",
      "- one\n- two with `code`\n  - nested",
      "3. three\n4. four",
      "> Quoted *text*\n>\n> over two paragraphs",
      "```js\nconst a = 1 < 2 && \"x\";\n```",
      "| Name | Count |\n| :--- | ---: |\n| a \\| b | 2 |",
      "---",
      "![A chart](https://example.com/chart.png)",
    ].join("\n\n");
    expect(roundTrip(markdown)).toBe(renderMarkdown(markdown));
    expect(htmlToMarkdown(renderMarkdown("Fish &amp; chips <3"))).toBe("Fish & chips <3");
  });

  it("round-trips every course description and lesson of the starter catalogue", () => {
    const files = readContentDir(path.resolve(import.meta.dirname, "../../../prisma/seed/content"));
    let checked = 0;
    for (const [file, source] of files) {
      const { body } = splitFrontMatter(source);
      if (!body) continue;
      expect(roundTrip(body), file).toBe(renderMarkdown(body));
      checked++;
    }
    expect(checked).toBeGreaterThan(50);
  });
});

describe("sameText", () => {
  it("ignores line endings and outer whitespace only", () => {
    expect(sameText("a\r\nb\n", "a\nb")).toBe(true);
    expect(sameText("a b", "a  b")).toBe(false);
  });
});
