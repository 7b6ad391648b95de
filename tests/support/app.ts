/**
 * The built app (build/index.js, made by `npm run build`) driven in-process
 * through Remix's request handler: real HTTP semantics (status, headers,
 * cookies, HTML) without opening a port. Cookies are kept per "browser".
 */
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
let handler: ReturnType<typeof createRequestHandler> | undefined;

async function getHandler() {
  if (!handler) {
    const build = (await import(pathToFileURL(path.join(root, "build/index.js")).href)) as ServerBuild;
    // The same guard server.ts puts in front of Remix (app/utils/request-guard.server.ts).
    const { guardRequests } = build.entry.module as unknown as { guardRequests: <H>(handle: H) => H };
    handler = guardRequests(createRequestHandler(build, "production"));
  }
  return handler;
}

/** A cookie jar and an IP address: one simulated browser without JavaScript. */
export class Browser {
  cookies = new Map<string, string>();
  constructor(public ip = "203.0.113.10") {}

  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private store(response: Response) {
    for (const header of response.headers.getSetCookie()) {
      const [pair, ...attrs] = header.split(";");
      const [name, ...rest] = pair.split("=");
      const value = rest.join("=");
      const expired = attrs.some((a) => /max-age=0\b/i.test(a.trim()) || /expires=Thu, 01 Jan 1970/i.test(a.trim()));
      if (expired || value === "") this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value);
    }
  }

  async request(pathname: string, init: RequestInit = {}) {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("Cookie", this.cookieHeader());
    headers.set("User-Agent", headers.get("User-Agent") ?? "vitest-browser");
    const response = await (await getHandler())(new Request(new URL(pathname, "http://localhost:3000"), { ...init, headers, redirect: "manual" }), {
      clientIp: this.ip,
    });
    this.store(response);
    return response;
  }

  get(pathname: string) {
    return this.request(pathname);
  }

  /** Submits a form the way a browser without JavaScript does. */
  post(pathname: string, fields: Record<string, string>) {
    return this.request(pathname, {
      method: "POST",
      body: new URLSearchParams(fields),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
  }

  /** Follows redirects (GET) until a non-redirect answer. */
  async follow(response: Response, max = 5): Promise<Response> {
    let current = response;
    for (let i = 0; i < max && current.status >= 300 && current.status < 400; i++) {
      const location = current.headers.get("Location")!;
      if (!location.startsWith("/") && !location.startsWith("http://localhost:3000")) return current;
      current = await this.get(location.replace("http://localhost:3000", ""));
    }
    return current;
  }
}

/** The text of an HTML page, without tags, for asserting what a reader sees. */
export function visibleText(html: string) {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, " ")
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
}

/**
 * The values of the page's `<input>` fields in page order, decoded from the
 * entities React writes in attributes: what a person sees in the fields.
 */
export function inputValues(html: string) {
  return [...html.matchAll(/<input\b[^>]*?\svalue="([^"]*)"/g)].map((m) =>
    m[1].replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&"),
  );
}
