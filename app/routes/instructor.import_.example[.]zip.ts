import type { LoaderFunctionArgs } from "@remix-run/node";
import { EXAMPLE_FOLDER, exampleCourseZip } from "~/modules/academy/zip-import.server.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { AREA_ROLES } from "~/utils/permissions.ts";

/** A course folder zipped the way the import page expects it, to start from. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, AREA_ROLES.instructor);
  const zip = exampleCourseZip();
  if (!zip) throw new Response("The example course isn't installed here.", { status: 404 });
  return new Response(new Uint8Array(zip), {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="${EXAMPLE_FOLDER}.zip"`,
      "Cache-Control": "private, max-age=3600",
    },
  });
}
