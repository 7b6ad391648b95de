/**
 * The numbers behind a chart as a plain table, folded under a "Show the numbers"
 * disclosure (a native <details>, so it opens without JavaScript). Whoever can't
 * see the SVG, or wants the exact figures, reads them here.
 */
export type ChartTable = { columns: string[]; rows: (string | number)[][] };

export function ChartData({ title, table }: { title: string; table: ChartTable }) {
  return (
    <details className="mt-2 text-sm">
      <summary className="cursor-pointer font-semibold text-brand-700">
        Show the numbers<span className="sr-only"> for {title.toLowerCase()}</span>
      </summary>
      <div className="mt-2 overflow-x-auto rounded-lg border border-ink-300/60">
        <table className="w-full text-left">
          <caption className="sr-only">{title}</caption>
          <thead className="bg-ink-100">
            <tr>
              {table.columns.map((column, i) => (
                <th key={column} scope="col" className={`px-3 py-2 ${i > 0 ? "text-right" : ""}`}>
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-ink-100">
            {table.rows.map(([first, ...rest], r) => (
              <tr key={r}>
                <th scope="row" className="px-3 py-1.5 font-normal">
                  {first}
                </th>
                {rest.map((cell, c) => (
                  <td key={c} className="px-3 py-1.5 text-right tabular-nums">
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
