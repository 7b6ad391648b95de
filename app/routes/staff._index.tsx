import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireRole } from "~/utils/auth.server.ts";
import { AREA_ROLES } from "~/utils/permissions.ts";

export const meta: MetaFunction = () => [{ title: "POC Portal · Sentry Academy" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, AREA_ROLES.staff);
  return { name: user.name };
}

export default function StaffHome() {
  const { name } = useLoaderData<typeof loader>();
  return (
    <div>
      <h1 className="text-3xl font-bold">POC Portal</h1>
      <p className="mt-2 text-ink-800">Hello {name}. This area is open to Sentry solutions engineers and admins.</p>
      <section className="card mt-6" aria-labelledby="pocs">
        <h2 id="pocs" className="text-xl font-bold">
          Proofs of concept
        </h2>
        <p className="mt-2 text-ink-800">
          POC workspaces, mutual action plans and customer share links arrive with the POC Portal release.
        </p>
      </section>
    </div>
  );
}
