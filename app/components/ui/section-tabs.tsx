/** A row of links to the sections of one thing (a POC's tabs, a course's studio pages); the current one underlined. */
import { NavLink } from "@remix-run/react";

export type SectionTab = { readonly to: string; readonly label: string };

export function SectionTabs({ label, base, tabs, prefetch }: { label: string; base: string; tabs: readonly SectionTab[]; prefetch?: "intent" }) {
  return (
    <nav aria-label={label} className="overflow-x-auto border-b border-ink-300/70">
      <ul className="flex min-w-max gap-1">
        {tabs.map((tab) => (
          <li key={tab.to}>
            <NavLink
              to={tab.to ? `${base}/${tab.to}` : base}
              end={!tab.to}
              prefetch={prefetch}
              className={({ isActive }) =>
                `-mb-px inline-block border-b-4 px-3 py-2 text-sm font-semibold no-underline hover:no-underline ${
                  isActive ? "border-brand-600 text-ink-950" : "border-transparent text-ink-700 hover:border-ink-300 hover:text-ink-950"
                }`
              }
            >
              {tab.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
