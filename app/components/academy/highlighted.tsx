import { splitHighlights } from "~/modules/academy/catalog.ts";

/** A search snippet with the matched words in <mark>; the text is never parsed as HTML. */
export function Highlighted({ snippet }: { snippet: string }) {
  return (
    <>
      {splitHighlights(snippet).map((part, i) =>
        part.hit ? (
          <mark key={i} className="rounded bg-amber-200 px-0.5 text-ink-950">
            {part.text}
          </mark>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </>
  );
}
