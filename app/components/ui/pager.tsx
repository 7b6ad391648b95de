/**
 * "← Previous page · Page 2 of 5 · Next page →": plain links, so paging works
 * without JavaScript. `href` builds the address of a page (keeping the filters).
 */
import { Link } from "@remix-run/react";

type Props = {
  page: number;
  pages: number;
  href: (page: number) => string;
  /** The navigation landmark's name, e.g. "Learner pages". */
  label: string;
  /** How page numbers are written (e.g. with thousands separators). */
  format?: (n: number) => string;
};

export function Pager({ page, pages, href, label, format = String }: Props) {
  return (
    <nav aria-label={label} className="mt-3 flex flex-wrap items-center justify-between gap-3 text-sm">
      {page > 1 ? (
        <Link to={href(Math.min(page - 1, pages))} rel="prev">
          ← Previous page
        </Link>
      ) : (
        <span />
      )}
      <span>
        Page {format(page)} of {format(pages)}
      </span>
      {page < pages ? (
        <Link to={href(page + 1)} rel="next">
          Next page →
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
