/**
 * The POC's badges, for the staff workspace (`variant="staff"`, filled) and the
 * customer portal (`variant="customer"`, outlined, and Overdue in amber rather
 * than red). One status → word, tone and icon table for both sides.
 */
import { Badge, type BadgeTone } from "~/components/ui/badge.tsx";
import { isOverdue, pocStatusLabel, statusLabel } from "~/modules/poc/progress.ts";

export type BadgeVariant = "staff" | "customer";

const STATUS: Record<string, { tone: BadgeTone; icon: string; customerIcon?: string }> = {
  NOT_STARTED: { tone: "neutral", icon: "○" },
  IN_PROGRESS: { tone: "info", icon: "◐" },
  COMPLETED: { tone: "success", icon: "✓" },
  BLOCKED: { tone: "danger", icon: "✕", customerIcon: "!" },
};

/** A milestone, task or criterion status as a word with an icon: colour is never the only signal. */
export function StatusBadge({ status, variant = "staff" }: { status: string; variant?: BadgeVariant }) {
  const style = STATUS[status] ?? STATUS.NOT_STARTED;
  return (
    <Badge tone={style.tone} look={variant === "customer" ? "outlined" : "filled"} icon={(variant === "customer" && style.customerIcon) || style.icon}>
      {statusLabel(status)}
    </Badge>
  );
}

/** "! Overdue" when the item is due before today (UTC) and not completed; nothing otherwise. */
export function OverdueBadge({ item, variant = "staff" }: { item: { status: string; dueDate: Date | string | null }; variant?: BadgeVariant }) {
  if (!isOverdue(item)) return null;
  return variant === "customer" ? (
    <Badge tone="warning" look="outlined" icon="!">
      Overdue
    </Badge>
  ) : (
    <Badge tone="danger" icon="!" strong>
      Overdue
    </Badge>
  );
}

const POC_STATUS_TONE: Record<string, BadgeTone> = { PLANNING: "neutral", ACTIVE: "info", ON_HOLD: "warning", WON: "success", LOST: "danger" };

/** The POC's own status (Planning, Active, On hold, Won, Lost). */
export function PocStatusBadge({ status }: { status: string }) {
  return <Badge tone={POC_STATUS_TONE[status] ?? "neutral"}>{pocStatusLabel(status)}</Badge>;
}

/** Who owns a row, on the customer portal: "Your team" or "Sentry". */
export function SideBadge({ side }: { side: string }) {
  return side === "CUSTOMER" ? (
    <Badge tone="brand" look="outlined">
      Your team
    </Badge>
  ) : (
    <Badge tone="plain" look="outlined">
      Sentry
    </Badge>
  );
}

const TAG_TONE = { neutral: "neutral", customer: "warning", staff: "brand" } as const satisfies Record<string, BadgeTone>;

/** A plain label in the staff workspace ("by the customer", "Sentry"). */
export function Tag({ children, tone = "neutral" }: { children: React.ReactNode; tone?: keyof typeof TAG_TONE }) {
  return <Badge tone={TAG_TONE[tone]}>{children}</Badge>;
}

/** The left border of a status select, by status (the select itself shows the word). */
export const statusAccent = (status: string) =>
  ({ NOT_STARTED: "border-l-ink-300", IN_PROGRESS: "border-l-sky-600", COMPLETED: "border-l-emerald-600", BLOCKED: "border-l-red-700" })[status] ?? "border-l-ink-300";
