/**
 * The visual lesson editor (decision 038): Tiptap over the studio's Markdown
 * textarea. Loaded only with JavaScript, only on the studio lesson page (a lazy
 * import there). The textarea stays the form's field: every change in the editor
 * writes the Markdown back into it (markdown-roundtrip.ts, the same serialiser
 * the round-trip test checks against the whole catalogue), so "Save lesson" and
 * "Preview" post exactly what they post without JavaScript. "Visual" / "Markdown"
 * switches between the two; a body the editor would rewrite opens in Markdown.
 */
import type { Editor } from "@tiptap/core";
import { EditorContent, useEditor, useEditorState } from "@tiptap/react";
import { useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { CODE_LANGUAGES, docToMarkdown, lessonExtensions, libraryImagePath, markdownToDoc } from "~/modules/academy/markdown-roundtrip.ts";
import { isSafeUrl, URL_RULE_MESSAGE } from "~/utils/safe-url.ts";

type LibraryImage = { id: string; title: string };
type Mode = "visual" | "markdown";

const MODE_KEY = "academy.lessonEditor.mode";
const trimEnd = (text: string) => text.replace(/\s+$/, "");

/** Whether the editor gives this Markdown back as it is (else it opens in Markdown, and says so). */
function roundTrips(markdown: string) {
  try {
    return docToMarkdown(markdownToDoc(markdown)) === trimEnd(markdown);
  } catch {
    return false;
  }
}

export default function MarkdownEditor({ textareaId, courseId, images }: { textareaId: string; courseId: string; images: LibraryImage[] }) {
  // Rendered only in the browser (a lazy import after hydration): the textarea is there to read. The author's
  // last mode, unless the editor would rewrite this body: then Markdown, and a note says why.
  const [start] = useState(() => {
    const element = document.getElementById(textareaId);
    if (!(element instanceof HTMLTextAreaElement)) return { element: null, rewrites: false, mode: "markdown" as Mode };
    const clean = roundTrips(element.value);
    const preferred: Mode = window.localStorage.getItem(MODE_KEY) === "markdown" ? "markdown" : "visual";
    return { element, rewrites: !clean, mode: clean ? preferred : ("markdown" as Mode) };
  });
  const textarea = useRef(start.element);
  const [mode, setMode] = useState<Mode>(start.mode);
  const [rewrites, setRewrites] = useState(start.rewrites);
  const labelId = useId();
  const editor = useEditor({
    extensions: lessonExtensions,
    immediatelyRender: false,
    // The page's Content-Security-Policy allows no inline <style>: the editor's rules are in tailwind.css.
    injectCSS: false,
    editorProps: {
      attributes: { "aria-labelledby": labelId, "aria-multiline": "true", role: "textbox", class: "lesson-editor-content prose-academy" },
    },
    onUpdate: ({ editor: changed }) => {
      if (textarea.current) textarea.current.value = docToMarkdown(changed.getJSON());
    },
  });

  // Visual: the editor reads the textarea, which (and its label) hides; Markdown: the textarea shows again.
  useEffect(() => {
    const element = textarea.current;
    if (!element || !editor) return;
    const label = document.querySelector<HTMLLabelElement>(`label[for="${CSS.escape(element.id)}"]`);
    const visual = mode === "visual";
    element.hidden = visual;
    if (label) label.hidden = visual;
    if (visual) {
      editor.commands.setContent(markdownToDoc(element.value), { emitUpdate: false });
      const describedBy = element.getAttribute("aria-describedby");
      editor.setOptions({
        editorProps: {
          attributes: {
            "aria-labelledby": labelId,
            "aria-multiline": "true",
            role: "textbox",
            class: "lesson-editor-content prose-academy",
            ...(describedBy ? { "aria-describedby": describedBy } : {}),
            ...(element.getAttribute("aria-invalid") === "true" ? { "aria-invalid": "true" } : {}),
          },
        },
      });
    }
    return () => {
      element.hidden = false;
      if (label) label.hidden = false;
    };
  }, [mode, editor, labelId]);

  const choose = (next: Mode) => {
    // Markdown typed meanwhile may hold what the editor would rewrite: say so before the first edit.
    if (next === "visual" && textarea.current) setRewrites(!roundTrips(textarea.current.value));
    setMode(next);
    window.localStorage.setItem(MODE_KEY, next);
    if (next === "markdown") requestAnimationFrame(() => textarea.current?.focus());
    else requestAnimationFrame(() => editor?.commands.focus());
  };

  if (!start.element) return null;
  return (
    <div className="lesson-editor mb-2">
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <span id={labelId} className="text-sm font-semibold text-ink-900">
          {mode === "visual" ? "Lesson body (visual editor)" : "Lesson body"}
        </span>
        <div role="group" aria-label="How to edit the lesson body" className="inline-flex rounded-lg border border-ink-500 p-0.5">
          {(["visual", "markdown"] as const).map((m) => (
            <button
              key={m}
              type="button"
              aria-pressed={mode === m}
              onClick={() => choose(m)}
              className={`rounded-md px-3 py-1 text-sm font-semibold ${mode === m ? "bg-brand-700 text-white" : "text-brand-700 hover:bg-brand-300/20"}`}
            >
              {m === "visual" ? "Visual" : "Markdown"}
            </button>
          ))}
        </div>
      </div>
      {rewrites && (
        <p className="mb-2 rounded-lg bg-amber-50 p-2 text-sm text-ink-900">
          This body has Markdown the visual editor writes differently (raw HTML or an unusual construct){mode === "markdown" ? ", so it opens as Markdown" : ""}.
          Editing it in the visual editor rewrites it in the editor&apos;s style.
        </p>
      )}
      {mode === "visual" && editor ? (
        <div className="rounded-lg border border-ink-300">
          <Toolbar editor={editor} courseId={courseId} images={images} />
          <EditorContent editor={editor} />
        </div>
      ) : null}
    </div>
  );
}

type ToolState = {
  h2: boolean;
  h3: boolean;
  bold: boolean;
  italic: boolean;
  code: boolean;
  bullet: boolean;
  ordered: boolean;
  link: boolean;
  codeBlock: boolean;
  table: boolean;
  language: string;
};

function Toolbar({ editor, courseId, images }: { editor: Editor; courseId: string; images: LibraryImage[] }) {
  const state = useEditorState<ToolState>({
    editor,
    selector: ({ editor: e }) => ({
      h2: e.isActive("heading", { level: 2 }),
      h3: e.isActive("heading", { level: 3 }),
      bold: e.isActive("bold"),
      italic: e.isActive("italic"),
      code: e.isActive("code"),
      bullet: e.isActive("bulletList"),
      ordered: e.isActive("orderedList"),
      link: e.isActive("link"),
      codeBlock: e.isActive("codeBlock"),
      table: e.isActive("table"),
      language: String(e.getAttributes("codeBlock").language ?? ""),
    }),
  });
  const [nextLanguage, setNextLanguage] = useState("javascript");
  const [dialog, setDialog] = useState<"link" | "image" | null>(null);
  const toolbar = useRef<HTMLDivElement>(null);
  const [current, setCurrent] = useState(0);
  const chain = () => editor.chain().focus();
  const language = state.codeBlock ? state.language : nextLanguage;
  const languages = useMemo(() => (language && !(CODE_LANGUAGES as readonly string[]).includes(language) ? [language, ...CODE_LANGUAGES] : [...CODE_LANGUAGES]), [language]);

  // A toolbar is one tab stop; arrow keys, Home and End move between its buttons (WAI-ARIA toolbar pattern).
  const buttonsOf = () => [...(toolbar.current?.querySelectorAll<HTMLButtonElement>("button:not([disabled])") ?? [])];
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const buttons = buttonsOf();
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (at === -1) return;
    const to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: buttons.length - 1 }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    const next = (to + buttons.length) % buttons.length;
    setCurrent(next);
    buttons[next].focus();
  };
  useEffect(() => {
    const buttons = buttonsOf();
    toolbar.current?.querySelectorAll<HTMLButtonElement>("button[disabled]").forEach((b) => (b.tabIndex = -1));
    buttons.forEach((b, i) => (b.tabIndex = i === Math.min(current, buttons.length - 1) ? 0 : -1));
  });

  const tool = (label: string, pressed: boolean | undefined, run: () => void, text: ReactNode = label, disabled = false) => (
    <button
      type="button"
      aria-label={typeof text === "string" && text === label ? undefined : label}
      aria-pressed={pressed}
      disabled={disabled}
      onClick={run}
      onFocus={(event) => setCurrent(buttonsOf().indexOf(event.currentTarget))}
      className={`min-h-9 min-w-9 rounded-md px-2 text-sm font-semibold disabled:opacity-50 ${pressed ? "bg-brand-700 text-white" : "text-ink-900 hover:bg-ink-100"}`}
    >
      {text}
    </button>
  );

  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-ink-300 bg-ink-100/60 p-1">
      <div ref={toolbar} role="toolbar" aria-label="Formatting" aria-orientation="horizontal" onKeyDown={onKeyDown} className="flex flex-wrap items-center gap-0.5">
        {tool("Heading 2", state.h2, () => chain().toggleHeading({ level: 2 }).run(), "H2")}
        {tool("Heading 3", state.h3, () => chain().toggleHeading({ level: 3 }).run(), "H3")}
        {tool("Bold", state.bold, () => chain().toggleBold().run(), <strong aria-hidden="true">B</strong>)}
        {tool("Italic", state.italic, () => chain().toggleItalic().run(), <em aria-hidden="true">I</em>)}
        {tool("Inline code", state.code, () => chain().toggleCode().run(), <code aria-hidden="true">{"</>"}</code>)}
        {tool("Bulleted list", state.bullet, () => chain().toggleBulletList().run(), <span aria-hidden="true">• List</span>)}
        {tool("Numbered list", state.ordered, () => chain().toggleOrderedList().run(), <span aria-hidden="true">1. List</span>)}
        {tool("Link", state.link, () => setDialog("link"))}
        {tool("Code block", state.codeBlock, () => chain().toggleCodeBlock({ language: nextLanguage }).run(), <span aria-hidden="true">{"{ }"} Code</span>)}
        {tool("Insert a table", undefined, () => chain().insertTable({ rows: 3, cols: 2, withHeaderRow: true }).run(), "Table", state.table)}
        {state.table && (
          <>
            {tool("Add a row below", undefined, () => chain().addRowAfter().run(), "+ Row")}
            {tool("Add a column to the right", undefined, () => chain().addColumnAfter().run(), "+ Column")}
            {tool("Delete this row", undefined, () => chain().deleteRow().run(), "− Row")}
            {tool("Delete this column", undefined, () => chain().deleteColumn().run(), "− Column")}
            {tool("Delete the table", undefined, () => chain().deleteTable().run(), "Delete table")}
          </>
        )}
        {tool("Image from the media library", undefined, () => setDialog("image"), "Image")}
      </div>
      <label className="flex items-center gap-1 text-sm text-ink-900">
        <span>{state.codeBlock ? "This code block's language" : "Code block language"}</span>
        <select
          className="rounded-md border border-ink-500 bg-white px-1 py-1 text-sm"
          value={language}
          onChange={(event) => {
            const value = event.target.value;
            if (state.codeBlock) editor.chain().updateAttributes("codeBlock", { language: value || null }).run();
            else setNextLanguage(value);
          }}
        >
          <option value="">none</option>
          {languages.map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </select>
      </label>
      {dialog === "link" && <LinkDialog editor={editor} onClose={() => setDialog(null)} />}
      {dialog === "image" && <ImageDialog editor={editor} courseId={courseId} images={images} onClose={() => setDialog(null)} />}
    </div>
  );
}

/** A modal <dialog> (focus kept inside, Escape closes); no <form>: it sits inside the lesson's form. */
function Dialog({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    dialog?.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-xl border border-ink-300 bg-white p-4 shadow-xl backdrop:bg-ink-950/40"
    >
      <h4 id={titleId} className="mb-3 text-lg font-bold">
        {title}
      </h4>
      {children}
    </dialog>
  );
}

/** Enter in a field of the dialog does the dialog's action, not an implicit submit of the lesson form. */
const onEnter = (run: () => void) => (event: KeyboardEvent<HTMLInputElement>) => {
  if (event.key !== "Enter") return;
  event.preventDefault();
  run();
};

function LinkDialog({ editor, onClose }: { editor: Editor; onClose: () => void }) {
  const existing = String(editor.getAttributes("link").href ?? "");
  const [href, setHref] = useState(existing);
  const [error, setError] = useState<string | null>(null);
  const errorId = useId();
  const close = useCallback(() => {
    onClose();
    editor.commands.focus();
  }, [editor, onClose]);
  const apply = () => {
    const value = href.trim();
    if (!isSafeUrl(value)) return setError(URL_RULE_MESSAGE);
    const { empty } = editor.state.selection;
    if (empty && !editor.isActive("link")) {
      editor.chain().focus().insertContent({ type: "text", text: value, marks: [{ type: "link", attrs: { href: value } }] }).run();
    } else {
      editor.chain().focus().extendMarkRange("link").setLink({ href: value }).run();
    }
    close();
  };
  return (
    <Dialog title={existing ? "Edit link" : "Add a link"} onClose={close}>
      <label className="label" htmlFor={`${errorId}-href`}>
        Link address
      </label>
      <input
        id={`${errorId}-href`}
        className="input"
        value={href}
        autoComplete="off"
        spellCheck={false}
        placeholder="https://docs.sentry.io/… or /courses/…"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onChange={(event) => {
          setHref(event.target.value);
          setError(null);
        }}
        onKeyDown={onEnter(apply)}
      />
      {error && (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="mt-4 flex flex-wrap gap-2">
        <button type="button" className="btn btn-primary" onClick={apply}>
          {existing ? "Update link" : "Add link"}
        </button>
        {existing && (
          <button
            type="button"
            className="btn btn-secondary"
            onClick={() => {
              editor.chain().focus().extendMarkRange("link").unsetLink().run();
              close();
            }}
          >
            Remove link
          </button>
        )}
        <button type="button" className="btn btn-tertiary" onClick={close}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}

function ImageDialog({ editor, courseId, images, onClose }: { editor: Editor; courseId: string; images: LibraryImage[]; onClose: () => void }) {
  const [chosen, setChosen] = useState(images[0]?.id ?? "");
  const [alt, setAlt] = useState(images[0]?.title ?? "");
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const close = () => {
    onClose();
    editor.commands.focus();
  };
  const insert = () => {
    if (!chosen) return;
    if (!alt.trim()) return setError("Describe the image for people who cannot see it.");
    editor.chain().focus().setImage({ src: libraryImagePath(chosen), alt: alt.trim() }).run();
    close();
  };
  return (
    <Dialog title="Insert an image from the media library" onClose={close}>
      {images.length === 0 ? (
        <p className="text-sm">
          This course has no ready images yet. Upload them in the <a href={`/instructor/courses/${courseId}/media`}>course&apos;s media library</a>.
        </p>
      ) : (
        <>
          <fieldset>
            <legend className="label">Image</legend>
            <div className="max-h-56 space-y-1 overflow-y-auto">
              {images.map((image) => (
                <label key={image.id} className="flex items-center gap-2 text-sm">
                  <input
                    type="radio"
                    name={`${id}-image`}
                    value={image.id}
                    checked={chosen === image.id}
                    onChange={() => {
                      if (!alt.trim() || alt === images.find((i) => i.id === chosen)?.title) setAlt(image.title);
                      setChosen(image.id);
                    }}
                  />
                  <span className="break-all">{image.title || image.id}</span>
                </label>
              ))}
            </div>
          </fieldset>
          <label className="label mt-3" htmlFor={`${id}-alt`}>
            Alternative text
          </label>
          <input
            id={`${id}-alt`}
            className="input"
            value={alt}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            onChange={(event) => {
              setAlt(event.target.value);
              setError(null);
            }}
            onKeyDown={onEnter(insert)}
          />
          {error && (
            <p id={`${id}-error`} className="field-error" role="alert">
              {error}
            </p>
          )}
        </>
      )}
      <div className="mt-4 flex flex-wrap gap-2">
        {images.length > 0 && (
          <button type="button" className="btn btn-primary" onClick={insert}>
            Insert image
          </button>
        )}
        <button type="button" className="btn btn-tertiary" onClick={close}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}
