/**
 * Sign-in throttling (decision 019), on the shared rate limits of
 * app/utils/rate-limit.server.ts. Three counters, each reserved BEFORE the
 * password is checked, so parallel guesses cannot get more evaluations than
 * the limit:
 *
 * - per (account, IP): 5 attempts per 15 minutes; a success resets it. An
 *   attacker on another network cannot lock the owner out with it.
 * - per IP, across accounts (credential stuffing), and per account across IPs
 *   (a botnet): both skipped for an (account, IP) pair that signed in with the
 *   right password in the last 30 days, so neither can lock the owner out of
 *   the networks they use.
 *
 * A refused attempt gives back what it reserved on the other counters, so
 * hammering one counter does not fill the others. Unknown emails are counted
 * exactly like real accounts: the answers reveal nothing.
 */
import { ipKey, isKnownLogin, markKnownLogin, rateLimit, rateLimitAll, refund, resetLimit, type Limited } from "~/utils/rate-limit.server.ts";
import { normalizeEmail } from "./accounts.server.ts";

export type LoginReservation = { limited: Limited } | { limited: null; succeeded: () => Promise<void> };

export async function reserveLoginAttempt(emailInput: string, ip: string): Promise<LoginReservation> {
  const email = normalizeEmail(emailInput);
  const net = ipKey(ip);
  // The narrow counter first (with the "known" lookup beside it), then the wide ones.
  const [known, pairLimited] = await Promise.all([isKnownLogin(email, ip), rateLimit("login-account-ip", email, net)]);
  if (pairLimited) return { limited: pairLimited };
  const limited = known ? null : await rateLimitAll([["login-ip", net], ["login-account", email]]);
  if (limited) {
    await refund("login-account-ip", email, net);
    return { limited };
  }
  return {
    limited: null,
    // The right password: this pair starts afresh and is known from now on; the shared counters get their hit back.
    succeeded: async () => {
      await Promise.all([
        resetLimit("login-account-ip", email, net),
        ...(known ? [] : [refund("login-ip", net), refund("login-account", email)]),
        markKnownLogin(email, ip),
      ]);
    },
  };
}
