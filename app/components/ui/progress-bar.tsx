/**
 * The filled part of a bar, `percent` wide. An SVG rectangle rather than a
 * `style="width: …"`: the Content-Security-Policy allows no inline styles
 * (security-headers.server.ts), and an SVG attribute is not one.
 */
export function Fill({ percent }: { percent: number }) {
  return (
    <svg aria-hidden="true" focusable="false" className="block h-full w-full" viewBox="0 0 100 10" preserveAspectRatio="none">
      <rect x="0" y="0" width={Math.max(0, Math.min(100, percent))} height="10" className="fill-brand-600" />
    </svg>
  );
}

/**
 * A labelled progress bar; the number is always written out, colour is never the only signal.
 * The track is white with an ink-500 border (4.9:1 on white cards, 4.1:1 on the lavender page:
 * WCAG 1.4.11 asks 3:1), so the bar's extent shows on any background, "0%" included.
 */
export function ProgressBar({ percent, label, size = "md" }: { percent: number; label: string; size?: "sm" | "md" }) {
  const clamped = Math.max(0, Math.min(100, Math.round(percent)));
  return (
    <div className="flex items-center gap-3">
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={clamped}
        className={`min-w-16 flex-1 overflow-hidden rounded-full border border-ink-500 bg-white ${size === "sm" ? "h-2.5" : "h-3.5"}`}
      >
        <Fill percent={clamped} />
      </div>
      <span className="w-11 shrink-0 text-right text-sm font-semibold tabular-nums">{clamped}%</span>
    </div>
  );
}
