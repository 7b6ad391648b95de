/**
 * A local fake of sentry.io for tests, demo mode and benchmarks: the read-only
 * REST API the app uses and Sentry's OAuth 2.0 authorization server, speaking
 * Sentry's wire formats as documented in shared/reference/SOURCES.md ("SOURCES"
 * below) and shaped after the OpenAPI examples in shared/reference/sentry/.
 *
 * - API: Bearer tokens (user `sntryu_`, OAuth 64-hex, org `sntrys_`), scope checks,
 *   `Link` cursor pagination, `X-Sentry-Rate-Limit-*` headers and 429s, Sentry's
 *   error bodies.
 * - OAuth: /oauth/authorize/ consent page (works without JS), /oauth/token/ with
 *   authorization_code (+ PKCE S256) and rotating refresh_token grants.
 * - Control API under /__fake/ (and the same as in-process methods) to adopt
 *   features, mint/revoke tokens, inject faults and read the request log.
 *
 * The data comes from a scenario (scenario.ts, scenarios/default.json). This file
 * is the HTTP wiring; the parts are state.ts (tokens, rate limits, faults, the
 * request log), serializers.ts (the JSON shapes), api-routes.ts (the REST API),
 * oauth.ts (authorize and token) and control.ts (/__fake/).
 */
import http from "node:http";
import { listen, readBody, sendJson, type FakeServer } from "../http.ts";
import { createApi, NOT_FOUND } from "./api-routes.ts";
import { createControl } from "./control.ts";
import { createOAuth, NO_CACHE } from "./oauth.ts";
import type { RateLimitSettings, Scenario } from "./scenario-types.ts";
import { createSerializers } from "./serializers.ts";
import { createState, fingerprint, type CallLog, type CreateTokenInput, type FakeSentryOptions, type FaultSpec, type ProjectPatch } from "./state.ts";

export type { CallLog,  FakeSentryOptions,   } from "./state.ts";

export type FakeSentry = FakeServer & {
  /** The live scenario state (changes with adoptFeature, replaced by reset). */
  readonly scenario: Scenario;
  /** Env settings that point the app at this fake. */
  env: Record<string, string>;
  /** The scenario's demo user tokens by name ("demo", "expired", ...), and its org tokens. */
  tokens: Record<string, string>;
  calls(): CallLog[];
  clearCalls(): void;
  adoptFeature(org: string, project: string, patch: ProjectPatch): Record<string, unknown>;
  createToken(input: CreateTokenInput): string;
  revokeToken(token: string): boolean;
  reset(): void;
  setRateLimit(limits: Partial<RateLimitSettings>): RateLimitSettings;
  injectFault(fault: FaultSpec): void;
  clearFaults(): void;
  /** Make every current OAuth access token expired (their refresh tokens keep working). */
  expireOAuthAccessTokens(): number;
};

export async function startFakeSentry(options: FakeSentryOptions = {}): Promise<FakeSentry> {
  const state = createState(options);
  const serializers = createSerializers(state);
  const { handleApi } = createApi(state, serializers);
  const { authorizePage, authorizeDecision, tokenExchange } = createOAuth(state);
  const { adoptFeature, handleControl } = createControl(state, serializers);
  const { bearerToken, logCall, takeFault, delay, createToken, revokeToken, setRateLimit, injectFault, expireOAuthAccessTokens } = state;

  // ----- HTTP server ------------------------------------------------------------------

  const server = http.createServer(async (req, res) => {
    const started = Date.now();
    const url = new URL(req.url ?? "/", "http://fake-sentry.local");
    const log = (status: number, template: string | null) => {
      const token = bearerToken(req);
      logCall({
        at: new Date(started).toISOString(),
        method: req.method ?? "GET",
        path: url.pathname,
        template,
        query: queryObject(url.searchParams),
        status,
        token: token ? fingerprint(token) : null,
        durationMs: Date.now() - started,
      });
    };
    try {
      if (url.pathname.startsWith("/__fake/")) return await handleControl(req, res, url);
      if (url.pathname === "/oauth/authorize/" || url.pathname === "/oauth/authorize") {
        if (req.method === "POST") {
          const form = new URLSearchParams(await readBody(req));
          authorizeDecision(form, res);
        } else authorizePage(url.searchParams, res);
        return log(res.statusCode, "/oauth/authorize/");
      }
      if ((url.pathname === "/oauth/token/" || url.pathname === "/oauth/token") && req.method === "POST") {
        const form = new URLSearchParams(await readBody(req));
        const fault = takeFault("POST", url.pathname, "/oauth/token/");
        if (fault?.delayMs) await delay(fault.delayMs);
        const outcome = fault?.status ? { status: fault.status, body: (fault.body ?? { error: "server_error" }) as Record<string, unknown> } : tokenExchange(req, form);
        log(outcome.status, "/oauth/token/");
        return sendJson(res, outcome.status, outcome.body, { ...NO_CACHE, ...("headers" in outcome ? outcome.headers : {}) });
      }
      if (url.pathname.startsWith("/api/0/") || url.pathname === "/api/0") return await handleApi(req, res, url, log);
      log(404, null);
      sendJson(res, 404, NOT_FOUND);
    } catch (error) {
      log(500, null);
      if (!res.headersSent) sendJson(res, 500, { detail: "Internal Error", error: String(error) });
      else res.end();
    }
  });

  const listening = await listen(server, options.port ?? 0, options.host ?? "127.0.0.1");
  const { original, timers } = state;
  const client = original.oauthClients[0];
  const tokenNames: Record<string, string> = Object.fromEntries([
    ...original.tokens.map((t) => [t.name, t.token]),
    ...original.orgTokens.map((t) => [t.name, t.token]),
  ]);

  return {
    ...listening,
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await listening.close();
    },
    get scenario() {
      return state.scenario;
    },
    env: {
      SENTRY_URL: listening.url,
      ...(client ? { SENTRY_CLIENT_ID: client.clientId, SENTRY_CLIENT_SECRET: client.clientSecret } : {}),
    },
    tokens: tokenNames,
    calls: () => [...state.callLog],
    clearCalls: state.clearCalls,
    adoptFeature,
    createToken,
    revokeToken,
    reset: state.reset,
    setRateLimit,
    injectFault,
    clearFaults: state.clearFaults,
    expireOAuthAccessTokens,
  };
}

function queryObject(params: URLSearchParams) {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    out[key] = values.length === 1 ? values[0] : values;
  }
  return out;
}
