import type { AddressInfo } from "node:net";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pageCache } from "./page-cache.server.ts";

// The routes as Remix's build lists them: the public ones opt in through their handle.
const optIn = { handle: { pageCacheSeconds: 10 } };
const build = {
  routes: {
    root: { id: "root", path: "", module: {} },
    "routes/courses._index": { id: "routes/courses._index", parentId: "root", path: "courses", index: true, module: optIn },
    "routes/courses.$slug": { id: "routes/courses.$slug", parentId: "root", path: "courses/:slug", module: optIn },
    "routes/paths": { id: "routes/paths", parentId: "root", path: "paths", module: optIn },
    "routes/account": { id: "routes/account", parentId: "root", path: "account", module: {} },
  },
} as unknown as ServerBuild;

let base = "";
let renders = 0;
let close: () => void;

beforeAll(async () => {
  const app = express();
  app.use(pageCache(build, 10));
  app.get("/courses", (req, res) => {
    renders++;
    res.send(`catalogue render ${renders} for ${req.headers.cookie ?? "guest"}`);
  });
  app.get("/courses/flash", (_req, res) => {
    renders++;
    res.set("Set-Cookie", "__flash=x").send(`render ${renders}`);
  });
  app.get("/account", (_req, res) => res.send(`account ${++renders}`));
  // Like Remix's Node adapter: headers, then body chunks with write(), then end().
  app.get("/paths", (_req, res) => {
    res.status(200).set("Content-Type", "text/html");
    res.write("<p>paths ");
    res.write(String(++renders));
    res.end("</p>");
  });
  app.post("/courses", (_req, res) => res.send(`posted ${++renders}`));
  const server = app.listen(0);
  await new Promise((r) => server.once("listening", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
afterAll(() => close());

describe("pageCache", () => {
  it("serves the same page to guests from memory", async () => {
    const first = await fetch(`${base}/courses`);
    const second = await fetch(`${base}/courses`);
    expect(first.headers.get("X-Page-Cache")).toBe("miss");
    expect(second.headers.get("X-Page-Cache")).toBe("hit");
    expect(await second.text()).toBe(await first.text());
  });

  it("never caches for signed-in users, other methods, pages that set cookies or private paths", async () => {
    const a = await (await fetch(`${base}/courses`, { headers: { Cookie: "__session=alice" } })).text();
    const b = await (await fetch(`${base}/courses`, { headers: { Cookie: "__session=bob" } })).text();
    expect(a).toContain("for __session=alice");
    expect(b).toContain("for __session=bob");
    const p1 = await (await fetch(`${base}/courses`, { method: "POST" })).text();
    const p2 = await (await fetch(`${base}/courses`, { method: "POST" })).text();
    expect(p1).not.toBe(p2);
    const f1 = await (await fetch(`${base}/courses/flash`)).text();
    const f2 = await (await fetch(`${base}/courses/flash`)).text();
    expect(f1).not.toBe(f2);
    const x1 = await (await fetch(`${base}/account`)).text();
    const x2 = await (await fetch(`${base}/account`)).text();
    expect(x1).not.toBe(x2);
  });

  it("caches pages written in several chunks", async () => {
    const first = await fetch(`${base}/paths`);
    const body = await first.text();
    expect(body).toMatch(/^<p>paths \d+<\/p>$/);
    const second = await fetch(`${base}/paths`);
    expect(second.headers.get("X-Page-Cache")).toBe("hit");
    expect(await second.text()).toBe(body);
  });

  it("keys on the whole URL", async () => {
    const q1 = await (await fetch(`${base}/courses?q=replay`)).text();
    const q2 = await fetch(`${base}/courses?q=tracing`);
    expect(q2.headers.get("X-Page-Cache")).toBe("miss");
    expect(await q2.text()).not.toBe(q1);
  });

  it("keeps a route's page no longer than PAGE_CACHE_SECONDS, and nothing with 0", async () => {
    const app = express();
    let n = 0;
    app.use(pageCache(build, 0));
    app.get("/paths", (_req, res) => res.send(`paths ${++n}`));
    const server = app.listen(0);
    await new Promise((r) => server.once("listening", r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/paths`;
      expect(await (await fetch(url)).text()).toBe("paths 1");
      const again = await fetch(url);
      expect(again.headers.get("X-Page-Cache")).toBeNull();
      expect(await again.text()).toBe("paths 2");
    } finally {
      server.close();
    }
  });

  it("caches a page's single-fetch data (.data) like the page, matched the way Remix matches (any case)", async () => {
    const first = await fetch(`${base}/Paths`);
    expect(first.headers.get("X-Page-Cache")).toBe("miss");
    expect((await fetch(`${base}/Paths`)).headers.get("X-Page-Cache")).toBe("hit");
    expect((await fetch(`${base}/paths.data`)).headers.get("X-Page-Cache")).toBe("miss");
  });
});
