/**
 * The tables of the workspace: milestones and tasks share their columns
 * (title, owner, side, due date, status), success criteria and team members
 * have their own. Every cell is an EditableCell; every row can move and go.
 */
import { FEATURES } from "~/modules/academy/taxonomy.ts";
import { ITEM_STATUSES, SIDES } from "~/modules/poc/progress.ts";
import { cellValue } from "~/modules/poc/staff-schemas.ts";
import { EditableCell } from "./editable-cell.tsx";
import type { CellKind } from "~/modules/poc/staff-schemas.ts";
import { AddRowForm, RowControls, SmallField } from "./row-forms.tsx";
import { shortTitle } from "~/utils/text.ts";
import { OverdueBadge, statusAccent, Tag } from "./badges.tsx";
import { ScrollRegion } from "~/components/ui/scroll-region.tsx";

const STATUS_OPTIONS = ITEM_STATUSES.map((s) => ({ value: s.value, label: s.label }));
export const SIDE_OPTIONS = SIDES.map((s) => ({ value: s.value, label: s.label }));
export const FEATURE_OPTIONS = [{ value: "", label: "No feature" }, ...FEATURES.map((f) => ({ value: f.slug, label: f.label }))];

const th = "px-2 py-2 text-left text-xs font-bold uppercase tracking-wide text-ink-800";
const td = "px-2 py-2 align-top";

function TableFrame({ caption, children, head }: { caption: string; head: string[]; children: React.ReactNode }) {
  return (
    <ScrollRegion label={caption} className="rounded-xl border border-ink-300/60 bg-white">
      <table className="w-full min-w-[60rem] text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-ink-100">
          <tr>
            {head.map((h) => (
              <th key={h} scope="col" className={th}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-ink-100">{children}</tbody>
      </table>
    </ScrollRegion>
  );
}

/** The status dropdown of a milestone, task or criterion, its colour a second cue beside the text. */
function StatusCell({ status, name, ...common }: { kind: CellKind; id: string; version: number; status: string; name: string }) {
  return (
    <EditableCell
      {...common}
      field="status"
      value={status}
      label={`Status of “${name}”`}
      type="select"
      options={STATUS_OPTIONS}
      inputClassName={`border-l-4 ${statusAccent(status)}`}
    />
  );
}

function EmptyRow({ columns, children }: { columns: number; children: React.ReactNode }) {
  return (
    <tr>
      <td colSpan={columns} className="px-3 py-4 text-ink-700">
        {children}
      </td>
    </tr>
  );
}

export type ItemRow = { id: string; title: string; owner: string; side: string; dueDate: Date | null; status: string; version: number; updatedBy: string | null };

/** Milestones or the tasks of one phase. */
export function ItemTable({ kind, caption, rows, noun }: { kind: "milestone" | "task"; caption: string; rows: ItemRow[]; noun: string }) {
  return (
    <TableFrame caption={caption} head={["Title", "Owner", "Side", "Due date", "Status", "Order and removal"]}>
      {rows.length === 0 ? <EmptyRow columns={6}>No {noun}s yet: add the first one below.</EmptyRow> : null}
      {rows.map((row, index) => {
        const name = shortTitle(row.title);
        const common = { kind, id: row.id, version: row.version };
        return (
          <tr key={row.id} id={`${kind}-${row.id}`} className="scroll-mt-24">
            <td className={`${td} min-w-[18rem]`}>
              <EditableCell {...common} field="title" value={row.title} label={`Title of ${noun} “${name}”`} />
              {row.updatedBy === "customer" ? (
                <p className="mt-1">
                  <Tag tone="customer">Last updated by the customer</Tag>
                </p>
              ) : null}
            </td>
            <td className={`${td} w-40`}>
              <EditableCell {...common} field="owner" value={row.owner} label={`Owner of “${name}”`} placeholder="Who" />
            </td>
            <td className={`${td} w-32`}>
              <EditableCell {...common} field="side" value={row.side} label={`Side of “${name}”`} type="select" options={SIDE_OPTIONS} />
            </td>
            <td className={`${td} w-44`}>
              <EditableCell
                {...common}
                field="dueDate"
                value={cellValue(row, "dueDate")}
                label={`Due date of “${name}”`}
                type="date"
                after={<OverdueBadge item={row} />}
              />
            </td>
            <td className={`${td} w-40`}>
              <StatusCell {...common} status={row.status} name={name} />
            </td>
            <td className={`${td} w-44`}>
              <RowControls kind={kind} id={row.id} name={row.title} first={index === 0} last={index === rows.length - 1} />
            </td>
          </tr>
        );
      })}
    </TableFrame>
  );
}

/** Title, owner, side and due date: the add form of milestones and tasks. */
export function AddItemForm({ kind, formId, legend, submitLabel, resetKey, phaseId }: { kind: "milestone" | "task"; formId: string; legend: string; submitLabel: string; resetKey: number; phaseId?: string }) {
  return (
    <AddRowForm kind={kind} formId={formId} legend={legend} submitLabel={submitLabel} resetKey={resetKey} hidden={phaseId ? { phaseId } : undefined}>
      <SmallField formId={formId} name="title" label="Title" className="w-full sm:w-72" />
      <SmallField formId={formId} name="owner" label="Owner (optional)" className="w-40" />
      <SmallField formId={formId} name="side" label="Side" type="select" options={SIDE_OPTIONS} defaultValue="SENTRY" className="w-32" />
      <SmallField formId={formId} name="dueDate" label="Due date (optional)" type="date" className="w-44" />
    </AddRowForm>
  );
}

export type CriterionRow = { id: string; title: string; description: string; feature: string | null; status: string; version: number; updatedBy: string | null };

export function CriteriaTable({ rows }: { rows: CriterionRow[] }) {
  return (
    <TableFrame caption="Success criteria" head={["Criterion", "Description", "Sentry feature", "Status", "Order and removal"]}>
      {rows.length === 0 ? <EmptyRow columns={5}>No success criteria yet: add the first one below.</EmptyRow> : null}
      {rows.map((row, index) => {
        const name = shortTitle(row.title);
        const common = { kind: "criterion" as const, id: row.id, version: row.version };
        return (
          <tr key={row.id} id={`criterion-${row.id}`} className="scroll-mt-24">
            <td className={`${td} min-w-[14rem]`}>
              <EditableCell {...common} field="title" value={row.title} label={`Title of criterion “${name}”`} />
            </td>
            <td className={`${td} min-w-[16rem]`}>
              <EditableCell {...common} field="description" value={row.description} label={`Description of “${name}”`} type="textarea" />
            </td>
            <td className={`${td} w-48`}>
              <EditableCell {...common} field="feature" value={row.feature ?? ""} label={`Sentry feature of “${name}”`} type="select" options={FEATURE_OPTIONS} />
            </td>
            <td className={`${td} w-40`}>
              <StatusCell {...common} status={row.status} name={name} />
            </td>
            <td className={`${td} w-44`}>
              <RowControls kind="criterion" id={row.id} name={row.title} first={index === 0} last={index === rows.length - 1} />
            </td>
          </tr>
        );
      })}
    </TableFrame>
  );
}

export type MemberRow = { id: string; name: string; email: string; role: string; side: string; version: number; updatedBy: string | null };

export function TeamTable({ caption, rows, emptyText }: { caption: string; rows: MemberRow[]; emptyText: string }) {
  return (
    <TableFrame caption={caption} head={["Name", "Email", "Role", "Side", "Order and removal"]}>
      {rows.length === 0 ? <EmptyRow columns={5}>{emptyText}</EmptyRow> : null}
      {rows.map((row, index) => {
        const name = shortTitle(row.name);
        const common = { kind: "member" as const, id: row.id, version: row.version };
        return (
          <tr key={row.id} id={`member-${row.id}`} className="scroll-mt-24">
            <td className={`${td} min-w-[12rem]`}>
              <EditableCell {...common} field="name" value={row.name} label={`Name of team member “${name}”`} />
              {row.updatedBy === "customer" ? (
                <p className="mt-1">
                  <Tag tone="customer">Last updated by the customer</Tag>
                </p>
              ) : null}
            </td>
            <td className={`${td} min-w-[14rem]`}>
              <EditableCell {...common} field="email" value={row.email} label={`Email of “${name}”`} type="email" placeholder="name@example.com" />
            </td>
            <td className={`${td} min-w-[10rem]`}>
              <EditableCell {...common} field="role" value={row.role} label={`Role of “${name}”`} placeholder="e.g. Engineering lead" />
            </td>
            <td className={`${td} w-32`}>
              <EditableCell {...common} field="side" value={row.side} label={`Side of “${name}”`} type="select" options={SIDE_OPTIONS} />
            </td>
            <td className={`${td} w-44`}>
              <RowControls kind="member" id={row.id} name={row.name} first={index === 0} last={index === rows.length - 1} />
            </td>
          </tr>
        );
      })}
    </TableFrame>
  );
}
