/** "Your Sentry Setup" on the account page: connection status and where to manage it. */
import { formatDateTime } from "~/utils/dates.ts";
import { Link } from "@remix-run/react";

type Connection = {
  method: "OAUTH" | "TOKEN";
  status: "ACTIVE" | "NEEDS_RECONNECT";
  statusReason: string | null;
  syncStatus: string;
  lastSyncedAt: string | Date | null;
  createdAt: string | Date;
  _count: { organizations: number };
} | null;

const date = formatDateTime;

export function SentrySetupSection({ connection }: { connection: Connection }) {
  return (
    <section aria-labelledby="sentry-setup" className="card" id="sentry">
      <h2 id="sentry-setup" className="text-xl font-bold">
        Your Sentry Setup
      </h2>
      {!connection ? (
        <p className="mt-2 text-ink-800">
          Status: <strong>Not connected</strong>. Connect your Sentry account to get recommendations for the features your projects don't use yet.{" "}
          <Link to="/sentry">See what connecting does</Link>.
        </p>
      ) : (
        <div className="mt-2 space-y-2 text-ink-800">
          <p>
            Status: <strong data-testid="sentry-connection-status">{connection.status === "ACTIVE" ? "Connected" : "Needs reconnecting"}</strong> with{" "}
            {connection.method === "OAUTH" ? "OAuth" : "a personal token"} since {date(connection.createdAt)} · {connection._count.organizations} organization
            {connection._count.organizations === 1 ? "" : "s"} ·{" "}
            {connection.syncStatus === "RUNNING" || connection.syncStatus === "QUEUED"
              ? "syncing now"
              : connection.lastSyncedAt
              ? `last synced ${date(connection.lastSyncedAt)}`
              : "not synced yet"}
          </p>
          {connection.status === "NEEDS_RECONNECT" ? <p className="text-red-900">{connection.statusReason}</p> : null}
          <p className="flex flex-wrap gap-3">
            <Link to="/sentry">Setup and recommendations</Link>
            <Link to="/sentry/audit">API call log</Link>
            <a href="/sentry/export" download>
              Export my Sentry data (JSON)
            </a>
          </p>
        </div>
      )}
    </section>
  );
}
