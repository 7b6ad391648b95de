import { Form, Link, NavLink } from "@remix-run/react";
import { AREA_ROLES, hasRole, ROLE_LABELS, type RoleName } from "~/utils/permissions.ts";

type HeaderUser = { name: string; email: string; role: RoleName } | null;

const navClass = ({ isActive }: { isActive: boolean }) =>
  `rounded-md px-3 py-2 text-sm font-medium no-underline hover:bg-ink-800 hover:no-underline ${
    isActive ? "bg-ink-800 text-white" : "text-ink-100"
  }`;

/** `minimal`: the customer portal shows only the logo: no navigation into staff or learner areas. */
export function SiteHeader({ user, minimal = false }: { user: HeaderUser; minimal?: boolean }) {
  const logo = (
    <Link to="/" className="flex items-center gap-2 text-lg font-bold text-white no-underline hover:no-underline">
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
  return (
    <header className="bg-ink-950 text-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
        {logo}
        <nav aria-label="Main" className="order-last flex w-full flex-wrap items-center gap-1 sm:order-none sm:w-auto sm:flex-1">
          <NavLink to="/courses" className={navClass}>
            Academy
          </NavLink>
          <NavLink to="/paths" className={navClass}>
            Paths
          </NavLink>
          <NavLink to="/sentry" className={navClass}>
            Your Sentry Setup
          </NavLink>
          {hasRole(user, AREA_ROLES.staff) ? (
            <NavLink to="/staff" className={navClass}>
              POC Portal
            </NavLink>
          ) : null}
          {hasRole(user, AREA_ROLES.instructor) ? (
            <NavLink to="/instructor" className={navClass}>
              Instructor
            </NavLink>
          ) : null}
          {hasRole(user, AREA_ROLES.admin) ? (
            <NavLink to="/admin" className={navClass}>
              Admin
            </NavLink>
          ) : null}
        </nav>
        {user ? <AccountMenu user={user} /> : <GuestLinks />}
      </div>
    </header>
  );
}

function GuestLinks() {
  return (
    <div className="ml-auto flex items-center gap-2 sm:ml-0">
      <Link to="/login" className="rounded-md px-3 py-2 text-sm font-medium text-ink-100 no-underline hover:bg-ink-800">
        Log in
      </Link>
      <Link to="/signup" className="btn btn-primary">
        Sign up
      </Link>
    </div>
  );
}

/** A <details> menu: opens and closes without JavaScript. */
function AccountMenu({ user }: { user: NonNullable<HeaderUser> }) {
  return (
    <details className="group relative ml-auto sm:ml-0">
      <summary className="flex cursor-pointer list-none items-center gap-2 rounded-md px-3 py-2 text-sm font-medium text-ink-100 hover:bg-ink-800">
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
      <div className="absolute right-0 z-20 mt-2 w-64 rounded-xl border border-ink-300/50 bg-white p-2 text-ink-950 shadow-lg">
        <p className="px-3 py-2 text-sm">
          <span className="block font-semibold">{user.name}</span>
          <span className="block truncate text-ink-700">{user.email}</span>
          <span className="mt-1 inline-block rounded bg-ink-100 px-2 py-0.5 text-xs font-semibold">{ROLE_LABELS[user.role]}</span>
        </p>
        <ul className="border-t border-ink-100 pt-1">
          <li>
            <Link to="/dashboard" className="block rounded-md px-3 py-2 text-sm text-ink-950 no-underline hover:bg-ink-100">
              Dashboard
            </Link>
          </li>
          <li>
            <Link to="/notes" className="block rounded-md px-3 py-2 text-sm text-ink-950 no-underline hover:bg-ink-100">
              My notes
            </Link>
          </li>
          <li>
            <Link to="/account" className="block rounded-md px-3 py-2 text-sm text-ink-950 no-underline hover:bg-ink-100">
              Account settings
            </Link>
          </li>
          <li>
            <Form method="post" action="/logout">
              <button type="submit" className="block w-full rounded-md px-3 py-2 text-left text-sm hover:bg-ink-100">
                Log out
              </button>
            </Form>
          </li>
        </ul>
      </div>
    </details>
  );
}
