import { Breadcrumb } from "~/components/ui/breadcrumb.tsx";
import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorList, FormErrors } from "~/components/forms.tsx";
import { formatDateTime } from "~/utils/dates.ts";
import { DEFAULT_POC_TEMPLATES } from "~/data/poc-templates.ts";
import { FEATURE_SLUGS } from "~/modules/academy/taxonomy.ts";
import { getTemplates, saveTemplate } from "~/modules/poc/templates.server.ts";
import { parseTemplateItems, TEMPLATE_KINDS, TemplateFormSchema, type TemplateKind } from "~/modules/poc/staff-templates.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { AREA_ROLES } from "~/utils/permissions.ts";
import { redirectWithToast } from "~/utils/toast.server.ts";

export const meta: MetaFunction = () => [{ title: "POC templates · Administration · Sentry Academy" }];

const KINDS: Record<TemplateKind, { title: string; help: string; example: string }> = {
  milestones: {
    title: "Mutual Action Plan milestones",
    help: 'Each milestone: "title", "side" ("SENTRY" or "CUSTOMER"), "owner" (a role, may be ""), "dueInDays" (days after the POC starts).',
    example: '{ "title": "Kick-off call", "side": "SENTRY", "owner": "Solutions engineer", "dueInDays": 0 }',
  },
  phases: {
    title: "POC phases and their tasks",
    help: 'Each phase: "name", "description" and "tasks", a list of tasks shaped like milestones ("title", "side", "owner", "dueInDays").',
    example: '{ "name": "Setup", "description": "Get events flowing.", "tasks": [ { "title": "Install the SDK", "side": "CUSTOMER", "owner": "Developer", "dueInDays": 5 } ] }',
  },
  criteria: {
    title: "Success criteria",
    help: `Each criterion: "title", "description" and "feature": null or one of ${FEATURE_SLUGS.join(", ")} (it chooses the documentation links).`,
    example: '{ "title": "Slow transactions are explained", "description": "Tracing shows the slowest endpoints.", "feature": "tracing" }',
  },
};

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, AREA_ROLES.admin);
  const [templates, rows] = await Promise.all([getTemplates(), prisma.pocTemplate.findMany({ select: { kind: true, updatedAt: true, updatedBy: true } })]);
  const saved = Object.fromEntries(rows.map((r) => [r.kind, { at: r.updatedAt, by: r.updatedBy }]));
  return {
    templates: TEMPLATE_KINDS.map((kind) => ({ kind, json: JSON.stringify(templates[kind], null, 2), saved: saved[kind] ?? null })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, AREA_ROLES.admin);
  const formData = await request.formData();
  if (formData.get("intent") === "reset") {
    const kind = TemplateFormSchema.shape.kind.safeParse(formData.get("kind"));
    if (!kind.success) throw new Response("Unknown template.", { status: 400 });
    await saveTemplate(kind.data, DEFAULT_POC_TEMPLATES[kind.data], admin.name);
    return redirectWithToast("/admin/poc-templates", { kind: "success", message: `${KINDS[kind.data].title}: back to the built-in defaults.` });
  }
  const submission = parseWithZod(formData, { schema: TemplateFormSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { kind, items } = submission.value;
  const label = KINDS[kind].title;
  const parsed = parseTemplateItems(kind, items);
  if (!parsed.ok) return data(submission.reply({ fieldErrors: { items: parsed.errors } }), { status: 400 });
  await saveTemplate(kind, parsed.items, admin.name);
  return redirectWithToast("/admin/poc-templates", { kind: "success", message: `${label} saved. New POCs start with them; existing POCs don't change.` });
}

function TemplateForm({ kind, json, saved, lastResult }: { kind: TemplateKind; json: string; saved: { at: Date; by: string | null } | null; lastResult?: SubmissionResult }) {
  const info = KINDS[kind];
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("kind") === kind;
  const [form, fields] = useForm({ id: `template-${kind}`, lastResult, defaultValue: { kind, items: json } });
  const errorId = fields.items.errors ? `${fields.items.id}-error` : undefined;
  const helpId = `${fields.items.id}-help`;
  return (
    <section className="card" aria-labelledby={`${kind}-title`}>
      <h2 id={`${kind}-title`} className="text-xl font-bold">
        {info.title}
      </h2>
      <p className="mt-1 text-sm text-ink-700">
        {saved ? `Last saved by ${saved.by ?? "an admin"} on ${formatDateTime(saved.at)}.` : "The built-in defaults (never edited)."}
      </p>
      <Form method="post" {...getFormProps(form)} className="mt-3">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="kind" value={kind} />
        <label htmlFor={fields.items.id} className="label">
          {info.title} as JSON
        </label>
        <p id={helpId} className="mb-2 text-sm text-ink-800">
          {info.help} For example: <code className="break-all text-xs">{info.example}</code>
        </p>
        <textarea
          {...getTextareaProps(fields.items)}
          rows={14}
          spellCheck={false}
          className="input font-mono text-xs leading-5"
          aria-invalid={errorId ? true : undefined}
          aria-describedby={[errorId, helpId].filter(Boolean).join(" ")}
        />
        <ErrorList id={errorId} errors={fields.items.errors} />
        <div className="mt-3 flex flex-wrap gap-3">
          <button type="submit" name="intent" value="save" className="btn btn-primary" disabled={busy}>
            {busy ? "Saving…" : `Save ${kind}`}
          </button>
          <button type="submit" name="intent" value="reset" className="btn btn-secondary" disabled={busy}>
            Restore the defaults
          </button>
        </div>
      </Form>
    </section>
  );
}

export default function PocTemplates() {
  const { templates } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const failedKind = lastResult?.initialValue?.kind;
  return (
    <div className="space-y-6">
      <Breadcrumb trail={[{ to: "/admin", label: "Administration" }]} current="POC templates" />
      <header>
        <h1 className="text-3xl font-bold">POC templates</h1>
        <p className="mt-2 max-w-3xl text-ink-800">
          What a new POC starts with. Edit the JSON of each list and save it; it is checked before anything is stored, and a mistake is explained next to the field.
          POCs that already exist keep their own plan.
        </p>
      </header>
      {templates.map((t) => (
        <TemplateForm key={t.kind} kind={t.kind} json={t.json} saved={t.saved} lastResult={failedKind === t.kind ? lastResult : undefined} />
      ))}
    </div>
  );
}
