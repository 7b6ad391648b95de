/** The data export file: only its owner, only while ready and not expired (anyone else: 404). */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportDownload } from "~/modules/accounts/self-service.server.ts";
import { requireUser } from "~/utils/auth.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const file = await exportDownload(user.id, String(params.id ?? "").slice(0, 100));
  if (!file) throw new Response("This export does not exist or has expired.", { status: 404 });
  return new Response(file.content, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="sentry-academy-data-${file.createdAt.toISOString().slice(0, 10)}.json"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
