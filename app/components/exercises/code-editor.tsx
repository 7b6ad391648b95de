/**
 * A code field: a plain `<textarea>` (the posted field, with JavaScript off and on), which with
 * JavaScript becomes CodeMirror 6 (line numbers, JavaScript/TypeScript highlighting, Tab indents,
 * Escape then Tab leaves: said in a visible hint). CodeMirror is a lazy chunk
 * (`code-mirror-view.tsx`, a dynamic import after hydration), so only a page that renders this
 * component downloads it, and only with JavaScript. Used by the lesson page (exercises) and the
 * studio (starter code, tests, solution).
 *
 *   <CodeEditor id="code" name="code" label="Your code" defaultValue={code} language="JAVASCRIPT" />
 *   setCodeEditorValue("code", starter)   // e.g. "Reset to starter": the textarea and the editor
 */
import { lazy, Suspense, useState, type ReactNode } from "react";
import { useHydrated } from "~/components/use-hydrated.ts";

export type CodeLanguage = "JAVASCRIPT" | "TYPESCRIPT";

export type CodeEditorProps = {
  /** The textarea's id (CodeMirror finds it by this id). */
  id: string;
  /** The form field's name. */
  name: string;
  label: ReactNode;
  defaultValue: string;
  language: CodeLanguage;
  /** Visible height in lines (the textarea's rows; the editor grows from it). */
  rows?: number;
  readOnly?: boolean;
  /** Ids of the help or error text under the field. */
  describedBy?: string;
  invalid?: boolean;
  /** The textarea's maxLength (the server checks the size anyway). */
  maxLength?: number;
  /** Extra classes of the wrapper. */
  className?: string;
};

/** The visible keyboard hint under an editor (and its accessible description). */
export const CODE_EDITOR_HINT = "In the editor, Tab indents. To leave it with the keyboard, press Escape, then Tab.";

/** The event `setCodeEditorValue` sends the editor (the textarea already holds the new value). */
export const CODE_EDITOR_SET_EVENT = "code-editor:set";

/** Replaces the field's code (the textarea, and the editor over it when there is one). */
export function setCodeEditorValue(id: string, value: string) {
  const textarea = document.getElementById(id);
  if (!(textarea instanceof HTMLTextAreaElement)) return;
  textarea.value = value;
  textarea.dispatchEvent(new CustomEvent(CODE_EDITOR_SET_EVENT, { detail: value }));
}

const CodeMirrorView = lazy(() => import("./code-mirror-view.tsx"));

export function CodeEditor({ id, name, label, defaultValue, language, rows = 14, readOnly = false, describedBy, invalid, maxLength, className = "" }: CodeEditorProps) {
  const hydrated = useHydrated();
  // Set by the editor once it runs: until then (no JavaScript, or the chunk still loading) the textarea is the editor.
  const [enhanced, setEnhanced] = useState(false);
  const hintId = `${id}-keys`;
  const labelId = `${id}-label`;
  return (
    <div className={`min-w-0 ${className}`}>
      <label id={labelId} htmlFor={id} className="label">
        {label}
      </label>
      <textarea
        id={id}
        name={name}
        defaultValue={defaultValue}
        rows={rows}
        readOnly={readOnly}
        maxLength={maxLength}
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        autoCorrect="off"
        aria-invalid={invalid ? true : undefined}
        aria-describedby={describedBy}
        className="input min-h-40 font-mono text-sm leading-relaxed whitespace-pre [tab-size:2]"
        data-code-editor={language.toLowerCase()}
      />
      {hydrated ? (
        <Suspense fallback={null}>
          <CodeMirrorView textareaId={id} labelId={labelId} language={language} readOnly={readOnly} describedBy={describedBy} invalid={invalid} rows={rows} onReady={setEnhanced} />
        </Suspense>
      ) : null}
      {enhanced && !readOnly ? (
        <p id={hintId} className="mt-1 text-sm text-ink-700">
          {CODE_EDITOR_HINT}
        </p>
      ) : null}
    </div>
  );
}
