import type { LoaderFunctionArgs } from "@remix-run/node";
import { analyticsCsv, requireAnalyticsAccess } from "~/modules/academy/analytics.server.ts";

/**
 * The course's student progress as a CSV download (columns: see analyticsCsv),
 * computed fresh on every download, for whoever may see the analytics page.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { course } = await requireAnalyticsAccess(request, params.id);
  const csv = await analyticsCsv(course.id);
  // A byte-order mark, so spreadsheet apps read names with accents as UTF-8.
  return new Response(`\uFEFF${csv}`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${course.slug}-learners-${new Date().toISOString().slice(0, 10)}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
