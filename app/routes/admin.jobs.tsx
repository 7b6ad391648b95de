import { Breadcrumb } from "~/components/ui/breadcrumb.tsx";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { queueSummaries, recentJobs, retryJob } from "~/modules/admin/jobs.server.ts";
import { Badge, type BadgeTone } from "~/components/ui/badge.tsx";
import { requireRole } from "~/utils/auth.server.ts";
import { formatIsoDateTime } from "~/utils/dates.ts";
import { AREA_ROLES } from "~/utils/permissions.ts";
import { redirectWithToast } from "~/utils/toast.server.ts";
import { ScrollRegion } from "~/components/ui/scroll-region.tsx";

export const meta: MetaFunction = () => [{ title: "Background jobs · Administration · Sentry Academy" }];

const STATES = ["created", "retry", "active", "completed", "failed", "cancelled"] as const;
// A queue name as pg-boss takes it (anything else makes it throw): letters, digits, `_` and `-`.
const RetrySchema = z.object({ name: z.string().regex(/^[\w-]{1,100}$/, "That is not the name of a job queue."), id: z.uuid() });

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, AREA_ROLES.admin);
  const stateParam = new URL(request.url).searchParams.get("state");
  const state = STATES.find((s) => s === stateParam);
  const [queues, jobs, failures] = await Promise.all([
    queueSummaries(),
    recentJobs({ state, limit: 50 }),
    recentJobs({ state: "failed", limit: 10 }),
  ]);
  return { queues, jobs, failures, state: state ?? null };
}

export async function action({ request }: ActionFunctionArgs) {
  await requireRole(request, AREA_ROLES.admin);
  const submission = parseWithZod(await request.formData(), { schema: RetrySchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  await retryJob(submission.value.name, submission.value.id);
  return redirectWithToast("/admin/jobs", { kind: "success", message: `Job ${submission.value.id.slice(0, 8)} is queued to run again.` });
}

const STATE_TONE: Record<string, BadgeTone> = { completed: "success", failed: "danger", retry: "warning", active: "info", created: "neutral", cancelled: "muted" };

/** pg-boss's own state word (the admin reads the queue's vocabulary). */
function StateBadge({ state }: { state: string }) {
  return <Badge tone={STATE_TONE[state] ?? "plain"}>{state}</Badge>;
}

const time = (d: string | Date | null) => (d ? formatIsoDateTime(d) : "—");

function errorText(output: unknown) {
  if (output && typeof output === "object" && "message" in output) return String((output as { message: unknown }).message);
  return output ? JSON.stringify(output).slice(0, 200) : "";
}

export default function AdminJobs() {
  const { queues, jobs, failures, state } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-8">
      <div>
        <Breadcrumb trail={[{ to: "/admin", label: "Administration" }]} current="Background jobs" />
        <h1 className="text-3xl font-bold">Background jobs</h1>
        <p className="mt-1 text-ink-700">pg-boss queues, shared by every running instance of the app.</p>
      </div>
      <section aria-labelledby="queues-title">
        <h2 id="queues-title" className="text-xl font-bold">
          Queues
        </h2>
        <ScrollRegion label="Queues" className="mt-3 rounded-xl border border-ink-300/60 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="bg-ink-100">
              <tr>
                <th scope="col" className="px-4 py-2">Queue</th>
                {STATES.map((s) => (
                  <th key={s} scope="col" className="px-4 py-2 capitalize">{s}</th>
                ))}
                <th scope="col" className="px-4 py-2">Retries allowed</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-ink-100">
              {queues.map((q) => (
                <tr key={q.name}>
                  <th scope="row" className="px-4 py-2 font-mono">{q.name}</th>
                  {STATES.map((s) => (
                    <td key={s} className="px-4 py-2">{q[s]}</td>
                  ))}
                  <td className="px-4 py-2">{q.retryLimit}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </section>
      <section aria-labelledby="failures-title">
        <h2 id="failures-title" className="text-xl font-bold">
          Recent failures
        </h2>
        {failures.length === 0 ? (
          <p className="mt-2 text-ink-700">No failed jobs.</p>
        ) : (
          <ul className="mt-3 space-y-3">
            {failures.map((j) => (
              <li key={j.id} className="card flex flex-wrap items-center justify-between gap-3 p-4">
                <div>
                  <p className="font-mono text-sm">
                    {j.name} · {j.id.slice(0, 8)}
                  </p>
                  <p className="text-sm text-red-900">{errorText(j.output)}</p>
                  <p className="text-xs text-ink-700">
                    Failed after {j.retryCount} retr{j.retryCount === 1 ? "y" : "ies"} · {time(j.completedOn)}
                  </p>
                </div>
                <Form method="post">
                  <input type="hidden" name="name" value={j.name} />
                  <input type="hidden" name="id" value={j.id} />
                  <button type="submit" className="btn btn-secondary">
                    Retry
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="recent-title">
        <h2 id="recent-title" className="text-xl font-bold">
          Recent jobs{state ? `: ${state}` : ""}
        </h2>
        <nav aria-label="Filter by state" className="mt-2 flex flex-wrap gap-2 text-sm">
          <Link to="/admin/jobs" aria-current={state === null ? "page" : undefined} className="rounded border border-brand-600 px-2 py-1 no-underline aria-[current=page]:bg-brand-600 aria-[current=page]:text-white">
            All
          </Link>
          {STATES.map((s) => (
            <Link key={s} to={`?state=${s}`} aria-current={state === s ? "page" : undefined} className="rounded border border-brand-600 px-2 py-1 no-underline aria-[current=page]:bg-brand-600 aria-[current=page]:text-white">
              {s}
            </Link>
          ))}
        </nav>
        <ScrollRegion label="Recent jobs" className="mt-3 rounded-xl border border-ink-300/60 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="bg-ink-100">
              <tr>
                <th scope="col" className="px-4 py-2">Job</th>
                <th scope="col" className="px-4 py-2">State</th>
                <th scope="col" className="px-4 py-2">Retries</th>
                <th scope="col" className="px-4 py-2">Created</th>
                <th scope="col" className="px-4 py-2">Finished</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-ink-100">
              {jobs.map((j) => (
                <tr key={j.id}>
                  <td className="px-4 py-2 font-mono">
                    {j.name} · {j.id.slice(0, 8)}
                  </td>
                  <td className="px-4 py-2">
                    <StateBadge state={j.state} />
                  </td>
                  <td className="px-4 py-2">
                    {j.retryCount}/{j.retryLimit}
                  </td>
                  <td className="px-4 py-2">{time(j.createdOn)}</td>
                  <td className="px-4 py-2">{time(j.completedOn)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {jobs.length === 0 ? <p className="p-4 text-ink-700">No jobs yet.</p> : null}
        </ScrollRegion>
      </section>
    </div>
  );
}
