/**
 * Every place the app leans on Remix's internals (docs/remix-internals.md), each
 * checked by what it buys, so that an upgrade that silently breaks one fails
 * here instead of only making the app slower or wrong:
 * - the four patches in patches/ are applied to node_modules;
 * - one session query per signed-in page, one POC summary per workspace page
 *   (per-request memos on the load context, load-context.server.ts);
 * - entry.server.tsx's inlined single-fetch handoff (serverHandoffStream,
 *   renderMeta.streamCache): the page carries its loader data;
 * - the data() tag the render cache reads, and the Express adapter's
 *   dist/server.js that server.ts imports;
 * - with the real server.ts: a page sent in one write with a Content-Length
 *   (DocumentResponse), a render-cache hit byte-equal to Remix's render, and the
 *   page cache finding its routes through the router's matchRoutes.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { data } from "@remix-run/node";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPoc, regenerateShareLink, type Actor } from "~/modules/poc/poc.server.ts";
import { Browser } from "../support/app.ts";
import { createSessionCookie, createUser } from "../support/factories.ts";
import { projectRoot, startApp, type AppProcess } from "../support/processes.ts";

/** Counts the queries (through any pg client: the SQL pool, Prisma's adapter) whose text matches. */
function countQueries(pattern: RegExp) {
  const query = pg.Client.prototype.query;
  let count = 0;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const config = args[0] as string | { text?: string } | undefined;
    const text = typeof config === "string" ? config : config?.text;
    if (text && pattern.test(text)) count++;
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof query;
  return {
    get count() {
      return count;
    },
    restore: () => (pg.Client.prototype.query = query),
  };
}

let staff: Extract<Actor, { kind: "staff" }>;
let se: Browser;
let pocId: string;
let shareToken: string;

beforeAll(async () => {
  const user = await createUser({ role: "SE", name: "Sam Seller" });
  staff = { kind: "staff", userId: user.id, name: user.name };
  const { name, value } = await createSessionCookie(user.id);
  se = new Browser();
  se.cookies.set(name, value);
  pocId = (await createPoc({ customerName: "Northwind", accountDomain: "northwind.example", ownerId: user.id, startDate: null, endDate: null, goals: "" }, staff)).id;
  shareToken = await regenerateShareLink(pocId, null, staff);
});

describe("patches", () => {
  // Each patch's added lines, found in the file it patches (patch-package --error-on-fail stops `npm install` otherwise).
  const patches = readdirSync(path.join(projectRoot, "patches")).filter((name) => name.endsWith(".patch"));

  it("are the four documented in docs/remix-internals.md", () => {
    expect(patches.sort()).toEqual(["@remix-run+react+2.17.5.patch", "@remix-run+router+1.23.3.patch", "@remix-run+server-runtime+2.17.5.patch", "react-router-dom+6.30.4.patch"]);
    const doc = readFileSync(path.join(projectRoot, "docs/remix-internals.md"), "utf8");
    for (const name of patches) expect(doc).toContain(name);
    expect(JSON.parse(readFileSync(path.join(projectRoot, "package.json"), "utf8")).scripts.postinstall).toMatch(/^patch-package --error-on-fail /);
  });

  it.each(patches)("%s is applied in node_modules", (name) => {
    const text = readFileSync(path.join(projectRoot, "patches", name), "utf8");
    const files = text.split(/^diff --git /m).slice(1);
    expect(files.length).toBeGreaterThan(0);
    for (const diff of files) {
      const file = /^a\/(\S+)/.exec(diff)![1];
      const added = diff
        .split("\n")
        .filter((line) => line.startsWith("+") && !line.startsWith("+++"))
        .map((line) => line.slice(1).trim())
        .filter((line) => line.length > 12);
      expect(added.length, file).toBeGreaterThan(0);
      const patched = readFileSync(path.join(projectRoot, file), "utf8");
      for (const line of added) expect(patched.includes(line), `${file} lacks: ${line}`).toBe(true);
    }
  });
});

describe("per-request memos on the load context", () => {
  it("looks the session up once per signed-in page (the root's loader and the route's both ask)", async () => {
    for (const page of ["/courses", "/paths", `/staff/pocs/${pocId}`]) {
      const sessions = countQueries(/FROM "Session" s JOIN "User" u/);
      try {
        const response = await se.get(page);
        expect(response.status, page).toBe(200);
        await response.text();
        expect(sessions.count, page).toBe(1);
      } finally {
        sessions.restore();
      }
    }
  });

  it("reads the POC's summary once for the workspace layout and its overview tab", async () => {
    const summaries = countQueries(/AS "milestonesDone"/);
    try {
      const response = await se.get(`/staff/pocs/${pocId}`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain("Northwind");
      expect(summaries.count).toBe(1);
    } finally {
      summaries.restore();
    }
  });
});

describe("touchpoints outside patches/", () => {
  it("entry.server.tsx inlines the single-fetch handoff: the rendered page carries its loader data", async () => {
    const html = await (await se.get(`/staff/pocs/${pocId}`)).text();
    // <StreamTransfer> found entry.server's cache (renderMeta.streamCache) filled: the data is in the page, not a suspended fallback.
    expect(html).toMatch(/window\.__remixContext\.streamController\.enqueue\(/);
    expect(html).toMatch(/streamController\.enqueue\([^<]*northwind\.example/);
    expect(html).toMatch(/streamController\.close\(\)/);
  });

  it("data() still tags its result as the render cache expects (DataWithResponseInit)", () => {
    expect(data({ a: 1 }, { status: 201 })).toMatchObject({ type: "DataWithResponseInit", data: { a: 1 }, init: { status: 201 } });
  });

  it("@remix-run/express/dist/server.js still has the conversions server.ts imports", async () => {
    const adapter = await import("@remix-run/express/dist/server.js");
    expect(typeof adapter.createRemixRequest).toBe("function");
    expect(typeof adapter.sendRemixResponse).toBe("function");
  });
});

describe("with the real server.ts", () => {
  let app: AppProcess;

  beforeAll(async () => {
    app = await startApp({ DATABASE_URL: process.env.DATABASE_URL!, DEMO_MODE: "false", PAGE_CACHE_SECONDS: "10" }, 90_000);
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
  });

  it("sends a rendered page in one write, with a Content-Length (DocumentResponse)", async () => {
    // Uncompressed: a compressed answer streams through the compressor (decision 028, compression.test.ts).
    const response = await fetch(`${app.url}/courses`, { headers: { "Accept-Encoding": "identity" } });
    expect(response.status).toBe(200);
    const body = Buffer.from(await response.arrayBuffer());
    expect(response.headers.get("Transfer-Encoding")).toBeNull();
    expect(Number(response.headers.get("Content-Length"))).toBe(body.length);
  });

  it("answers a kept render byte for byte as Remix rendered it (only the CSP nonce differs)", async () => {
    const url = `${app.url}/customer/${shareToken}`;
    const render = async () => {
      const response = await fetch(url);
      expect(response.status).toBe(200);
      const nonce = /'nonce-([^']+)'/.exec(response.headers.get("Content-Security-Policy") ?? "")?.[1];
      const html = await response.text();
      return { cache: response.headers.get("X-Render-Cache"), html: nonce ? html.replaceAll(nonce, "NONCE") : html };
    };
    const first = await render();
    expect(first.cache).toBeNull();
    const second = await render();
    expect(second.cache).toBe("hit");
    expect(second.html).toBe(first.html);
    expect(first.html).toContain("Northwind");
  });

  it("keeps guests' pages whose route opts in (handle.pageCacheSeconds), found by the router's matchRoutes", async () => {
    for (const page of ["/paths", "/PATHS", "/courses?q=flame"]) {
      expect((await fetch(`${app.url}${page}`)).headers.get("X-Page-Cache"), page).toBe("miss");
      expect((await fetch(`${app.url}${page}`)).headers.get("X-Page-Cache"), page).toBe("hit");
    }
    // A route without the handle, and a signed-in request, never go through it.
    expect((await fetch(`${app.url}/healthz`)).headers.get("X-Page-Cache")).toBeNull();
    expect((await fetch(`${app.url}/paths`, { headers: { Cookie: "__session=x" } })).headers.get("X-Page-Cache")).toBeNull();
  });
});
