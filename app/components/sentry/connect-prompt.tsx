/** A dismissible invitation to connect Sentry. With JS it closes in place; without, the form posts and comes back. */
import { Link, useFetcher, useLocation } from "@remix-run/react";

export function ConnectPrompt({ prompt, title, children }: { prompt: string; title: string; children: React.ReactNode }) {
  const fetcher = useFetcher();
  const location = useLocation();
  if (fetcher.state !== "idle" || fetcher.data !== undefined) return null;
  return (
    <aside
      aria-labelledby={`${prompt}-title`}
      className="card flex flex-wrap items-center justify-between gap-4 border-brand-300 bg-gradient-to-r from-brand-300/20 to-white"
      data-testid={prompt}
    >
      <div className="max-w-2xl">
        <h2 id={`${prompt}-title`} className="text-lg font-bold">
          {title}
        </h2>
        <div className="mt-1 text-ink-800">{children}</div>
      </div>
      <div className="flex items-center gap-2">
        <Link to="/sentry" className="btn btn-primary">
          Connect Sentry
        </Link>
        <fetcher.Form method="post" action="/prompts/dismiss">
          <input type="hidden" name="prompt" value={prompt} />
          <input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
          <button type="submit" className="btn btn-tertiary">
            Not now<span className="sr-only"> (hide this suggestion)</span>
          </button>
        </fetcher.Form>
      </div>
    </aside>
  );
}
