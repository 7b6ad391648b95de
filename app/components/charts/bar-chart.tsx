/**
 * A horizontal bar chart drawn on the server: one row per item, its label above
 * a bar, the value written at the end of the row. Positions are percentages of
 * the width and text is never scaled, so the chart stays readable from 320 px
 * wide up. The SVG is one image for assistive technology (title + summary); the
 * exact numbers are in the table under it.
 */
import { ChartData, type ChartTable } from "./chart-data.tsx";
import { truncate } from "~/utils/text.ts";

export type Bar = { label: string; value: number; valueText: string };

const ROW = 46;
const TRACK = 74; // % of the width; the rest holds the value text

export function BarChart({ id, title, description, bars, max, table }: { id: string; title: string; description: string; bars: Bar[]; max: number; table: ChartTable }) {
  return (
    <figure className="mt-3">
      <svg role="img" aria-labelledby={`${id}-title ${id}-desc`} width="100%" height={bars.length * ROW} className="block overflow-visible">
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        <defs>
          <linearGradient id={`${id}-fill`}>
            <stop offset="0" stopColor="currentColor" className="text-brand-700" />
            <stop offset="1" stopColor="currentColor" className="text-brand-500" />
          </linearGradient>
        </defs>
        {bars.map((bar, i) => {
          const top = i * ROW;
          const share = max > 0 ? Math.min(1, bar.value / max) : 0;
          return (
            <g key={i}>
              <title>{`${bar.label}: ${bar.valueText}`}</title>
              <text x="0" y={top + 15} className="fill-ink-900 text-[13px]">
                {truncate(bar.label, 44)}
              </text>
              <rect x="0" y={top + 23} width={`${TRACK}%`} height="12" rx="6" className="fill-ink-100" />
              {share > 0 ? <rect x="0" y={top + 23} width={`${Math.max(share * TRACK, 1)}%`} height="12" rx="6" fill={`url(#${id}-fill)`} /> : null}
              <text x="100%" y={top + 33} textAnchor="end" className="fill-ink-800 text-xs font-semibold tabular-nums">
                {bar.valueText}
              </text>
            </g>
          );
        })}
      </svg>
      <ChartData title={title} table={table} />
    </figure>
  );
}
