import { isRouteErrorResponse, useLocation, useRouteError } from "@remix-run/react";
import { UNVERIFIED_MESSAGE } from "~/utils/unverified.ts";
import { StatusPage } from "./ui/status-page.tsx";

/** One error boundary for every route: a page per status code, never a stack trace. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const location = useLocation();
  if (isRouteErrorResponse(error)) {
    if (error.status === 404) {
      return (
        <StatusPage code={404} title="We couldn't find that page">
          <p>
            Nothing lives at <code className="rounded bg-ink-100 px-1">{location.pathname}</code>. The link may be old, or
            the page may have moved.
          </p>
        </StatusPage>
      );
    }
    if (error.status === 403 && error.data === UNVERIFIED_MESSAGE) {
      return (
        <StatusPage code={403} title="Confirm your email address first">
          <p>{UNVERIFIED_MESSAGE}</p>
        </StatusPage>
      );
    }
    if (error.status === 403) {
      return (
        <StatusPage code={403} title="You don't have access to this page">
          <p>Your account's role doesn't include this area. If you think it should, ask an admin to change your role.</p>
        </StatusPage>
      );
    }
    if (error.status === 503) {
      // The database is unreachable (db-unavailable.server.ts): a restart or failover, usually over in seconds.
      return (
        <StatusPage code={503} title="We can't reach our database right now">
          <p>This usually passes within a few seconds, and nothing you saved is lost. Please try again in a moment.</p>
          <p className="mt-4">
            <a href={`${location.pathname}${location.search}`} className="font-semibold text-brand-700 underline">
              Try again
            </a>
          </p>
        </StatusPage>
      );
    }
    if (error.status === 429) {
      return (
        <StatusPage code={429} title="Too many requests">
          <p>{typeof error.data === "string" && error.data ? error.data : "Please wait a few minutes and try again."}</p>
        </StatusPage>
      );
    }
    if (error.status === 400 || error.status === 405) {
      return (
        <StatusPage code={error.status} title="That request didn't work">
          <p>{typeof error.data === "string" ? error.data : "Please go back and try again."}</p>
        </StatusPage>
      );
    }
  }
  return (
    <StatusPage code={500} title="Something went wrong on our side">
      <p>We've been notified. Please try again in a moment.</p>
    </StatusPage>
  );
}
