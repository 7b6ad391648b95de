/**
 * The workspace read first: milestones and tasks as a timeline (a status
 * marker per step, the title in full, owner, side, due date, overdue), success
 * criteria and team members as readable entries. Each entry has:
 * - its status as one control that saves at once (a select: on change with JS,
 *   with its Save button without), the one thing people change often;
 * - an Edit link (`?edit=<id>#<kind>-<id>`) that turns the entry into the row
 *   editor (row-editor.tsx: one form, one Save; with JS it opens in place and
 *   each field saves on blur);
 * - move up/down and remove (row-forms.tsx).
 * `StepMarker` and `StepList` draw the timeline and are free of staff logic, for the customer portal too.
 */
import { useLocation, useSearchParams } from "@remix-run/react";
import { useState } from "react";
import { FEATURES } from "~/modules/academy/taxonomy.ts";
import { ITEM_STATUSES, SIDES } from "~/modules/poc/progress.ts";
import { cellValue, isCellResult, rowKey, type CellKind } from "~/modules/poc/staff-schemas.ts";
import { formatDay } from "~/utils/dates.ts";
import { shortTitle } from "~/utils/text.ts";
import { useHydrated } from "~/components/use-hydrated.ts";
import { OverdueBadge, statusAccent, Tag } from "./badges.tsx";
import { EditableCell } from "./editable-cell.tsx";
import { RowEditor, type EditorField } from "./row-editor.tsx";
import { AddRowForm, RowControls, SmallField } from "./row-forms.tsx";
import { useWorkspaceActionData } from "./workspace.tsx";

const STATUS_OPTIONS = ITEM_STATUSES.map((s) => ({ value: s.value, label: s.label }));
export const SIDE_OPTIONS = SIDES.map((s) => ({ value: s.value, label: s.label }));
export const FEATURE_OPTIONS = [{ value: "", label: "No feature" }, ...FEATURES.map((f) => ({ value: f.slug, label: f.label }))];
const featureLabel = (slug: string | null) => FEATURES.find((f) => f.slug === slug)?.label ?? null;

// ───────────── the timeline ─────────────

const MARKERS: Record<string, { icon: string; className: string }> = {
  NOT_STARTED: { icon: "○", className: "border-ink-300 bg-white text-ink-700" },
  IN_PROGRESS: { icon: "◐", className: "border-sky-700 bg-sky-50 text-sky-900" },
  COMPLETED: { icon: "✓", className: "border-emerald-700 bg-emerald-700 text-white" },
  BLOCKED: { icon: "✕", className: "border-red-700 bg-red-700 text-white" },
};

/** The round status mark of a step on the timeline (decorative: the status is written beside it). */
function StepMarker({ status }: { status: string }) {
  const m = MARKERS[status] ?? MARKERS.NOT_STARTED;
  return (
    <span aria-hidden="true" className={`absolute left-0 top-3 z-10 grid h-7 w-7 place-items-center rounded-full border-2 text-sm font-bold ${m.className}`}>
      {m.icon}
    </span>
  );
}

/** An ordered list drawn as a timeline: a line down the left, a marker per step. */
function StepList({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <ol aria-label={label} className="relative space-y-3 before:absolute before:top-4 before:bottom-4 before:left-[0.8125rem] before:w-0.5 before:bg-ink-300/70">
      {children}
    </ol>
  );
}

// ───────────── editing one entry ─────────────

/**
 * Whether an entry shows its editor: `?edit=<id>` in the address, the server's
 * answer to its form (a refused value or a conflict), or (with JS) its Edit button.
 */
function useEntryEditing(kind: CellKind, id: string) {
  const [params, setParams] = useSearchParams();
  const { pathname } = useLocation();
  const action = useWorkspaceActionData();
  const hydrated = useHydrated();
  const key = rowKey(kind, id);
  const inUrl = params.get("edit") === id;
  // A no-JS answer to one cell's form (other than the status, which the read view shows) opens the row's cells.
  const cellAnswer = isCellResult(action) && action.cell.startsWith(`${key}:`) && !action.cell.endsWith(":status");
  const rowAnswer = typeof action === "object" && action !== null && "row" in action && action.row === key;
  const [choice, setChoice] = useState<boolean | null>(null);
  const editing = choice ?? (inUrl || cellAnswer || rowAnswer);
  const anchor = `${kind}-${id}`;
  return {
    editing,
    editHref: `${pathname}?edit=${encodeURIComponent(id)}#${anchor}`,
    cancelHref: `${pathname}#${anchor}`,
    open: hydrated
      ? (event: React.MouseEvent) => {
          event.preventDefault();
          setChoice(true);
        }
      : undefined,
    done: () => {
      setChoice(false);
      if (inUrl) {
        const next = new URLSearchParams(params);
        next.delete("edit");
        setParams(next, { preventScrollReset: true, replace: true });
      }
    },
  };
}

type EntryChrome = { kind: CellKind; id: string; name: string; index: number; count: number };

function EditLink({ href, onClick, name }: { href: string; onClick?: (e: React.MouseEvent) => void; name: string }) {
  return (
    <a href={href} onClick={onClick} className="btn btn-secondary px-2 py-1 text-xs" aria-label={`Edit “${shortTitle(name)}”`}>
      Edit
    </a>
  );
}

/** The entry's footer: Edit, then move and remove. */
function EntryActions({ kind, id, name, index, count, editHref, open }: EntryChrome & { editHref: string; open?: (e: React.MouseEvent) => void }) {
  return (
    <div className="mt-3 flex flex-wrap items-center gap-2 border-t border-ink-100 pt-2">
      <EditLink href={editHref} onClick={open} name={name} />
      <RowControls kind={kind} id={id} name={name} first={index === 0} last={index === count - 1} />
    </div>
  );
}

/** The status select that saves at once (with its colour a second cue beside the word). */
function StatusControl({ kind, id, version, status, name }: { kind: CellKind; id: string; version: number; status: string; name: string }) {
  return (
    <EditableCell
      kind={kind}
      id={id}
      version={version}
      field="status"
      value={status}
      label={`Status of “${shortTitle(name)}”`}
      type="select"
      options={STATUS_OPTIONS}
      inputClassName={`w-auto border-l-4 ${statusAccent(status)}`}
    />
  );
}

// ───────────── milestones and tasks ─────────────

export type ItemRow = { id: string; title: string; owner: string; side: string; dueDate: Date | string | null; status: string; version: number; updatedBy: string | null };

const itemFields = (kind: "milestone" | "task", name: string): EditorField[] => [
  { name: "title", caption: "Title", label: `Title of ${kind} “${name}”`, wide: true },
  { name: "owner", caption: "Owner", label: `Owner of “${name}”`, placeholder: "Who" },
  { name: "side", caption: "Side", label: `Side of “${name}”`, type: "select", options: SIDE_OPTIONS },
  { name: "dueDate", caption: "Due date", label: `Due date of “${name}”`, type: "date" },
  { name: "status", caption: "Status", label: `Status of “${name}”`, type: "select", options: STATUS_OPTIONS },
];

function SideTag({ side }: { side: string }) {
  return side === "CUSTOMER" ? <Tag tone="customer">Customer</Tag> : <Tag tone="staff">Sentry</Tag>;
}

function ItemEntry({ kind, row, index, count }: { kind: "milestone" | "task"; row: ItemRow; index: number; count: number }) {
  const e = useEntryEditing(kind, row.id);
  const name = shortTitle(row.title);
  return (
    <li id={`${kind}-${row.id}`} className="relative scroll-mt-24 pl-10">
      <StepMarker status={row.status} />
      <div className="rounded-xl border border-ink-300/60 bg-white p-3 shadow-sm sm:p-4">
        {e.editing ? (
          <RowEditor
            kind={kind}
            id={row.id}
            version={row.version}
            values={{ title: row.title, owner: row.owner, side: row.side, dueDate: cellValue(row, "dueDate").slice(0, 10), status: row.status }}
            fields={itemFields(kind, name)}
            legend={`Edit ${kind} “${name}”`}
            cancelHref={e.cancelHref}
            reopenHref={e.editHref}
            onDone={e.done}
          />
        ) : (
          <>
            <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2">
              <div className="min-w-0 flex-1 basis-60">
                <p className="font-semibold break-words text-ink-950" data-title>
                  {row.title}
                </p>
                <p className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-ink-800">
                  <span>{row.owner ? <>Owner: {row.owner}</> : <span className="text-ink-700">No owner yet</span>}</span>
                  <SideTag side={row.side} />
                  <span>{row.dueDate ? <>Due {formatDay(row.dueDate)}</> : <span className="text-ink-700">No due date</span>}</span>
                  <OverdueBadge item={row} />
                  {row.updatedBy === "customer" ? <Tag tone="customer">Last updated by the customer</Tag> : null}
                </p>
              </div>
              <StatusControl kind={kind} id={row.id} version={row.version} status={row.status} name={row.title} />
            </div>
            <EntryActions kind={kind} id={row.id} name={row.title} index={index} count={count} editHref={e.editHref} open={e.open} />
          </>
        )}
      </div>
    </li>
  );
}

/** Milestones or the tasks of one phase, as a timeline. */
export function ItemTimeline({ kind, label, rows, emptyText }: { kind: "milestone" | "task"; label: string; rows: ItemRow[]; emptyText: string }) {
  if (rows.length === 0) return <p className="rounded-xl border border-dashed border-ink-300 bg-white p-4 text-sm text-ink-700">{emptyText}</p>;
  return (
    <StepList label={label}>
      {rows.map((row, index) => (
        <ItemEntry key={row.id} kind={kind} row={row} index={index} count={rows.length} />
      ))}
    </StepList>
  );
}

/** Title, owner, side and due date: the add form of milestones and tasks. */
export function AddItemForm({ kind, formId, legend, submitLabel, resetKey, phaseId, collapsed }: { kind: "milestone" | "task"; formId: string; legend: string; submitLabel: string; resetKey: number; phaseId?: string; collapsed?: boolean }) {
  return (
    <AddRowForm kind={kind} formId={formId} legend={legend} submitLabel={submitLabel} resetKey={resetKey} hidden={phaseId ? { phaseId } : undefined} collapsed={collapsed}>
      <SmallField formId={formId} name="title" label="Title" className="w-full sm:w-72" />
      <SmallField formId={formId} name="owner" label="Owner (optional)" className="w-40" />
      <SmallField formId={formId} name="side" label="Side" type="select" options={SIDE_OPTIONS} defaultValue="SENTRY" className="w-32" />
      <SmallField formId={formId} name="dueDate" label="Due date (optional)" type="date" className="w-44" />
    </AddRowForm>
  );
}

// ───────────── phases ─────────────

export type PhaseRow = { id: string; name: string; description: string; version: number };

/** A phase's name and description, with Edit (name and description in one form) and its move/remove controls. */
export function PhaseHeading({ phase, index, count, headingId, children }: { phase: PhaseRow; index: number; count: number; headingId: string; children?: React.ReactNode }) {
  const e = useEntryEditing("phase", phase.id);
  const name = shortTitle(phase.name);
  if (e.editing) {
    return (
      <RowEditor
        kind="phase"
        id={phase.id}
        version={phase.version}
        values={{ name: phase.name, description: phase.description }}
        fields={[
          { name: "name", caption: "Name", label: `Name of phase ${phase.name}` },
          { name: "description", caption: "Description", label: `Description of phase ${phase.name}`, type: "textarea", wide: true },
        ]}
        legend={`Edit phase “${name}”`}
        cancelHref={e.cancelHref}
        reopenHref={e.editHref}
        onDone={e.done}
      />
    );
  }
  return (
    <div className="flex flex-wrap items-start justify-between gap-3">
      <div className="min-w-0 flex-1 basis-64">
        <h3 id={headingId} className="text-xl font-bold break-words">
          Phase {index + 1}: {phase.name}
        </h3>
        {phase.description ? <p className="mt-1 text-sm text-ink-800">{phase.description}</p> : null}
        {children}
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <EditLink href={e.editHref} onClick={e.open} name={`Phase ${phase.name}`} />
        <RowControls kind="phase" id={phase.id} name={`Phase ${phase.name}`} first={index === 0} last={index === count - 1} />
      </div>
    </div>
  );
}

// ───────────── success criteria ─────────────

export type CriterionRow = { id: string; title: string; description: string; feature: string | null; status: string; version: number; updatedBy: string | null };

function CriterionEntry({ row, index, count }: { row: CriterionRow; index: number; count: number }) {
  const e = useEntryEditing("criterion", row.id);
  const name = shortTitle(row.title);
  const feature = featureLabel(row.feature);
  return (
    <li id={`criterion-${row.id}`} className="relative scroll-mt-24 pl-10">
      <StepMarker status={row.status} />
      <div className="rounded-xl border border-ink-300/60 bg-white p-3 shadow-sm sm:p-4">
        {e.editing ? (
          <RowEditor
            kind="criterion"
            id={row.id}
            version={row.version}
            values={{ title: row.title, description: row.description, feature: row.feature ?? "", status: row.status }}
            fields={[
              { name: "title", caption: "Criterion", label: `Title of criterion “${name}”`, wide: true },
              { name: "description", caption: "Description", label: `Description of “${name}”`, type: "textarea", wide: true },
              { name: "feature", caption: "Sentry feature", label: `Sentry feature of “${name}”`, type: "select", options: FEATURE_OPTIONS },
              { name: "status", caption: "Status", label: `Status of “${name}”`, type: "select", options: STATUS_OPTIONS },
            ]}
            legend={`Edit criterion “${name}”`}
            cancelHref={e.cancelHref}
            reopenHref={e.editHref}
            onDone={e.done}
          />
        ) : (
          <>
            <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2">
              <div className="min-w-0 flex-1 basis-60">
                <p className="font-semibold break-words text-ink-950" data-title>
                  {row.title}
                </p>
                {row.description ? <p className="mt-1 text-sm break-words text-ink-800">{row.description}</p> : null}
                <p className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-ink-800">
                  {feature ? <Tag>Sentry feature: {feature}</Tag> : <span className="text-ink-700">No Sentry feature chosen</span>}
                  {row.updatedBy === "customer" ? <Tag tone="customer">Last updated by the customer</Tag> : null}
                </p>
              </div>
              <StatusControl kind="criterion" id={row.id} version={row.version} status={row.status} name={row.title} />
            </div>
            <EntryActions kind="criterion" id={row.id} name={row.title} index={index} count={count} editHref={e.editHref} open={e.open} />
          </>
        )}
      </div>
    </li>
  );
}

export function CriteriaList({ rows }: { rows: CriterionRow[] }) {
  if (rows.length === 0) return <p className="rounded-xl border border-dashed border-ink-300 bg-white p-4 text-sm text-ink-700">No success criteria yet: add the first one below.</p>;
  return (
    <StepList label="Success criteria">
      {rows.map((row, index) => (
        <CriterionEntry key={row.id} row={row} index={index} count={rows.length} />
      ))}
    </StepList>
  );
}

// ───────────── team ─────────────

export type MemberRow = { id: string; name: string; email: string; role: string; side: string; version: number; updatedBy: string | null };

function MemberEntry({ row, index, count }: { row: MemberRow; index: number; count: number }) {
  const e = useEntryEditing("member", row.id);
  const name = shortTitle(row.name);
  return (
    <li id={`member-${row.id}`} className="scroll-mt-24 rounded-xl border border-ink-300/60 bg-white p-3 shadow-sm sm:p-4">
      {e.editing ? (
        <RowEditor
          kind="member"
          id={row.id}
          version={row.version}
          values={{ name: row.name, email: row.email, role: row.role, side: row.side }}
          fields={[
            { name: "name", caption: "Name", label: `Name of team member “${name}”` },
            { name: "email", caption: "Email", label: `Email of “${name}”`, type: "email", placeholder: "name@example.com" },
            { name: "role", caption: "Role", label: `Role of “${name}”`, placeholder: "e.g. Engineering lead" },
            { name: "side", caption: "Side", label: `Side of “${name}”`, type: "select", options: SIDE_OPTIONS },
          ]}
          legend={`Edit team member “${name}”`}
          cancelHref={e.cancelHref}
          reopenHref={e.editHref}
          onDone={e.done}
        />
      ) : (
        <>
          <p className="font-semibold break-words text-ink-950" data-title>
            {row.name}
          </p>
          <p className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-ink-800">
            <span>{row.role || <span className="text-ink-700">No role given</span>}</span>
            {row.email ? (
              <a href={`mailto:${row.email}`} className="break-all">
                {row.email}
              </a>
            ) : (
              <span className="text-ink-700">No email</span>
            )}
            {row.updatedBy === "customer" ? <Tag tone="customer">Last updated by the customer</Tag> : null}
          </p>
          <EntryActions kind="member" id={row.id} name={row.name} index={index} count={count} editHref={e.editHref} open={e.open} />
        </>
      )}
    </li>
  );
}

export function TeamList({ label, rows, emptyText }: { label: string; rows: MemberRow[]; emptyText: string }) {
  if (rows.length === 0) return <p className="rounded-xl border border-dashed border-ink-300 bg-white p-4 text-sm text-ink-700">{emptyText}</p>;
  return (
    <ul aria-label={label} className="grid gap-3 md:grid-cols-2">
      {rows.map((row, index) => (
        <MemberEntry key={row.id} row={row} index={index} count={rows.length} />
      ))}
    </ul>
  );
}
