import { Form, useLocation } from "@remix-run/react";

/**
 * On every page while the account's address is unconfirmed: what that means, and a POST form
 * (works without JS) that sends a new link.
 */
export function VerifyEmailBanner({ email }: { email: string }) {
  const location = useLocation();
  return (
    <div role="region" aria-labelledby="verify-email-banner" className="border-b border-amber-300 bg-amber-50">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3 text-sm text-amber-950">
        <p className="flex-1">
          <strong id="verify-email-banner">Confirm your email address.</strong> We've sent a link to {email}. Until you follow it you can
          learn, but not connect Sentry, create API tokens, post in discussions or use staff areas.
        </p>
        <Form method="post" action="/verify-email">
          <input type="hidden" name="intent" value="resend" />
          <input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
          <button type="submit" className="btn btn-secondary">
            Resend verification email
          </button>
        </Form>
      </div>
    </div>
  );
}
