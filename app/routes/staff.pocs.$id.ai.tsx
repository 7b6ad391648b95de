import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { RunStatus } from "~/components/poc/run-status.tsx";
import { Tag } from "~/components/poc/badges.tsx";
import { WorkspaceErrorBoundary } from "~/components/poc/workspace-error-boundary.tsx";
import { Badge, type BadgeTone } from "~/components/ui/badge.tsx";
import { formatTimestamp } from "~/modules/poc/ai/analyze.server.ts";
import { openEvidence, tryOpen } from "~/modules/poc/conversation-data.server.ts";
import { acceptIntoCriteria, addManualItem, aiConfigured, analysableCalls, latestRun, reviewItem, startAnalysis } from "~/modules/poc/gong-ai-runs.server.ts";
import { requirePoc, requireStaff } from "~/modules/poc/staff-workspace.server.ts";
import { version as rowVersion } from "~/modules/poc/row-version.ts";
import { prisma } from "~/utils/db.server.ts";
import { toPageResponse } from "~/utils/errors.ts";
import { redirectWithToast } from "~/utils/toast.server.ts";

export const meta: MetaFunction = () => [{ title: "AI value framework · POC Portal · Sentry Academy" }];

/** The five sections of the value framework, in order (the ids match analyze.server.ts). */
const SECTIONS = [
  { id: "current_challenges", label: "Current challenges" },
  { id: "impact", label: "Impact" },
  { id: "ideal_future_state", label: "Ideal future state" },
  { id: "metrics", label: "Metrics" },
  { id: "requirements", label: "Requirements" },
] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request);
  const pocId = await requirePoc(params.id);
  const configured = aiConfigured();
  const [calls, run, items, allCalls] = await Promise.all([
    analysableCalls(pocId),
    latestRun(pocId, "ai-analysis"),
    prisma.pocValueItem.findMany({ where: { pocId }, orderBy: [{ position: "asc" }, { createdAt: "asc" }] }),
    prisma.pocCall.findMany({ where: { pocId }, select: { id: true, title: true } }),
  ]);
  const titles = new Map(allCalls.map((c) => [c.id, c.title]));
  return {
    configured,
    selected: calls.length,
    run,
    items: items.map((item) => {
      const evidence = tryOpen(() => openEvidence(item), []);
      return {
        id: item.id,
        section: item.section,
        statement: item.statement,
        confidence: item.confidence,
        status: item.status,
        flagged: item.flagged,
        source: item.source,
        inCriteria: Boolean(item.criterionId),
        version: item.version,
        updatedBy: item.updatedBy,
        unreadable: evidence.unreadable,
        evidence: evidence.value.map((e) => ({
          text: e.text,
          speaker: e.speaker,
          side: e.side,
          at: e.timestamp || formatTimestamp(e.startMs),
          call: titles.get(e.callId) ?? "a call no longer listed",
        })),
      };
    }),
  };
}

type ActionResult =
  | { intent: string; error: string; itemId?: string; section?: string }
  | { intent: "review"; itemId: string; conflict: true; current: { statement: string; status: string; version: number }; typed: string };

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor } = await requireStaff(request);
  const pocId = await requirePoc(params.id);
  const form = await request.formData();
  const field = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  const intent = field("intent");
  const back = `/staff/pocs/${pocId}/ai`;
  const fail = (result: ActionResult, status = 400) => data<ActionResult>(result, { status });
  try {
    switch (intent) {
      case "analyse": {
        const result = await startAnalysis(pocId, actor);
        if (!result.ok) return fail({ intent, error: result.error });
        return redirectWithToast(back, { kind: "info", message: "Analysis started." });
      }
      case "review": {
        const action = field("action");
        const itemId = field("itemId");
        const version = rowVersion.safeParse(Number(field("version") || Number.NaN));
        if (action !== "accept" && action !== "reject" && action !== "edit") return fail({ intent, itemId, error: "Choose Accept, Reject or Save." });
        if (!version.success) return fail({ intent, itemId, error: "The form is missing the item's version: reload the page." });
        const result = await reviewItem(pocId, itemId, version.data, action, field("statement"), actor);
        if (!result.ok) {
          if (result.conflict) return fail({ intent: "review", itemId, conflict: true, current: result.current, typed: field("statement") }, 409);
          return fail({ intent, itemId, error: result.error });
        }
        const words = { accept: "Item accepted.", reject: "Item rejected.", edit: "Item saved." };
        return redirectWithToast(back, { kind: "success", message: words[action] });
      }
      case "criteria": {
        const itemId = field("itemId");
        const result = await acceptIntoCriteria(pocId, itemId, actor);
        if (!result.ok) return fail({ intent, itemId, error: result.error });
        return redirectWithToast(back, { kind: "success", message: result.created ? "Added to the success criteria." : "Already in the success criteria." });
      }
      case "add": {
        const section = field("section");
        const result = await addManualItem(pocId, section, field("statement"), actor);
        if (!result.ok) return fail({ intent, section, error: result.error });
        return redirectWithToast(back, { kind: "success", message: "Item added." });
      }
    }
  } catch (error) {
    throw toPageResponse(error);
  }
  return fail({ intent, error: "Unknown action." });
}

const STATUS_BADGES: Record<string, { label: string; icon: string; tone: BadgeTone }> = {
  SUGGESTED: { label: "Suggested", icon: "○", tone: "neutral" },
  ACCEPTED: { label: "Accepted", icon: "✓", tone: "success" },
  EDITED: { label: "Edited", icon: "✎", tone: "info" },
  REJECTED: { label: "Rejected", icon: "✕", tone: "danger" },
};

function ItemBadge({ status }: { status: string }) {
  const badge = STATUS_BADGES[status] ?? STATUS_BADGES.SUGGESTED;
  return (
    <Badge tone={badge.tone} icon={badge.icon}>
      {badge.label}
    </Badge>
  );
}


export default function PocAi() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const revalidator = useRevalidator();
  const running = Boolean(page.run && (page.run.status === "QUEUED" || page.run.status === "RUNNING"));
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => revalidator.state === "idle" && revalidator.revalidate(), 1500);
    return () => clearInterval(timer);
  }, [running, revalidator]);
  const analysing = navigation.state === "submitting" && navigation.formData?.get("intent") === "analyse";

  return (
    <div className="space-y-6">
      {running ? (
        <noscript>
          <meta httpEquiv="refresh" content="2" />
        </noscript>
      ) : null}
      <section aria-labelledby="ai-title" className="card space-y-4">
        <h2 id="ai-title" className="text-2xl font-bold">
          AI value framework
        </h2>
        <p className="text-sm text-ink-700">
          Claude drafts the value framework from the transcripts picked on the <Link to="../gong" className="underline">Gong calls</Link> tab. Every item is a draft until you accept or
          edit it. Staff only: none of this appears on the customer's page.
        </p>
        {!page.configured ? (
          <div className="rounded-lg border-l-4 border-brand-600 bg-brand-300/15 px-4 py-3 text-ink-900" role="note">
            <p className="font-semibold">The AI analysis is not configured yet.</p>
            <p className="mt-1 text-sm">
              An admin sets <code>ANTHROPIC_API_KEY</code> (optionally <code>ANTHROPIC_MODEL</code> to choose the model and <code>ANTHROPIC_BASE_URL</code> for a
              proxy) and restarts the app. Meanwhile you can enter items by hand below.
            </p>
          </div>
        ) : (
          <>
            <Form method="post" preventScrollReset className="flex flex-wrap items-center gap-3">
              <input type="hidden" name="intent" value="analyse" />
              <button type="submit" className="btn btn-primary" disabled={page.selected === 0 || running || analysing} aria-describedby="analyse-reason">
                {analysing ? "Starting…" : `Analyse ${page.selected} selected transcript${page.selected === 1 ? "" : "s"}`}
              </button>
              <span id="analyse-reason" className="text-sm text-ink-700">
                {page.selected === 0
                  ? "No transcript is fetched yet: pick calls on the Gong calls tab and fetch their transcripts."
                  : running
                    ? "An analysis is running."
                    : "Suggested items are replaced; accepted, edited and rejected ones stay."}
              </span>
            </Form>
            {actionData && "error" in actionData && actionData.intent === "analyse" ? (
              <p role="alert" className="text-sm font-semibold text-red-800">
                {actionData.error}
              </p>
            ) : null}
            <RunStatus run={page.run} label="Latest analysis" testId="ai-run-status" />
          </>
        )}
      </section>

      {SECTIONS.map((section) => {
        const items = page.items.filter((i) => i.section === section.id);
        const addError = actionData && "error" in actionData && actionData.intent === "add" && actionData.section === section.id ? actionData.error : null;
        return (
          <section key={section.id} aria-labelledby={`section-${section.id}`} className="card space-y-3" data-testid={`section-${section.id}`}>
            <h2 id={`section-${section.id}`} className="text-xl font-bold">
              {section.label} <span className="text-sm font-normal text-ink-700">({items.length})</span>
            </h2>
            {items.length === 0 ? <p className="text-sm text-ink-700">Nothing here yet.</p> : null}
            <ul className="space-y-3">
              {items.map((item) => {
                const mine = actionData && "itemId" in actionData && actionData.itemId === item.id ? actionData : null;
                return (
                  <li key={item.id} className="rounded-lg border border-ink-300/60 p-3" data-testid="value-item">
                    <div className="flex flex-wrap items-center gap-2">
                      <ItemBadge status={item.status} />
                      {item.confidence !== null ? <span className="text-xs text-ink-700">Confidence {Math.round(item.confidence * 100)}%</span> : null}
                      {item.source === "manual" ? <Tag>Added by hand</Tag> : null}
                      {item.inCriteria ? <Tag tone="staff">In the success criteria</Tag> : null}
                    </div>
                    <p className="mt-2 font-semibold">{item.statement}</p>
                    {item.flagged ? (
                      <p className="mt-1 text-sm font-semibold text-red-800">
                        <span aria-hidden="true">⚠ </span>Quote not found in the transcript — check before using
                      </p>
                    ) : null}
                    {item.evidence.length ? (
                      <ul className="mt-2 space-y-1">
                        {item.evidence.map((e, i) => (
                          <li key={i} className="border-l-4 border-ink-300 pl-3 text-sm">
                            <blockquote className="italic">“{e.text}”</blockquote>
                            <span className="text-xs text-ink-700">
                              {e.speaker} ({e.side}) · {e.call} · {e.at}
                            </span>
                          </li>
                        ))}
                      </ul>
                    ) : item.unreadable ? (
                      <p className="mt-2 text-sm font-semibold text-red-800">Quotes: {item.unreadable}</p>
                    ) : null}
                    {mine && "conflict" in mine ? (
                      <p role="alert" className="mt-2 rounded bg-amber-100 px-3 py-2 text-sm text-amber-900">
                        Someone changed this item meanwhile, so your change was not saved. It now reads “{mine.current.statement}” (
                        {STATUS_BADGES[mine.current.status]?.label ?? mine.current.status}). Check it and try again.
                      </p>
                    ) : mine && "error" in mine ? (
                      <p role="alert" className="mt-2 text-sm font-semibold text-red-800">
                        {mine.error}
                      </p>
                    ) : null}
                    <Form method="post" preventScrollReset className="mt-3 flex flex-wrap items-end gap-2">
                      <input type="hidden" name="intent" value="review" />
                      <input type="hidden" name="itemId" value={item.id} />
                      <input type="hidden" name="version" value={item.version} />
                      <div className="min-w-64 flex-1">
                        <label htmlFor={`statement-${item.id}`} className="sr-only">
                          Statement of “{item.statement.length > 40 ? `${item.statement.slice(0, 39).trimEnd()}…` : item.statement}”
                        </label>
                        <input id={`statement-${item.id}`} name="statement" className="input" defaultValue={item.statement} maxLength={500} />
                      </div>
                      <button type="submit" name="action" value="edit" className="btn">
                        Save
                      </button>
                      {item.status !== "ACCEPTED" && item.status !== "EDITED" ? (
                        <button type="submit" name="action" value="accept" className="btn">
                          Accept
                        </button>
                      ) : null}
                      {item.status !== "REJECTED" ? (
                        <button type="submit" name="action" value="reject" className="btn">
                          Reject
                        </button>
                      ) : null}
                    </Form>
                    {(item.status === "ACCEPTED" || item.status === "EDITED") && !item.inCriteria ? (
                      <Form method="post" preventScrollReset className="mt-2">
                        <input type="hidden" name="intent" value="criteria" />
                        <input type="hidden" name="itemId" value={item.id} />
                        <button type="submit" className="btn btn-primary">
                          Add to success criteria
                        </button>
                      </Form>
                    ) : null}
                  </li>
                );
              })}
            </ul>
            <Form method="post" preventScrollReset className="flex flex-wrap items-end gap-2 border-t border-ink-300/60 pt-3">
              <input type="hidden" name="intent" value="add" />
              <input type="hidden" name="section" value={section.id} />
              <div className="min-w-64 flex-1">
                <label htmlFor={`add-${section.id}`} className="label">
                  Add an item by hand ({section.label.toLowerCase()})
                </label>
                <input id={`add-${section.id}`} name="statement" className="input" required maxLength={500} aria-invalid={addError ? true : undefined} />
              </div>
              <button type="submit" className="btn">
                Add
              </button>
              {addError ? (
                <p role="alert" className="w-full text-sm font-semibold text-red-800">
                  {addError}
                </p>
              ) : null}
            </Form>
          </section>
        );
      })}
    </div>
  );
}

export const ErrorBoundary = WorkspaceErrorBoundary;
