import { Link } from "@remix-run/react";

/** An error or status page; `level={2}` inside a layout that has its own h1 (a tab of the staff workspace or the course studio). */
export function StatusPage({ code, title, level = 1, children }: { code?: number; title: string; level?: 1 | 2; children?: React.ReactNode }) {
  const Heading = level === 1 ? "h1" : "h2";
  return (
    <section className={level === 1 ? "mx-auto max-w-xl py-16 text-center" : "card max-w-3xl py-8"} aria-labelledby="status-title">
      {code ? <p className="text-sm font-bold tracking-widest text-brand-700">ERROR {code}</p> : null}
      <Heading id="status-title" className={`mt-2 font-bold text-ink-950 ${level === 1 ? "text-3xl" : "text-2xl"}`}>
        {title}
      </Heading>
      <div className="mt-4 text-ink-800">{children}</div>
      {level === 1 ? (
        <p className="mt-8">
          <Link to="/" className="btn btn-secondary">
            Back to the home page
          </Link>
        </p>
      ) : null}
    </section>
  );
}
