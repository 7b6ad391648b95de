import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/utils/auth.server.ts";
import { AREA_ROLES, hasRole, ROLE_LABELS } from "~/utils/permissions.ts";

export const meta: MetaFunction = () => [{ title: "Dashboard · Sentry Academy" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { user };
}

export default function Dashboard() {
  const { user } = useLoaderData<typeof loader>();
  const links = [
    { to: "/sentry", label: "Your Sentry Setup", show: true },
    { to: "/account", label: "Account settings", show: true },
    { to: "/instructor", label: "Instructor studio", show: hasRole(user, AREA_ROLES.instructor) },
    { to: "/staff", label: "POC Portal", show: hasRole(user, AREA_ROLES.staff) },
    { to: "/admin", label: "Administration", show: hasRole(user, AREA_ROLES.admin) },
  ].filter((l) => l.show);
  return (
    <div className="space-y-8">
      <header>
        <h1 className="text-3xl font-bold">Welcome back, {user.name}</h1>
        <p className="mt-1 text-ink-700">Signed in as {user.email} · {ROLE_LABELS[user.role]}</p>
      </header>
      <section aria-labelledby="learning" className="card">
        <h2 id="learning" className="text-xl font-bold">
          Your learning
        </h2>
        <p className="mt-2 text-ink-800">
          You haven't enrolled in a course yet. The course catalogue opens with the Academy release; your progress, streaks and
          certificates will show here.
        </p>
      </section>
      <nav aria-labelledby="shortcuts">
        <h2 id="shortcuts" className="text-xl font-bold">
          Shortcuts
        </h2>
        <ul className="mt-3 flex flex-wrap gap-3">
          {links.map((l) => (
            <li key={l.to}>
              <Link to={l.to} className="btn btn-secondary">
                {l.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </div>
  );
}
