import type { AddressInfo } from "node:net";
import express from "express";
import { describe, expect, it } from "vitest";
import { parseEnv } from "./env.server.ts";
import { IMAGE_ORIGIN_HEADER } from "./image-origin.ts";
import { cspNonceOf, markNonce, securityHeaders, withNonce } from "./security-headers.server.ts";

/** A tiny app behind the middleware: "/" answers the nonce; "/own" sends its own Referrer-Policy as Remix's adapter does (appended). */
async function serve(env: Record<string, string>) {
  const app = express();
  app.use(securityHeaders(parseEnv({ DATABASE_URL: "postgresql://x@localhost/x", SESSION_SECRET: "s".repeat(32), ...env })));
  app.get("/", (req, res) => res.end(cspNonceOf(req)));
  // A page that asks for one extra image origin, as the customer portal does for its logo (image-origin.ts).
  app.get("/logo", (req, res) => {
    res.append(IMAGE_ORIGIN_HEADER, String(req.query.origin));
    res.end("logo");
  });
  app.get("/own", (_req, res) => {
    res.append("Referrer-Policy", "same-origin");
    res.end("own");
  });
  // A served media file's own policy (the media route, decision 034), appended the same way.
  app.get("/media", (_req, res) => {
    res.append("Content-Security-Policy", "default-src 'none'; sandbox");
    res.append("X-Content-Type-Options", "nosniff");
    res.end("media");
  });
  const server = await new Promise<ReturnType<typeof app.listen>>((resolve) => {
    const s = app.listen(0, () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, close: () => new Promise((r) => server.close(r)) };
}

describe("securityHeaders", () => {
  it("sends HSTS only when APP_URL is https, and upgrades insecure requests only then", async () => {
    const plain = await serve({ APP_URL: "http://localhost:3000" });
    const secure = await serve({ APP_URL: "https://academy.example" });
    try {
      const a = await fetch(plain.base);
      expect(a.headers.get("Strict-Transport-Security")).toBeNull();
      expect(a.headers.get("Content-Security-Policy")).not.toContain("upgrade-insecure-requests");
      const b = await fetch(secure.base);
      expect(b.headers.get("Strict-Transport-Security")).toBe("max-age=31536000; includeSubDomains");
      expect(b.headers.get("Content-Security-Policy")).toContain("upgrade-insecure-requests");
    } finally {
      await plain.close();
      await secure.close();
    }
  });

  it("makes a new nonce for every response, the one in the CSP header", async () => {
    const app = await serve({});
    try {
      const seen = new Set<string>();
      for (let i = 0; i < 3; i++) {
        const response = await fetch(app.base);
        const nonce = await response.text();
        expect(response.headers.get("Content-Security-Policy")).toContain(`'nonce-${nonce}'`);
        seen.add(nonce);
      }
      expect(seen.size).toBe(3);
    } finally {
      await app.close();
    }
  });

  it("lets a route's own Referrer-Policy replace the default: one header, never two", async () => {
    const app = await serve({});
    try {
      expect((await fetch(app.base)).headers.get("Referrer-Policy")).toBe("strict-origin-when-cross-origin");
      expect((await fetch(`${app.base}/own`)).headers.get("Referrer-Policy")).toBe("same-origin");
    } finally {
      await app.close();
    }
  });

  it("lets a route's own Content-Security-Policy (the media route's sandbox) replace the pages' one: one header each, never two", async () => {
    const app = await serve({});
    try {
      const media = await fetch(`${app.base}/media`);
      expect(media.headers.get("Content-Security-Policy")).toBe("default-src 'none'; sandbox");
      expect(media.headers.get("X-Content-Type-Options")).toBe("nosniff");
      expect((await fetch(app.base)).headers.get("Content-Security-Policy")).toMatch(/^default-src 'self';.*script-src 'self' 'nonce-/);
    } finally {
      await app.close();
    }
  });

  it("adds a page's one https image origin to img-src for that response only, and never sends the request header on", async () => {
    const app = await serve({});
    try {
      const imgSrc = (csp: string | null) => csp?.split(";").find((d) => d.trim().startsWith("img-src"));
      const logo = await fetch(`${app.base}/logo?origin=${encodeURIComponent("https://cdn.acme.example")}`);
      expect(imgSrc(logo.headers.get("Content-Security-Policy"))).toBe("img-src 'self' data: https://cdn.acme.example");
      expect(logo.headers.get(IMAGE_ORIGIN_HEADER)).toBeNull();
      // Anything but an https origin widens nothing: http, a scheme-wide source, an injected directive.
      for (const origin of ["http://cdn.acme.example", "https:", "* ; script-src *", "https://a.example; script-src *"]) {
        const refused = await fetch(`${app.base}/logo?origin=${encodeURIComponent(origin)}`);
        const csp = refused.headers.get("Content-Security-Policy")!;
        expect(imgSrc(csp), origin).toBe("img-src 'self' data:");
        expect(csp).not.toContain("script-src *");
        expect(refused.headers.get(IMAGE_ORIGIN_HEADER)).toBeNull();
      }
      expect(imgSrc((await fetch(app.base)).headers.get("Content-Security-Policy"))).toBe("img-src 'self' data:");
    } finally {
      await app.close();
    }
  });

  it("allows the OAuth providers' authorize pages as form targets (the sign-in post redirects there)", async () => {
    const app = await serve({ GITHUB_AUTHORIZE_URL: "http://127.0.0.1:4999/login/oauth/authorize" });
    try {
      const csp = (await fetch(app.base)).headers.get("Content-Security-Policy")!;
      expect(csp).toContain("form-action 'self' http://127.0.0.1:4999 https://accounts.google.com https://sentry.io");
    } finally {
      await app.close();
    }
  });
});

describe("markNonce and withNonce", () => {
  it("swap the nonce attributes only, and leave a page without them as it is", () => {
    const page = Buffer.from('<script nonce="a1">x</script><p>nonce="a1"</p><script nonce="a1" type="module"></script>');
    const mark = markNonce(page, "a1");
    expect(mark?.at).toHaveLength(2);
    expect(withNonce(page, mark, "b2").toString()).toBe('<script nonce="b2">x</script><p>nonce="a1"</p><script nonce="b2" type="module"></script>');
    // A nonce of another length (not ours, but correct all the same).
    expect(withNonce(page, mark, "longer3").toString()).toBe('<script nonce="longer3">x</script><p>nonce="a1"</p><script nonce="longer3" type="module"></script>');
    expect(page.toString()).toContain('nonce="a1">x');
    const plain = Buffer.from("<p>no scripts</p>");
    expect(withNonce(plain, markNonce(plain, "a1"), "b2")).toBe(plain);
    expect(withNonce(page, undefined, "b2")).toBe(page);
    expect(withNonce(page, mark, undefined)).toBe(page);
  });
});
