/**
 * The customer portal's own page frame (root.tsx leaves out the Academy's
 * header and footer for it): a co-branded header, "<customer> with Sentry" with
 * their logo or initials, the main landmark, and a footer that says who shared
 * the page. Decision 031.
 */
import { Link } from "@remix-run/react";
import { httpsImageOrigin } from "~/utils/image-origin.ts";

/** "Acme Robotics" → "AR", "globex" → "G": at most two letters, from the first two words. */
function initials(name: string) {
  const letters = name
    .trim()
    .split(/[\s\-_.&/]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => Array.from(word)[0] ?? "");
  return letters.join("").toLocaleUpperCase("en-GB") || "?";
}

/**
 * The customer's logo (an https URL the SE set; checked again here, so a value
 * stored before the rule renders as the monogram) or their initials. The image
 * is decorative: the name is written beside it. No referrer goes with it.
 */
function CustomerMark({ name, logoUrl }: { name: string; logoUrl: string }) {
  if (logoUrl && httpsImageOrigin(logoUrl)) {
    return <img src={logoUrl} alt="" referrerPolicy="no-referrer" className="h-10 w-auto max-w-32 shrink-0 object-contain" data-testid="customer-logo" />;
  }
  return (
    <span aria-hidden="true" data-testid="customer-monogram" className="grid h-10 w-10 shrink-0 place-items-center rounded-lg bg-ink-950 text-base font-bold text-white">
      {initials(name)}
    </span>
  );
}

export function CustomerShell({ customerName, logoUrl, seName, home, children }: { customerName: string; logoUrl: string; seName: string; home: string; children: React.ReactNode }) {
  return (
    <>
      <header className="border-b border-ink-300/60 bg-white">
        <div className="mx-auto flex max-w-6xl items-center gap-3 px-4 py-3">
          <Link to={home} className="flex min-w-0 items-center gap-3 text-ink-950 no-underline hover:no-underline">
            <CustomerMark name={customerName} logoUrl={logoUrl} />
            <span className="min-w-0 leading-tight">
              <span className="block text-lg font-bold break-words">{customerName}</span>
              <span className="block text-sm text-ink-700">
                with <span className="font-semibold text-ink-900">Sentry</span>
              </span>
            </span>
          </Link>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 focus:outline-none">
        {children}
      </main>
      <footer className="border-t border-ink-300/50 bg-white/60">
        <div className="mx-auto flex max-w-6xl flex-wrap justify-between gap-2 px-4 py-6 text-sm text-ink-700">
          <p>
            Shared with {customerName} by {seName} at Sentry. No login needed: anyone with this link can see and update it, so share it only with your team.
          </p>
          <p>
            <a href="/privacy" rel="noreferrer">
              Privacy and data
            </a>
          </p>
        </div>
      </footer>
    </>
  );
}
