/**
 * A word in a small pill: statuses, states, tags. The one badge of the app; the
 * feature badges (POC statuses, course status, job states) only choose a tone,
 * an icon and a look. Colour is never the only signal: the word is always there,
 * and statuses add an icon.
 */
export type BadgeTone = "neutral" | "info" | "success" | "warning" | "danger" | "brand" | "muted" | "plain";

/** "filled" on staff and studio pages; "outlined" (a border, never wrapping) on the customer portal. */
export type BadgeLook = "filled" | "outlined";

const TONES: Record<BadgeLook, Record<BadgeTone, string>> = {
  filled: {
    // A hairline of the tone's own colour keeps the pill's shape visible where its fill matches the
    // page (bg-ink-100 is the page colour); every text colour is 7:1 or more on its fill (WCAG AA asks 4.5:1).
    neutral: "bg-ink-100 text-ink-800 ring-1 ring-inset ring-ink-300",
    info: "bg-sky-100 text-sky-900 ring-1 ring-inset ring-sky-700/30",
    success: "bg-emerald-100 text-emerald-900 ring-1 ring-inset ring-emerald-700/30",
    warning: "bg-amber-100 text-amber-900 ring-1 ring-inset ring-amber-700/40",
    danger: "bg-red-100 text-red-900 ring-1 ring-inset ring-red-700/30",
    brand: "bg-brand-300/30 text-brand-700 ring-1 ring-inset ring-brand-600/30",
    muted: "bg-slate-200 text-slate-800 ring-1 ring-inset ring-slate-400/60",
    plain: "bg-white text-ink-800 ring-1 ring-inset ring-ink-300",
  },
  outlined: {
    neutral: "border-ink-300 bg-ink-100 text-ink-800",
    info: "border-sky-700/40 bg-sky-50 text-sky-900",
    success: "border-emerald-700/40 bg-emerald-50 text-emerald-900",
    warning: "border-amber-700/50 bg-amber-50 text-amber-900",
    danger: "border-red-700/40 bg-red-50 text-red-900",
    brand: "border-brand-600/40 bg-brand-300/20 text-brand-700",
    muted: "border-slate-400 bg-slate-100 text-slate-800",
    plain: "border-ink-300 bg-white text-ink-800",
  },
};

const LOOKS: Record<BadgeLook, string> = {
  filled: "inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs",
  outlined: "inline-flex items-center gap-1 rounded-full border px-2 py-0.5 text-xs whitespace-nowrap",
};

export function Badge({
  tone = "neutral",
  look = "filled",
  icon,
  strong = false,
  children,
}: {
  tone?: BadgeTone;
  look?: BadgeLook;
  /** A symbol before the word, hidden from screen readers (the word says it). */
  icon?: string;
  /** Bold rather than semibold: for warnings that must stand out (Overdue). */
  strong?: boolean;
  children: React.ReactNode;
}) {
  return (
    <span className={`${LOOKS[look]} ${strong ? "font-bold" : "font-semibold"} ${TONES[look][tone]}`}>
      {icon ? <span aria-hidden="true">{icon}</span> : null}
      {children}
    </span>
  );
}
