import { useState } from "react";

/**
 * The HTML of an element rendered with `dangerouslySetInnerHTML`, whose loader
 * left it out of the hydration data (`markupOnly`, utils/markup-html.server.ts).
 * On the server and after a client-side navigation `html` is there; while the
 * page hydrates it is undefined, and the element with this id already holds it:
 * its own markup is used, so React keeps the element as it is (no hydration
 * mismatch), and a later `html` (the next lesson) replaces it.
 */
export function useMarkupHtml(html: string | undefined, id: string): string {
  // Read once, on the first render: while the page hydrates, the element in the document is the server's.
  const [fromMarkup] = useState(() => (html === undefined && typeof document !== "undefined" ? (document.getElementById(id)?.innerHTML ?? "") : ""));
  return html ?? fromMarkup;
}
