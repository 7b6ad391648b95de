import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { AREA_ROLES, hasRole, ROLE_LABELS, type RoleName } from "~/utils/permissions.ts";

type HeaderUser = { name: string; email: string; role: RoleName } | null;

/** The areas of the main navigation this user may open (the same list on a phone and on a wide screen). */
function areas(user: HeaderUser) {
  return [
    { to: "/courses", label: "Academy" },
    { to: "/paths", label: "Paths" },
    { to: "/sentry", label: "Your Sentry Setup" },
    ...(hasRole(user, AREA_ROLES.staff) ? [{ to: "/staff", label: "POC Portal" }] : []),
    ...(hasRole(user, AREA_ROLES.instructor) ? [{ to: "/instructor", label: "Instructor" }] : []),
    ...(hasRole(user, AREA_ROLES.admin) ? [{ to: "/admin", label: "Admin" }] : []),
  ];
}

const navClass = ({ isActive }: { isActive: boolean }) =>
  `rounded-md px-3 py-2 text-sm font-medium hover:bg-ink-800 ${
    isActive ? "bg-ink-800 text-white underline decoration-brand-300 decoration-2 underline-offset-8" : "text-ink-100 no-underline hover:no-underline"
  }`;

/** A link of the phone menu: the current page is marked by a bar and bold type, not by colour alone. */
const menuLinkClass = ({ isActive }: { isActive: boolean }) =>
  `block rounded-md border-l-4 px-3 py-2 text-base no-underline hover:bg-ink-100 hover:no-underline ${
    isActive ? "border-brand-600 bg-ink-100 font-bold text-ink-950" : "border-transparent text-ink-950"
  }`;

/**
 * A <details> menu opens and closes without JavaScript. With it, the menu also closes when the page
 * changes (the header stays mounted across client navigations) and on Escape, giving focus back.
 */
function useDisclosure() {
  const ref = useRef<HTMLDetailsElement>(null);
  const location = useLocation();
  useEffect(() => {
    if (ref.current) ref.current.open = false;
  }, [location.key]);
  const onKeyDown = (event: React.KeyboardEvent<HTMLDetailsElement>) => {
    if (event.key !== "Escape" || !ref.current?.open) return;
    ref.current.open = false;
    ref.current.querySelector("summary")?.focus();
  };
  return { ref, onKeyDown };
}

/**
 * `minimal`: the customer portal shows only the logo: no navigation into staff or learner areas.
 * `unread`: the signed-in user's unread notifications (the root loader's one count).
 */
export function SiteHeader({ user, minimal = false, unread = 0 }: { user: HeaderUser; minimal?: boolean; unread?: number }) {
  const logo = (
    <Link to="/" className="flex shrink-0 items-center gap-2 text-base font-bold text-white no-underline hover:no-underline sm:text-lg">
      <span aria-hidden="true" className="grid h-8 w-8 place-items-center rounded-lg bg-gradient-to-br from-brand-600 to-rose-brand">
        S
      </span>
      Sentry Academy
    </Link>
  );
  if (minimal) {
    return (
      <header className="bg-ink-950 text-white">
        <div className="mx-auto flex max-w-6xl items-center px-4 py-3">{logo}</div>
      </header>
    );
  }
  const links = areas(user);
  return (
    <header className="relative bg-ink-950 text-white">
      <div className="mx-auto flex max-w-6xl items-center gap-2 px-4 py-3 sm:gap-3 lg:gap-4">
        {logo}
        {/* Wide screens: the areas in a row, then the account menu or Log in / Sign up. */}
        <nav aria-label="Main" className="hidden flex-1 flex-wrap items-center gap-1 lg:flex">
          {links.map((l) => (
            <NavLink key={l.to} to={l.to} className={navClass}>
              {l.label}
            </NavLink>
          ))}
        </nav>
        {user ? <NotificationsLink unread={unread} /> : null}
        <div className="hidden lg:block">{user ? <AccountMenu user={user} /> : <GuestLinks />}</div>
        {/* Phones and narrow windows: one row, everything behind "Menu". */}
        <PhoneMenu user={user} links={links} />
      </div>
    </header>
  );
}

function PhoneMenu({ user, links }: { user: HeaderUser; links: ReturnType<typeof areas> }) {
  const { ref, onKeyDown } = useDisclosure();
  return (
    <details ref={ref} onKeyDown={onKeyDown} className={`group lg:hidden ${user ? "" : "ml-auto"}`}>
      <summary className="flex cursor-pointer list-none items-center gap-1.5 rounded-md border border-ink-500 px-2.5 py-1.5 text-sm font-semibold text-white hover:bg-ink-800 [&::-webkit-details-marker]:hidden">
        <span aria-hidden="true" className="text-base leading-none">
          <span className="group-open:hidden">☰</span>
          <span className="hidden group-open:inline">✕</span>
        </span>
        Menu
      </summary>
      <div className="absolute inset-x-0 top-full z-30 border-t border-ink-800 bg-white text-ink-950 shadow-lg">
        <div className="mx-auto max-w-6xl space-y-3 px-4 py-3">
          <nav aria-label="Main">
            <ul className="space-y-1">
              {links.map((l) => (
                <li key={l.to}>
                  <NavLink to={l.to} className={menuLinkClass}>
                    {l.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <div className="border-t border-ink-300/60 pt-3">{user ? <AccountLinks user={user} linkClass={menuLinkClass} large /> : <GuestLinks stacked />}</div>
        </div>
      </div>
    </details>
  );
}

/** The bell: a link to /notifications, its name saying how many are unread ("Notifications, 2 unread"). Same place on a phone and a wide screen. */
function NotificationsLink({ unread }: { unread: number }) {
  const label = unread ? `Notifications, ${unread} unread` : "Notifications";
  return (
    <NavLink
      to="/notifications"
      aria-label={label}
      title={label}
      className="relative ml-auto grid h-9 w-8 shrink-0 place-items-center rounded-md text-ink-100 no-underline hover:bg-ink-800 hover:no-underline lg:ml-0"
    >
      <svg aria-hidden="true" viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
        <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
      {unread ? (
        <span aria-hidden="true" className="absolute -right-1 -top-1 min-w-5 rounded-full bg-brand-300 px-1 text-center text-xs font-bold leading-5 text-ink-950">
          {unread > 99 ? "99+" : unread}
        </span>
      ) : null}
    </NavLink>
  );
}

function GuestLinks({ stacked = false }: { stacked?: boolean }) {
  return (
    <div className={stacked ? "flex flex-wrap items-center gap-2" : "flex items-center gap-2"}>
      <Link
        to="/login"
        className={
          stacked ? "btn btn-secondary" : "rounded-md px-3 py-2 text-sm font-medium text-ink-100 no-underline hover:bg-ink-800 hover:no-underline"
        }
      >
        Log in
      </Link>
      <Link to="/signup" className="btn btn-primary">
        Sign up
      </Link>
    </div>
  );
}

const accountLinkClass = ({ isActive }: { isActive: boolean }) =>
  `block rounded-md px-3 py-2 text-sm text-ink-950 no-underline hover:bg-ink-100 hover:no-underline ${isActive ? "bg-ink-100 font-bold" : ""}`;

/** Who is signed in, their pages and Log out: in the account menu on wide screens, in the phone menu otherwise. */
function AccountLinks({ user, linkClass, large = false }: { user: NonNullable<HeaderUser>; linkClass: typeof accountLinkClass; large?: boolean }) {
  return (
    <>
      <p className="px-3 py-2 text-sm">
        <span className="block font-semibold">{user.name}</span>
        <span className="block truncate text-ink-700">{user.email}</span>
        <span className="mt-1 inline-block rounded bg-ink-100 px-2 py-0.5 text-xs font-semibold text-ink-800">{ROLE_LABELS[user.role]}</span>
      </p>
      <ul className="border-t border-ink-100 pt-1">
        <li>
          <NavLink to="/dashboard" className={linkClass}>
            Dashboard
          </NavLink>
        </li>
        <li>
          <NavLink to="/notes" className={linkClass}>
            My notes
          </NavLink>
        </li>
        <li>
          <NavLink to="/reviews" className={linkClass}>
            Code reviews
          </NavLink>
        </li>
        <li>
          <NavLink to="/account" className={linkClass}>
            Account settings
          </NavLink>
        </li>
        <li>
          <Form method="post" action="/logout">
            <button type="submit" className={`block w-full rounded-md py-2 text-left hover:bg-ink-100 ${large ? "border-l-4 border-transparent px-3 text-base" : "px-3 text-sm"}`}>
              Log out
            </button>
          </Form>
        </li>
      </ul>
    </>
  );
}

/** A <details> menu: opens and closes without JavaScript. */
function AccountMenu({ user }: { user: NonNullable<HeaderUser> }) {
  const { ref, onKeyDown } = useDisclosure();
  return (
    <details ref={ref} onKeyDown={onKeyDown} className="group relative">
      <summary className="flex cursor-pointer list-none items-center gap-2 rounded-md px-3 py-2 text-sm font-medium text-ink-100 hover:bg-ink-800 [&::-webkit-details-marker]:hidden">
        <span aria-hidden="true" className="grid h-7 w-7 place-items-center rounded-full bg-brand-600 text-xs font-bold uppercase">
          {user.name.slice(0, 1)}
        </span>
        <span>
          {user.name}
          <span className="sr-only">, account menu</span>
        </span>
        <span aria-hidden="true" className="text-xs transition group-open:rotate-180">
          ▾
        </span>
      </summary>
      <div className="absolute right-0 z-30 mt-2 w-64 rounded-xl border border-ink-300/50 bg-white p-2 text-ink-950 shadow-lg">
        <AccountLinks user={user} linkClass={accountLinkClass} />
      </div>
    </details>
  );
}
