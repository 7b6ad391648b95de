/**
 * A part of the page that scrolls sideways on its own: a wide table on a phone.
 * Positioned, so the visually hidden labels inside it (`sr-only` is absolutely
 * positioned) stay inside it: unpositioned, they escaped and widened the whole
 * page to 700-1,000 px at 320 (ux-review). Focusable and named, so a keyboard
 * can scroll it (axe: scrollable-region-focusable).
 */
export function ScrollRegion({ label, className = "", children }: { label: string; className?: string; children: React.ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className={`relative overflow-x-auto focus-visible:outline-2 focus-visible:outline-brand-600 ${className}`}>
      {children}
    </div>
  );
}
