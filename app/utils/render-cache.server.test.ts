import type { AddressInfo } from "node:net";
import { data, type EntryContext, type LoaderFunctionArgs, type ServerBuild } from "@remix-run/node";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderCacheMiddleware, renderMemo } from "./render-cache.server.ts";

function context(leafHandle: unknown, loaderData: Record<string, unknown>, extra: { actionData?: unknown } = {}) {
  return {
    staticHandlerContext: { matches: [{ route: { id: "root" } }, { route: { id: "leaf" } }], loaderData, actionData: extra.actionData ?? null, errors: null },
    routeModules: { root: {}, leaf: { handle: leafHandle } },
  } as unknown as EntryContext;
}

const get = (url = "http://app.test/page") => new Request(url);
const html = Buffer.from("<html>page</html>");

describe("renderMemo", () => {
  it("reuses the HTML of the same URL with the same data, until it expires", () => {
    const loaderData = { root: { user: { id: "u1", name: "Ines" } }, leaf: { n: 1 } };
    renderMemo(get(), 200, context({ renderCacheSeconds: 60 }, loaderData), 0)!.store(html);
    expect(renderMemo(get(), 200, context({ renderCacheSeconds: 60 }, structuredClone(loaderData)), 59_999)!.html).toEqual(html);
    expect(renderMemo(get(), 200, context({ renderCacheSeconds: 60 }, loaderData), 60_000)!.html).toBeNull();
  });

  it("renders again for other data (another viewer, newer figures) or another URL", () => {
    const loaderData = { root: { user: { id: "u1" } }, leaf: { n: 1 } };
    renderMemo(get(), 200, context({ renderCacheSeconds: 60 }, loaderData), 0)!.store(html);
    expect(renderMemo(get(), 200, context({ renderCacheSeconds: 60 }, { ...loaderData, root: { user: { id: "u2" } } }), 1)!.html).toBeNull();
    expect(renderMemo(get(), 200, context({ renderCacheSeconds: 60 }, { ...loaderData, leaf: { n: 2 } }), 1)!.html).toBeNull();
    expect(renderMemo(get("http://app.test/page?sort=name"), 200, context({ renderCacheSeconds: 60 }, loaderData), 1)!.html).toBeNull();
  });

  it("leaves routes that don't opt in, errors, and form submissions alone", () => {
    expect(renderMemo(get(), 200, context(undefined, {}))).toBeNull();
    expect(renderMemo(get(), 403, context({ renderCacheSeconds: 60 }, {}))).toBeNull();
    expect(renderMemo(new Request("http://app.test/page", { method: "POST" }), 200, context({ renderCacheSeconds: 60 }, {}))).toBeNull();
    expect(renderMemo(get(), 200, context({ renderCacheSeconds: 60 }, {}, { actionData: { leaf: { ok: true } } }))).toBeNull();
  });

  it("gives a kept render the current response's CSP nonce in place of the one it was rendered with", () => {
    const loaderData = { root: { user: null }, leaf: { n: 3 } };
    const page = Buffer.from('<html><script nonce="OLD+nonce/1==">a</script><p>nonce="OLD+nonce/1=="</p><script nonce="OLD+nonce/1==" type="module"></script></html>');
    renderMemo(get("http://app.test/nonce"), 200, context({ renderCacheSeconds: 60 }, loaderData), 0, "OLD+nonce/1==")!.store(page);
    const again = renderMemo(get("http://app.test/nonce"), 200, context({ renderCacheSeconds: 60 }, loaderData), 1, "NEW+nonce/2==")!.html!.toString();
    // Only the attributes change (text that merely looks like one stays as it was).
    expect(again).toBe('<html><script nonce="NEW+nonce/2==">a</script><p>nonce="OLD+nonce/1=="</p><script nonce="NEW+nonce/2==" type="module"></script></html>');
  });
});

describe("renderCacheMiddleware", () => {
  // A root that says who is signed in (and sets a cookie when there is a flash message), and one
  // opted-in page whose loader refuses "secret" things, as a guard would.
  const root = async ({ request }: LoaderFunctionArgs) => {
    const headers = new Headers();
    if (request.headers.get("x-flash")) headers.append("Set-Cookie", "__flash=; Max-Age=0");
    return data({ user: request.headers.get("x-user") }, { headers });
  };
  const page = async ({ params, context }: LoaderFunctionArgs) => {
    if (params.id === "secret") throw new Response("Forbidden", { status: 403 });
    return { thing: params.id, ip: (context as { clientIp: string }).clientIp };
  };
  const build = {
    routes: {
      root: { id: "root", path: "", module: { loader: root } },
      "routes/things.$id.page": { id: "routes/things.$id.page", parentId: "root", path: "things/:id/page", module: { loader: page, handle: { renderCacheSeconds: 60 } } },
      "routes/other": { id: "routes/other", parentId: "root", path: "other", module: { loader: page } },
      // A more specific route beside the opted-in one: Remix's ranking sends /things/new/page here.
      "routes/things.new.page": { id: "routes/things.new.page", parentId: "root", path: "things/new/page", module: { loader: page } },
      // A shared link: a layout with a loader, an index page and a child page below it.
      "routes/links.$id": { id: "routes/links.$id", parentId: "root", path: "links/:id", module: { loader: page } },
      "routes/links.$id._index": { id: "routes/links.$id._index", parentId: "routes/links.$id", index: true, module: { loader: async () => ({ view: "overview" }), handle: { renderCacheSeconds: 60 } } },
      "routes/links.$id.plan": { id: "routes/links.$id.plan", parentId: "routes/links.$id", path: "plan", module: { handle: { renderCacheSeconds: 60 }, loader: undefined } },
    },
  } as unknown as ServerBuild;
  let base = "";
  let server: ReturnType<ReturnType<typeof express>["listen"]>;

  beforeAll(async () => {
    const app = express();
    app.use(renderCacheMiddleware(build, () => ({ clientIp: "203.0.113.5" })));
    // What Remix would do here: render (and keep the render, as entry.server.tsx does).
    app.use((_req, res) => res.status(418).end("rendered by Remix"));
    server = await new Promise((resolve) => {
      const s = app.listen(0, () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // A kept render of /things/t1/page for user u1.
    const kept = {
      staticHandlerContext: {
        matches: [{ route: { id: "root" } }, { route: { id: "routes/things.$id.page" } }],
        loaderData: { root: { user: "u1" }, "routes/things.$id.page": { thing: "t1", ip: "203.0.113.5" } },
        actionData: null,
        errors: null,
      },
      routeModules: { root: {}, "routes/things.$id.page": { handle: { renderCacheSeconds: 60 } } },
    } as unknown as EntryContext;
    renderMemo(new Request("http://elsewhere.test/things/t1/page"), 200, kept)!.store(Buffer.from("<html>kept for u1</html>"));
    // Kept renders of a shared link's pages, with the headers Remix sent them with.
    const linkContext = (leaf: string, leafData: unknown) =>
      ({
        staticHandlerContext: {
          matches: [{ route: { id: "root" } }, { route: { id: "routes/links.$id" } }, { route: { id: leaf } }],
          loaderData: { root: { user: null }, "routes/links.$id": { thing: "l1", ip: "203.0.113.5" }, [leaf]: leafData },
          actionData: null,
          errors: null,
        },
        routeModules: { root: {}, "routes/links.$id": {}, [leaf]: { handle: { renderCacheSeconds: 60 } } },
      }) as unknown as EntryContext;
    const linkHeaders = new Headers({ "Cache-Control": "no-store", "Referrer-Policy": "same-origin" });
    renderMemo(new Request("http://app.test/links/l1"), 200, linkContext("routes/links.$id._index", { view: "overview" }))!.store(Buffer.from("<html>overview</html>"), linkHeaders);
    renderMemo(new Request("http://app.test/links/l1/plan"), 200, linkContext("routes/links.$id.plan", undefined))!.store(Buffer.from("<html>plan</html>"), linkHeaders);
    // A response setting a cookie is never kept.
    renderMemo(new Request("http://app.test/links/l2"), 200, linkContext("routes/links.$id._index", { view: "overview" }))!.store(Buffer.from("<html>l2</html>"), new Headers({ "Set-Cookie": "a=b" }));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const fetchAs = (path: string, headers: Record<string, string> = { "x-user": "u1" }) => fetch(`${base}${path}`, { headers });

  it("answers from a kept render when the loaders return the same data", async () => {
    const response = await fetchAs("/things/t1/page");
    expect(response.status).toBe(200);
    expect(response.headers.get("X-Render-Cache")).toBe("hit");
    expect(response.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
    expect(await response.text()).toBe("<html>kept for u1</html>");
  });

  it("answers nested pages (a layout above, an index or a loader-less child) with the headers they were rendered with", async () => {
    for (const [path, body] of [
      ["/links/l1", "<html>overview</html>"],
      ["/links/l1/plan", "<html>plan</html>"],
    ] as const) {
      const response = await fetchAs(path, {});
      expect(response.headers.get("X-Render-Cache"), path).toBe("hit");
      expect(response.headers.get("Cache-Control"), path).toBe("no-store");
      expect(response.headers.get("Referrer-Policy"), path).toBe("same-origin");
      expect(await response.text(), path).toBe(body);
    }
    expect((await fetchAs("/links/l2", {})).status).toBe(418);
    expect((await fetchAs("/links/secret/plan", {})).status).toBe(418);
  });

  it("leaves everything else to Remix: other data, a guard's refusal, a flash message, other routes", async () => {
    for (const [path, headers] of [
      ["/things/t1/page", { "x-user": "u2" }],
      ["/things/t1/page?page=2", { "x-user": "u1" }],
      ["/things/t2/page", { "x-user": "u1" }],
      ["/things/secret/page", { "x-user": "u1" }],
      ["/things/t1/page", { "x-user": "u1", "x-flash": "1" }],
      ["/other", { "x-user": "u1" }],
      ["/things/new/page", { "x-user": "u1" }],
    ] as const) {
      const response = await fetchAs(path, headers);
      expect(response.status, path).toBe(418);
    }
  });
});
