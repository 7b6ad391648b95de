/**
 * Rate limits: one table of named policies, counted in PostgreSQL with
 * rate-limiter-flexible's RateLimiterPostgres, so every instance of the app
 * shares the counters and each hit is one atomic upsert (INSERT … ON CONFLICT
 * DO UPDATE … RETURNING): fifty parallel requests can never get more than the
 * policy's points between them. Decision 019.
 *
 * The table ("RateLimit") is created by a Prisma migration, not by the library
 * at run time (`tableCreated: true`); expired rows are deleted by the hourly
 * cleanup job. Keys are hashed (no email addresses or IPs in the table).
 *
 * In a route:
 *   const limited = await rateLimit("signup", clientIp(context));
 *   if (limited) return data(submission.reply({ formErrors: [limited.message] }), { status: 429, headers: limited.headers });
 * and `export const headers = retryAfterHeaders;` so a page without JavaScript
 * gets the Retry-After header too. JSON routes: `await enforceRateLimitJson(...)`.
 */
import { createHash } from "node:crypto";
import { isIPv4, isIPv6 } from "node:net";
import type { AppLoadContext, HeadersFunction } from "@remix-run/node";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import type pg from "pg";
import { apiError } from "./api-request.server.ts";
import { clientIp } from "./request-info.server.ts";
import { pool } from "./sql.server.ts";

const MINUTE = 60;
const LOGIN_HINT = "Forgot your password? Resetting it lets you sign in straight away.";
const HOUR = 60 * MINUTE;

type Policy = {
  /** Hits allowed in one window. */
  points: number;
  /** The window, in seconds; it starts at the first hit. */
  duration: number;
  /** What is counted, per what (for the docs and the decision record). */
  counts: string;
  /** What a refused person reads, before "Try again in …". */
  message: string;
  /** Read after "Try again in …", if anything helps sooner. */
  hint?: string;
};

/**
 * Every limit in the app. Numbers are chosen so a person never meets them by
 * normal use (a classroom signing up from one network, a customer filling in
 * the plan) while a script gets a handful of tries instead of thousands.
 */
export const RATE_LIMITS = {
  /** Failed passwords for one account from one IP: the guessing limit. A success resets it. */
  "login-account-ip": {
    points: 5,
    duration: 15 * MINUTE,
    counts: "sign-in attempts for one email from one IP address (a successful sign-in resets it)",
    message: "Too many sign-in attempts.",
    hint: LOGIN_HINT,
  },
  /** Failed passwords from one IP across accounts (credential stuffing). Skipped for an account that signed in from this IP before. */
  "login-ip": {
    points: 30,
    duration: 15 * MINUTE,
    counts: "failed sign-ins from one IP address across accounts, except accounts already signed in from it",
    message: "Too many sign-in attempts.",
    hint: LOGIN_HINT,
  },
  /** Failed passwords for one account from anywhere (a botnet). Skipped from an IP the account signed in from before. */
  "login-account": {
    points: 50,
    duration: HOUR,
    counts: "failed sign-ins for one email from all IP addresses, except those it signed in from before",
    message: "Too many sign-in attempts.",
    hint: LOGIN_HINT,
  },
  signup: { points: 20, duration: HOUR, counts: "sign-ups from one IP address", message: "Too many sign-ups from your network." },
  "forgot-password-ip": {
    points: 20,
    duration: 15 * MINUTE,
    counts: "password-reset requests from one IP address",
    message: "Too many password-reset requests.",
  },
  "forgot-password-address": {
    points: 3,
    duration: 15 * MINUTE,
    counts: "password-reset requests for one email address (known or not)",
    message: "Too many password-reset requests for this address.",
    hint: "If an account exists for it, the last link we sent still works.",
  },
  "reset-password": {
    points: 10,
    duration: 15 * MINUTE,
    counts: "new-password submissions on reset links from one IP address (each one hashes a password)",
    message: "Too many attempts.",
  },
  "verification-email": {
    points: 3,
    duration: 15 * MINUTE,
    counts: "verification emails sent for one account",
    message: "We've sent several verification emails already. Check your inbox and spam folder, or ask for another one later.",
  },
  "two-factor": {
    points: 5,
    duration: 15 * MINUTE,
    counts: "wrong two-factor codes for one account",
    message: "Too many wrong codes.",
  },
  "api-token": { points: 10, duration: HOUR, counts: "API tokens created by one user", message: "You've created many API tokens in a short time." },
  "customer-write": {
    points: 60,
    duration: 10 * MINUTE,
    counts: "changes made through one customer link (statuses, team members, tech stack), pages and API",
    message: "Too many changes through this link in a short time.",
  },
  post: { points: 10, duration: 10 * MINUTE, counts: "discussion posts and replies by one user", message: "You're posting very quickly." },
  /** Code review comments and review requests (each comment notifies someone): decision 042. */
  "review-comment": { points: 30, duration: 10 * MINUTE, counts: "code review comments and review requests by one user", message: "You're commenting very quickly." },
  announcement: {
    points: 5,
    duration: HOUR,
    counts: "course announcements (each one emails every learner) by one instructor",
    message: "You've sent several announcements in a short time.",
  },
  "sentry-sync": {
    points: 6,
    duration: HOUR,
    counts: "Sentry syncs asked for by one user (each one reads their whole Sentry setup)",
    message: "You've asked for several syncs in a short time.",
  },
  "sentry-token": {
    points: 10,
    duration: 10 * MINUTE,
    counts: "Sentry token checks (each one calls Sentry's API) by one user",
    message: "Too many token checks.",
  },
  /** Exercise runs (each one takes a sandbox worker for up to the time limit): decision 041. */
  "exercise-submit": {
    points: 20,
    duration: MINUTE,
    counts: "exercise submissions (test runs) by one user, on every exercise",
    message: "You have submitted 20 times in a minute.",
  },
  /** "Check the reference solution" in the studio: two gradings each, in the same worker pool as learners' runs (decision 043). */
  "exercise-check": {
    points: 20,
    duration: MINUTE,
    counts: "reference-solution checks in the studio by one user, on every exercise",
    message: "You have checked exercises 20 times in a minute.",
  },
} as const satisfies Record<string, Policy>;

export type RateLimitPolicy = keyof typeof RATE_LIMITS;

/** A refused request: what to tell the person, and the Retry-After header. */
export type Limited = { policy: RateLimitPolicy; retryAfterSeconds: number; message: string; headers: Record<string, string> };

export const RATE_LIMIT_TABLE = "RateLimit";

// One limiter per policy and pool (the pool can be replaced after the database went away).
const limiters = new WeakMap<pg.Pool, Map<string, RateLimiterPostgres>>();

function limiter(policy: RateLimitPolicy | "login-known"): RateLimiterPostgres {
  const p = pool();
  let forPool = limiters.get(p);
  if (!forPool) limiters.set(p, (forPool = new Map()));
  let l = forPool.get(policy);
  if (!l) {
    const { points, duration } = policy === "login-known" ? { points: 1, duration: LOGIN_KNOWN_SECONDS } : RATE_LIMITS[policy];
    l = new RateLimiterPostgres({
      storeClient: p,
      storeType: "pool",
      tableName: RATE_LIMIT_TABLE,
      tableCreated: true,
      clearExpiredByTimeout: false,
      keyPrefix: policy,
      points,
      duration,
    });
    forPool.set(policy, l);
  }
  return l;
}

/**
 * The part of an address that stands for one client: an IPv4 address, or the
 * /64 network of an IPv6 one (one host usually has a whole /64 to rotate in).
 */
export function ipKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1];
  if (isIPv4(ip) || !isIPv6(ip)) return ip;
  const [head, tail = ""] = ip.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = [...left, ...Array(Math.max(8 - left.length - right.length, 0)).fill("0"), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => parseInt(g || "0", 16).toString(16))
    .join(":")}::/64`;
}

/** The requester's network, the key of the per-IP policies: `rateLimit("signup", clientNetwork(context))`. */
export function clientNetwork(context: AppLoadContext | undefined): string {
  return ipKey(clientIp(context));
}

/** Keys are hashed: the table holds no email addresses or IPs, and every key fits. */
export function hashKey(...parts: string[]): string {
  return parts.map((part) => createHash("sha256").update(part).digest("base64url").slice(0, 22)).join(".");
}

export function retryMessage(seconds: number): string {
  if (seconds < 60) return `Try again in ${seconds} second${seconds === 1 ? "" : "s"}.`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 120) return `Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
  return `Try again in ${Math.ceil(minutes / 60)} hours.`;
}

export function limitedAnswer(policy: RateLimitPolicy, msBeforeNext: number): Limited {
  const retryAfterSeconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return {
    policy,
    retryAfterSeconds,
    message: [RATE_LIMITS[policy].message, retryMessage(retryAfterSeconds), (RATE_LIMITS[policy] as Policy).hint].filter(Boolean).join(" "),
    headers: { "Retry-After": String(retryAfterSeconds) },
  };
}

/**
 * Counts one hit of `policy` for `key` (hashed here); null when allowed, else
 * how long to wait. The hit is reserved atomically before the caller does the
 * work, so concurrent requests cannot slip past the limit.
 */
export async function rateLimit(policy: RateLimitPolicy, ...keyParts: string[]): Promise<Limited | null> {
  try {
    await limiter(policy).consume(hashKey(...keyParts));
    return null;
  } catch (error) {
    if (error instanceof RateLimiterRes) return limitedAnswer(policy, error.msBeforeNext);
    throw error; // the database: the app's 503 handling answers
  }
}

/**
 * Several policies for one request (e.g. per IP and per address): each is
 * counted in turn, the narrowest first; when one refuses, the hits already
 * counted are given back, so a refused request uses up nothing. In turn, not
 * in parallel: a burst refused by the narrow counter never reaches the wide
 * one, so it cannot crowd out other requests there even for a moment.
 */
export async function rateLimitAll(checks: [RateLimitPolicy, ...string[]][]): Promise<Limited | null> {
  const counted: [RateLimitPolicy, ...string[]][] = [];
  for (const [policy, ...key] of checks) {
    const limited = await rateLimit(policy, ...key);
    if (limited) {
      await Promise.all(counted.map(([p, ...k]) => refund(p, ...k)));
      return limited;
    }
    counted.push([policy, ...key]);
  }
  return null;
}

/** Gives a hit back (e.g. the attempt did not count after all). */
export async function refund(policy: RateLimitPolicy, ...keyParts: string[]) {
  await limiter(policy).reward(hashKey(...keyParts));
}

/** Forgets a key's hits (e.g. a successful sign-in resets its guessing counter). */
export async function resetLimit(policy: RateLimitPolicy, ...keyParts: string[]) {
  await limiter(policy).delete(hashKey(...keyParts));
}

/** A JSON 429 for the API routes, in apiError()'s shape: `{ error: "rate_limited", message, retryAfterSeconds }`. */
export function rateLimitedJson(limited: Limited): Response {
  return apiError(429, "rate_limited", limited.message, { retryAfterSeconds: limited.retryAfterSeconds }, { headers: limited.headers });
}

/** For JSON routes and resource routes: throws the JSON 429 when the policy refuses. */
export async function enforceRateLimitJson(policy: RateLimitPolicy, ...keyParts: string[]) {
  const limited = await rateLimit(policy, ...keyParts);
  if (limited) throw rateLimitedJson(limited);
}

/** A route's `headers` export that passes the action's Retry-After on to the page (document requests without JavaScript). */
export const retryAfterHeaders: HeadersFunction = (args) => withRetryAfter(args);

/** For a route whose `headers` export sets more: `headers = (args) => withRetryAfter(args, { "Cache-Control": "no-store" })`. */
export function withRetryAfter({ actionHeaders, loaderHeaders, errorHeaders }: Parameters<HeadersFunction>[0], init?: HeadersInit): Headers {
  const headers = new Headers(init);
  const retryAfter = actionHeaders.get("Retry-After") ?? errorHeaders?.get("Retry-After") ?? loaderHeaders.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
}

// ───────────── sign-in (used by app/modules/accounts/login-throttle.server.ts) ─────────────

/** How long a successful sign-in makes an (account, IP) pair "known". */
const LOGIN_KNOWN_SECONDS = 30 * 24 * HOUR;

export async function isKnownLogin(email: string, ip: string): Promise<boolean> {
  return (await limiter("login-known").get(hashKey(email, ipKey(ip)))) !== null;
}

export async function markKnownLogin(email: string, ip: string) {
  await limiter("login-known").set(hashKey(email, ipKey(ip)), 1, LOGIN_KNOWN_SECONDS);
}

/** Every sign-in counter of one email (all IPs): after a password reset the owner starts afresh. */
export async function clearLoginLimits(email: string) {
  const account = hashKey(email);
  const like = `login-account-ip:${account}.`.replace(/[\\%_]/g, "\\$&");
  await pool().query(`DELETE FROM "${RATE_LIMIT_TABLE}" WHERE key LIKE $1 OR key = $2`, [`${like}%`, `login-account:${account}`]);
}
