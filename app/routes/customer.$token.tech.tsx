/**
 * The customer confirms (and edits) their tech stack; the page then lists the
 * Sentry docs for each platform, the docs of each success criterion's feature
 * on those platforms (or why it doesn't apply) and matching Academy courses.
 */
import { getCollectionProps, getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorList, FormErrors, SubmitButton, TextareaField } from "~/components/forms.tsx";
import { customerPage, requireCustomerAccess, techDocs, techStackServerSchema } from "~/modules/poc/customer-portal.server.ts";
import { techStackSchema } from "~/modules/poc/customer-schemas.ts";
import { POC_SECTION_LABELS } from "~/modules/poc/sections.ts";
import { customerMeta } from "~/components/poc/customer/headers-meta.ts";
import { formatDay } from "~/utils/dates.ts";
import { setTechStack } from "~/modules/poc/poc.server.ts";
import { redirectWithToast } from "~/utils/toast.server.ts";
import type { RenderCacheHandle } from "~/utils/render-cache.server.ts";

export const meta: MetaFunction<typeof loader> = (args) => customerMeta(POC_SECTION_LABELS.tech, args);

/** Everyone holding the link sees the same page: its render is kept while the data stays the same (render-cache.server.ts). */
export const handle: RenderCacheHandle = { renderCacheSeconds: 60 };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { token, poc } = await customerPage(request, params);
  return {
    token,
    stack: poc.techStack,
    notes: poc.techStackNotes,
    confirmedAt: poc.techConfirmedAt,
    confirmedBy: poc.techConfirmedBy,
    ...(await techDocs(poc.techStack, poc.criteria)),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { pocId, token, actor } = await requireCustomerAccess(params);
  const submission = parseWithZod(await request.formData(), { schema: techStackServerSchema() });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const platforms = [...new Set(submission.value.platforms)];
  await setTechStack(pocId, platforms, submission.value.notes ?? "", actor);
  return redirectWithToast(`/customer/${token}/tech`, {
    kind: "success",
    message: "Thanks, your tech stack is confirmed. The documentation below now matches your platforms.",
  });
}

const LANGUAGE_LABELS: Record<string, string> = {
  android: "Android",
  apple: "Apple",
  dotnet: ".NET",
  javascript: "JavaScript (browser)",
  node: "Node.js and server-side JavaScript",
  php: "PHP",
  "react-native": "React Native",
  minidump: "Minidump",
  native: "Native (C/C++)",
  powershell: "PowerShell",
};
const languageLabel = (language: string) => LANGUAGE_LABELS[language] ?? language.charAt(0).toUpperCase() + language.slice(1);

const clientSchema = techStackSchema();

export default function CustomerTech() {
  const { token, stack, notes, confirmedAt, confirmedBy, choices, platforms, features } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const pending = navigation.state === "submitting" && navigation.formMethod?.toUpperCase() === "POST";
  const [form, fields] = useForm({
    id: "tech-stack",
    lastResult,
    defaultValue: { platforms: stack, notes },
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: clientSchema }),
  });
  const selected = new Set(fields.platforms.initialValue as string[] | undefined);
  // The languages with a choice first (in the list's order), then the rest: the stack reads at the top, not in 30 closed groups.
  const groups = [...choices].sort((a, b) => Number(b.platforms.some((p) => selected.has(p.id))) - Number(a.platforms.some((p) => selected.has(p.id))));
  const chosenNames = groups.flatMap((g) => g.platforms.filter((p) => selected.has(p.id)).map((p) => p.name));
  const platformErrorId = `${fields.platforms.id}-error`;
  // Errors of the list and of single choices (an unknown platform id).
  const platformErrors = [...new Set(Object.values(fields.platforms.allErrors).flat())];
  return (
    <div className="space-y-6">
      <section className="card" aria-labelledby="stack-title">
        <h2 id="stack-title" className="text-2xl font-bold">
          Your tech stack
        </h2>
        <p className="mt-1 text-ink-800">
          Tell us which platforms and frameworks your applications use. We use it only to pick the right Sentry documentation and Academy courses for you.
        </p>
        <p className="mt-3 text-sm">
          {confirmedAt ? (
            <>
              <span aria-hidden="true">✓ </span>
              Confirmed by {confirmedBy === "customer" ? "you" : `${confirmedBy ?? "the Sentry team"} (Sentry)`} on {formatDay(confirmedAt)}.
            </>
          ) : (
            <span className="font-semibold">Not confirmed yet.</span>
          )}
        </p>

        <Form method="post" {...getFormProps(form)} className="mt-4">
          <input type="hidden" name="intent" value="confirm-tech" />
          <FormErrors id={form.errorId} errors={form.errors} />
          <fieldset aria-describedby={platformErrors.length ? platformErrorId : undefined}>
            <legend className="label">Platforms and frameworks</legend>
            <p className="mb-2 text-sm text-ink-700">
              {chosenNames.length > 0 ? (
                <>
                  You chose {chosenNames.length} {chosenNames.length === 1 ? "platform" : "platforms"}: <span className="font-semibold text-ink-900">{chosenNames.join(", ")}</span>. Their languages
                  come first and are open; open another language to add to them.
                </>
              ) : (
                "Open a language to choose its platforms and frameworks."
              )}
            </p>
            <ErrorList id={platformErrorId} errors={platformErrors} />
            <div className="mt-2 grid items-start gap-2 md:grid-cols-2">
              {groups.map((group) => {
                const count = group.platforms.filter((p) => selected.has(p.id)).length;
                const options = getCollectionProps(fields.platforms, { type: "checkbox", options: group.platforms.map((p) => p.id) });
                const names = new Map(group.platforms.map((p) => [p.id, p.name]));
                return (
                  <details key={group.language} open={count > 0} className={`rounded-lg border px-3 py-2 ${count > 0 ? "border-brand-600 md:col-span-2" : "border-ink-300/60"}`}>
                    <summary className="cursor-pointer font-semibold">
                      {languageLabel(group.language)}
                      <span className="ml-2 text-sm font-normal text-ink-700">
                        {count > 0 ? `${count} of ${group.platforms.length} chosen` : `${group.platforms.length} ${group.platforms.length === 1 ? "option" : "options"}`}
                      </span>
                    </summary>
                    <fieldset className="mt-2">
                      <legend className="sr-only">{languageLabel(group.language)}</legend>
                      <ul className="grid gap-1 sm:grid-cols-2 lg:grid-cols-3">
                        {options.map(({ key, ...props }) => (
                          <li key={key}>
                            <label className="flex items-center gap-2 py-1 text-sm">
                              <input {...props} className="h-4 w-4 accent-brand-600" />
                              {names.get(String(props.value))}
                            </label>
                          </li>
                        ))}
                      </ul>
                    </fieldset>
                  </details>
                );
              })}
            </div>
          </fieldset>
          <TextareaField
            label={
              <>
                Notes <span className="font-normal text-ink-700">(optional)</span>
              </>
            }
            meta={fields.notes}
            rows={3}
            wrapperClassName="mt-4"
            help="Anything else worth knowing: versions, where your apps run, what's out of scope."
          />
          <SubmitButton pending={pending} label="Confirm tech stack" busyLabel="Confirming…" className="btn btn-primary mt-4" />
        </Form>
      </section>

      <section className="card" aria-labelledby="docs-title" id="docs">
        <h2 id="docs-title" className="text-2xl font-bold">
          Sentry docs for your platforms
        </h2>
        {platforms.length === 0 ? (
          <p className="mt-2 text-ink-800">Confirm your tech stack above and the setup guide for each of your platforms appears here.</p>
        ) : (
          <ul className="mt-3 grid gap-2 sm:grid-cols-2">
            {platforms.map((p) => (
              <li key={p.id} className="rounded-lg border border-ink-300/60 p-3">
                <a href={p.docsUrl} rel="noreferrer noopener" target="_blank" className="font-semibold">
                  Set up Sentry for {p.name}
                  <span className="sr-only"> (opens in a new tab)</span>
                </a>
                <p className="text-sm text-ink-700">
                  {languageLabel(p.language)} · {p.type}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card" aria-labelledby="features-title">
        <h2 id="features-title" className="text-2xl font-bold">
          Docs and courses for your success criteria
        </h2>
        {features.length === 0 ? (
          <p className="mt-2 text-ink-800">
            None of the <Link to={`/customer/${token}/criteria`}>success criteria</Link> names a Sentry feature yet.
          </p>
        ) : (
          <div className="mt-3 space-y-5">
            {features.map((f) => (
              <article key={f.feature} aria-labelledby={`feature-${f.feature}`} className="rounded-lg border border-ink-300/60 p-4">
                <h3 id={`feature-${f.feature}`} className="text-lg font-bold">
                  {f.label}
                </h3>
                <p className="text-sm text-ink-700">For: {f.criteria.join("; ")}</p>
                <ul className="mt-2 list-disc space-y-1 pl-5 text-sm">
                  {f.links.map((l) => (
                    <li key={`${l.platform}:${l.url}`}>
                      <a href={l.url} rel="noreferrer noopener" target="_blank" className="break-words">
                        {f.label} for {l.platformName}
                        <span className="sr-only"> (opens in a new tab)</span>
                      </a>
                    </li>
                  ))}
                  {f.notApplicable.map((n) => (
                    <li key={n.platformName} className="text-ink-800">
                      Doesn't apply to {n.platformName}: {n.reason}
                    </li>
                  ))}
                </ul>
                {f.courses.length > 0 ? (
                  <div className="mt-3 text-sm">
                    <p className="font-semibold">Learn it in Sentry Academy</p>
                    <ul className="mt-1 list-disc space-y-1 pl-5">
                      {f.courses.map((c) => (
                        <li key={c.slug}>
                          <a href={c.url}>{c.title}</a>
                          {c.matchesPlatform ? <span className="text-ink-700"> · for your platforms</span> : null}
                        </li>
                      ))}
                    </ul>
                  </div>
                ) : null}
              </article>
            ))}
          </div>
        )}
      </section>
    </div>
  );
}
