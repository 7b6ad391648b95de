/** A labelled progress bar; the number is always written out, colour is never the only signal. */
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
        className={`flex-1 overflow-hidden rounded-full bg-ink-100 ${size === "sm" ? "h-2" : "h-3"}`}
      >
        <div className="h-full rounded-full bg-gradient-to-r from-brand-700 to-brand-500" style={{ width: `${clamped}%` }} />
      </div>
      <span className="w-12 text-right text-sm font-semibold tabular-nums">{clamped}%</span>
    </div>
  );
}
