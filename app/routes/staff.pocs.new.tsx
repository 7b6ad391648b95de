import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorList, Field, FormErrors } from "~/components/forms.tsx";
import { staffOwners } from "~/modules/poc/poc-queries.server.ts";
import { createPoc } from "~/modules/poc/poc.server.ts";
import { CreatePocSchema } from "~/modules/poc/staff-schemas.ts";
import { requireStaff } from "~/modules/poc/staff-workspace.server.ts";
import { redirectWithToast } from "~/utils/toast.server.ts";

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
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formAction === "/staff/pocs/new";
  const [form, fields] = useForm({
    id: "new-poc",
    lastResult,
    defaultValue: { ownerId: me },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CreatePocSchema }),
  });
  const ownerErrorId = fields.ownerId.errors ? `${fields.ownerId.id}-error` : undefined;
  const goalsErrorId = fields.goals.errors ? `${fields.goals.id}-error` : undefined;
  return (
    <div className="max-w-2xl space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link to="/staff">POC Portal</Link> <span aria-hidden="true">/</span>
      </nav>
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
        <div className="mb-4">
          <label htmlFor={fields.ownerId.id} className="label">
            SE owner
          </label>
          <select {...getSelectProps(fields.ownerId)} className="input" aria-invalid={ownerErrorId ? true : undefined} aria-describedby={ownerErrorId}>
            {owners.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
                {o.id === me ? " (you)" : ""}
              </option>
            ))}
          </select>
          <ErrorList id={ownerErrorId} errors={fields.ownerId.errors} />
        </div>
        <div className="grid gap-x-4 sm:grid-cols-2">
          <Field label="Start date (optional)" inputProps={getInputProps(fields.startDate, { type: "date" })} errors={fields.startDate.errors} />
          <Field label="End date (optional)" inputProps={getInputProps(fields.endDate, { type: "date" })} errors={fields.endDate.errors} />
        </div>
        <div className="mb-4">
          <label htmlFor={fields.goals.id} className="label">
            Goals (optional)
          </label>
          <textarea
            {...getTextareaProps(fields.goals)}
            rows={4}
            className="input"
            placeholder="What the customer wants to prove, in their words"
            aria-invalid={goalsErrorId ? true : undefined}
            aria-describedby={goalsErrorId}
          />
          <ErrorList id={goalsErrorId} errors={fields.goals.errors} />
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? "Creating…" : "Create POC"}
          </button>
          <Link to="/staff" className="btn btn-tertiary">
            Cancel
          </Link>
        </div>
      </Form>
    </div>
  );
}
