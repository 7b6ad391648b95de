import { Breadcrumb } from "~/components/ui/breadcrumb.tsx";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { Fill } from "~/components/ui/progress-bar.tsx";
import { sentryConnectMetrics, type Ratio } from "~/modules/sentry-connect/metrics.server.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { AREA_ROLES } from "~/utils/permissions.ts";
import { formatIsoMinute } from "~/utils/dates.ts";
import { ScrollRegion } from "~/components/ui/scroll-region.tsx";

export const meta: MetaFunction = () => [{ title: "Sentry Connect metrics · Administration · Sentry Academy" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, AREA_ROLES.admin);
  return { metrics: await sentryConnectMetrics() };
}

const NO_DATA = "no data yet";
const percentFormat = new Intl.NumberFormat("en", { style: "percent", maximumFractionDigits: 1 });
const numberFormat = new Intl.NumberFormat("en", { maximumFractionDigits: 1 });

const percent = (rate: number | null) => (rate === null ? NO_DATA : percentFormat.format(rate));
const plural = (n: number, one: string, many = `${one}s`) => `${numberFormat.format(n)} ${n === 1 ? one : many}`;
const days = (d: number | null) => (d === null ? NO_DATA : plural(d, "day"));
const utc = formatIsoMinute;

function StatCard({ label, value, children }: { label: string; value: string; children: ReactNode }) {
  return (
    <li className="card p-4">
      <h3 className="text-sm font-semibold text-ink-700">{label}</h3>
      <p className="mt-1 text-3xl font-bold">{value}</p>
      <p className="mt-1 text-sm text-ink-700">{children}</p>
    </li>
  );
}

/** A bar beside a written rate: the number is always there, the bar only helps compare. */
function RateBar({ rate }: { rate: number | null }) {
  return (
    <span className="flex items-center gap-3">
      <span aria-hidden="true" className="hidden h-2.5 w-24 overflow-hidden rounded-full border border-ink-500 bg-white sm:block">
        <Fill percent={Math.round((rate ?? 0) * 100)} />
      </span>
      <span className="tabular-nums">{percent(rate)}</span>
    </span>
  );
}

function Table({ caption, children }: { caption: string; children: ReactNode }) {
  return (
    <ScrollRegion label="Sentry Connect figures" className="mt-3 rounded-xl border border-ink-300/60 bg-white">
      <table className="w-full text-left text-sm">
        <caption className="px-4 pt-3 text-left font-semibold text-ink-900">{caption}</caption>
        {children}
      </table>
    </ScrollRegion>
  );
}

const th = "px-4 py-2";
const td = "px-4 py-2 tabular-nums";

function ofTotal(r: Ratio, what: string) {
  return `${numberFormat.format(r.count)} of ${plural(r.total, what)}`;
}

export default function AdminSentryMetrics() {
  const { metrics: m } = useLoaderData<typeof loader>();
  const methods = [
    { label: "OAuth", now: m.currentMethods.oauth, made: m.connectionsMade.oauth },
    { label: "Auth token", now: m.currentMethods.token, made: m.connectionsMade.token },
  ];
  const groups = [
    { label: "Connected Sentry (now or before)", ...m.completion.connected },
    { label: "Never connected", ...m.completion.notConnected },
  ];
  return (
    <div className="space-y-10">
      <div>
        <Breadcrumb trail={[{ to: "/admin", label: "Administration" }]} current="Sentry Connect metrics" />
        <h1 className="text-3xl font-bold">Sentry Connect metrics</h1>
        <p className="mt-1 text-ink-700">
          As of {utc(m.generatedAt)}. Every rate has its counts beside it; a rate with nothing to divide by reads "{NO_DATA}".
        </p>
      </div>

      <section aria-labelledby="connections-title">
        <h2 id="connections-title" className="text-2xl font-bold">
          Connections
        </h2>
        <ul className="mt-3 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          <StatCard label="Connection rate" value={percent(m.connectionRate.rate)}>
            {ofTotal(m.connectionRate, "user")} have Sentry connected now.
          </StatCard>
          <StatCard label="Ever connected" value={numberFormat.format(m.everConnected.count)}>
            {percent(m.everConnected.rate)} of {plural(m.everConnected.total, "user")} connected at least once;{" "}
            {plural(m.disconnections, "disconnection")} recorded.
          </StatCard>
          <StatCard label={`Last ${m.recent.days} days`} value={plural(m.recent.connected, "connection")}>
            {plural(m.recent.disconnected, "disconnection")} and {plural(m.recent.adopted, "feature")} adopted since {utc(m.recent.since).slice(0, 10)}.
          </StatCard>
        </ul>
        <Table caption="OAuth or auth token: how people connect">
          <thead className="bg-ink-100">
            <tr>
              <th scope="col" className={th}>Method</th>
              <th scope="col" className={th}>Connected now</th>
              <th scope="col" className={th}>Share now</th>
              <th scope="col" className={th}>Connections made</th>
              <th scope="col" className={th}>Share of connections made</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-ink-100">
            {methods.map((row) => (
              <tr key={row.label}>
                <th scope="row" className={th}>{row.label}</th>
                <td className={td}>{row.now.count}</td>
                <td className={td}><RateBar rate={row.now.rate} /></td>
                <td className={td}>{row.made.count}</td>
                <td className={td}><RateBar rate={row.made.rate} /></td>
              </tr>
            ))}
          </tbody>
        </Table>
        <p className="mt-2 text-sm text-ink-700">
          Connections made counts every connection, reconnections included, and stays after a disconnect.
        </p>
      </section>

      <section aria-labelledby="adoption-title">
        <h2 id="adoption-title" className="text-2xl font-bold">
          Recommendations and adoption
        </h2>
        <ul className="mt-3 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          <StatCard label="Recommendation adoption" value={percent(m.recommendationAdoption.rate)}>
            {ofTotal(m.recommendationAdoption, "recommendation")} done (current connections).
          </StatCard>
          <StatCard label="Time to adoption (median)" value={days(m.timeToAdoption.medianDays)}>
            Average {days(m.timeToAdoption.averageDays)}, over {plural(m.timeToAdoption.count, "adopted feature")}, counted from the
            first connection.
          </StatCard>
          <StatCard label="Features adopted" value={numberFormat.format(m.adoptedFeatures)}>
            Recommended features a later sync found turned on, kept after disconnects.
          </StatCard>
        </ul>
      </section>

      <section aria-labelledby="completion-title">
        <h2 id="completion-title" className="text-2xl font-bold">
          Course completion
        </h2>
        <Table caption="Completions per enrolment: learners who connected Sentry and those who never did">
          <thead className="bg-ink-100">
            <tr>
              <th scope="col" className={th}>Learners</th>
              <th scope="col" className={th}>Enrolled learners</th>
              <th scope="col" className={th}>Enrolments</th>
              <th scope="col" className={th}>Completions</th>
              <th scope="col" className={th}>Completion rate</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-ink-100">
            {groups.map((g) => (
              <tr key={g.label}>
                <th scope="row" className={th}>{g.label}</th>
                <td className={td}>{g.learners}</td>
                <td className={td}>{g.enrollments}</td>
                <td className={td}>{g.completions}</td>
                <td className={td}><RateBar rate={g.rate} /></td>
              </tr>
            ))}
          </tbody>
        </Table>
        <p className="mt-2 text-sm text-ink-700">A completion is an enrolment with a certificate for the course that has not been revoked.</p>
      </section>

      <section aria-labelledby="experiments-title">
        <h2 id="experiments-title" className="text-2xl font-bold">
          A/B tests
        </h2>
        {m.experiments.map((e) => (
          <div key={e.experimentId} className="mt-4">
            <h3 className="text-lg font-bold">
              {e.title} <span className="font-mono text-sm font-normal text-ink-700">{e.experimentId}</span>
            </h3>
            <p className="text-sm text-ink-700">Conversion: {e.conversion.toLowerCase()}.</p>
            <Table caption={`${e.title}: conversion by variant`}>
              <thead className="bg-ink-100">
                <tr>
                  <th scope="col" className={th}>Variant</th>
                  <th scope="col" className={th}>Headline</th>
                  <th scope="col" className={th}>Weight</th>
                  <th scope="col" className={th}>Assigned</th>
                  <th scope="col" className={th}>Converted</th>
                  <th scope="col" className={th}>Conversion rate</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-ink-100">
                {e.variants.map((v) => (
                  <tr key={v.variantId}>
                    <th scope="row" className={`${th} font-mono`}>{v.variantId}</th>
                    <td className={th}>{v.headline ?? "Retired: no longer shown"}</td>
                    <td className={td}>{v.weight}</td>
                    <td className={td}>{v.assigned}</td>
                    <td className={td}>{v.converted}</td>
                    <td className={td}><RateBar rate={v.rate} /></td>
                  </tr>
                ))}
              </tbody>
              <tfoot className="border-t border-ink-300/60 font-semibold">
                <tr>
                  <th scope="row" className={th} colSpan={3}>All variants</th>
                  <td className={td}>{e.total.assigned}</td>
                  <td className={td}>{e.total.converted}</td>
                  <td className={td}><RateBar rate={e.total.rate} /></td>
                </tr>
              </tfoot>
            </Table>
          </div>
        ))}
      </section>
    </div>
  );
}
