/**
 * A local fake of GitHub's and Google's OAuth 2.0 sign-in, speaking their wire
 * formats: authorization code grant with state and PKCE (S256) checked, JSON
 * token responses and RFC 6749 errors (invalid_grant, invalid_client), and the
 * profile endpoints the app reads (GitHub /user and /user/emails, Google
 * /v1/userinfo). Used by the tests and by the demo mode of `npm start`.
 *
 * Run on its own: node --import tsx fakes/oauth-provider.ts [port]
 */
import { createHash, randomBytes } from "node:crypto";
import http from "node:http";
import { escapeHtml, listen, readBody, sendJson, type FakeServer } from "./http.ts";

const FAKE_CLIENTS = {
  github: { clientId: "fake-github-client", clientSecret: "fake-github-secret" },
  google: { clientId: "fake-google-client.apps.googleusercontent.com", clientSecret: "fake-google-secret" },
} as const;

type Provider = keyof typeof FAKE_CLIENTS;
type Identity = { id: string; login: string; name: string; email: string };
type Grant = { provider: Provider; identity: Identity; clientId: string; redirectUri: string; challenge: string; method: string; expiresAt: number; used: boolean };

const PATHS = {
  github: { authorize: "/login/oauth/authorize", token: "/login/oauth/access_token" },
  google: { authorize: "/o/oauth2/v2/auth", token: "/token" },
} as const;

export type FakeOAuthProvider = FakeServer & {
  /** Env settings that point the app at this fake. */
  env: Record<string, string>;
  /** Token requests seen, for assertions. */
  tokenRequests: { provider: Provider; ok: boolean; error?: string }[];
};

const base64url = (buf: Buffer) => buf.toString("base64url");

export async function startFakeOAuthProvider(port = 0): Promise<FakeOAuthProvider> {
  const grants = new Map<string, Grant>();
  const tokens = new Map<string, { provider: Provider; identity: Identity }>();
  const tokenRequests: FakeOAuthProvider["tokenRequests"] = [];

  function authorizePage(provider: Provider, params: URLSearchParams, res: http.ServerResponse) {
    const client = FAKE_CLIENTS[provider];
    const problem =
      params.get("client_id") !== client.clientId
        ? "Unknown client_id."
        : !params.get("redirect_uri")
          ? "Missing redirect_uri."
          : !params.get("state")
            ? "Missing state."
            : params.get("code_challenge_method") !== "S256" || !params.get("code_challenge")
              ? "PKCE with code_challenge_method=S256 is required."
              : null;
    if (problem) {
      res.writeHead(400, { "Content-Type": "text/html" });
      res.end(`<!doctype html><title>Error</title><h1>OAuth error</h1><p>${escapeHtml(problem)}</p>`);
      return;
    }
    const hidden = [...params.entries()].map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`).join("");
    const label = provider === "github" ? "GitHub" : "Google";
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign in to ${label} (fake)</title>
<style>body{font-family:system-ui;max-width:28rem;margin:3rem auto;padding:0 1rem}label{display:block;margin:.75rem 0 .25rem}input{width:100%;padding:.4rem}button{margin-top:1rem;padding:.5rem 1rem}</style></head>
<body><main><h1>Fake ${label}: authorize Sentry Academy</h1>
<p>This local fake stands in for ${label}. Choose who to sign in as.</p>
<form method="post" action="${PATHS[provider].authorize}">${hidden}
<label for="name">Name</label><input id="name" name="name" value="Octo Learner">
<label for="email">Email</label><input id="email" name="email" type="email" value="octo-learner@example.com">
<button type="submit" name="decision" value="allow">Authorize</button>
<button type="submit" name="decision" value="deny">Cancel</button>
</form></main></body></html>`);
  }

  async function authorizeDecision(provider: Provider, req: http.IncomingMessage, res: http.ServerResponse) {
    const form = new URLSearchParams(await readBody(req));
    const redirect = new URL(form.get("redirect_uri") ?? "");
    redirect.searchParams.set("state", form.get("state") ?? "");
    if (form.get("decision") !== "allow") {
      redirect.searchParams.set("error", "access_denied");
      redirect.searchParams.set("error_description", "The user denied access.");
    } else {
      const email = (form.get("email") ?? "octo-learner@example.com").trim().toLowerCase();
      const identity = {
        id: String(Number.parseInt(createHash("sha256").update(email).digest("hex").slice(0, 8), 16)),
        login: email.split("@")[0],
        name: form.get("name") || email.split("@")[0],
        email,
      };
      const code = base64url(randomBytes(20));
      grants.set(code, {
        provider,
        identity,
        clientId: form.get("client_id") ?? "",
        redirectUri: form.get("redirect_uri") ?? "",
        challenge: form.get("code_challenge") ?? "",
        method: form.get("code_challenge_method") ?? "",
        expiresAt: Date.now() + 10 * 60_000,
        used: false,
      });
      redirect.searchParams.set("code", code);
    }
    res.writeHead(302, { Location: redirect.toString() });
    res.end();
  }

  async function token(provider: Provider, req: http.IncomingMessage, res: http.ServerResponse) {
    const form = new URLSearchParams(await readBody(req));
    const fail = (status: number, error: string, description: string) => {
      tokenRequests.push({ provider, ok: false, error });
      sendJson(res, status, { error, error_description: description });
    };
    let clientId = form.get("client_id");
    let clientSecret = form.get("client_secret");
    const basic = req.headers.authorization?.match(/^Basic (.+)$/);
    if (basic) [clientId, clientSecret] = Buffer.from(basic[1], "base64").toString().split(":").map(decodeURIComponent);
    const client = FAKE_CLIENTS[provider];
    if (clientId !== client.clientId || clientSecret !== client.clientSecret) return fail(401, "invalid_client", "Client authentication failed.");
    if (form.get("grant_type") !== "authorization_code") return fail(400, "unsupported_grant_type", "Only authorization_code is supported.");
    const grant = grants.get(form.get("code") ?? "");
    if (!grant || grant.provider !== provider) return fail(400, "invalid_grant", "The authorization code is invalid.");
    if (grant.used) return fail(400, "invalid_grant", "The authorization code was already used.");
    if (grant.expiresAt < Date.now()) return fail(400, "invalid_grant", "The authorization code has expired.");
    if (grant.redirectUri !== form.get("redirect_uri")) return fail(400, "invalid_grant", "redirect_uri does not match the authorization request.");
    const verifier = form.get("code_verifier") ?? "";
    const expected = base64url(createHash("sha256").update(verifier).digest());
    if (!verifier || expected !== grant.challenge) return fail(400, "invalid_grant", "PKCE verification failed: code_verifier does not match code_challenge.");
    grant.used = true;
    const accessToken = (provider === "github" ? "gho_" : "ya29.") + base64url(randomBytes(24));
    tokens.set(accessToken, { provider, identity: grant.identity });
    tokenRequests.push({ provider, ok: true });
    sendJson(
      res,
      200,
      provider === "github"
        ? { access_token: accessToken, token_type: "bearer", scope: "read:user,user:email" }
        : { access_token: accessToken, token_type: "Bearer", expires_in: 3599, scope: "openid email profile", id_token: "fake.id.token" },
    );
  }

  function bearer(req: http.IncomingMessage, res: http.ServerResponse, provider: Provider) {
    const token = req.headers.authorization?.replace(/^Bearer /i, "") ?? "";
    const entry = tokens.get(token);
    if (!entry || entry.provider !== provider) {
      sendJson(res, 401, provider === "github" ? { message: "Bad credentials", documentation_url: "https://docs.github.com/rest" } : { error: "invalid_token" });
      return null;
    }
    return entry.identity;
  }

  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", "http://localhost");
      for (const provider of ["github", "google"] as const) {
        if (url.pathname === PATHS[provider].authorize) {
          return req.method === "POST" ? await authorizeDecision(provider, req, res) : authorizePage(provider, url.searchParams, res);
        }
        if (url.pathname === PATHS[provider].token && req.method === "POST") return await token(provider, req, res);
      }
      if (url.pathname === "/user") {
        const who = bearer(req, res, "github");
        if (who) sendJson(res, 200, { id: Number(who.id), login: who.login, name: who.name, email: null, avatar_url: null, type: "User" });
        return;
      }
      if (url.pathname === "/user/emails") {
        const who = bearer(req, res, "github");
        if (who) sendJson(res, 200, [{ email: who.email, primary: true, verified: true, visibility: "private" }]);
        return;
      }
      if (url.pathname === "/v1/userinfo") {
        const who = bearer(req, res, "google");
        if (who) sendJson(res, 200, { sub: who.id, email: who.email, email_verified: true, name: who.name });
        return;
      }
      sendJson(res, 404, { message: "Not Found" });
    } catch (error) {
      sendJson(res, 500, { error: "server_error", error_description: String(error) });
    }
  });
  const listening = await listen(server, port);
  return {
    ...listening,
    tokenRequests,
    env: {
      GITHUB_CLIENT_ID: FAKE_CLIENTS.github.clientId,
      GITHUB_CLIENT_SECRET: FAKE_CLIENTS.github.clientSecret,
      GITHUB_AUTHORIZE_URL: `${listening.url}${PATHS.github.authorize}`,
      GITHUB_TOKEN_URL: `${listening.url}${PATHS.github.token}`,
      GITHUB_API_URL: listening.url,
      GOOGLE_CLIENT_ID: FAKE_CLIENTS.google.clientId,
      GOOGLE_CLIENT_SECRET: FAKE_CLIENTS.google.clientSecret,
      GOOGLE_AUTHORIZE_URL: `${listening.url}${PATHS.google.authorize}`,
      GOOGLE_TOKEN_URL: `${listening.url}${PATHS.google.token}`,
      GOOGLE_USERINFO_URL: `${listening.url}/v1/userinfo`,
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const fake = await startFakeOAuthProvider(Number(process.argv[2] ?? 4010));
  console.log(`Fake OAuth provider on ${fake.url}\n${Object.entries(fake.env).map(([k, v]) => `${k}=${v}`).join("\n")}`);
}
