import { RemixBrowser, useLocation, useMatches } from "@remix-run/react";
import { startTransition, StrictMode, useEffect } from "react";
import { hydrateRoot } from "react-dom/client";
import { scrub } from "./utils/scrub.ts";

declare global {
  interface Window {
    ENV?: { SENTRY_DSN: string | null; SENTRY_ENVIRONMENT: string };
  }
}

// Our own error monitoring runs only when a DSN is configured, and only then is its SDK downloaded:
// a dynamic import is a separate chunk, so pages without a DSN don't ship it (issue 17's JS budget).
const dsn = window.ENV?.SENTRY_DSN;
if (dsn) {
  void import("@sentry/remix").then((Sentry) =>
    Sentry.init({
      dsn,
      environment: window.ENV?.SENTRY_ENVIRONMENT,
      integrations: [Sentry.browserTracingIntegration({ useEffect, useLocation, useMatches })],
      tracesSampleRate: 0.1,
      sendDefaultPii: false,
      // The same scrub as the server's (server.ts): tokens, share links and email addresses never leave the browser.
      beforeSend: (event) => scrub(event),
      beforeBreadcrumb: (crumb) => scrub(crumb),
    }),
  );
}

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <RemixBrowser />
    </StrictMode>,
  );
});
