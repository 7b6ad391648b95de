/**
 * Fuzzing every form and JSON route (docs/decisions/018-request-guard.md): zero 5xx.
 *
 * Targets are discovered, so a new route is fuzzed without editing this file: every route of the
 * build's route manifest (its path with the seeded ids filled in), every `<form method="post">`
 * its page renders for the role that uses it (one target per submit button's intent), and every
 * JSON write of /api/openapi.json with its body's fields. Each target gets the security review's
 * mutations (§3): per field empty, NUL, huge and long strings, Unicode oddities, SQL and LIKE
 * metacharacters, traversal, HTML, numbers at and past int4/int8, NaN, dates, prototype keys,
 * CR/LF…; per body none, text/plain, invalid JSON, a JSON array, JSON to a form route, XML, a
 * broken multipart boundary, a bogus charset, bad %-encoding, prototype keys, duplicated fields,
 * a file in every field; JSON type swaps and deep nesting. The PRNG is seeded, so a run is the same
 * every time; each failing request is printed whole (method, path, headers, body) to replay it.
 */
import { beforeAll, describe, expect, it } from "vitest";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { createApiToken } from "~/modules/accounts/api-tokens.server.ts";
import { mediaUrl } from "~/modules/media/signing.server.ts";
import { getMediaStore } from "~/modules/media/storage.server.ts";
import { createPoc, regenerateShareLink } from "~/modules/poc/poc.server.ts";
import { prisma } from "~/utils/db.server.ts";
import type { RoleName } from "~/utils/permissions.ts";
import { Browser } from "../support/app.ts";
import { createCourse } from "../support/courses.ts";
import { changeEnv } from "../support/env.ts";
import { createSessionCookie, createUser } from "../support/factories.ts";
import { createMediaAsset } from "../support/media.ts";
import { projectRoot } from "../support/processes.ts";
import { prng } from "../../fakes/prng.ts";

const SEED = Number(process.env.FUZZ_SEED ?? 20261204);
/** Requests per run (the time budget below stops it earlier on a slow machine). */
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 3000);
/** The time the requests may take (the suite must stay fast; a loaded machine sends fewer). */
const BUDGET_MS = Number(process.env.FUZZ_BUDGET_MS ?? 30_000);
const PARALLEL = 4;

const deep = (n: number): unknown => (n === 0 ? 1 : { a: deep(n - 1) });

const STRINGS = [
  "",
  "   ",
  "\u0000",
  "a\u0000b",
  "x".repeat(1_100_000),
  "y".repeat(70_000),
  "😀🎉".repeat(50),
  "\u202eevil\u200b\u200d",
  `e${"\u0301".repeat(3000)}`,
  "' OR 1=1 --",
  "%_%",
  "\\\\x\\",
  "../../../etc/passwd",
  "..%2f..%2f..%2fetc%2fpasswd",
  "<script>alert(1)</script>",
  "-1",
  "0",
  "1e308",
  "1e23",
  "2147483648",
  "-2147483649",
  "9223372036854775808",
  "NaN",
  "Infinity",
  "1.5",
  "0x1F",
  "2026-02-30",
  "0000-00-00",
  "99999-12-31",
  "true",
  "null",
  "[]",
  "__proto__",
  "constructor",
  "toString",
  "a\r\nb",
  "/\r\nLocation: http://evil.example",
  "%s%n%x%d",
  "/\t/evil.example",
  "\ud800",
];
const JSON_VALUES: unknown[] = [null, true, false, 0, -1, 2 ** 31, 2 ** 63, 1e308, 1.5, [], {}, { $gt: "" }, ["a", 1], deep(500), "x".repeat(20_000)];

type Auth = { kind: "guest" } | { kind: "cookie"; role: RoleName } | { kind: "bearer"; role: RoleName };
type Target = { method: string; path: string; fields: [string, string][]; json: boolean; auth: Auth; source: string };
type Sent = { method: string; path: string; headers: Record<string, string>; body?: string | FormData | (() => string); label: string };

const users = new Map<RoleName, { id: string; token: string }>();
const ids: Record<string, string> = {};

async function seed() {
  for (const role of ["STUDENT", "INSTRUCTOR", "ADMIN", "SE"] as const) {
    const user = await createUser({ role, name: `Fuzz ${role.toLowerCase()}`, password: null });
    users.set(role, { id: user.id, token: (await createApiToken(user.id, "fuzz")).token });
  }
  const course = await createCourse();
  await prisma.course.update({ where: { id: course.id }, data: { authorId: users.get("INSTRUCTOR")!.id } });
  const staff = { kind: "staff" as const, userId: users.get("SE")!.id, name: "Fuzz se" };
  const poc = await createPoc({ customerName: "Fuzz Corp", accountDomain: "fuzz.example", ownerId: staff.userId, startDate: null, endDate: null, goals: "" }, staff);
  await prisma.pocTeamMember.createMany({
    data: [
      { pocId: poc.id, position: 0, side: "SENTRY", name: "Avery", role: "AE" },
      { pocId: poc.id, position: 1, side: "CUSTOMER", name: "Jamie", role: "Lead" },
    ],
  });
  const token = await regenerateShareLink(poc.id, null, staff);
  // A media file (decision 034) in a temporary local store: /files/:assetId/* is fuzzed with a real signed URL.
  await changeEnv({ DATA_DIR: mkdtempSync(path.join(tmpdir(), "academy-fuzz-media-")), S3_BUCKET: undefined });
  const asset = await createMediaAsset(getMediaStore(), { courseId: course.id, lessonId: course.lessons[0].id, kind: "RESOURCE", files: { original: { body: Buffer.from("%PDF-1.7 fuzz"), type: "application/pdf" } } });
  const rows = await prisma.poc.findUniqueOrThrow({ where: { id: poc.id }, include: { milestones: true, phases: true, tasks: true, criteria: true, team: true } });
  Object.assign(ids, {
    slug: course.slug,
    lessonSlug: course.lessons[0].slug,
    quizSlug: course.quizzes[0].slug,
    courseId: course.id,
    lessonId: course.lessons[0].id,
    quizId: course.quizzes[0].id,
    pocId: poc.id,
    token,
    phaseId: rows.phases[0].id,
    taskId: rows.tasks[0].id,
    milestones: rows.milestones.find((m) => m.side === "CUSTOMER")!.id,
    tasks: rows.tasks.find((t) => t.side === "CUSTOMER")!.id,
    team: rows.team.find((m) => m.side === "CUSTOMER")!.id,
    "success-criteria": rows.criteria[0].id,
    assetId: asset.id,
  });
}

/** Who uses a path: the role whose pages link to it. */
function authFor(pathname: string, api: boolean): Auth {
  const role: RoleName | null = /^\/(api\/v1\/)?customer\//.test(pathname)
    ? null
    : /^\/(admin)/.test(pathname)
      ? "ADMIN"
      : /^\/(instructor|api\/courses)/.test(pathname)
        ? "INSTRUCTOR"
        : /^\/(staff|api\/v1\/pocs|api\/v1\/)/.test(pathname)
          ? "SE"
          : /^\/(login|signup|forgot-password|reset-password|auth)/.test(pathname)
            ? null
            : "STUDENT";
  if (!role) return { kind: "guest" };
  return api && !pathname.startsWith("/api/sentry") ? { kind: "bearer", role } : { kind: "cookie", role };
}

/** A manifest path (`courses/:slug/lessons/:lessonSlug`) with the seeded ids. */
function fillPath(pattern: string) {
  const parts = pattern.split("/");
  return parts
    .map((part, i) => {
      if (part === "*") return "anything";
      if (!part.startsWith(":")) return part;
      const name = part.slice(1);
      const before = parts[i - 1] ?? "";
      if (name === "id") return before === "pocs" ? ids.pocId : before === "lessons" ? ids.lessonId : before === "certificates" ? "no-such-certificate" : ids.courseId;
      if (name === "rowId") return ids[before] ?? "no-such-row";
      if (name === "provider") return "github";
      return ids[name] ?? `no-such-${name}`;
    })
    .join("/");
}

function manifestPaths(build: ServerBuild) {
  const full = (id: string): string => {
    const route = build.routes[id];
    if (!route || route.id === "root") return "";
    const parent = route.parentId ? full(route.parentId) : "";
    return [parent, route.path ?? ""].filter(Boolean).join("/");
  };
  return Object.values(build.routes)
    .filter((r) => r.id !== "root")
    .map((r) => ({ path: `/${fillPath(full(r.id))}`.replace(/\/$/, "") || "/", action: typeof r.module.action === "function", page: typeof r.module.default === "function" }));
}

const decode = (s: string) =>
  s.replace(/&(amp|quot|lt|gt|#x27|#39);/g, (m) => ({ "&amp;": "&", "&quot;": '"', "&lt;": "<", "&gt;": ">", "&#x27;": "'", "&#39;": "'" })[m] ?? m);
const attr = (tag: string, name: string) => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? decode(m[1]) : null;
};

/** Every post form of a page: one target per submit button that names an intent. */
function formsOf(html: string, pagePath: string): { path: string; fields: [string, string][] }[] {
  const found: { path: string; fields: [string, string][] }[] = [];
  for (const [, open, inner] of html.matchAll(/<form(\s[^>]*)>([\s\S]*?)<\/form>/g)) {
    if (!/method="post"/i.test(open)) continue;
    const action = attr(open, "action") ?? pagePath;
    const fields: [string, string][] = [];
    const buttons: [string, string][] = [];
    const seenRadio = new Set<string>();
    for (const [tag] of inner.matchAll(/<(input|button|select|textarea)\b[^>]*>/g)) {
      const name = attr(tag, "name");
      if (!name) continue;
      const type = (attr(tag, "type") ?? "").toLowerCase();
      if (tag.startsWith("<button") || type === "submit") {
        buttons.push([name, attr(tag, "value") ?? ""]);
      } else if (tag.startsWith("<select")) {
        const rest = inner.slice(inner.indexOf(tag));
        fields.push([name, attr(/<option\b[^>]*>/.exec(rest)?.[0] ?? "", "value") ?? ""]);
      } else if (tag.startsWith("<textarea")) {
        const rest = inner.slice(inner.indexOf(tag) + tag.length);
        fields.push([name, decode(rest.slice(0, rest.indexOf("</textarea>")))]);
      } else if (type === "radio") {
        if (!seenRadio.has(name)) fields.push([name, attr(tag, "value") ?? "on"]);
        seenRadio.add(name);
      } else if (type !== "file") {
        fields.push([name, attr(tag, "value") ?? (type === "checkbox" ? "on" : "")]);
      }
    }
    const url = new URL(action, `http://localhost:3000${pagePath}`);
    const target = `${url.pathname}${url.search}`;
    if (buttons.length === 0) found.push({ path: target, fields });
    for (const button of buttons) found.push({ path: target, fields: [...fields, button] });
  }
  return found;
}

type OpenApi = { paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: Schema }> } }>> };
type Schema = { properties?: Record<string, Schema>; type?: string | string[]; enum?: unknown[]; example?: unknown; $ref?: string; items?: Schema };

function exampleOf(schema: Schema | undefined, spec: { components?: { schemas?: Record<string, Schema> } }): unknown {
  if (!schema) return "x";
  if (schema.$ref) return exampleOf(spec.components?.schemas?.[schema.$ref.split("/").pop()!], spec);
  if (schema.example !== undefined) return schema.example;
  if (schema.enum) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === "integer" || type === "number") return 1;
  if (type === "boolean") return true;
  if (type === "array") return [exampleOf(schema.items, spec)];
  if (type === "object" || schema.properties) return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, v]) => [k, exampleOf(v, spec)]));
  return "x";
}

async function discoverTargets(build: ServerBuild): Promise<Target[]> {
  const targets: Target[] = [];
  const routes = manifestPaths(build);
  const browsers = new Map<string, Browser>();
  const browserFor = async (auth: Auth) => {
    const key = auth.kind === "guest" ? "guest" : auth.role;
    if (!browsers.has(key)) {
      const browser = new Browser();
      if (auth.kind !== "guest") {
        const cookie = await createSessionCookie(users.get(auth.role)!.id);
        browser.cookies.set(cookie.name, cookie.value);
      }
      browsers.set(key, browser);
    }
    return browsers.get(key)!;
  };
  // Forms, as each page renders them for the role that uses it (pages fetched 4 at a time, kept in manifest order).
  const pages = routes.filter((r) => r.page);
  for (const auth of pages.map((r) => authFor(r.path, false))) await browserFor(auth);
  const htmls: string[] = [];
  for (let i = 0; i < pages.length; i += 4) {
    const batch = pages.slice(i, i + 4);
    htmls.push(...(await Promise.all(batch.map(async (r) => (await (await browserFor(authFor(r.path, false))).get(r.path)).text()))));
  }
  for (const [i, route] of pages.entries()) {
    const auth = authFor(route.path, false);
    const html = htmls[i];
    for (const form of formsOf(html, route.path)) {
      if (/^\/(logout|auth\/)/.test(form.path)) continue;
      const formAuth = authFor(form.path.split("?")[0], false);
      targets.push({ method: "POST", path: form.path, fields: form.fields, json: false, auth: formAuth.kind === "guest" ? formAuth : auth, source: `form on ${route.path}` });
    }
    // Query strings of every page.
    targets.push({ method: "GET", path: route.path, fields: [["q", "x"], ["page", "1"], ["redirectTo", "/dashboard"], ["state", "failed"]], json: false, auth, source: "page query" });
  }
  // JSON writes, with their fields, from the OpenAPI document.
  const spec = (await (await new Browser().get("/api/openapi.json")).json()) as OpenApi & { components?: { schemas?: Record<string, Schema> } };
  for (const [template, methods] of Object.entries(spec.paths)) {
    const filled = fillPath(template.replace(/\{(\w+)\}/g, ":$1").replace(/^\/?/, "")).replace(/^/, "/");
    for (const [method, op] of Object.entries(methods)) {
      if (!["post", "put", "patch", "delete"].includes(method)) continue;
      const body = exampleOf(op.requestBody?.content?.["application/json"]?.schema, spec) as Record<string, unknown>;
      const fields = Object.entries(typeof body === "object" && body ? body : {}).map(([k, v]) => [k, JSON.stringify(v)] as [string, string]);
      targets.push({ method: method.toUpperCase(), path: filled, fields, json: true, auth: authFor(filled, true), source: `openapi ${method.toUpperCase()} ${template}` });
    }
  }
  // The media route's signed query (a loader-only GET, so no page lists it): each of exp, u and sig mutated in turn.
  const media = new URL(mediaUrl(ids.assetId, "original", { id: users.get("STUDENT")!.id }), "http://localhost");
  targets.push({ method: "GET", path: media.pathname, fields: [...media.searchParams], json: false, auth: { kind: "cookie", role: "STUDENT" }, source: "media file" });
  // Every other route with an action (new ones included), with a generic body.
  const covered = new Set(targets.map((t) => t.path.split("?")[0]));
  for (const route of routes.filter((r) => r.action && !covered.has(r.path) && !/^\/(logout|auth\/)/.test(r.path))) {
    const api = route.path.startsWith("/api/");
    targets.push({ method: "POST", path: route.path, fields: [["intent", "x"], ["name", "x"], ["version", "1"], ["id", "x"]], json: api, auth: authFor(route.path, api), source: "manifest" });
  }
  return targets;
}

const BODY_MUTATIONS = ["none", "text/plain", "invalid-json", "json-array", "json-to-form", "xml", "broken-multipart", "bogus-charset", "bad-percent", "proto-keys", "duplicated", "files", "multipart"] as const;

function requestsFor(target: Target, random: () => number): Sent[] {
  const pick = <T,>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const sent: Sent[] = [];
  const encodeForm = (fields: [string, string][]) => new URLSearchParams(fields).toString();
  const asJson = (fields: [string, string][], swap?: [string, unknown]) =>
    JSON.stringify(
      Object.fromEntries(
        fields.map(([k, v]) => {
          if (swap && swap[0] === k) return [k, swap[1]];
          try {
            return [k, JSON.parse(v)];
          } catch {
            return [k, v];
          }
        }),
      ),
    );
  if (target.method === "GET") {
    for (const [name] of target.fields) {
      const value = pick(STRINGS).slice(0, 2000);
      const query = new URLSearchParams(target.fields.map(([k, v]) => [k, k === name ? value : v]));
      sent.push({ method: "GET", path: `${target.path}?${query}`, headers: {}, label: `query ${name}` });
    }
    return sent;
  }
  const form = { "Content-Type": "application/x-www-form-urlencoded" };
  const json = { "Content-Type": "application/json" };
  // One field at a time, each with two mutations (and a JSON type swap on JSON routes).
  for (const [name] of target.fields) {
    for (let i = 0; i < 2; i++) {
      const value = pick(STRINGS);
      const fields = target.fields.map(([k, v]) => [k, k === name ? value : v] as [string, string]);
      sent.push(
        target.json
          ? { method: target.method, path: target.path, headers: json, body: () => asJson(fields, [name, value]), label: `field ${name}` }
          : { method: target.method, path: target.path, headers: form, body: () => encodeForm(fields), label: `field ${name}` },
      );
    }
    if (target.json) sent.push({ method: target.method, path: target.path, headers: json, body: ((swap) => () => asJson(target.fields, [name, swap]))(pick(JSON_VALUES)), label: `type swap ${name}` });
  }
  // The whole body, three ways.
  for (let i = 0; i < 3; i++) {
    const kind = pick(BODY_MUTATIONS);
    const base = { method: target.method, path: target.path, label: `body ${kind}` };
    const formBody = encodeForm(target.fields);
    switch (kind) {
      case "none":
        sent.push({ ...base, headers: {} });
        break;
      case "text/plain":
        sent.push({ ...base, headers: { "Content-Type": "text/plain" }, body: formBody });
        break;
      case "invalid-json":
        sent.push({ ...base, headers: json, body: '{"a":' });
        break;
      case "json-array":
        sent.push({ ...base, headers: json, body: "[1,2]" });
        break;
      case "json-to-form":
        sent.push({ ...base, headers: json, body: asJson(target.fields) });
        break;
      case "xml":
        sent.push({ ...base, headers: { "Content-Type": "application/xml" }, body: "<a>1</a>" });
        break;
      case "broken-multipart":
        sent.push({ ...base, headers: { "Content-Type": "multipart/form-data; boundary=zzz" }, body: "--zzz\r\nbroken" });
        break;
      case "bogus-charset":
        sent.push({ ...base, headers: { "Content-Type": "application/x-www-form-urlencoded; charset=bogus-9" }, body: formBody });
        break;
      case "bad-percent":
        sent.push({ ...base, headers: form, body: `${formBody}&x=%E0%A4%A&%zz=%` });
        break;
      case "proto-keys":
        sent.push({ ...base, headers: target.json ? json : form, body: target.json ? '{"__proto__":{"x":1},"constructor":1,"toString":"x"}' : `${formBody}&__proto__=1&constructor=1&toString=x&__proto__[x]=1` });
        break;
      case "duplicated":
        sent.push({ ...base, headers: form, body: `${formBody}&${formBody}` });
        break;
      case "files":
      case "multipart": {
        const data = new FormData();
        for (const [k, v] of target.fields) data.append(k, kind === "files" ? new File([v, "\u0000"], "../x.txt") : v);
        sent.push({ ...base, headers: {}, body: data });
        break;
      }
    }
  }
  return sent;
}

/** A lazily built body (huge strings are built when sent, not for every request planned). */
const bodyOf = (request: Sent) => (typeof request.body === "function" ? request.body() : request.body);

function describeRequest(request: Sent, auth: Auth) {
  const sent = bodyOf(request);
  const body = sent === undefined ? "" : typeof sent === "string" ? sent : `[multipart ${[...sent.entries()].map(([k, v]) => `${k}=${typeof v === "string" ? v.slice(0, 40) : `file ${v.name}`}`).join("&")}]`;
  const who = auth.kind === "guest" ? "guest" : `${auth.kind} ${auth.role}`;
  return `${request.method} ${request.path} (${who}, ${request.label}) ${JSON.stringify(request.headers)} ${JSON.stringify(body.length > 300 ? `${body.slice(0, 300)}… (${body.length} chars)` : body)}`;
}

describe("fuzzing every form and JSON route", () => {
  let build: ServerBuild;
  beforeAll(async () => {
    build = (await import(pathToFileURL(path.join(projectRoot, "build/index.js")).href)) as ServerBuild;
    const seeding = Date.now();
    await seed();
    console.info(`[fuzz] seeded in ${Date.now() - seeding} ms`);
  });

  it("answers a few thousand mutated requests without a single 5xx", { timeout: 120_000 }, async () => {
    const random = prng(SEED);
    const discovering = Date.now();
    const targets = await discoverTargets(build);
    console.info(`[fuzz] discovered ${targets.length} targets in ${Date.now() - discovering} ms`);
    expect(targets.length).toBeGreaterThan(60);
    // The studio's media uploads are among them: the library's and the lesson panel's forms (plain multipart, decision 035).
    expect(targets.filter((t) => /^\/instructor\/courses\/[^/]+\/(lessons\/[^/]+\/)?media(\?|$)/.test(t.path) && t.method === "POST").length).toBeGreaterThan(5);
    let all = targets.flatMap((target) => requestsFor(target, random).map((request) => ({ request, auth: target.auth })));
    // A seeded shuffle, then the first REQUESTS.
    for (let i = all.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [all[i], all[j]] = [all[j], all[i]];
    }
    all = all.slice(0, REQUESTS);

    // A fresh session every 20 requests of a role: a fuzzed request may have logged it out or changed it.
    const sessions = new Map<RoleName, { cookie: Promise<string>; uses: number }>();
    const cookieFor = (role: RoleName) => {
      let session = sessions.get(role);
      if (!session || session.uses++ >= 20) {
        session = { cookie: createSessionCookie(users.get(role)!.id).then((c) => c.cookieHeader), uses: 1 };
        sessions.set(role, session);
      }
      return session.cookie;
    };

    const failures: string[] = [];
    const statuses = new Map<number, number>();
    const started = Date.now();
    let sentCount = 0;
    let next = 0;
    const worker = async () => {
      while (next < all.length && Date.now() - started < BUDGET_MS) {
        const { request, auth } = all[next++];
        const headers: Record<string, string> = { ...request.headers };
        if (auth.kind === "bearer") headers.Authorization = `Bearer ${users.get(auth.role)!.token}`;
        const browser = new Browser(`198.51.100.${1 + (next % 250)}`);
        if (auth.kind === "cookie") {
          const [name, value] = (await cookieFor(auth.role)).split("=");
          browser.cookies.set(name, value);
        }
        let status: number;
        let notConfigured = false;
        try {
          const body = bodyOf(request);
          // As a browser (and Node behind Express) would: a string body comes with its length.
          if (typeof body === "string") headers["Content-Length"] = String(Buffer.byteLength(body));
          const response = await browser.request(request.path, { method: request.method, headers, body });
          status = response.status;
          const text = await response.text();
          // A feature without its keys answers 503 "not_configured" by design (Gong, Claude): a clear
          // message, not a crash. Any other 5xx is a failure.
          notConfigured = status === 503 && /"error":\s*"not_configured"/.test(text);
        } catch (error) {
          status = 599;
          failures.push(`${describeRequest(request, auth)} → threw ${error instanceof Error ? error.message : String(error)}`);
        }
        sentCount++;
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (status >= 500 && status !== 599 && !notConfigured) failures.push(`${describeRequest(request, auth)} → ${status}`);
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
    console.info(
      `[fuzz] seed ${SEED}: ${targets.length} targets, ${sentCount} requests in ${Date.now() - started} ms; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`,
    );
    if (failures.length) console.error(`[fuzz] ${failures.length} failing requests:\n${failures.join("\n")}`);
    expect(sentCount).toBeGreaterThan(200);
    expect(failures).toEqual([]);
  });
});
