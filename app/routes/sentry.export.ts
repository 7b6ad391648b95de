import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportConnection } from "~/modules/sentry-connect/connection.server.ts";
import { requireUser } from "~/utils/auth.server.ts";

/** Everything stored about the user's Sentry connection, as a JSON download (tokens are never included). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const body = JSON.stringify(await exportConnection(user.id), null, 2);
  return new Response(body, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="sentry-connection-${new Date().toISOString().slice(0, 10)}.json"`,
      "Cache-Control": "no-store",
    },
  });
}
