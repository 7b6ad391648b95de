/**
 * Login throttling policy: plain arithmetic over the recent failures, so it is
 * the same whichever instance counts (the failures live in PostgreSQL).
 */
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 20;

export type ThrottleDecision =
  | { blocked: false }
  | { blocked: true; scope: "account" | "ip"; retryAfterMs: number };

/** failure times must be those inside the window, oldest first. */
export function throttleDecision(
  accountFailures: Date[],
  ipFailures: Date[],
  now: Date = new Date(),
): ThrottleDecision {
  const check = (failures: Date[], max: number) => {
    const recent = failures.filter((t) => now.getTime() - t.getTime() < THROTTLE_WINDOW_MS);
    if (recent.length < max) return null;
    // Blocked until enough of the oldest failures age out of the window.
    const unblocksAt = recent[recent.length - max].getTime() + THROTTLE_WINDOW_MS;
    return Math.max(unblocksAt - now.getTime(), 1000);
  };
  const account = check(accountFailures, MAX_FAILURES_PER_ACCOUNT);
  if (account !== null) return { blocked: true, scope: "account", retryAfterMs: account };
  const ip = check(ipFailures, MAX_FAILURES_PER_IP);
  if (ip !== null) return { blocked: true, scope: "ip", retryAfterMs: ip };
  return { blocked: false };
}

export function throttleMessage(decision: Extract<ThrottleDecision, { blocked: true }>): string {
  const minutes = Math.ceil(decision.retryAfterMs / 60_000);
  const wait = `${minutes} minute${minutes === 1 ? "" : "s"}`;
  return decision.scope === "account"
    ? `Too many failed sign-in attempts for this account. Try again in ${wait}, or reset your password.`
    : `Too many failed sign-in attempts from your network. Try again in ${wait}.`;
}
