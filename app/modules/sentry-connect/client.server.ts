/**
 * Sentry's REST API, read-only, as Sentry speaks it (see shared/reference/SOURCES.md):
 * Bearer tokens, `Link` header cursor pagination, `X-Sentry-Rate-Limit-*` headers
 * and 429s without Retry-After, 401 bodies `{"detail": "Invalid token" | "Token expired"}`.
 *
 * The client waits out a spent rate-limit window before the next call to the same
 * endpoint, backs off on 429, retries timeouts and 5xx with exponential backoff,
 * and reports every HTTP call (never the token) to `onCall` for the audit log.
 */
import { getEnv } from "~/utils/env.server.ts";

export type ApiCall = {
  method: string;
  endpoint: string;
  status: number;
  durationMs: number;
  at: Date;
};

export type SentryErrorKind = "invalid_token" | "expired_token" | "forbidden" | "not_found" | "rate_limited" | "timeout" | "unavailable";

/** A failed call, with a message a learner can act on. Never carries the token. */
export class SentryApiError extends Error {
  constructor(readonly kind: SentryErrorKind, message: string, readonly status: number | null, readonly endpoint: string) {
    super(message);
    this.name = "SentryApiError";
  }
  /** The token itself is no good: the connection needs the user to reconnect. */
  get needsReconnect() {
    return this.kind === "invalid_token" || this.kind === "expired_token" || this.kind === "forbidden";
  }
}

const ERROR_MESSAGES: Record<SentryErrorKind, string> = {
  invalid_token: "Sentry rejected the token: it was revoked, or it never existed. Connect again with a new token or through OAuth.",
  expired_token: "Your Sentry authorization has expired. Connect again to renew it.",
  forbidden:
    "The token can't read your organizations and projects: it needs the org:read and project:read scopes. Create a token with those scopes, or connect through OAuth.",
  not_found: "Sentry says that organization or project doesn't exist any more.",
  rate_limited: "Sentry's rate limit was reached and did not reset in time. We'll try again on the next sync.",
  timeout: "Sentry didn't answer in time. We'll retry; if it keeps happening, try again later.",
  unavailable: "Sentry couldn't be reached or answered with an error. We'll retry; if it keeps happening, try again later.",
};

export type ClientOptions = {
  token: string;
  baseUrl?: string;
  timeoutMs?: number;
  /** Attempts per request for timeouts, network errors, 5xx and 429. */
  maxAttempts?: number;
  /** Longest we wait for a rate-limit window to reset before giving up. */
  maxRateLimitWaitMs?: number;
  onCall?: (call: ApiCall) => void | Promise<void>;
  sleep?: (ms: number) => Promise<void>;
};

export type Page<T> = { data: T; next: string | null };

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** `Link: <...>; rel="next"; results="true"; cursor="0:100:0"` → the next URL, or null. */
function nextPageUrl(link: string | null): string | null {
  if (!link) return null;
  for (const part of link.split(/,\s*(?=<)/)) {
    const url = /<([^>]+)>/.exec(part)?.[1];
    const rel = /rel="([^"]+)"/.exec(part)?.[1];
    const results = /results="([^"]+)"/.exec(part)?.[1];
    if (url && rel === "next" && results === "true") return url;
  }
  return null;
}

/** `/api/0/organizations/acme/projects/` → `/api/0/organizations/{org}/projects/`: rate limits are per endpoint. */
function endpointKey(pathname: string) {
  return pathname.replace(/^(\/api\/0\/(?:organizations|projects))\/[^/]+/, "$1/{org}").replace(/^(\/api\/0\/projects\/\{org\})\/[^/]+/, "$1/{project}");
}

export function createSentryClient(options: ClientOptions) {
  const env = getEnv();
  const baseUrl = (options.baseUrl ?? env.SENTRY_URL).replace(/\/$/, "");
  const timeoutMs = options.timeoutMs ?? env.SENTRY_TIMEOUT_SECONDS * 1000;
  const maxAttempts = options.maxAttempts ?? 4;
  const maxRateLimitWaitMs = options.maxRateLimitWaitMs ?? 60_000;
  const sleep = options.sleep ?? defaultSleep;
  /** endpoint key → epoch ms before which that endpoint has no requests left. */
  const blockedUntil = new Map<string, number>();
  let callCount = 0;

  async function record(call: ApiCall) {
    callCount += 1;
    await options.onCall?.(call);
  }

  function noteRateLimit(key: string, response: Response) {
    const remaining = response.headers.get("X-Sentry-Rate-Limit-Remaining");
    const reset = Number(response.headers.get("X-Sentry-Rate-Limit-Reset"));
    if ((remaining === "0" || response.status === 429) && Number.isFinite(reset) && reset > 0) {
      blockedUntil.set(key, reset * 1000);
    } else if (response.status === 429) {
      blockedUntil.set(key, Date.now() + 1000);
    }
  }

  async function waitForWindow(key: string, endpoint: string) {
    const until = blockedUntil.get(key);
    if (!until) return;
    const wait = until - Date.now();
    blockedUntil.delete(key);
    if (wait <= 0) return;
    if (wait > maxRateLimitWaitMs) throw new SentryApiError("rate_limited", ERROR_MESSAGES.rate_limited, 429, endpoint);
    await sleep(wait + 50);
  }

  async function errorFor(response: Response, endpoint: string): Promise<SentryApiError> {
    const body = (await response.json().catch(() => ({}))) as {
      detail?: unknown;
    };
    const detail = typeof body.detail === "string" ? body.detail : "";
    if (response.status === 401) {
      const kind = /expired/i.test(detail) ? "expired_token" : "invalid_token";
      return new SentryApiError(kind, ERROR_MESSAGES[kind], 401, endpoint);
    }
    if (response.status === 403) return new SentryApiError("forbidden", ERROR_MESSAGES.forbidden, 403, endpoint);
    if (response.status === 404) return new SentryApiError("not_found", ERROR_MESSAGES.not_found, 404, endpoint);
    if (response.status === 429) return new SentryApiError("rate_limited", ERROR_MESSAGES.rate_limited, 429, endpoint);
    return new SentryApiError("unavailable", ERROR_MESSAGES.unavailable, response.status, endpoint);
  }

  /** GET one URL (absolute, or a path under the base URL), with retries. */
  async function request<T>(pathOrUrl: string): Promise<Page<T>> {
    const url = new URL(pathOrUrl, `${baseUrl}/`);
    const endpoint = `${url.pathname}${url.search}`;
    const key = endpointKey(url.pathname);
    let lastError: SentryApiError | null = null;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      await waitForWindow(key, endpoint);
      const started = Date.now();
      let response: Response;
      try {
        response = await fetch(url, {
          headers: {
            Authorization: `Bearer ${options.token}`,
            Accept: "application/json",
            "User-Agent": "sentry-academy",
          },
          signal: AbortSignal.timeout(timeoutMs),
          redirect: "error",
        });
      } catch (error) {
        const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
        await record({
          method: "GET",
          endpoint,
          status: 0,
          durationMs: Date.now() - started,
          at: new Date(started),
        });
        lastError = new SentryApiError(timedOut ? "timeout" : "unavailable", ERROR_MESSAGES[timedOut ? "timeout" : "unavailable"], null, endpoint);
        await sleep(backoff(attempt));
        continue;
      }
      await record({
        method: "GET",
        endpoint,
        status: response.status,
        durationMs: Date.now() - started,
        at: new Date(started),
      });
      noteRateLimit(key, response);
      if (response.ok) {
        return {
          data: (await response.json()) as T,
          next: nextPageUrl(response.headers.get("Link")),
        };
      }
      lastError = await errorFor(response, endpoint);
      if (response.status === 429) continue; // waitForWindow sleeps until the window resets
      if (response.status < 500) throw lastError;
      await sleep(backoff(attempt));
    }
    throw lastError ?? new SentryApiError("unavailable", ERROR_MESSAGES.unavailable, null, endpoint);
  }

  /** Every row of a paginated list, following `Link` rel="next" while results="true". */
  async function all<T>(path: string): Promise<T[]> {
    const rows: T[] = [];
    let next: string | null = path;
    while (next) {
      const page: Page<T[]> = await request<T[]>(next);
      rows.push(...page.data);
      next = page.next;
    }
    return rows;
  }

  return {
    get: async <T>(path: string) => (await request<T>(path)).data,
    all,
    get callCount() {
      return callCount;
    },
  };
}

function backoff(attempt: number) {
  return Math.min(8000, 250 * 2 ** (attempt - 1)) + Math.floor(Math.random() * 100);
}

/** `GET /api/0/`: who the token belongs to and its scopes; `auth: null` when Sentry didn't accept it. */
export type SentryIndex = {
  version: string;
  auth: { scopes: string[] } | null;
  user: { id: string; name?: string; username?: string; email?: string } | null;
};

export type SentryOrganizationSummary = {
  id: string;
  slug: string;
  name: string;
};
