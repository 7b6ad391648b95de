/** The mutual action plan: every milestone; the customer sets the status of the ones their team owns. */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ProgressBar } from "~/components/ui/progress-bar.tsx";
import { changeStatus, customerPage, requireCustomerAccess } from "~/modules/poc/customer-portal.server.ts";
import { customerMeta } from "~/components/poc/customer/headers-meta.ts";
import { CustomerItemRow, CustomerTimeline } from "~/components/poc/customer/item-row.tsx";
import { POC_SECTION_LABELS } from "~/modules/poc/sections.ts";
import type { RenderCacheHandle } from "~/utils/render-cache.server.ts";

export const meta: MetaFunction<typeof loader> = (args) => customerMeta(POC_SECTION_LABELS.plan, args);

/** Everyone holding the link sees the same page: its render is kept while the data stays the same (render-cache.server.ts). */
export const handle: RenderCacheHandle = { renderCacheSeconds: 60 };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { poc, progress } = await customerPage(request, params);
  return {
    progress: progress.milestones,
    milestones: poc.milestones.map((m) => ({ id: m.id, title: m.title, owner: m.owner, side: m.side, dueDate: m.dueDate, status: m.status, version: m.version, updatedBy: m.updatedBy })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireCustomerAccess(params);
  const form = await request.formData();
  if (form.get("intent") === "status" && form.get("kind") === "milestone") return changeStatus(access, form, "plan");
  return data({ error: "Unknown action" }, { status: 400 });
}

export default function CustomerPlan() {
  const { milestones, progress } = useLoaderData<typeof loader>();
  return (
    <section className="card" aria-labelledby="plan-title">
      <h2 id="plan-title" className="text-2xl font-bold">
        {POC_SECTION_LABELS.plan}
      </h2>
      <p className="mt-1 text-ink-800">
        The milestones both teams agreed on. Set the status of the ones your team owns; the Sentry team keeps theirs up to date.
      </p>
      <div className="mt-4">
        <ProgressBar percent={progress.percent} label="Milestones completed" />
        <p className="mt-1 text-sm text-ink-700">
          {progress.done} of {progress.total} milestones completed
        </p>
      </div>
      {milestones.length === 0 ? (
        <p className="mt-6 text-ink-800">No milestones yet.</p>
      ) : (
        <CustomerTimeline kind="milestone" label="Milestones">
          {milestones.map((m, i) => (
            <CustomerItemRow key={m.id} kind="milestone" item={m} number={i + 1} />
          ))}
        </CustomerTimeline>
      )}
    </section>
  );
}
