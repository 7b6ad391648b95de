/**
 * CodeMirror 6 over a code field's textarea (code-editor.tsx loads this chunk lazily, in the browser
 * only). The textarea stays in the form, hidden, and gets every change, so a post sends exactly what
 * it sends without JavaScript. Keyboard: Tab indents (`indentWithTab`); CodeMirror's own rule lets
 * Escape then Tab (within 2 s) move the focus on, which the visible hint says.
 */
import { indentWithTab } from "@codemirror/commands";
import { javascript } from "@codemirror/lang-javascript";
import { EditorState } from "@codemirror/state";
import { keymap } from "@codemirror/view";
import { basicSetup, EditorView } from "codemirror";
import { useEffect, useRef } from "react";
import { CODE_EDITOR_SET_EVENT, type CodeLanguage } from "./code-editor.tsx";

const theme = EditorView.theme({
  "&": { border: "1px solid #b9aed3", borderRadius: "0.5rem", backgroundColor: "#fff", fontSize: "0.875rem" },
  "&.cm-focused": { outline: "2px solid #362d59", outlineOffset: "2px" },
  ".cm-scroller": { fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace", lineHeight: "1.6" },
  ".cm-gutters": { backgroundColor: "#ece8f5", color: "#3e3160", borderRight: "1px solid #b9aed3", borderRadius: "0.5rem 0 0 0.5rem" },
  ".cm-activeLineGutter": { backgroundColor: "#d9d1ec" },
});

export default function CodeMirrorView({
  textareaId,
  labelId,
  hintId,
  language,
  readOnly,
  describedBy,
  invalid,
  rows,
  onReady,
}: {
  textareaId: string;
  labelId: string;
  hintId: string;
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
    if (!(textarea instanceof HTMLTextAreaElement) || !host.current) return;
    const describe = [describedBy, readOnly ? null : hintId].filter(Boolean).join(" ");
    const view = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: textarea.value,
        extensions: [
          basicSetup,
          keymap.of([indentWithTab]),
          javascript({ typescript: language === "TYPESCRIPT" }),
          theme,
          EditorView.theme({ ".cm-content, .cm-gutter": { minHeight: `${rows * 1.6}em` } }),
          EditorState.readOnly.of(readOnly),
          EditorView.editable.of(!readOnly),
          EditorView.contentAttributes.of({
            "aria-labelledby": labelId,
            ...(describe ? { "aria-describedby": describe } : {}),
            ...(invalid ? { "aria-invalid": "true" } : {}),
          }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) textarea.value = update.state.doc.toString();
          }),
        ],
      }),
    });
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
  }, [textareaId, labelId, hintId, language, readOnly, describedBy, invalid, rows, onReady]);
  return <div ref={host} className="min-w-0" data-testid="code-editor" />;
}
