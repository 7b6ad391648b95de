/**
 * Markdown to safe HTML, on the server: GitHub-flavoured Markdown (marked),
 * code highlighted with highlight.js, then sanitized with an allow-list
 * (sanitize-html): no scripts, no event handlers, no javascript: URLs.
 * Lessons are rendered when imported or edited; discussion posts when posted.
 *
 * Images show only from this site (a path such as /media/diagram.png): a remote
 * image would tell its host who reads the page and when (a tracking pixel in a
 * discussion post), so it becomes a plain link to the image instead. The
 * Content-Security-Policy (img-src 'self') says the same for anything stored
 * before this rule.
 */
import hljs from "highlight.js";
import { Marked } from "marked";
import { markedHighlight } from "marked-highlight";
import sanitizeHtml from "sanitize-html";

const marked = new Marked(
  { gfm: true, breaks: false },
  markedHighlight({
    emptyLangClass: "hljs",
    langPrefix: "hljs language-",
    highlight(code, lang) {
      const language = hljs.getLanguage(lang) ? lang : "plaintext";
      return hljs.highlight(code, { language }).value;
    },
  }),
);

/** A path on this site (`/media/x.png`, `x.png`), not `https://host/x.png`, `//host/x.png`, `/\host` or `data:`. */
function isSameOriginPath(src: string) {
  const base = "http://same-origin.invalid";
  // eslint-disable-next-line no-control-regex -- browsers strip these, so `/\t/host` would leave the site
  if (src === "" || /[\u0000-\u001f\u007f\\]/.test(src)) return false;
  try {
    return new URL(src, `${base}/page`).origin === base;
  } catch {
    return false;
  }
}

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "blockquote", "pre", "code", "span", "strong", "em", "del", "s",
    "ul", "ol", "li", "a", "img", "table", "thead", "tbody", "tr", "th", "td", "kbd", "sup", "sub", "details", "summary",
  ],
  allowedAttributes: {
    a: ["href", "title"],
    img: ["src", "alt", "title", "width", "height"],
    code: ["class"],
    span: ["class"],
    th: ["align"],
    td: ["align"],
    ol: ["start"],
    pre: ["tabindex"],
    table: ["tabindex"],
  },
  allowedClasses: { code: ["hljs", /^language-[\w-]+$/], span: [/^hljs-[\w-]+$/] },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: { img: [] },
  allowProtocolRelative: false,
  transformTags: {
    // Markdown "# Title" inside a body would compete with the page's own h1.
    h1: "h2",
    // Code blocks and tables scroll sideways inside the text on a phone (.prose-academy): focusable, a
    // keyboard can scroll them too (WCAG 2.1.1, axe scrollable-region-focusable).
    pre: (tagName) => ({ tagName, attribs: { tabindex: "0" } }),
    table: (tagName) => ({ tagName, attribs: { tabindex: "0" } }),
    img: (tagName, attribs) => {
      const src = attribs.src ?? "";
      if (isSameOriginPath(src)) return { tagName, attribs };
      const label = attribs.alt?.trim() || attribs.title?.trim() || "image";
      return { tagName: "a", attribs: { href: src, rel: "noopener noreferrer nofollow" }, text: `Image: ${label}` };
    },
    a: (tagName, attribs) => ({
      tagName,
      attribs: /^https?:\/\//.test(attribs.href ?? "") ? { ...attribs, rel: "noopener noreferrer nofollow" } : attribs,
    }),
  },
};
SANITIZE.allowedAttributes = { ...SANITIZE.allowedAttributes, a: ["href", "title", "rel"] };

export function renderMarkdown(markdown: string): string {
  const html = marked.parse(markdown, { async: false }) as string;
  return sanitizeHtml(html, SANITIZE);
}

