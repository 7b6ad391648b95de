import { Link } from "@remix-run/react";

export function StatusPage({ code, title, children }: { code?: number; title: string; children?: React.ReactNode }) {
  return (
    <section className="mx-auto max-w-xl py-16 text-center" aria-labelledby="status-title">
      {code ? <p className="text-sm font-bold tracking-widest text-brand-700">ERROR {code}</p> : null}
      <h1 id="status-title" className="mt-2 text-3xl font-bold text-ink-950">
        {title}
      </h1>
      <div className="mt-4 text-ink-800">{children}</div>
      <p className="mt-8">
        <Link to="/" className="btn btn-secondary">
          Back to the home page
        </Link>
      </p>
    </section>
  );
}
