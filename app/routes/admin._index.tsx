import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { AREA_ROLES } from "~/utils/permissions.ts";

export const meta: MetaFunction = () => [{ title: "Administration · Sentry Academy" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, AREA_ROLES.admin);
  const [users, emails] = await Promise.all([prisma.user.count(), prisma.email.count()]);
  return { users, emails };
}

export default function AdminHome() {
  const { users, emails } = useLoaderData<typeof loader>();
  const sections = [
    { to: "/admin/users", title: "Users and roles", body: `${users} accounts. Change who is a student, instructor, SE or admin.` },
    { to: "/admin/jobs", title: "Background jobs", body: "Queues, recent jobs, failures and retries of the pg-boss workers." },
    { to: "/admin/poc-templates", title: "POC templates", body: "The milestones, phases with tasks and success criteria every new POC starts with." },
    { to: "/admin/sentry", title: "Sentry Connect metrics", body: "Connection rate, OAuth or token, recommendation adoption, completion and A/B test results." },
    { to: "/outbox", title: "Email outbox", body: `${emails} emails written by the app, with their delivery status.` },
  ];
  return (
    <div>
      <h1 className="text-3xl font-bold">Administration</h1>
      <ul className="mt-6 grid gap-6 md:grid-cols-3">
        {sections.map((s) => (
          <li key={s.to} className="card">
            <h2 className="text-lg font-bold">
              <Link to={s.to}>{s.title}</Link>
            </h2>
            <p className="mt-2 text-ink-800">{s.body}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
