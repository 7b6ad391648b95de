export function AuthCard({ title, intro, children }: { title: string; intro?: React.ReactNode; children: React.ReactNode }) {
  return (
    <div className="mx-auto max-w-md">
      {/* Addresses and links are long unbreakable words: they wrap rather than widen a phone screen. */}
      <div className="card [overflow-wrap:anywhere]">
        <h1 className="text-2xl font-bold text-ink-950">{title}</h1>
        {intro ? <div className="mt-2 text-sm text-ink-700">{intro}</div> : null}
        <div className="mt-6">{children}</div>
      </div>
    </div>
  );
}
