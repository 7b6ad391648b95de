import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorList } from "~/components/ui/field.tsx";
import { useFormResult } from "~/components/poc/row-forms.tsx";
import { Tag } from "~/components/poc/badges.tsx";
import { WorkspaceErrorBoundary } from "~/components/poc/workspace-error-boundary.tsx";
import { useWorkspace } from "~/components/poc/workspace.tsx";
import { formatDateTime } from "~/utils/dates.ts";
import { staffWorkspaceAction } from "~/modules/poc/staff-actions.server.ts";
import { techTabData } from "~/modules/poc/staff-workspace.server.ts";

export const meta: MetaFunction = () => [{ title: "Tech stack and documentation · POC Portal · Sentry Academy" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return techTabData(request, params.id);
}

export async function action(args: ActionFunctionArgs) {
  return staffWorkspaceAction(args);
}

function PlatformBox({ id, name, checked }: { id: string; name: string; checked?: boolean }) {
  return (
    <label className="flex items-center gap-2 text-sm">
      <input type="checkbox" name="platforms" value={id} defaultChecked={checked} className="h-4 w-4 accent-brand-600" />
      {name}
    </label>
  );
}

export default function PocTech() {
  const { choices, stack, notes, confirmed, platformLinks, featureLinks, criteriaWithoutFeature } = useLoaderData<typeof loader>();
  const { poc } = useWorkspace();
  const result = useFormResult("tech-stack");
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === "tech-stack";
  const typedPlatforms = result?.values.platforms;
  const chosen = new Set(Array.isArray(typedPlatforms) ? typedPlatforms : typeof typedPlatforms === "string" ? [typedPlatforms] : stack);
  const typedNotes = result?.values.notes;
  // Selected first (each once: a ticked box is only in "Selected"), the rest by language, collapsed.
  const selected = choices.flatMap((group) => group.platforms.filter((p) => chosen.has(p.id)));
  return (
    <div className="space-y-6">
      <section aria-labelledby="tech-title" className="card space-y-4">
        <div>
          <h2 id="tech-title" className="text-2xl font-bold">
            Tech stack
          </h2>
          <p className="mt-1 text-sm text-ink-700">
            The platforms and frameworks {poc.customerName} runs. Confirming them generates the documentation links below; the customer can confirm or change them
            from their link too.
          </p>
          <p className="mt-2 text-sm" data-testid="tech-confirmed">
            {confirmed ? (
              <>
                Confirmed {confirmed.byCustomer ? <Tag tone="customer">by the customer</Tag> : <>by {confirmed.by}</>} on {formatDateTime(confirmed.at)}.
              </>
            ) : (
              <span className="font-semibold">Not confirmed yet.</span>
            )}
          </p>
        </div>
        <Form method="post" preventScrollReset>
          <input type="hidden" name="intent" value="tech-stack" />
          <fieldset aria-describedby={result?.errors.platforms ? "platforms-error" : undefined}>
            <legend className="label">Platforms and frameworks</legend>
            <ErrorList id="platforms-error" errors={result?.errors.platforms} />
            {selected.length ? (
              <div className="mt-2 rounded-lg border border-brand-600/40 bg-brand-300/10 p-3">
                <p className="text-sm font-bold">Selected ({selected.length})</p>
                <ul className="mt-1 flex flex-wrap gap-x-5 gap-y-1">
                  {selected.map((p) => (
                    <li key={p.id}>
                      <PlatformBox id={p.id} name={p.name} checked />
                    </li>
                  ))}
                </ul>
              </div>
            ) : (
              <p className="mt-1 text-sm text-ink-700">Nothing selected yet: open a language below and tick what the customer runs.</p>
            )}
            <div className="mt-3 grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
              {choices.map((group) => {
                const rest = group.platforms.filter((p) => !chosen.has(p.id));
                if (rest.length === 0) return null;
                return (
                  <details key={group.language} className="rounded-lg border border-ink-300/60 bg-white">
                    <summary className="cursor-pointer px-3 py-2 text-sm">
                      <span className="font-bold capitalize">{group.language}</span> <span className="text-ink-700">({rest.length})</span>
                    </summary>
                    <ul className="space-y-1 border-t border-ink-100 px-3 py-2">
                      {rest.map((p) => (
                        <li key={p.id}>
                          <PlatformBox id={p.id} name={p.name} />
                        </li>
                      ))}
                    </ul>
                  </details>
                );
              })}
            </div>
          </fieldset>
          <div className="mt-4">
            <label htmlFor="tech-notes" className="label">
              Notes (optional)
            </label>
            <textarea
              id="tech-notes"
              name="notes"
              rows={3}
              className="input"
              defaultValue={typeof typedNotes === "string" ? typedNotes : notes}
              placeholder="Versions, hosting, anything that changes the setup"
              aria-invalid={result?.errors.notes ? true : undefined}
              aria-describedby={result?.errors.notes ? "tech-notes-error" : undefined}
            />
            <ErrorList id="tech-notes-error" errors={result?.errors.notes} />
          </div>
          <button type="submit" className="btn btn-primary mt-4" disabled={busy}>
            {busy ? "Confirming…" : "Confirm tech stack"}
          </button>
        </Form>
      </section>

      <section aria-labelledby="docs-title" className="card space-y-4">
        <h2 id="docs-title" className="text-2xl font-bold">
          Documentation links
        </h2>
        {stack.length === 0 ? <p className="text-sm text-ink-800">Confirm the tech stack to get the setup guides for each platform.</p> : null}
        {platformLinks.length ? (
          <div>
            <h3 className="text-lg font-bold">Setup guides</h3>
            <ul className="mt-2 grid gap-2 sm:grid-cols-2">
              {platformLinks.map((p) => (
                <li key={p.id} className="rounded-lg border border-ink-300/60 px-3 py-2 text-sm">
                  <a href={p.docsUrl} className="font-semibold">
                    {p.name}
                  </a>{" "}
                  <span className="text-ink-700">({p.language})</span>
                  <span className="block break-all text-xs text-ink-700">{p.docsUrl}</span>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <div>
          <h3 className="text-lg font-bold">By success criterion</h3>
          {featureLinks.length === 0 ? (
            <p className="mt-1 text-sm text-ink-800">
              No success criterion names a Sentry feature yet. <Link to={`/staff/pocs/${poc.id}/criteria`} className="underline">Choose features on the success criteria</Link>.
            </p>
          ) : (
            <ul className="mt-2 space-y-4">
              {featureLinks.map((f) => (
                <li key={f.feature} className="rounded-lg border border-ink-300/60 p-3">
                  <h4 className="font-bold">{f.label}</h4>
                  <p className="text-xs text-ink-700">For: {f.criteria.join("; ")}</p>
                  <ul className="mt-2 list-disc space-y-1 pl-5 text-sm">
                    {f.links.map((l) => (
                      <li key={l.url}>
                        <a href={l.url} className="underline">
                          {f.label} on {l.platformName}
                        </a>{" "}
                        <span className="break-all text-xs text-ink-700">{l.url}</span>
                      </li>
                    ))}
                    {f.notApplicable.map((n) => (
                      <li key={n.platformName} className="text-ink-700">
                        Not for {n.platformName}: {n.reason}
                      </li>
                    ))}
                  </ul>
                  {f.courses.length ? (
                    <p className="mt-2 text-sm">
                      Academy:{" "}
                      {f.courses.map((c, i) => (
                        <span key={c.slug}>
                          {i ? ", " : ""}
                          <Link to={c.url} className="underline">
                            {c.title}
                          </Link>
                        </span>
                      ))}
                    </p>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          {criteriaWithoutFeature.length ? <p className="mt-3 text-xs text-ink-700">Without a feature, so without links: {criteriaWithoutFeature.join("; ")}.</p> : null}
        </div>
      </section>
    </div>
  );
}

export const ErrorBoundary = WorkspaceErrorBoundary;
