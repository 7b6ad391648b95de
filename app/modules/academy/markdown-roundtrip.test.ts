import path from "node:path";
import type { JSONContent } from "@tiptap/core";
import { describe, expect, it } from "vitest";
import { splitFrontMatter } from "./content-format.ts";
import { readContentDir } from "./importer.server.ts";
import { docToMarkdown, libraryImagePath, markdownToDoc } from "./markdown-roundtrip.ts";

const CONTENT = path.resolve(import.meta.dirname, "../../../prisma/seed/content");
const files = [...readContentDir(CONTENT)];
const bodies = files.map(([file, source]) => ({ file, body: splitFrontMatter(source).body }));
const lessons = bodies.filter((_body, i) => (splitFrontMatter(files[i][1]).data as { type?: string }).type === "lesson");

const roundTrip = (markdown: string) => docToMarkdown(markdownToDoc(markdown));
/** Counts the nodes of a document by type: what a round trip must keep. */
function census(doc: JSONContent, counts: Record<string, number> = {}) {
  counts[doc.type ?? "?"] = (counts[doc.type ?? "?"] ?? 0) + 1;
  for (const mark of doc.marks ?? []) counts[`mark:${mark.type}`] = (counts[`mark:${mark.type}`] ?? 0) + 1;
  for (const child of doc.content ?? []) census(child, counts);
  return counts;
}

describe("the visual editor's Markdown round trip (decision 038)", () => {
  it("reads the whole starter catalogue", () => {
    expect(lessons.length).toBeGreaterThanOrEqual(70);
    // Every construct the catalogue uses reaches the editor as itself, not as literal text (its bodies hold no
    // links or images: resources are front matter; the style test below covers both).
    const all = census({ type: "doc", content: lessons.map(({ body }) => markdownToDoc(body)) });
    for (const type of ["heading", "paragraph", "bulletList", "orderedList", "codeBlock", "table", "tableHeader", "blockquote", "mark:bold", "mark:italic", "mark:code"]) {
      expect(all[type], type).toBeGreaterThan(0);
    }
  });

  it.each(lessons.map(({ file, body }) => [file, body]))("gives every lesson body back unchanged: %s", (_file, body) => {
    expect(roundTrip(body)).toBe(body);
  });

  it("gives course descriptions, quiz introductions and learning paths back unchanged too", () => {
    const others = bodies.filter((b) => !lessons.includes(b) && b.body !== "");
    expect(others.length).toBeGreaterThan(10);
    for (const { file, body } of others) expect(roundTrip(body), file).toBe(body);
  });

  it("writes the catalogue's style for what an author makes in the editor", () => {
    const style = [
      "## Heading\n\nSome *emphasis*, **strong**, `code` and [a link](/courses/x).",
      "- one\n- two\n  - nested\n\n1. first\n2. second",
      "| Name | Value |\n| --- | ---: |\n| a | `b` |",
      "```python\nprint('hi')\n```",
      "line one  \nline two",
      `![A diagram](${libraryImagePath("cm123")})`,
      "See https://docs.sentry.io/product/ for more.",
    ];
    for (const markdown of style) expect(roundTrip(markdown)).toBe(markdown);
  });

  it("never changes text an author typed, escaping only what would be read as syntax", () => {
    const texts = [
      "2*3*4 and a * b",
      "# not a heading",
      "1. not a list",
      "- not a list either",
      "> not a quote",
      "a < b && c > d, <div> and &amp;",
      "snake_case, _under_, ~300 and ~~tilde~~",
      "C:\\path\\ and \\*",
      "[not](a link) and `not code`",
    ];
    for (const text of texts) {
      const doc = { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] };
      const markdown = docToMarkdown(doc);
      expect(markdownToDoc(markdown), `${text} → ${markdown}`).toEqual(doc);
    }
    // Only where it must: these stay as typed.
    expect(docToMarkdown(markdownToDoc("a * b, snake_case, ~300 users, a < b & c > d"))).toBe("a * b, snake_case, ~300 users, a < b & c > d");
  });

  it("keeps code that holds a fence in a longer fence, and the language", () => {
    const doc = { type: "doc", content: [{ type: "codeBlock", attrs: { language: "markdown" }, content: [{ type: "text", text: "```js\nx\n```" }] }] };
    expect(docToMarkdown(doc)).toBe("````markdown\n```js\nx\n```\n````");
    expect(markdownToDoc(docToMarkdown(doc))).toEqual(doc);
  });

  it("drops empty paragraphs (lesson Markdown has none) and reads an empty body as one empty paragraph", () => {
    expect(markdownToDoc("")).toEqual({ type: "doc", content: [{ type: "paragraph" }] });
    expect(docToMarkdown(markdownToDoc(""))).toBe("");
    const doc = { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "a" }] }, { type: "paragraph" }, { type: "paragraph", content: [{ type: "text", text: "b" }] }] };
    expect(docToMarkdown(doc)).toBe("a\n\nb");
  });
});
