/**
 * A line-and-area chart of a count over time, drawn on the server. The curve
 * sits in a nested SVG that stretches to the width (its stroke doesn't scale);
 * gridlines, labels and points are placed in percentages of the outer SVG, so
 * text keeps its size at any width. One image for assistive technology (title
 * + summary), with the exact numbers in the table under it.
 */
import { ChartData, type ChartTable } from "./chart-data.tsx";
import { niceTicks, spreadIndexes } from "./scale.ts";

/** `label` names the point in full ("Week of 3 Nov 2026"), `tick` is its short axis label ("3 Nov"). */
export type SeriesPoint = { label: string; tick: string; value: number };

const TOP = 30;
const PLOT = 170;
const HEIGHT = TOP + PLOT + 28;
const INSET = 3; // % left and right, so the first and last points aren't cut
const WIDTH = 1000; // the curve's own coordinate width
const numbers = new Intl.NumberFormat("en");

export function AreaChart({
  id,
  title,
  description,
  yLabel,
  points,
  table,
}: {
  id: string;
  title: string;
  description: string;
  yLabel: string;
  points: SeriesPoint[];
  table: ChartTable;
}) {
  const ticks = niceTicks(Math.max(0, ...points.map((p) => p.value)));
  const top = ticks.at(-1)!;
  const n = points.length;
  const y = (v: number) => PLOT - (v / top) * PLOT;
  const xCurve = (i: number) => (n === 1 ? WIDTH / 2 : (i / (n - 1)) * WIDTH);
  const xPercent = (i: number) => INSET + (xCurve(i) / WIDTH) * (100 - 2 * INSET);
  const line = points.map((p, i) => `${i ? "L" : "M"}${xCurve(i).toFixed(1)} ${y(p.value).toFixed(1)}`).join(" ");
  const area = `${line} L${xCurve(n - 1).toFixed(1)} ${PLOT} L${xCurve(0).toFixed(1)} ${PLOT} Z`;
  const labelled = spreadIndexes(n, 6);
  // On narrow screens only three of the date labels, so they don't run into each other.
  const narrow = new Set(spreadIndexes(labelled.length, 3).map((k) => labelled[k]));
  return (
    <figure className="mt-3">
      <svg role="img" aria-labelledby={`${id}-title ${id}-desc`} width="100%" height={HEIGHT} className="block overflow-visible">
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        <defs>
          <linearGradient id={`${id}-fill`} x1="0" x2="0" y1="0" y2="1">
            <stop offset="0" stopColor="currentColor" stopOpacity="0.35" className="text-brand-500" />
            <stop offset="1" stopColor="currentColor" stopOpacity="0.03" className="text-brand-500" />
          </linearGradient>
        </defs>
        <text x="0" y="12" className="fill-ink-700 text-xs font-semibold">
          {yLabel}
        </text>
        {ticks.map((t) => (
          <g key={t}>
            <line x1="0" x2="100%" y1={TOP + y(t)} y2={TOP + y(t)} className={t === 0 ? "stroke-ink-300" : "stroke-ink-300/50"} strokeDasharray={t === 0 ? undefined : "3 4"} />
            {t > 0 ? (
              <text x="0" y={TOP + y(t) - 4} className="fill-ink-700 text-xs tabular-nums">
                {numbers.format(t)}
              </text>
            ) : null}
          </g>
        ))}
        <svg x={`${INSET}%`} y={TOP} width={`${100 - 2 * INSET}%`} height={PLOT} viewBox={`0 0 ${WIDTH} ${PLOT}`} preserveAspectRatio="none" overflow="visible">
          <path d={area} fill={`url(#${id}-fill)`} />
          <path d={line} fill="none" strokeWidth="2.5" strokeLinejoin="round" vectorEffect="non-scaling-stroke" className="stroke-brand-600" />
        </svg>
        {n <= 120
          ? points.map((p, i) => (
              <circle key={i} cx={`${xPercent(i)}%`} cy={TOP + y(p.value)} r={n > 40 ? 2.5 : 4} strokeWidth="2" className="fill-white stroke-brand-600">
                <title>{`${p.label}: ${numbers.format(p.value)}`}</title>
              </circle>
            ))
          : null}
        {labelled.map((i, k) => (
          <text
            key={i}
            x={`${xPercent(i)}%`}
            y={TOP + PLOT + 20}
            textAnchor={labelled.length > 1 && k === 0 ? "start" : k === labelled.length - 1 && labelled.length > 1 ? "end" : "middle"}
            className={`fill-ink-700 text-xs ${narrow.has(i) ? "" : "max-sm:hidden"}`}
          >
            {points[i].tick}
          </text>
        ))}
      </svg>
      <ChartData title={title} table={table} />
    </figure>
  );
}
