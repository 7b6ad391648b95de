import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireApiUser } from "~/utils/api-auth.server.ts";

/** GET /api/users/me: who the token (or session) belongs to. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { id, name, email, role } = await requireApiUser(request);
  return Response.json({ id, name, email, role }, { headers: { "Cache-Control": "private, no-store" } });
}
