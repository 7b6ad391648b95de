import type { Toast } from "~/utils/toast.server.ts";

const styles: Record<Toast["kind"], string> = {
  success: "border-emerald-700 bg-emerald-50 text-emerald-900",
  error: "border-red-700 bg-red-50 text-red-900",
  info: "border-brand-600 bg-white text-ink-900",
};
const icons: Record<Toast["kind"], string> = { success: "✓", error: "!", info: "i" };

/** The flash message of the last redirect, announced to screen readers. */
export function ToastMessage({ toast }: { toast: Toast | null }) {
  return (
    <div role="status" aria-live="polite" className="mx-auto max-w-6xl px-4">
      {toast ? (
        <p className={`mt-4 flex items-start gap-3 rounded-lg border-l-4 px-4 py-3 text-sm shadow-sm ${styles[toast.kind]}`} data-toast={toast.kind}>
          <span aria-hidden="true" className="font-bold">
            {icons[toast.kind]}
          </span>
          <span>{toast.message}</span>
        </p>
      ) : null}
    </div>
  );
}
