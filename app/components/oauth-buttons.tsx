import { Form } from "@remix-run/react";

const LABELS = { github: "GitHub", google: "Google" } as const;

/** Each button is a POST form (starting a sign-in changes state), so it works without JS. */
export function OAuthButtons({ providers, redirectTo }: { providers: ("github" | "google")[]; redirectTo?: string }) {
  if (providers.length === 0) return null;
  return (
    <div className="mt-6 border-t border-ink-100 pt-6">
      <p className="mb-3 text-center text-sm text-ink-700">Or continue with</p>
      <div className="grid gap-2 sm:grid-cols-2">
        {providers.map((p) => (
          <Form key={p} method="post" action={`/auth/${p}`}>
            {redirectTo ? <input type="hidden" name="redirectTo" value={redirectTo} /> : null}
            <button type="submit" className="btn btn-secondary w-full">
              Sign in with {LABELS[p]}
            </button>
          </Form>
        ))}
      </div>
    </div>
  );
}
