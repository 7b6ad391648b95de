import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { formatRange } from "~/utils/dates.ts";
import { PocStatusBadge } from "~/components/poc/badges.tsx";
import { Pager } from "~/components/ui/pager.tsx";
import { ProgressBar } from "~/components/ui/progress-bar.tsx";
import { listPocs, staffOwners } from "~/modules/poc/poc-queries.server.ts";
import { POC_STATUSES } from "~/modules/poc/progress.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { AREA_ROLES } from "~/utils/permissions.ts";
import { pageParam } from "~/utils/page-param.ts";
import { ScrollRegion } from "~/components/ui/scroll-region.tsx";

export const meta: MetaFunction = () => [{ title: "POC Portal · Sentry Academy" }];

const PER_PAGE = 50;

/** The list's address with these filters (empty ones left out) on a page. */
function listHref(filters: { q: string; status: string; owner: string }, page: number) {
  const params = new URLSearchParams(Object.entries({ ...filters, page: page > 1 ? String(page) : "" }).filter(([, v]) => v));
  return params.size ? `/staff?${params}` : "/staff";
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, AREA_ROLES.staff);
  const url = new URL(request.url);
  const q = url.searchParams.get("q")?.trim().slice(0, 100) ?? "";
  const statusParam = url.searchParams.get("status") ?? "";
  const status = POC_STATUSES.some((s) => s.value === statusParam) ? statusParam : "";
  const owners = await staffOwners();
  const ownerParam = url.searchParams.get("owner") ?? "";
  const owner = ownerParam === "me" ? user.id : owners.some((o) => o.id === ownerParam) ? ownerParam : "";
  const page = pageParam(url.searchParams, 1000);
  const list = await listPocs({ q: q || undefined, status: status || undefined, owner: owner || undefined, page, perPage: PER_PAGE });
  return { ...list, owners, filters: { q, status, owner }, filtered: Boolean(q || status || owner) };
}

export default function StaffHome() {
  const { pocs, matching, page, pages, owners, filters, filtered } = useLoaderData<typeof loader>();
  const from = (page - 1) * PER_PAGE + 1;
  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-3xl font-bold">POC Portal</h1>
          <p className="mt-1 text-ink-800">Proofs of concept with their mutual action plans, progress and customer links.</p>
        </div>
        <Link to="/staff/pocs/new" className="btn btn-primary">
          New POC
        </Link>
      </header>

      <Form method="get" role="search" aria-label="Filter POCs" className="card flex flex-wrap items-end gap-3 p-4">
        <div className="min-w-0 grow basis-56">
          <label htmlFor="poc-q" className="label">
            Customer or domain
          </label>
          <input id="poc-q" name="q" type="search" defaultValue={filters.q} className="input" placeholder="e.g. acme" />
        </div>
        <div className="basis-40">
          <label htmlFor="poc-status" className="label">
            Status
          </label>
          <select id="poc-status" name="status" defaultValue={filters.status} className="input">
            <option value="">Any status</option>
            {POC_STATUSES.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
        <div className="basis-48">
          <label htmlFor="poc-owner" className="label">
            SE owner
          </label>
          <select id="poc-owner" name="owner" defaultValue={filters.owner} className="input">
            <option value="">Anyone</option>
            {owners.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn btn-secondary">
          Filter
        </button>
        {filtered ? (
          <Link to="/staff" className="btn btn-tertiary">
            Clear filters
          </Link>
        ) : null}
      </Form>

      <section aria-labelledby="pocs-title">
        <h2 id="pocs-title" className="sr-only">
          Proofs of concept
        </h2>
        <p className="mb-2 text-sm text-ink-700" aria-live="polite">
          {matching} POC{matching === 1 ? "" : "s"}
          {filtered ? " matching the filters" : ""}
          {pages > 1 && pocs.length ? ` · showing ${from}–${from + pocs.length - 1}, most recently updated first` : ""}
        </p>
        {matching === 0 ? (
          <div className="card">
            <p>{filtered ? "No POC matches these filters." : "No POCs yet."}</p>
            <Link to="/staff/pocs/new" className="btn btn-primary mt-3">
              Create the first POC
            </Link>
          </div>
        ) : pocs.length === 0 ? (
          <div className="card">
            <p>
              There is no page {page}: the list has {pages} page{pages === 1 ? "" : "s"}. <Link to={listHref(filters, pages)}>Go to the last page</Link>
            </p>
          </div>
        ) : (
          <ScrollRegion label="POCs" className="rounded-xl border border-ink-300/60 bg-white">
            <table className="w-full min-w-[48rem] text-left text-sm">
              <caption className="sr-only">Proofs of concept, most recently updated first</caption>
              <thead className="bg-ink-100 text-ink-900">
                <tr>
                  <th scope="col" className="px-4 py-3">Customer</th>
                  <th scope="col" className="px-4 py-3">SE owner</th>
                  <th scope="col" className="px-4 py-3">Status</th>
                  <th scope="col" className="px-4 py-3">Dates</th>
                  <th scope="col" className="w-56 px-4 py-3">Progress</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-ink-100">
                {pocs.map((p) => (
                  <tr key={p.id}>
                    <td className="px-4 py-3">
                      <Link to={`/staff/pocs/${p.id}`} className="font-semibold">
                        {p.customerName}
                      </Link>
                      <span className="block text-xs text-ink-700">{p.accountDomain}</span>
                    </td>
                    <td className="px-4 py-3">{p.owner.name}</td>
                    <td className="px-4 py-3">
                      <PocStatusBadge status={p.status} />
                    </td>
                    <td className="px-4 py-3 text-xs">
                      {formatRange(p.startDate, p.endDate)}
                    </td>
                    <td className="px-4 py-3">
                      <ProgressBar percent={p.progress.percent} label={`Progress of the ${p.customerName} POC`} size="sm" />
                      <span className="text-xs text-ink-700">
                        {p.progress.done} of {p.progress.total} done
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
        {pages > 1 && pocs.length ? <Pager label="POC list pages" page={page} pages={pages} href={(n) => listHref(filters, n)} /> : null}
      </section>
    </div>
  );
}
