import { isRouteErrorResponse, useLocation, useRouteError, useRouteLoaderData, type ErrorResponse } from "@remix-run/react";
import type { ReactNode } from "react";
import { UNVERIFIED_MESSAGE } from "~/utils/unverified.ts";
import { StatusPage } from "./ui/status-page.tsx";

/** What a status handler gets: the error response and the thrower's message, if it wrote one for people. */
type StatusHandlerInfo = { error: ErrorResponse; message: string | null; level: 1 | 2 };
export type StatusHandler = (info: StatusHandlerInfo) => ReactNode;

/**
 * The text a thrower wrote for people (utils/errors.ts's messages, "Only instructors can…"): a string that
 * reads as a sentence. Placeholders such as "Not found" and the router's own 404 ("Error: No route matches…",
 * marked internal) are not messages, so an unknown address and a revoked customer link read the same.
 */
function thrownMessage(error: ErrorResponse): string | null {
  if ((error as { internal?: boolean }).internal) return null;
  const text = typeof error.data === "string" ? error.data.trim() : "";
  return /[.!?]$/.test(text) ? text : null;
}

/** Whether our own error monitoring is on (root.tsx's public env has a DSN): only then may a page say "we've been notified". */
function useMonitoring() {
  const root = useRouteLoaderData("root") as { publicEnv?: { SENTRY_DSN?: string | null } } | undefined;
  return Boolean(root?.publicEnv?.SENTRY_DSN);
}

const DEFAULT_HANDLERS: Record<number, StatusHandler> = {
  404: ({ message, level }) => <NotFoundPage message={message} level={level} />,
  403: ({ message, level }) =>
    message === UNVERIFIED_MESSAGE ? (
      <StatusPage code={403} level={level} title="Confirm your email address first">
        <p>{UNVERIFIED_MESSAGE}</p>
      </StatusPage>
    ) : (
      <StatusPage code={403} level={level} title="You don't have access to this page">
        <p>{message ?? "Your account's role doesn't include this area. If you think it should, ask an admin to change your role."}</p>
      </StatusPage>
    ),
  429: ({ error, level }) => (
    <StatusPage code={429} level={level} title="Too many requests">
      <p>{typeof error.data === "string" && error.data ? error.data : "Please wait a few minutes and try again."}</p>
    </StatusPage>
  ),
  503: ({ level }) => <DatabaseUnavailable level={level} />,
};

function NotFoundPage({ message, level }: { message: string | null; level: 1 | 2 }) {
  const location = useLocation();
  return (
    <StatusPage code={404} level={level} title="We couldn't find that page">
      {message ? (
        <p>{message}</p>
      ) : (
        <p>
          Nothing lives at <code className="rounded bg-ink-100 px-1">{location.pathname}</code>. The link may be old, or the page may have moved.
        </p>
      )}
    </StatusPage>
  );
}

function DatabaseUnavailable({ level }: { level: 1 | 2 }) {
  const location = useLocation();
  // The database is unreachable (db-unavailable.server.ts): a restart or failover, usually over in seconds.
  return (
    <StatusPage code={503} level={level} title="We can't reach our database right now">
      <p>This usually passes within a few seconds, and nothing you saved is lost. Please try again in a moment.</p>
      <p className="mt-4">
        <a href={`${location.pathname}${location.search}`} className="font-semibold text-brand-700 underline">
          Try again
        </a>
      </p>
    </StatusPage>
  );
}

/**
 * One error boundary for every route: a page per status code, never a stack trace. It shows the thrower's
 * message when there is one (utils/errors.ts: "Only the course's author and admins can edit it."), else a
 * text for the status. `statusHandlers` replace the page for some statuses (as the Epic Stack's does);
 * `level={2}` is for a boundary inside a layout that keeps its own h1 (the staff workspace's and the
 * course studio's tabs).
 */
export function GeneralErrorBoundary({ statusHandlers, level = 1 }: { statusHandlers?: Partial<Record<number, StatusHandler>>; level?: 1 | 2 }) {
  const error = useRouteError();
  const monitored = useMonitoring();
  if (isRouteErrorResponse(error)) {
    const info = { error, message: thrownMessage(error), level };
    const handler = statusHandlers?.[error.status] ?? DEFAULT_HANDLERS[error.status];
    if (handler) return <>{handler(info)}</>;
    if (error.status >= 400 && error.status < 500) {
      return (
        <StatusPage code={error.status} level={level} title="That request didn't work">
          <p>{info.message ?? (typeof error.data === "string" && error.data ? error.data : "Please go back and try again.")}</p>
        </StatusPage>
      );
    }
  }
  return (
    <StatusPage code={500} level={level} title="Something went wrong on our side">
      <p>{monitored ? "We've been notified. Please try again in a moment." : "Please try again in a moment. If it keeps happening, let us know what you were doing."}</p>
    </StatusPage>
  );
}
