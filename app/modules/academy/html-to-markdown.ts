/**
 * Markdown back from the sanitised HTML that renderMarkdown makes. Course
 * descriptions, quiz introductions and question explanations are stored only
 * as HTML (the importer renders them), so the editors fill their Markdown
 * fields with this. It covers exactly the tags the sanitiser lets through, and
 * the editors save a field only when its text was changed, so an unchanged
 * field never goes through this round trip.
 */
type Node = { tag: string; attrs: Record<string, string>; children: Node[] } | string;

const VOID = new Set(["br", "hr", "img"]);
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

function decode(text: string) {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#") return String.fromCodePoint(name[1].toLowerCase() === "x" ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1)));
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

function parse(html: string): Node[] {
  const root = { tag: "root", attrs: {}, children: [] as Node[] };
  const stack = [root];
  for (const [, closing, tag, rawAttrs, text] of html.matchAll(/<(\/?)([a-z][a-z0-9]*)([^>]*)>|([^<]+)/gi)) {
    const top = stack[stack.length - 1];
    if (text !== undefined) top.children.push(decode(text));
    else if (closing) {
      const at = stack.findLastIndex((n) => n.tag === tag.toLowerCase());
      if (at > 0) stack.length = at;
    } else {
      const attrs = Object.fromEntries([...rawAttrs.matchAll(/([a-z-]+)="([^"]*)"/gi)].map(([, k, v]) => [k.toLowerCase(), decode(v)]));
      const node = { tag: tag.toLowerCase(), attrs, children: [] as Node[] };
      top.children.push(node);
      if (!VOID.has(node.tag) && !rawAttrs.trim().endsWith("/")) stack.push(node);
    }
  }
  return root.children;
}

const textOf = (nodes: Node[]): string => nodes.map((n) => (typeof n === "string" ? n : textOf(n.children))).join("");

function inline(nodes: Node[]): string {
  return nodes
    .map((n) => {
      if (typeof n === "string") return n.replace(/\s+/g, " ");
      const inner = () => inline(n.children);
      switch (n.tag) {
        case "strong":
          return `**${inner()}**`;
        case "em":
          return `_${inner()}_`;
        case "del":
        case "s":
          return `~~${inner()}~~`;
        case "code": {
          const code = textOf(n.children);
          return code.includes("`") ? `\`\` ${code} \`\`` : `\`${code}\``;
        }
        case "a":
          return `[${inner()}](${n.attrs.href ?? ""}${n.attrs.title ? ` "${n.attrs.title}"` : ""})`;
        case "img":
          return `![${n.attrs.alt ?? ""}](${n.attrs.src ?? ""})`;
        case "br":
          return "  \n";
        case "kbd":
        case "sup":
        case "sub":
          return `<${n.tag}>${inner()}</${n.tag}>`;
        default:
          return inner();
      }
    })
    .join("");
}

const indent = (text: string, prefix: string, first = prefix) => text.split("\n").map((line, i) => (line ? (i === 0 ? first : prefix) + line : line)).join("\n");

/** Block-level Markdown of the nodes; a tight list item joins its parts with single newlines. */
function blocks(nodes: Node[], separator = "\n\n"): string {
  const out: string[] = [];
  let run: Node[] = [];
  const flush = () => {
    const text = inline(run).trim();
    if (text) out.push(text);
    run = [];
  };
  for (const n of nodes) {
    if (typeof n === "string" || !isBlock(n.tag)) {
      run.push(n);
      continue;
    }
    flush();
    out.push(block(n));
  }
  flush();
  return out.filter(Boolean).join(separator);
}

const BLOCKS = new Set(["p", "h2", "h3", "h4", "h5", "h6", "pre", "ul", "ol", "blockquote", "hr", "table", "details"]);
const isBlock = (tag: string) => BLOCKS.has(tag);

function block(n: Exclude<Node, string>): string {
  switch (n.tag) {
    case "p":
      return inline(n.children).trim();
    case "h2":
    case "h3":
    case "h4":
    case "h5":
    case "h6":
      return `${"#".repeat(Number(n.tag[1]))} ${inline(n.children).trim()}`;
    case "hr":
      return "---";
    case "pre": {
      const code = n.children.find((c): c is Exclude<Node, string> => typeof c !== "string" && c.tag === "code");
      const language = /language-([\w-]+)/.exec(code?.attrs.class ?? "")?.[1] ?? "";
      const text = textOf(code ? code.children : n.children).replace(/\n$/, "");
      const fence = text.includes("```") ? "~~~" : "```";
      return `${fence}${language === "plaintext" ? "" : language}\n${text}\n${fence}`;
    }
    case "ul":
    case "ol": {
      const start = Number(n.attrs.start ?? 1);
      const items = n.children.filter((c): c is Exclude<Node, string> => typeof c !== "string" && c.tag === "li");
      const loose = items.some((li) => li.children.some((c) => typeof c !== "string" && c.tag === "p"));
      return items
        .map((li, i) => {
          const marker = n.tag === "ol" ? `${start + i}. ` : "- ";
          return indent(blocks(li.children, loose ? "\n\n" : "\n"), " ".repeat(marker.length), marker);
        })
        .join(loose ? "\n\n" : "\n");
    }
    case "blockquote":
      return blocks(n.children)
        .split("\n")
        .map((line) => (line ? `> ${line}` : ">"))
        .join("\n");
    case "table": {
      const rows = n.children
        .flatMap((c) => (typeof c !== "string" && (c.tag === "thead" || c.tag === "tbody") ? c.children : [c]))
        .filter((r): r is Exclude<Node, string> => typeof r !== "string" && r.tag === "tr")
        .map((r) => r.children.filter((c): c is Exclude<Node, string> => typeof c !== "string").map((c) => ({ text: inline(c.children).trim().replace(/\|/g, "\\|"), align: c.attrs.align })));
      if (!rows.length) return "";
      const rule = rows[0].map((c) => (c.align === "center" ? ":---:" : c.align === "right" ? "---:" : c.align === "left" ? ":---" : "---"));
      return [rows[0].map((c) => c.text), rule, ...rows.slice(1).map((r) => r.map((c) => c.text))].map((cells) => `| ${cells.join(" | ")} |`).join("\n");
    }
    default:
      return `<${n.tag}>\n\n${blocks(n.children)}\n\n</${n.tag}>`;
  }
}

export function htmlToMarkdown(html: string): string {
  return blocks(parse(html));
}

/** Compares what an editor submitted with what it was given, ignoring line endings and outer whitespace. */
export function sameText(a: string, b: string) {
  const norm = (s: string) => s.replace(/\r\n?/g, "\n").trim();
  return norm(a) === norm(b);
}
