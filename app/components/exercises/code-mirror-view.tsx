/**
 * CodeMirror 6 over a code field's textarea (code-editor.tsx loads this chunk lazily, in the browser
 * only). The textarea stays in the form, hidden, and gets every change, so a post sends exactly what
 * it sends without JavaScript. Keyboard: Tab indents (`indentWithTab`); CodeMirror's own rule lets
 * Escape then Tab (within 2 s) move the focus on, which the visible hint says.
 *
 * The editor lives in a shadow root of its host: CodeMirror's stylesheets (style-mod) are then
 * constructed stylesheets adopted by that root, which the page's Content-Security-Policy
 * (`style-src 'self'`) allows; in the document itself they would be `<style>` elements, which it
 * refuses. ARIA id references do not cross a shadow root, so the editor is named and described by
 * text (the label's, the hint's and the error's) rather than by ids.
 */
import { indentWithTab } from "@codemirror/commands";
import { javascript } from "@codemirror/lang-javascript";
import { EditorState } from "@codemirror/state";
import { keymap } from "@codemirror/view";
import { basicSetup, EditorView } from "codemirror";
import { useEffect, useRef } from "react";
import { CODE_EDITOR_SET_EVENT, CODE_EDITOR_HINT as HINT, type CodeLanguage } from "./code-editor.tsx";

const theme = EditorView.theme({
  "&": { border: "1px solid #b9aed3", borderRadius: "0.5rem", backgroundColor: "#fff", fontSize: "0.875rem" },
  "&.cm-focused": { outline: "2px solid #362d59", outlineOffset: "2px" },
  ".cm-scroller": { fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace", lineHeight: "1.6" },
  ".cm-gutters": { backgroundColor: "#ece8f5", color: "#3e3160", borderRight: "1px solid #b9aed3", borderRadius: "0.5rem 0 0 0.5rem" },
  ".cm-activeLineGutter": { backgroundColor: "#d9d1ec" },
});

/**
 * CodeMirror writes a few `style` attributes (the content's tab-size, the crosshair cursor while Alt is
 * held). The page's Content-Security-Policy (`style-src 'self'`) refuses style attributes set as
 * markup, but not the CSSOM: such a write goes to `element.style.cssText` instead, with the same effect.
 * Its stylesheets are constructed (adoptedStyleSheets), which the policy allows.
 */
function styleThroughCssom(element: HTMLElement) {
  const setAttribute = element.setAttribute.bind(element);
  element.setAttribute = (name: string, value: string) => (name === "style" ? void (element.style.cssText = value) : setAttribute(name, value));
}

function whileStylingThroughCssom<T>(create: () => T): T {
  const original = Element.prototype.setAttribute;
  Element.prototype.setAttribute = function (this: Element, name: string, value: string) {
    if (name === "style" && this instanceof HTMLElement) this.style.cssText = value;
    else original.call(this, name, value);
  };
  try {
    return create();
  } finally {
    Element.prototype.setAttribute = original;
  }
}

export default function CodeMirrorView({
  textareaId,
  labelId,
  language,
  readOnly,
  describedBy,
  invalid,
  rows,
  onReady,
}: {
  textareaId: string;
  labelId: string;
  language: CodeLanguage;
  readOnly: boolean;
  describedBy?: string;
  invalid?: boolean;
  rows: number;
  onReady: (ready: boolean) => void;
}) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const textarea = document.getElementById(textareaId);
    const parent = host.current;
    if (!(textarea instanceof HTMLTextAreaElement) || !parent) return;
    const text = (id?: string) => (id ? (document.getElementById(id)?.textContent?.trim() ?? "") : "");
    const description = [...(describedBy?.split(/\s+/) ?? []).map(text), readOnly ? "" : HINT].filter(Boolean).join(" ");
    const root = parent.shadowRoot ?? parent.attachShadow({ mode: "open" });
    const view = whileStylingThroughCssom(() => new EditorView({
      parent: root,
      root,
      state: EditorState.create({
        doc: textarea.value,
        extensions: [
          basicSetup,
          keymap.of([indentWithTab]),
          javascript({ typescript: language === "TYPESCRIPT" }),
          theme,
          // Long lines wrap: the editor grows with the code and never scrolls sideways (320 px), so it is no scroll region of its own.
          EditorView.lineWrapping,
          EditorView.theme({ ".cm-content, .cm-gutter": { minHeight: `${rows * 1.6}em` } }),
          EditorState.readOnly.of(readOnly),
          EditorView.editable.of(!readOnly),
          EditorView.contentAttributes.of({
            "aria-label": text(labelId),
            ...(description ? { "aria-description": description } : {}),
            ...(invalid ? { "aria-invalid": "true" } : {}),
          }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) textarea.value = update.state.doc.toString();
          }),
        ],
      }),
    }));
    styleThroughCssom(view.dom);
    styleThroughCssom(view.contentDOM);
    const onSet = () => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: textarea.value } });
    textarea.addEventListener(CODE_EDITOR_SET_EVENT, onSet);
    // The label points at the hidden textarea: clicking it focuses the editor instead.
    const label = document.getElementById(labelId);
    const focus = () => view.focus();
    label?.addEventListener("click", focus);
    textarea.hidden = true;
    onReady(true);
    return () => {
      textarea.removeEventListener(CODE_EDITOR_SET_EVENT, onSet);
      label?.removeEventListener("click", focus);
      view.destroy();
      textarea.hidden = false;
      onReady(false);
    };
  }, [textareaId, labelId, language, readOnly, describedBy, invalid, rows, onReady]);
  return <div ref={host} className="min-w-0" data-testid="code-editor" />;
}
