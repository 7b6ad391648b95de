/**
 * The staff POC workspace's tab navigation (one route per tab under /staff/pocs/:id).
 * Wide screens: every tab in a row that wraps rather than scrolls (nothing clipped at 1280 px).
 * Phones: one line naming the current section ("3 of 8") that opens the list of
 * all sections, a <details> so it works without JavaScript.
 */
import { Link, NavLink, useLocation } from "@remix-run/react";
import { POC_SECTION_LABELS } from "~/modules/poc/sections.ts";

const WORKSPACE_TABS = (["overview", "plan", "phases", "criteria", "team", "gong", "ai", "tech"] as const).map((section) => ({
  to: section === "overview" ? "" : section,
  label: POC_SECTION_LABELS[section],
}));

const hrefOf = (base: string, to: string) => (to ? `${base}/${to}` : base);

export function WorkspaceTabs({ pocId }: { pocId: string }) {
  const base = `/staff/pocs/${pocId}`;
  const { pathname } = useLocation();
  const path = pathname.replace(/\/$/, "");
  const currentIndex = Math.max(
    0,
    WORKSPACE_TABS.findIndex((t) => t.to && (path === hrefOf(base, t.to) || path.startsWith(`${hrefOf(base, t.to)}/`))),
  );
  const current = WORKSPACE_TABS[currentIndex];
  return (
    <>
      <nav aria-label="POC sections" className="hidden border-b border-ink-300/70 md:block">
        <ul className="flex flex-wrap">
          {WORKSPACE_TABS.map((tab) => (
            <li key={tab.to}>
              <NavLink
                to={hrefOf(base, tab.to)}
                end={!tab.to}
                prefetch="intent"
                className={({ isActive }) =>
                  `-mb-px inline-block border-b-4 px-2.5 py-2 text-sm font-semibold whitespace-nowrap no-underline hover:no-underline ${
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
      <details className="group rounded-xl border border-ink-300/70 bg-white md:hidden">
        <summary className="flex cursor-pointer items-center justify-between gap-2 px-3 py-2 text-sm">
          <span>
            <span className="text-ink-700">Section {currentIndex + 1} of {WORKSPACE_TABS.length}: </span>
            <strong className="text-ink-950">{current.label}</strong>
          </span>
          <span aria-hidden="true" className="text-ink-700 group-open:rotate-180">
            ▾
          </span>
        </summary>
        <nav aria-label="POC sections">
          <ul className="border-t border-ink-100 py-1">
            {WORKSPACE_TABS.map((tab, index) => (
              <li key={tab.to}>
                <Link
                  to={hrefOf(base, tab.to)}
                  onClick={(event) => event.currentTarget.closest("details")?.removeAttribute("open")}
                  aria-current={index === currentIndex ? "page" : undefined}
                  className={`block px-3 py-2 text-sm no-underline ${index === currentIndex ? "bg-brand-300/20 font-bold text-ink-950" : "text-ink-800"}`}
                >
                  {tab.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </details>
    </>
  );
}
