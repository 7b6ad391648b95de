/** Both teams: Sentry's read-only; the customer adds people to theirs and edits them inline. */
import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useFetcher, useLoaderData, useNavigation } from "@remix-run/react";
import { Field, FormErrors } from "~/components/forms.tsx";
import { customerPage, editMember, requireCustomerAccess } from "~/modules/poc/customer-portal.server.ts";
import { AddMemberSchema, EditMemberSchema, isMemberEditResult, type MemberEditResult, type MemberField } from "~/modules/poc/customer-schemas.ts";
import { useHydrated } from "~/components/use-hydrated.ts";
import { POC_SECTION_LABELS } from "~/modules/poc/sections.ts";
import { customerMeta } from "~/components/poc/customer/headers-meta.ts";
import { UpdatedByYou } from "~/components/poc/customer/item-row.tsx";
import { changedBy } from "~/components/poc/customer/status-select.tsx";
import { addMember, QuotaExceeded } from "~/modules/poc/poc.server.ts";
import { redirectWithToast } from "~/utils/toast.server.ts";
import type { RenderCacheHandle } from "~/utils/render-cache.server.ts";

export const meta: MetaFunction<typeof loader> = (args) => customerMeta(POC_SECTION_LABELS.team, args);

/** Everyone holding the link sees the same page: its render is kept while the data stays the same (render-cache.server.ts). */
export const handle: RenderCacheHandle = { renderCacheSeconds: 60 };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { poc } = await customerPage(request, params);
  return {
    se: poc.owner,
    sentry: poc.team.filter((m) => m.side === "SENTRY").map((m) => ({ id: m.id, name: m.name, email: m.email, role: m.role })),
    customer: poc.team
      .filter((m) => m.side === "CUSTOMER")
      .map((m) => ({ id: m.id, name: m.name, email: m.email, role: m.role, version: m.version, updatedBy: m.updatedBy })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireCustomerAccess(params);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "edit-member") return editMember(access, form);
  if (intent === "add-member") {
    const submission = parseWithZod(form, { schema: AddMemberSchema });
    if (submission.status !== "success") return data({ intent: "add-member" as const, result: submission.reply() }, { status: 400 });
    const { name, email, role } = submission.value;
    try {
      await addMember(access.pocId, { name, email: email ?? "", role: role ?? "", side: "CUSTOMER" }, access.actor);
    } catch (error) {
      if (!(error instanceof QuotaExceeded)) throw error;
      return data({ intent: "add-member" as const, result: submission.reply({ formErrors: [error.message] }) }, { status: 409 });
    }
    return redirectWithToast(`/customer/${access.token}/team`, { kind: "success", message: `${name} is now on your team for this proof of concept.` });
  }
  return data({ intent: "unknown" as const, error: "Unknown action" }, { status: 400 });
}

type AddResult = { intent: "add-member"; result: SubmissionResult<string[]> };
const isAddResult = (value: unknown): value is AddResult => typeof value === "object" && value !== null && (value as AddResult).intent === "add-member";

export default function CustomerTeam() {
  const { se, sentry, customer } = useLoaderData<typeof loader>();
  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_2fr] lg:items-start">
      <section className="card" aria-labelledby="sentry-team-title">
        <h2 id="sentry-team-title" className="text-2xl font-bold">
          Sentry team
        </h2>
        <p className="mt-1 text-sm text-ink-800">The people at Sentry working with you. The Sentry team keeps this list up to date.</p>
        <ul className="mt-4 divide-y divide-ink-100 border-y border-ink-100">
          {sentry.length === 0 ? (
            <li className="py-3">
              <p className="font-semibold">{se.name}</p>
              <p className="text-sm text-ink-800">Solutions engineer</p>
              <p className="text-sm break-all">
                <a href={`mailto:${se.email}`}>{se.email}</a>
              </p>
            </li>
          ) : null}
          {sentry.map((m) => (
            <li key={m.id} className="py-3">
              <p className="font-semibold break-words">{m.name}</p>
              {m.role ? <p className="text-sm text-ink-800">{m.role}</p> : null}
              {m.email ? (
                <p className="text-sm break-all">
                  <a href={`mailto:${m.email}`}>{m.email}</a>
                </p>
              ) : null}
              <MemberRefusal memberId={m.id} />
            </li>
          ))}
        </ul>
      </section>

      <section className="card" aria-labelledby="customer-team-title">
        <h2 id="customer-team-title" className="text-2xl font-bold">
          Your team
        </h2>
        <p className="mt-1 text-sm text-ink-800">Who works on the proof of concept on your side. Keep names, emails and roles current so the Sentry team reaches the right person.</p>
        {customer.length === 0 ? (
          <p className="mt-4 text-ink-800">Nobody yet: add the first person below.</p>
        ) : (
          <ul className="mt-4 space-y-4">
            {customer.map((m) => (
              <li key={m.id}>
                <MemberRow member={m} />
              </li>
            ))}
          </ul>
        )}
        <AddMemberForm key={customer.length} />
      </section>
    </div>
  );
}

/** Why an edit of a Sentry team member was refused (only a hand-made request gets here: no form is shown). */
function MemberRefusal({ memberId }: { memberId: string }) {
  const actionData = useActionData();
  if (!isMemberEditResult(actionData, memberId) || actionData.ok) return null;
  return <FormErrors errors={actionData.result.error?.[""] ?? null} />;
}

type Member = { id: string; name: string; email: string; role: string; version: number; updatedBy: string | null };

/** One customer team member: a POST form without JavaScript, a fetcher with it. */
function MemberRow({ member }: { member: Member }) {
  const fetcher = useFetcher();
  const actionData = useActionData();
  const result = isMemberEditResult(fetcher.data, member.id) ? fetcher.data : isMemberEditResult(actionData, member.id) ? actionData : undefined;
  // A 409 is not followed by a reload, so the newer version comes with the answer.
  const version = Math.max(member.version, result?.conflict?.version ?? 0);
  const pending = fetcher.state !== "idle";
  return (
    <div className="rounded-lg border border-ink-300/60 p-4">
      <MemberForm key={version} member={member} version={version} fetcher={fetcher} result={result} pending={pending} />
    </div>
  );
}

function MemberForm({
  member,
  version,
  fetcher,
  result,
  pending,
}: {
  member: Member;
  version: number;
  fetcher: ReturnType<typeof useFetcher>;
  result: MemberEditResult | undefined;
  pending: boolean;
}) {
  const [form, fields] = useForm({
    id: `member-${member.id}`,
    // After a save the stored values are the truth; after an error or a conflict, what they typed is kept.
    lastResult: result && !result.ok ? result.result : undefined,
    defaultValue: { name: member.name, email: member.email, role: member.role },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EditMemberSchema }),
  });
  const hydrated = useHydrated();
  const conflict = result?.conflict;
  const conflictNote = (field: MemberField) =>
    conflict && field in conflict.fields ? (
      <span className="text-red-800">
        Changed meanwhile by {changedBy(conflict.by)}: {conflict.fields[field] || "(empty)"}
      </span>
    ) : undefined;
  return (
    <fetcher.Form method="post" {...getFormProps(form)} className="scroll-mt-6">
      <fieldset>
        <legend className="flex flex-wrap items-center gap-2 font-semibold">
          <span className="break-words">{member.name}</span>
          <UpdatedByYou updatedBy={member.updatedBy} />
        </legend>
        <input type="hidden" name="intent" value="edit-member" />
        <input type="hidden" name="id" value={member.id} />
        <input type="hidden" name="version" value={version} />
        {hydrated ? <input type="hidden" name="stay" value="1" /> : null}
        <FormErrors id={form.errorId} errors={form.errors} />
        <div className="mt-2 grid gap-x-3 sm:grid-cols-3">
          <Field label="Name" inputProps={{ ...getInputProps(fields.name, { type: "text" }), autoComplete: "off" }} errors={fields.name.errors} help={conflictNote("name")} />
          <Field label="Email" inputProps={{ ...getInputProps(fields.email, { type: "email" }), autoComplete: "off" }} errors={fields.email.errors} help={conflictNote("email")} />
          <Field label="Role" inputProps={{ ...getInputProps(fields.role, { type: "text" }), autoComplete: "off" }} errors={fields.role.errors} help={conflictNote("role")} />
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <button type="submit" className="btn btn-secondary" disabled={pending}>
            {pending ? "Saving…" : "Save"}
            <span className="sr-only"> {member.name}</span>
          </button>
          <span role="status" className="text-sm">
            {conflict ? (
              <span className="text-red-800">Someone changed this person meanwhile. Your edits are kept; save again to use them.</span>
            ) : !pending && result?.ok ? (
              <span className="text-emerald-800">✓ Saved</span>
            ) : null}
          </span>
        </div>
      </fieldset>
    </fetcher.Form>
  );
}

function AddMemberForm() {
  const actionData = useActionData();
  const navigation = useNavigation();
  const pending = navigation.state === "submitting" && navigation.formData?.get("intent") === "add-member";
  const [form, fields] = useForm({
    id: "add-member",
    lastResult: isAddResult(actionData) ? actionData.result : undefined,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AddMemberSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="mt-6 border-t border-ink-100 pt-4">
      <h3 className="text-lg font-bold">Add someone to your team</h3>
      <input type="hidden" name="intent" value="add-member" />
      <FormErrors id={form.errorId} errors={form.errors} />
      <div className="mt-2 grid gap-x-3 sm:grid-cols-3">
        <Field label="Name" inputProps={{ ...getInputProps(fields.name, { type: "text" }), autoComplete: "off" }} errors={fields.name.errors} />
        <Field label="Email (optional)" inputProps={{ ...getInputProps(fields.email, { type: "email" }), autoComplete: "off" }} errors={fields.email.errors} />
        <Field label="Role (optional)" inputProps={{ ...getInputProps(fields.role, { type: "text" }), autoComplete: "off", placeholder: "e.g. Developer" }} errors={fields.role.errors} />
      </div>
      <button type="submit" className="btn btn-primary" disabled={pending}>
        {pending ? "Adding…" : "Add to your team"}
      </button>
    </Form>
  );
}
