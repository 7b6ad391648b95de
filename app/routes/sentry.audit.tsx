import { formatDateTimeSeconds } from "~/utils/dates.ts";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { recentApiCalls } from "~/modules/sentry-connect/connection.server.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { ScrollRegion } from "~/components/ui/scroll-region.tsx";

export const meta: MetaFunction = () => [{ title: "Sentry API call log · Sentry Academy" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { calls: await recentApiCalls(user.id) };
}

const time = formatDateTimeSeconds;

export default function AuditLog() {
  const { calls } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <header>
        <p>
          <Link to="/sentry">← Your Sentry Setup</Link>
        </p>
        <h1 className="mt-2 text-3xl font-bold">Sentry API call log</h1>
        <p className="mt-1 text-ink-800">Every request we made to Sentry for you, newest first (the last 200). Status 0 means Sentry didn't answer in time.</p>
      </header>
      {calls.length === 0 ? (
        <p className="card">No calls yet.</p>
      ) : (
        <ScrollRegion label="Sentry API calls" className="rounded-xl border border-ink-300/60 bg-white">
          <table className="min-w-full text-sm">
            <caption className="sr-only">API calls made to Sentry on your behalf</caption>
            <thead className="bg-ink-100 text-left">
              <tr>
                <th scope="col" className="px-3 py-2">
                  Time
                </th>
                <th scope="col" className="px-3 py-2">
                  Request
                </th>
                <th scope="col" className="px-3 py-2">
                  Status
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  Duration
                </th>
              </tr>
            </thead>
            <tbody>
              {calls.map((c, i) => (
                <tr key={i} className="border-t border-ink-300/60">
                  <td className="px-3 py-2 whitespace-nowrap">{time(c.at)}</td>
                  <td className="px-3 py-2 font-mono">
                    {c.method} {c.endpoint}
                  </td>
                  <td className={`px-3 py-2 ${c.status >= 400 || c.status === 0 ? "font-semibold text-red-800" : ""}`}>{c.status}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{c.durationMs} ms</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </div>
  );
}
