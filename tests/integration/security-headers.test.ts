/**
 * The headers every response of the real server (server.ts) carries: a strict
 * Content-Security-Policy whose nonce is new for every response and matches
 * every inline script of the page, also for pages answered from the page cache
 * and the render cache; one Referrer-Policy; Permissions-Policy; no HSTS over http.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPoc, regenerateShareLink } from "~/modules/poc/poc.server.ts";
import { createUser } from "../support/factories.ts";
import { startApp, type AppProcess } from "../support/processes.ts";

let app: AppProcess;

beforeAll(async () => {
  app = await startApp({
    DATABASE_URL: process.env.DATABASE_URL!,
    SESSION_SECRET: process.env.SESSION_SECRET!,
    DEMO_MODE: "false",
    PAGE_CACHE_SECONDS: "30",
  });
}, 120_000);

afterAll(async () => {
  await app?.stop();
});

/** The nonce of the response's CSP header, and the nonces of the page's <script> elements. */
async function nonces(path: string) {
  const response = await fetch(`${app.url}${path}`, { redirect: "manual" });
  const csp = response.headers.get("Content-Security-Policy") ?? "";
  const header = /'nonce-([^']+)'/.exec(csp)?.[1];
  const html = await response.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => /\snonce="([^"]*)"/.exec(m[0])?.[1] ?? "(none)");
  return { response, csp, header, scripts };
}

describe("security headers", () => {
  it("sends a strict CSP whose nonce is on every inline script of the page", async () => {
    const { response, csp, header, scripts } = await nonces("/login");
    expect(response.status).toBe(200);
    const directives = Object.fromEntries(csp.split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
    expect(directives["script-src"]).toEqual(["'self'", `'nonce-${header}'`]);
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).not.toContain("unsafe-eval");
    expect(directives["object-src"]).toEqual(["'none'"]);
    expect(directives["frame-ancestors"]).toEqual(["'none'"]);
    expect(directives["base-uri"]).toEqual(["'self'"]);
    expect(directives["form-action"]?.[0]).toBe("'self'");
    expect(directives["img-src"]).toEqual(["'self'", "data:"]);
    expect(header).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(scripts.length).toBeGreaterThan(2);
    expect(new Set(scripts)).toEqual(new Set([header]));
  });

  it("sends the other headers once each, and no HSTS over http", async () => {
    for (const path of ["/", "/login", "/healthz", "/favicon.svg", "/api/courses", "/no-such-page"]) {
      const response = await fetch(`${app.url}${path}`);
      expect(response.headers.get("Referrer-Policy"), path).toBe("strict-origin-when-cross-origin");
      expect(response.headers.get("X-Content-Type-Options"), path).toBe("nosniff");
      expect(response.headers.get("X-Frame-Options"), path).toBe("DENY");
      expect(response.headers.get("Cross-Origin-Opener-Policy"), path).toBe("same-origin");
      expect(response.headers.get("Permissions-Policy"), path).toContain("camera=()");
      expect(response.headers.get("Permissions-Policy"), path).toContain("microphone=()");
      expect(response.headers.get("Permissions-Policy"), path).toContain("geolocation=()");
      expect(response.headers.get("Content-Security-Policy"), path).toContain("frame-ancestors 'none'");
      expect(response.headers.get("Strict-Transport-Security"), path).toBeNull();
      await response.arrayBuffer();
    }
  });

  it("gives a page from the page cache a fresh nonce that matches its scripts", async () => {
    const first = await nonces("/courses");
    const second = await nonces("/courses");
    expect(second.response.headers.get("X-Page-Cache")).toBe("hit");
    expect(second.header).not.toBe(first.header);
    expect(new Set(first.scripts)).toEqual(new Set([first.header]));
    expect(new Set(second.scripts)).toEqual(new Set([second.header]));
  });

  it("gives a page from the render cache a fresh nonce, and the customer portal one Referrer-Policy", async () => {
    const se = await createUser({ role: "SE", name: "Nonce Checker" });
    const staff = { kind: "staff" as const, userId: se.id, name: se.name };
    const poc = await createPoc(
      { customerName: "Nonce Corp", accountDomain: "nonce.example", ownerId: se.id, startDate: new Date(), endDate: new Date(Date.now() + 864e6), goals: "Check nonces." },
      staff,
    );
    const token = await regenerateShareLink(poc.id, null, staff);
    const seen = [];
    for (let i = 0; i < 3; i++) seen.push(await nonces(`/customer/${token}/plan`));
    expect(seen.map((s) => s.response.status)).toEqual([200, 200, 200]);
    expect(seen.some((s) => s.response.headers.get("X-Render-Cache") === "hit")).toBe(true);
    expect(new Set(seen.map((s) => s.header)).size).toBe(3);
    for (const s of seen) {
      expect(new Set(s.scripts)).toEqual(new Set([s.header]));
      expect(s.response.headers.get("Referrer-Policy")).toBe("same-origin");
    }
  });
});
