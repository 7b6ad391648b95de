import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireRole } from "~/utils/auth.server.ts";
import { AREA_ROLES } from "~/utils/permissions.ts";

export const meta: MetaFunction = () => [{ title: "Instructor studio · Sentry Academy" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, AREA_ROLES.instructor);
  return { name: user.name };
}

export default function InstructorHome() {
  const { name } = useLoaderData<typeof loader>();
  return (
    <div>
      <h1 className="text-3xl font-bold">Instructor studio</h1>
      <p className="mt-2 text-ink-800">Hello {name}. This area is open to instructors and admins.</p>
      <section className="card mt-6" aria-labelledby="authoring">
        <h2 id="authoring" className="text-xl font-bold">
          Course authoring
        </h2>
        <p className="mt-2 text-ink-800">
          Creating and editing courses, bulk upload and course analytics arrive with the Academy authoring release. Until then
          the catalogue is loaded from the Markdown files in <code>prisma/seed/</code>.
        </p>
      </section>
    </div>
  );
}
