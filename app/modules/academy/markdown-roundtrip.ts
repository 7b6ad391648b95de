/**
 * The visual lesson editor's Markdown (decision 038): one extension set and one
 * serialiser, shared by the studio's Tiptap editor (components/studio/markdown-editor.tsx)
 * and by the round-trip test over the whole starter catalogue. No DOM needed, so
 * the test runs in Node with exactly what the browser runs.
 *
 * The dialect is the app's renderer's (markdown.server.ts: marked, GFM, no soft
 * breaks; Tiptap's copy of `marked`, same options), and Tiptap's extras the
 * renderer does not know are switched off (underline, roman/letter ordered lists, the
 * table pipe pre-processor). The serialiser writes the catalogue's style:
 * `-` bullets, `*em*`, `**strong**`, ``` fences with the language, compact
 * tables (`| a | b |` / `| --- | --- |`), two-space hard breaks, and escapes a
 * character only where it would otherwise be read as syntax. Every top-level
 * block it writes is parsed again and compared with the block it came from;
 * when they differ (a `2*3*4` that minimal escaping would turn into emphasis)
 * the block is written again with every special character escaped, so the
 * editor can change style but never content.
 */
import { getSchema, type AnyExtension, type JSONContent, type MarkdownParseHelpers, type MarkdownRendererHelpers, type MarkdownToken, type RenderContext } from "@tiptap/core";
import Image from "@tiptap/extension-image";
import { Table, TableCell, TableHeader, TableRow } from "@tiptap/extension-table";
import { MarkdownManager } from "@tiptap/markdown";
import StarterKit from "@tiptap/starter-kit";

/** Code block languages offered by the picker: the ones the starter catalogue uses (highlight.js names). */
export const CODE_LANGUAGES = [
  "bash", "css", "dart", "diff", "go", "groovy", "http", "java", "javascript", "json", "jsx", "kotlin", "markdown",
  "nginx", "php", "python", "ruby", "sql", "swift", "text", "typescript", "xml", "yaml",
] as const;

/** A library image's stable, unsigned path; the page signs it when it renders (signing.server.ts). */
export const libraryImagePath = (assetId: string) => `/files/${encodeURIComponent(assetId)}/original`;

const ALIGN_MARKER = { left: ":---", center: ":---:", right: "---:" } as Record<string, string>;

/** GFM table, the catalogue's compact style: `| a | b |`, `| --- | --- |`, one line per row, no padding. */
function renderTable(node: JSONContent, h: MarkdownRendererHelpers) {
  const rows = (node.content ?? []).map((row) =>
    (row.content ?? []).map((cell) => {
      const text = (cell.content ?? []).map((child) => h.renderChildren(child)).join("<br>");
      return {
        // A cell is one line: hard breaks become <br> (marked reads them back as line breaks), pipes are escaped.
        text: text.replace(/[ \t]*\n[ \t]*/g, "<br>").replace(/\\.|\|/g, (m) => (m === "|" ? "\\|" : m)),
        header: cell.type === "tableHeader",
        align: typeof cell.attrs?.align === "string" ? cell.attrs.align : null,
      };
    }),
  );
  if (rows.length === 0) return "";
  const columns = Math.max(...rows.map((r) => r.length));
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  const cellsOf = (row: (typeof rows)[number]) => Array.from({ length: columns }, (_, i) => row[i]?.text ?? "");
  const hasHeader = rows[0].some((c) => c.header);
  const aligns = Array.from({ length: columns }, (_, i) => rows.map((r) => r[i]?.align).find(Boolean) ?? null);
  return [
    line(hasHeader ? cellsOf(rows[0]) : Array.from({ length: columns }, () => "")),
    line(aligns.map((a) => (a && ALIGN_MARKER[a]) || "---")),
    ...(hasHeader ? rows.slice(1) : rows).map((r) => line(cellsOf(r))),
  ].join("\n");
}

/** Code blocks: a fence longer than any run of backticks inside, so code holding ``` stays code. */
function renderCodeBlock(node: JSONContent, h: MarkdownRendererHelpers) {
  const code = node.content ? h.renderChildren(node.content) : "";
  const longest = Math.max(0, ...(code.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(Math.max(3, longest + 1));
  return code === "" ? `${fence}${node.attrs?.language ?? ""}\n${fence}` : `${fence}${node.attrs?.language ?? ""}\n${code}\n${fence}`;
}

/** Links: a bare https://… stays bare (a GFM autolink), as the catalogue writes it; `markText` is the link's text. */
function renderLink(node: JSONContent, h: MarkdownRendererHelpers, ctx?: RenderContext) {
  const href = String(node.attrs?.href ?? "");
  const title = String(node.attrs?.title ?? "");
  const text = h.renderChildren(node);
  if (!title && ctx?.meta?.markText === href && /^https?:\/\/[^\s<>()]+$/.test(href)) return text;
  return title ? `[${text}](${href} "${title.replace(/"/g, '\\"')}")` : `[${text}](${href})`;
}

/** What changes in the starter kit's own extensions (the kit builds them; this adjusts them as it does). */
const KIT_CHANGES: Record<string, Record<string, unknown>> = {
  codeBlock: { renderMarkdown: renderCodeBlock },
  link: { renderMarkdown: renderLink },
  // Tiptap's own tokenizer reads "a.", "iv." (and "No.") as list markers too; the renderer, like CommonMark,
  // only digits. Without it marked's list token arrives: its items parse as the bullet list's do.
  orderedList: {
    markdownTokenizer: null,
    parseMarkdown: (token: MarkdownToken, h: MarkdownParseHelpers) =>
      token.type === "list" && token.ordered
        ? h.createNode("orderedList", token.start && token.start !== 1 ? { start: token.start } : undefined, h.parseChildren(token.items ?? []))
        : [],
  },
};

/** The editor's extensions: the same list builds the browser's editor and the test's serialiser. */
export const lessonExtensions: AnyExtension[] = [
  StarterKit.configure({
    // Not Markdown the renderer knows (sanitize-html drops <u>).
    underline: false,
    heading: { levels: [1, 2, 3, 4, 5, 6] },
    link: { openOnClick: false, autolink: false, linkOnPaste: false },
    // Lesson Markdown has no empty paragraphs (the serialiser leaves them out), so no trailing one either.
    trailingNode: false,
  }).extend({
    addExtensions() {
      return (this.parent?.() ?? []).map((child) => (KIT_CHANGES[child.name] ? child.extend(KIT_CHANGES[child.name]) : child));
    },
  }),
  Image.configure({ inline: false, allowBase64: false }),
  Table.extend({
    // Tiptap's own pre-processing of pipes inside code spans: the renderer does not do it.
    markdownTokenizer: null as never,
    renderMarkdown: renderTable,
    // No inline style attributes (the Content-Security-Policy allows none) and no column resizing.
    renderHTML: ({ HTMLAttributes }) => ["table", HTMLAttributes, ["tbody", 0]],
  }).configure({ resizable: false }),
  TableRow,
  TableHeader,
  TableCell,
];

const lessonSchema = getSchema(lessonExtensions);

// ---- Escaping ---------------------------------------------------------------------------------

const PUNCTUATION = /[!-/:-@[-`{-~]/;
const isSpace = (c: string | undefined) => c === undefined || /\s/.test(c);
const isWord = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/** Escapes only what would be read as syntax in running text; the block check catches the rest. */
function escapeMinimal(text: string) {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const prev = text[i - 1];
    const next = text[i + 1];
    if (c === "\\") out += next === undefined || PUNCTUATION.test(next) ? "\\\\" : c;
    else if (c === "`" || c === "[" || c === "]") out += `\\${c}`;
    // Between spaces a * or _ can open or close nothing; an _ inside a word neither (GFM).
    else if (c === "*") out += prev !== undefined && next !== undefined && isSpace(prev) && isSpace(next) ? c : "\\*";
    else if (c === "_") out += prev !== undefined && next !== undefined && ((isSpace(prev) && isSpace(next)) || (isWord(prev) && isWord(next))) ? c : "\\_";
    else if (c === "~") out += prev === "~" || next === "~" ? "\\~" : c;
    else if (c === "<") out += next !== undefined && /[A-Za-z/!?]/.test(next) ? "&lt;" : c;
    else if (c === "&") out += /^&(#\d+|#x[\da-f]+|\w+);/i.test(text.slice(i)) ? "&amp;" : c;
    else out += c;
  }
  return out;
}

/** Everything escaped, and block syntax at the start of a line ("# ", "- ", "1. ", "> "): the fallback. */
function escapeAll(text: string, atBlockStart: boolean) {
  const escaped = text.replace(/[\\`*_[\]~]/g, "\\$&").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return escaped.replace(atBlockStart ? /(^|\n)([ \t]*)(#|[-+=]|\d+(?=[.)]))/g : /(\n)([ \t]*)(#|[-+=]|\d+(?=[.)]))/g, (_m, start: string, indent: string, mark: string) =>
    /^\d/.test(mark) ? `${start}${indent}${mark}\\` : `${start}${indent}\\${mark}`,
  );
}

type Escaping = "minimal" | "all";

class LessonMarkdown {
  private manager: MarkdownManager;
  private escaping: Escaping = "minimal";
  private written = new Map<string, string>();

  constructor() {
    // Tiptap's own copy of marked (one parser in the browser's bundle, not two), with the renderer's options
    // (markdown.server.ts: GFM, no soft breaks); only Tiptap uses that copy.
    this.manager = new MarkdownManager({ extensions: lessonExtensions, markedOptions: { gfm: true, breaks: false }, indentation: { style: "space", size: 2 } });
    // The manager's text escaping is private; this is the one place that replaces it (decision 038).
    (this.manager as unknown as { encodeTextForMarkdown: (text: string, node: JSONContent, parent?: JSONContent) => string }).encodeTextForMarkdown = (
      text,
      node,
      parent,
    ) => {
      const inCode = parent?.type === "codeBlock" || (node.marks ?? []).some((m) => m.type === "code");
      if (inCode) return text;
      return this.escaping === "minimal" ? escapeMinimal(text) : escapeAll(text, parent?.content?.[0] === node);
    };
  }

  /** Markdown to the editor's document (normalised by the schema, as the editor holds it). */
  parse(markdown: string): JSONContent {
    const json = this.manager.parse(markdown.replace(/\r\n?/g, "\n"));
    return lessonSchema.nodeFromJSON(json.content?.length ? json : { type: "doc", content: [{ type: "paragraph" }] }).toJSON() as JSONContent;
  }

  private write(block: JSONContent, escaping: Escaping) {
    this.escaping = escaping;
    try {
      return this.manager.serialize({ type: "doc", content: [block] });
    } finally {
      this.escaping = "minimal";
    }
  }

  /** The editor's document to Markdown, block by block, each checked by parsing it again. */
  serialize(doc: JSONContent): string {
    const blocks = (doc.content ?? []).filter((block) => !(block.type === "paragraph" && !block.content?.length));
    // The editor writes on every keystroke: blocks it did not touch come from the cache.
    if (this.written.size > 5000) this.written.clear();
    return blocks
      .map((block) => {
        const key = JSON.stringify(block);
        const known = this.written.get(key);
        if (known !== undefined) return known;
        const expected = JSON.stringify([lessonSchema.nodeFromJSON(block).toJSON()]);
        const minimal = this.write(block, "minimal");
        const markdown = JSON.stringify(this.parse(minimal).content) === expected ? minimal : this.write(block, "all");
        this.written.set(key, markdown);
        return markdown;
      })
      .join("\n\n");
  }
}

let shared: LessonMarkdown | undefined;
const lessonMarkdown = () => (shared ??= new LessonMarkdown());

/** Lesson Markdown to the editor's document (ProseMirror JSON). */
export const markdownToDoc = (markdown: string): JSONContent => lessonMarkdown().parse(markdown);

/** The editor's document to lesson Markdown, in the catalogue's style. */
export const docToMarkdown = (doc: JSONContent): string => lessonMarkdown().serialize(doc);
