/**
 * Where this page sits: the way back up, then the current page (`aria-current="page"`, not a link).
 * The separators are drawn between items by CSS (`.breadcrumb`, tailwind.css), so none is left
 * dangling at the end ("Instructor studio /" in the ux-review) and screen readers don't read them.
 */
import { Link } from "@remix-run/react";

export type Crumb = { to: string; label: React.ReactNode };

export function Breadcrumb({ trail, current, className = "" }: { trail: readonly Crumb[]; current: React.ReactNode; className?: string }) {
  return (
    <nav aria-label="Breadcrumb" className={`text-sm ${className}`}>
      <ol className="breadcrumb">
        {trail.map((crumb) => (
          <li key={crumb.to}>
            <Link to={crumb.to}>{crumb.label}</Link>
          </li>
        ))}
        <li aria-current="page">{current}</li>
      </ol>
    </nav>
  );
}
