import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { RunStatus } from "~/components/poc/run-status.tsx";
import { WorkspaceErrorBoundary } from "~/components/poc/workspace-error-boundary.tsx";
import { formatWhen } from "~/components/poc/workspace.tsx";
import { formatTimestamp } from "~/modules/poc/ai/analyze.server.ts";
import { deleteConversationDataNow, deletionDate, openParties, openTranscript, retentionDays, tryOpen } from "~/modules/poc/conversation-data.server.ts";
import { gongConfigured, latestRun, startGongSearch, startTranscriptFetch } from "~/modules/poc/gong-ai-runs.server.ts";
import { requirePoc, requireStaff } from "~/modules/poc/staff-workspace.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { toPageResponse } from "~/utils/errors.ts";
import { safeHref } from "~/utils/safe-url.ts";
import { redirectWithToast } from "~/utils/toast.server.ts";

export const meta: MetaFunction = () => [{ title: "Gong calls · POC Portal · Sentry Academy" }];

const PREVIEW_LINES = 8;
const day = (d: Date) => d.toISOString().slice(0, 10);

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request);
  const pocId = await requirePoc(params.id);
  const poc = await prisma.poc.findUniqueOrThrow({ where: { id: pocId }, select: { accountDomain: true, customerName: true, closedAt: true } });
  if (!gongConfigured()) return { configured: false as const, domain: poc.accountDomain };
  const [search, fetch, calls] = await Promise.all([
    latestRun(pocId, "gong-search"),
    latestRun(pocId, "gong-transcripts"),
    prisma.pocCall.findMany({ where: { pocId }, orderBy: { startedAt: "desc" } }),
  ]);
  const now = new Date();
  const deleteOn = deletionDate(poc.closedAt);
  const deletedAt = calls.reduce<Date | null>((latest, c) => (c.transcriptDeletedAt && (!latest || c.transcriptDeletedAt > latest) ? c.transcriptDeletedAt : latest), null);
  return {
    configured: true as const,
    domain: poc.accountDomain,
    retention: { days: retentionDays(), closedOn: poc.closedAt ? day(poc.closedAt) : null, deleteOn: deleteOn ? day(deleteOn) : null, due: deleteOn ? deleteOn <= now : false, deletedOn: deletedAt ? day(deletedAt) : null },
    defaults: { from: day(new Date(now.getTime() - 90 * 86_400_000)), to: day(now) },
    search,
    fetch,
    calls: calls.map((c) => {
      const { value: transcript, unreadable } = tryOpen(() => openTranscript(c), null);
      const parties = tryOpen(() => openParties(c), []).value;
      return {
        id: c.id,
        title: c.title,
        startedAt: c.startedAt,
        minutes: Math.max(1, Math.round(c.durationSeconds / 60)),
        // Gong's own link to the call; shown only if it passes the URL rule (safe-url.ts).
        url: safeHref(c.url) ?? null,
        selected: c.selected,
        external: parties.filter((p) => p.affiliation !== "Internal").map((p) => p.name),
        lines: transcript ? transcript.length : null,
        deletedOn: c.transcriptDeletedAt ? day(c.transcriptDeletedAt) : null,
        unreadable,
        stored: Boolean(c.transcriptCipher || c.partiesCipher || c.legacyTranscript),
        preview: (transcript ?? []).slice(0, PREVIEW_LINES).map((s) => ({ at: formatTimestamp(s.startMs), speaker: s.speakerName, side: s.side, text: s.text })),
      };
    }),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor } = await requireStaff(request);
  const pocId = await requirePoc(params.id);
  const form = await request.formData();
  const intent = form.get("intent");
  const back = `/staff/pocs/${pocId}/gong`;
  try {
    if (intent === "search") {
      const range = { from: String(form.get("from") ?? ""), to: String(form.get("to") ?? "") };
      const result = await startGongSearch(pocId, range, actor);
      // The range goes back into the form: nothing the SE typed is lost.
      if (!result.ok) return data({ intent, error: result.error, range }, { status: 400 });
      return redirectWithToast(back, { kind: "info", message: "Gong search started." });
    }
    if (intent === "fetch-transcripts") {
      const ids = form.getAll("callId").filter((v): v is string => typeof v === "string");
      const result = await startTranscriptFetch(pocId, ids, actor);
      if (!result.ok) return data({ intent, error: result.error }, { status: 400 });
      return redirectWithToast(back, { kind: "info", message: "Fetching the transcripts." });
    }
    if (intent === "delete-conversation-data") {
      if (form.get("confirm") !== "yes") return data({ intent, error: "Tick the box to confirm: this can't be undone." }, { status: 400 });
      const result = await deleteConversationDataNow(pocId, actor);
      return redirectWithToast(back, { kind: "success", message: `Deleted the transcripts and participants of ${result.calls === 1 ? "1 call" : `${result.calls} calls`} and the quotes of ${result.items === 1 ? "1 item" : `${result.items} items`}.` });
    }
  } catch (error) {
    throw toPageResponse(error);
  }
  return data({ intent: String(intent), error: "Unknown action." }, { status: 400 });
}


/** Refreshes the page while a run is going: a meta refresh without JavaScript, a revalidation with it. */
function useAutoRefresh(running: boolean) {
  const revalidator = useRevalidator();
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => revalidator.state === "idle" && revalidator.revalidate(), 1500);
    return () => clearInterval(timer);
  }, [running, revalidator]);
  return running ? (
    <noscript>
      <meta httpEquiv="refresh" content="2" />
    </noscript>
  ) : null;
}

export default function PocGong() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const running = page.configured && [page.search, page.fetch].some((r) => r && (r.status === "QUEUED" || r.status === "RUNNING"));
  const refresh = useAutoRefresh(running);
  const busy = (intent: string) => navigation.state === "submitting" && navigation.formData?.get("intent") === intent;

  if (!page.configured) {
    return (
      <section aria-labelledby="gong-title" className="card max-w-3xl space-y-3">
        <h2 id="gong-title" className="text-2xl font-bold">
          Gong calls
        </h2>
        <p className="rounded-lg border-l-4 border-brand-600 bg-brand-300/15 px-4 py-3 font-semibold text-ink-900" role="note">
          Gong is not configured yet, so calls can't be searched.
        </p>
        <h3 className="text-lg font-bold">What an admin needs to configure</h3>
        <ul className="list-disc space-y-1 pl-5 text-ink-800">
          <li>
            <code>GONG_ACCESS_KEY</code> and <code>GONG_ACCESS_KEY_SECRET</code>: a Gong API key pair with read access to calls and transcripts.
          </li>
          <li>
            <code>ENCRYPTION_KEY</code>: transcripts and call participants are stored encrypted under it, like Sentry tokens.
          </li>
          <li>
            <code>GONG_BASE_URL</code>: your company's Gong API address if it is not <code>https://api.gong.io</code>.
          </li>
          <li>Then restart the app. Transcripts stay staff only: they never appear on the customer's page.</li>
        </ul>
      </section>
    );
  }

  const error = actionData && "error" in actionData ? actionData : null;
  const typed = actionData && "range" in actionData ? (actionData.range as { from: string; to: string }) : null;
  const withTranscript = page.calls.filter((c) => c.lines !== null).length;
  return (
    <div className="space-y-6">
      {refresh}
      <section aria-labelledby="gong-title" className="card space-y-4">
        <h2 id="gong-title" className="text-2xl font-bold">
          Gong calls
        </h2>
        <p className="text-sm text-ink-700">
          Finds the calls with a participant at <strong>{page.domain}</strong> (or its subdomains). Transcripts stay staff only.
        </p>
        <RetentionNote retention={page.retention} />
        <Form method="post" className="flex flex-wrap items-end gap-3" preventScrollReset>
          <input type="hidden" name="intent" value="search" />
          <div>
            <label htmlFor="gong-from" className="label">
              From
            </label>
            <input id="gong-from" name="from" type="date" required className="input" defaultValue={typed?.from ?? page.defaults.from} />
          </div>
          <div>
            <label htmlFor="gong-to" className="label">
              To
            </label>
            <input id="gong-to" name="to" type="date" required className="input" defaultValue={typed?.to ?? page.defaults.to} />
          </div>
          <button type="submit" className="btn btn-primary" disabled={busy("search")}>
            {busy("search") ? "Starting…" : "Search Gong"}
          </button>
        </Form>
        {error?.intent === "search" ? (
          <p role="alert" className="text-sm font-semibold text-red-800">
            {error.error}
          </p>
        ) : null}
        <RunStatus run={page.search} label="Latest search" testId="gong-search-status" />
      </section>

      <section aria-labelledby="calls-title" className="card space-y-4">
        <h2 id="calls-title" className="text-xl font-bold">
          Calls found ({page.calls.length}){withTranscript ? ` · ${withTranscript} with transcript` : ""}
        </h2>
        <RunStatus run={page.fetch} label="Latest transcript fetch" testId="gong-fetch-status" />
        {error?.intent === "fetch-transcripts" ? (
          <p role="alert" className="text-sm font-semibold text-red-800">
            {error.error}
          </p>
        ) : null}
        {page.calls.length === 0 ? (
          <p className="text-sm text-ink-800">No calls yet: search a date range above.</p>
        ) : (
          <Form method="post" preventScrollReset className="space-y-3">
            <input type="hidden" name="intent" value="fetch-transcripts" />
            <div className="overflow-x-auto">
              <table className="w-full text-left text-sm">
                <caption className="sr-only">Gong calls with {page.domain}; tick the calls whose transcripts to fetch</caption>
                <thead>
                  <tr className="border-b border-ink-300/70">
                    <th scope="col" className="p-2">
                      Pick
                    </th>
                    <th scope="col" className="p-2">
                      Title
                    </th>
                    <th scope="col" className="p-2">
                      Date
                    </th>
                    <th scope="col" className="p-2">
                      Duration
                    </th>
                    <th scope="col" className="p-2">
                      External participants
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {page.calls.map((call) => (
                    <tr key={call.id} className="border-b border-ink-300/40 align-top" data-testid="gong-call">
                      <td className="p-2">
                        <input
                          type="checkbox"
                          name="callId"
                          value={call.id}
                          defaultChecked={call.selected}
                          aria-label={`Pick ${call.title}`}
                          className="h-4 w-4 accent-brand-600"
                        />
                      </td>
                      <td className="p-2">
                        <span className="font-semibold">{call.title}</span>
                        {call.url ? (
                          <>
                            {" "}
                            <a href={call.url} className="text-xs">
                              open in Gong
                            </a>
                          </>
                        ) : null}
                        {call.lines !== null ? (
                          <div className="mt-1">
                            <p className="text-xs font-semibold text-ink-800">Transcript: {call.lines} lines</p>
                            <details className="mt-1">
                              <summary className="cursor-pointer text-xs">First lines</summary>
                              <ol className="mt-1 space-y-1 text-xs text-ink-800">
                                {call.preview.map((line, i) => (
                                  <li key={i}>
                                    <span className="font-mono text-ink-700">{line.at}</span> <strong>{line.speaker}</strong> ({line.side}): {line.text}
                                  </li>
                                ))}
                              </ol>
                            </details>
                          </div>
                        ) : call.unreadable ? (
                          <p className="mt-1 text-xs font-semibold text-red-800">Transcript: {call.unreadable}</p>
                        ) : call.deletedOn ? (
                          <p className="mt-1 text-xs text-ink-800">Transcript deleted on {call.deletedOn} (retention)</p>
                        ) : null}
                      </td>
                      <td className="whitespace-nowrap p-2">{formatWhen(call.startedAt)}</td>
                      <td className="whitespace-nowrap p-2">{call.minutes} min</td>
                      <td className="p-2">{call.external.join(", ") || "none"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <button type="submit" className="btn btn-primary" disabled={busy("fetch-transcripts")}>
              {busy("fetch-transcripts") ? "Starting…" : "Fetch transcripts"}
            </button>
          </Form>
        )}
      </section>

      {page.calls.some((c) => c.stored) ? (
        <section aria-labelledby="delete-title" className="card space-y-3">
          <h2 id="delete-title" className="text-xl font-bold">
            Delete the conversation data now
          </h2>
          <p className="text-sm text-ink-800">
            Deletes the transcripts and participants of every call of this POC and the quotes of the AI items, without waiting for the retention period (for
            example when a customer contact asks). The call list and the items' statements stay.
          </p>
          <Form method="post" preventScrollReset className="space-y-2">
            <input type="hidden" name="intent" value="delete-conversation-data" />
            <label className="flex items-start gap-2 text-sm">
              <input type="checkbox" name="confirm" value="yes" required className="mt-1 h-4 w-4 accent-brand-600" aria-describedby={error?.intent === "delete-conversation-data" ? "delete-error" : undefined} />
              <span>I understand this can't be undone.</span>
            </label>
            {error?.intent === "delete-conversation-data" ? (
              <p id="delete-error" role="alert" className="text-sm font-semibold text-red-800">
                {error.error}
              </p>
            ) : null}
            <button type="submit" className="btn btn-secondary" disabled={busy("delete-conversation-data")}>
              {busy("delete-conversation-data") ? "Deleting…" : "Delete transcripts, participants and quotes"}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}

type Retention = { days: number; closedOn: string | null; deleteOn: string | null; due: boolean; deletedOn: string | null };

/** When this POC's transcripts, participants and AI quotes are (or were) deleted (decision 020). */
function RetentionNote({ retention }: { retention: Retention }) {
  const what = "transcripts, call participants and AI quotes";
  let text: string;
  if (!retention.closedOn || !retention.deleteOn) {
    text = `The ${what} are stored encrypted and deleted ${retention.days} days after this POC is marked Won or Lost.`;
  } else if (retention.deletedOn) {
    text = `This POC closed on ${retention.closedOn}: its ${what} were deleted on ${retention.deletedOn}.`;
  } else if (retention.due) {
    text = `This POC closed on ${retention.closedOn}: its ${what} are being deleted (due ${retention.deleteOn}).`;
  } else {
    text = `This POC closed on ${retention.closedOn}: its ${what} will be deleted on ${retention.deleteOn}.`;
  }
  return (
    <p className="text-sm text-ink-800" data-testid="gong-retention">
      {text}
    </p>
  );
}

export const ErrorBoundary = WorkspaceErrorBoundary;
