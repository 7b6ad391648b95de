import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import { Badge } from "~/components/ui/badge.tsx";
import { listNotifications, markAllRead, markRead } from "~/modules/notifications/notifications.server.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { formatDateTime } from "~/utils/dates.ts";
import { pageIntents } from "~/utils/errors.ts";
import { redirectWithToast } from "~/utils/toast.server.ts";

export const meta: MetaFunction = () => [{ title: "Notifications · Sentry Academy" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { notifications: await listNotifications(user.id) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  return pageIntents(form.get("intent"), {
    "read-all": async () => {
      const n = await markAllRead(user.id);
      return redirectWithToast("/notifications", { kind: "success", message: n ? "All notifications marked as read." : "Nothing unread." });
    },
    read: async () => {
      const id = String(form.get("notification") ?? "").slice(0, 64);
      if (!(await markRead(user.id, id))) throw new Response("There is no such unread notification of yours.", { status: 404 });
      return redirectWithToast("/notifications", { kind: "success", message: "Marked as read." });
    },
  });
}

export default function Notifications() {
  const { notifications } = useLoaderData<typeof loader>();
  const unread = notifications.filter((n) => !n.readAt).length;
  return (
    <div className="max-w-3xl space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-3xl font-bold">Notifications</h1>
        {unread ? (
          <Form method="post">
            <button type="submit" name="intent" value="read-all" className="btn btn-secondary">
              Mark all as read
            </button>
          </Form>
        ) : null}
      </div>
      {notifications.length === 0 ? (
        <p className="text-ink-700">Nothing yet. When someone comments on code you asked them to review, you'll read it here.</p>
      ) : (
        <ul className="space-y-3">
          {notifications.map((n) => (
            <li key={n.id} className={`card p-4 ${n.readAt ? "" : "border-l-4 border-l-brand-600"}`}>
              <div className="flex flex-wrap items-center gap-2">
                {n.readAt ? null : <Badge tone="brand">New</Badge>}
                <Link to={n.url} className="break-words font-semibold">
                  {n.title}
                </Link>
              </div>
              {n.body ? <p className="mt-1 whitespace-pre-wrap break-words text-ink-800">{n.body}</p> : null}
              <div className="mt-1 flex flex-wrap items-center gap-3 text-sm text-ink-700">
                <time dateTime={new Date(n.createdAt).toISOString()}>{formatDateTime(n.createdAt)}</time>
                {n.readAt ? null : (
                  <Form method="post">
                    <input type="hidden" name="notification" value={n.id} />
                    <button type="submit" name="intent" value="read" className="btn btn-tertiary text-sm">
                      Mark as read<span className="sr-only">: {n.title}</span>
                    </button>
                  </Form>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
