import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormErrors, SelectField, SubmitButton, TextareaField, useIsPending } from "~/components/forms.tsx";
import { staffOwners } from "~/modules/poc/poc-queries.server.ts";
import { createPoc } from "~/modules/poc/poc.server.ts";
import { CreatePocSchema } from "~/modules/poc/staff-schemas.ts";
import { requireStaff } from "~/modules/poc/staff-workspace.server.ts";
import { redirectWithToast } from "~/utils/toast.server.ts";
import { Breadcrumb } from "~/components/ui/breadcrumb.tsx";

export const meta: MetaFunction = () => [{ title: "New POC · POC Portal · Sentry Academy" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireStaff(request);
  return { owners: await staffOwners(), me: user.id };
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requireStaff(request);
  const submission = parseWithZod(await request.formData(), { schema: CreatePocSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const value = submission.value;
  const owners = await staffOwners();
  if (!owners.some((o) => o.id === value.ownerId)) {
    return data(submission.reply({ fieldErrors: { ownerId: ["Choose one of the solutions engineers or admins"] } }), { status: 400 });
  }
  const poc = await createPoc(
    {
      customerName: value.customerName,
      accountDomain: value.accountDomain,
      ownerId: value.ownerId,
      startDate: value.startDate ?? null,
      endDate: value.endDate ?? null,
      goals: value.goals ?? "",
    },
    actor,
  );
  return redirectWithToast(`/staff/pocs/${poc.id}`, {
    kind: "success",
    message: `POC for ${poc.customerName} created with the standard milestones, phases and success criteria. Adjust them to this customer.`,
  });
}

export default function NewPoc() {
  const { owners, me } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const busy = useIsPending("/staff/pocs/new");
  const [form, fields] = useForm({
    id: "new-poc",
    lastResult,
    defaultValue: { ownerId: me },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CreatePocSchema }),
  });
  return (
    <div className="max-w-2xl space-y-6">
      <Breadcrumb trail={[{ to: "/staff", label: "POC Portal" }]} current="New POC" />
      <header>
        <h1 className="text-3xl font-bold">New POC</h1>
        <p className="mt-2 text-ink-800">
          The new POC starts with the standard mutual action plan, phases with their tasks, and success criteria, with due dates counted from the start date. You can
          change everything afterwards.
        </p>
      </header>
      <Form method="post" {...getFormProps(form)} className="card">
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field label="Customer name" inputProps={{ ...getInputProps(fields.customerName, { type: "text" }), autoComplete: "organization" }} errors={fields.customerName.errors} />
        <Field
          label="Account domain"
          inputProps={{ ...getInputProps(fields.accountDomain, { type: "text" }), placeholder: "acme.com", spellCheck: false, autoCapitalize: "none" }}
          errors={fields.accountDomain.errors}
          help="Used to find the customer's Gong calls."
        />
        <SelectField label="SE owner" meta={fields.ownerId} options={owners.map((o) => ({ value: o.id, label: o.id === me ? `${o.name} (you)` : o.name }))} />
        <div className="grid gap-x-4 sm:grid-cols-2">
          <Field label="Start date (optional)" inputProps={getInputProps(fields.startDate, { type: "date" })} errors={fields.startDate.errors} />
          <Field label="End date (optional)" inputProps={getInputProps(fields.endDate, { type: "date" })} errors={fields.endDate.errors} />
        </div>
        <TextareaField label="Goals (optional)" meta={fields.goals} rows={4} placeholder="What the customer wants to prove, in their words" />
        <div className="flex flex-wrap items-center gap-3">
          <SubmitButton pending={busy} label="Create POC" busyLabel="Creating…" />
          <Link to="/staff" className="btn btn-tertiary">
            Cancel
          </Link>
        </div>
      </Form>
    </div>
  );
}
