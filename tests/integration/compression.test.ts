/**
 * Compressed answers of the real server (server.ts, decision 028): pages, API
 * JSON, `.data` requests and the pre-compressed /build assets go out with the
 * encoding the client asked for and `Vary: Accept-Encoding`; a client that asks
 * for none gets the bytes as they are; HEAD and conditional requests still work;
 * fonts (already compressed) and cross-site requests carrying a cookie (BREACH)
 * are not compressed. Raw HTTP here: fetch would decompress behind our back.
 */
import http from "node:http";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSessionCookie, createUser } from "../support/factories.ts";
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

type Raw = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

function get(path: string, headers: Record<string, string> = {}, method = "GET"): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${app.url}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

/** The body as the client reads it, after undoing the Content-Encoding. */
function decoded(r: Raw) {
  const encoding = r.headers["content-encoding"];
  if (encoding === "br") return zlib.brotliDecompressSync(r.body).toString();
  if (encoding === "gzip") return zlib.gunzipSync(r.body).toString();
  return r.body.toString();
}

const varies = (r: Raw) => String(r.headers.vary ?? "").split(/,\s*/).map((v) => v.toLowerCase());
const BROWSER = { "Accept-Encoding": "gzip, deflate, br, zstd" };

describe("compression", () => {
  it("sends pages in brotli to a browser, gzip to a gzip-only client and as they are to a client that asks for neither", async () => {
    const br = await get("/login", BROWSER);
    const gzip = await get("/login", { "Accept-Encoding": "gzip" });
    const identity = await get("/login");
    expect([br.status, gzip.status, identity.status]).toEqual([200, 200, 200]);
    expect(br.headers["content-encoding"]).toBe("br");
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(identity.headers["content-encoding"]).toBeUndefined();
    for (const r of [br, gzip, identity]) {
      expect(varies(r)).toContain("accept-encoding");
      expect(decoded(r)).toContain("<h1");
      expect(decoded(r)).toContain("Log in");
    }
    expect(br.body.length).toBeLessThan(identity.body.length / 3);
  });

  it("compresses a page from the page cache, a signed-in page and a 404 the same way", async () => {
    const miss = await get("/courses", BROWSER);
    const hit = await get("/courses", BROWSER);
    expect(hit.headers["x-page-cache"]).toBe("hit");
    // A hit goes out as gzip joined from pieces kept with the page (kept-gzip.server.ts), with this response's nonce.
    expect(hit.headers["content-encoding"]).toBe("gzip");
    expect(varies(hit)).toContain("accept-encoding");
    const nonce = (r: Raw) => /'nonce-([^']+)'/.exec(String(r.headers["content-security-policy"]))?.[1];
    expect(nonce(hit)).not.toBe(nonce(miss));
    expect(decoded(hit)).toBe(decoded(miss).replaceAll(nonce(miss)!, nonce(hit)!));
    const identityHit = await get("/courses");
    expect(identityHit.headers["x-page-cache"]).toBe("hit");
    expect(identityHit.headers["content-encoding"]).toBeUndefined();
    expect(identityHit.body.toString()).toBe(decoded(miss).replaceAll(nonce(miss)!, nonce(identityHit)!));

    const user = await createUser({ role: "STUDENT", name: "Compressed Reader" });
    const { name, value } = await createSessionCookie(user.id);
    const dashboard = await get("/dashboard", { ...BROWSER, Cookie: `${name}=${value}`, "Sec-Fetch-Site": "same-origin" });
    expect(dashboard.status).toBe(200);
    expect(dashboard.headers["content-encoding"]).toBe("br");
    expect(decoded(dashboard)).toContain("Compressed Reader");

    const missing = await get("/no-such-page", BROWSER);
    expect(missing.status).toBe(404);
    expect(missing.headers["content-encoding"]).toBe("br");
  });

  it("does not compress an answer to a cross-site request that carries a cookie (BREACH)", async () => {
    const user = await createUser({ role: "STUDENT" });
    const { name, value } = await createSessionCookie(user.id);
    const crossSite = await get("/dashboard", { ...BROWSER, Cookie: `${name}=${value}`, "Sec-Fetch-Site": "cross-site" });
    expect(crossSite.status).toBe(200);
    expect(crossSite.headers["content-encoding"]).toBeUndefined();
    expect(decoded(crossSite)).toContain("</html>");
    // A guest following a link from another site has no secret to leak: compressed.
    const guest = await get("/courses", { ...BROWSER, "Sec-Fetch-Site": "cross-site" });
    expect(guest.headers["content-encoding"]).toMatch(/^(br|gzip)$/);
  });

  it("compresses API JSON and keeps its Vary on Cookie", async () => {
    const r = await get("/api/courses", BROWSER);
    expect(r.status).toBe(200);
    expect(r.headers["content-type"]).toMatch(/^application\/json/);
    expect(r.headers["content-encoding"]).toBe("br");
    expect(varies(r)).toEqual(expect.arrayContaining(["accept-encoding", "cookie"]));
    expect(typeof JSON.parse(decoded(r))).toBe("object");
  });

  it("answers HEAD with the headers and no body", async () => {
    const r = await get("/login", BROWSER, "HEAD");
    expect(r.status).toBe(200);
    expect(r.body.length).toBe(0);
    expect(r.headers["content-type"]).toMatch(/^text\/html/);
  });

  it("serves the CSS and scripts pre-compressed, immutable, with Vary, and 304 on a matching ETag", async () => {
    const html = decoded(await get("/login", BROWSER));
    const css = /<link rel="stylesheet" href="(\/build\/_assets\/tailwind-[^"]+\.css)"/.exec(html)?.[1];
    const js = /<link rel="modulepreload" href="(\/build\/[^"]+\.js)"/.exec(html)?.[1];
    expect(css).toBeDefined();
    expect(js).toBeDefined();
    for (const [asset, type] of [
      [css!, "text/css; charset=UTF-8"],
      [js!, "application/javascript; charset=UTF-8"],
    ] as const) {
      const plain = await get(asset);
      const br = await get(asset, BROWSER);
      const gzip = await get(asset, { "Accept-Encoding": "gzip" });
      expect([plain.status, br.status, gzip.status]).toEqual([200, 200, 200]);
      expect(plain.headers["content-encoding"], asset).toBeUndefined();
      expect(br.headers["content-encoding"], asset).toBe("br");
      expect(gzip.headers["content-encoding"], asset).toBe("gzip");
      for (const r of [plain, br, gzip]) {
        expect(r.headers["content-type"], asset).toBe(type);
        expect(r.headers["cache-control"], asset).toBe("public, max-age=31536000, immutable");
        expect(varies(r), asset).toContain("accept-encoding");
        expect(decoded(r), asset).toBe(plain.body.toString());
      }
      // Each encoding has its own validator; the browser's revalidation of its copy gets a 304.
      expect(br.headers.etag).not.toBe(plain.headers.etag);
      const again = await get(asset, { ...BROWSER, "If-None-Match": br.headers.etag! });
      expect(again.status).toBe(304);
      const head = await get(asset, BROWSER, "HEAD");
      expect(head.headers["content-encoding"]).toBe("br");
      expect(head.body.length).toBe(0);
    }
  });

  it("sends the brand font as it is (woff2 is compressed already), immutable", async () => {
    const html = decoded(await get("/login", BROWSER));
    const font = /<link rel="preload" href="(\/build\/[^"]+\.woff2)" as="font"/.exec(html)?.[1];
    expect(font).toBeDefined();
    const r = await get(font!, BROWSER);
    expect(r.status).toBe(200);
    expect(r.headers["content-type"]).toBe("font/woff2");
    expect(r.headers["content-encoding"]).toBeUndefined();
    expect(r.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
  });
});
