/**
 * The POC Portal JSON API over HTTP (build/index.js): staff endpoints with a
 * session cookie and with a personal API token, the guards (401, 403 for every
 * staff endpoint, 404 for unknown POCs and rows of another POC), field errors,
 * versioned writes (409 with the current row, the first write kept), adding,
 * moving and removing rows, the share link and the customer endpoints behind it
 * (revoked, regenerated and expired tokens, other POCs' rows, Sentry-owned rows,
 * no internal notes). Every answer is checked against the OpenAPI document
 * (tests/support/api-client.ts); the document itself: openapi.test.ts.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_POC_TEMPLATES } from "~/data/poc-templates.ts";
import { prisma } from "~/utils/db.server.ts";
import type { RoleName } from "~/utils/permissions.ts";
import { Browser } from "../support/app.ts";
import { apiClient, type Client, expectJson, send } from "../support/api-client.ts";
import { createUser } from "../support/factories.ts";
import { POC_CUSTOMER_ENDPOINTS, POC_STAFF_ENDPOINTS } from "../support/api-endpoints.ts";

// ───────────── clients (tests/support/api-client.ts: each answer is checked against the OpenAPI document) ─────────────

/** A signed-in browser (session cookie). */
const cookieClient = (role: RoleName = "SE", name = "Sam Engineer") => apiClient({ auth: "cookie", role, name });
/** A script with a personal API token (no cookies). */
const bearerClient = async (role: RoleName = "SE", name = "Script Owner") => {
  const { user, client, token } = await apiClient({ auth: "bearer", role, name });
  return { user, client, token: token! };
};
/** The customer: no auth at all, just the token in the path. */
const anonymous: Client = (method, pathname, body) => send(new Browser(), method, pathname, body);

let counter = 0;
async function createPoc(client: Client, overrides: Record<string, unknown> = {}) {
  counter += 1;
  return expectJson(
    await client("POST", "/api/v1/pocs", { customerName: `Acme ${counter}`, accountDomain: `acme${counter}.example.com`, startDate: "2030-03-02", endDate: "2030-04-01", goals: "Faster triage", ...overrides }),
    201,
  );
}

type Workspace = {
  poc: { id: string; version: number; internalNotes: string; owner: { id: string } };
  milestones: { id: string; title: string; side: string; version: number; status: string; dueDate: string | null }[];
  phases: { id: string; name: string; tasks: { id: string; title: string; side: string; version: number; phaseId: string }[] }[];
  criteria: { id: string; title: string; version: number }[];
  team: { id: string; side: string; name: string; version: number }[];
};

/** Ids of one of each row of a POC, keyed the way `fill` looks them up. */
async function idsOf(client: Client, pocId: string, token = "") {
  const ws: Workspace = await expectJson(await client("GET", `/api/v1/pocs/${pocId}`), 200);
  const member = ws.team[0] ?? (await expectJson(await client("POST", `/api/v1/pocs/${pocId}/team`, { name: "Cy Customer", side: "CUSTOMER" }), 201));
  return {
    id: pocId,
    token,
    phaseId: ws.phases[0].id,
    taskId: ws.phases[0].tasks[0].id,
    milestones: ws.milestones[0].id,
    tasks: ws.phases[0].tasks[0].id,
    "success-criteria": ws.criteria[0].id,
    team: member.id as string,
  } as Record<string, string>;
}

/** `/api/v1/pocs/{id}/team/{rowId}` with real ids: `{rowId}` is the row of the collection before it. */
function fill(template: string, ids: Record<string, string>) {
  const parts = template.split("/");
  return parts.map((part, i) => part.replace(/^\{(\w+)\}$/, (_, name: string) => (name === "rowId" ? ids[parts[i - 1]] : ids[name]))).join("/");
}

// ───────────── every endpoint ─────────────


// ───────────── tests ─────────────

describe("POC API: creating and reading", () => {
  it("creates a POC from the templates with a session cookie, and reads it with a bearer token", async () => {
    const { client, user } = await cookieClient("SE", "Cookie SE");
    const response = await client("POST", "/api/v1/pocs", { customerName: "  Initech ", accountDomain: "https://Initech.example.com/", startDate: "2030-01-10", goals: "Prove tracing" });
    const ws = await expectJson(response, 201);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    expect(response.headers.get("Location")).toBe(`/api/v1/pocs/${ws.poc.id}`);
    expect(ws.poc).toMatchObject({ customerName: "Initech", accountDomain: "initech.example.com", status: "PLANNING", startDate: "2030-01-10", endDate: null, goals: "Prove tracing", version: 1, shareLink: null });
    expect(ws.poc.owner).toEqual({ id: user.id, name: "Cookie SE", email: user.email });
    expect(ws.poc.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);

    // The templates, in order, with due dates counted from the start.
    const templates = DEFAULT_POC_TEMPLATES;
    expect(ws.milestones.map((m: { title: string }) => m.title)).toEqual(templates.milestones.map((m) => m.title));
    expect(ws.milestones.map((m: { side: string }) => m.side)).toEqual(templates.milestones.map((m) => m.side));
    const due = (days: number) => new Date(Date.UTC(2030, 0, 10 + days)).toISOString().slice(0, 10);
    expect(ws.milestones.map((m: { dueDate: string }) => m.dueDate)).toEqual(templates.milestones.map((m) => due(m.dueInDays)));
    expect(ws.phases.map((p: { name: string }) => p.name)).toEqual(templates.phases.map((p) => p.name));
    expect(ws.phases.map((p: { tasks: unknown[] }) => p.tasks.length)).toEqual(templates.phases.map((p) => p.tasks.length));
    expect(ws.phases[0].tasks[0]).toMatchObject({ title: templates.phases[0].tasks[0].title, status: "NOT_STARTED", version: 1, dueDate: due(templates.phases[0].tasks[0].dueInDays) });
    expect(ws.criteria.map((c: { title: string; feature: string }) => [c.title, c.feature])).toEqual(templates.criteria.map((c) => [c.title, c.feature]));
    const items = templates.milestones.length + templates.phases.reduce((n, p) => n + p.tasks.length, 0) + templates.criteria.length;
    expect(ws.progress.overall).toEqual({ done: 0, total: items, percent: 0 });
    expect(ws.activity[0]).toMatchObject({ actor: "Cookie SE", byCustomer: false, summary: "created the POC from the templates" });
    expect(await prisma.pocMilestone.count({ where: { pocId: ws.poc.id } })).toBe(templates.milestones.length);

    const script = await bearerClient("SE");
    const read = await expectJson(await script.client("GET", `/api/v1/pocs/${ws.poc.id}`), 200);
    expect(read.poc.id).toBe(ws.poc.id);
    expect(read.milestones).toEqual(ws.milestones);
    expect(read.techStack).toMatchObject({ platforms: [], links: [], confirmedAt: null });

    // The list, with its filters.
    const listed = await expectJson(await script.client("GET", "/api/v1/pocs?q=initech"), 200);
    expect(listed.pocs.map((p: { id: string }) => p.id)).toContain(ws.poc.id);
    expect(listed.pocs.find((p: { id: string }) => p.id === ws.poc.id)).toMatchObject({ customerName: "Initech", status: "PLANNING", owner: { id: user.id, name: "Cookie SE" }, progress: { done: 0, total: items } });
    expect((await expectJson(await script.client("GET", "/api/v1/pocs?q=initech&status=WON"), 200)).pocs).toEqual([]);
    expect((await expectJson(await script.client("GET", "/api/v1/pocs?q=initech&status=&owner="), 200)).pocs.map((p: { id: string }) => p.id)).toContain(ws.poc.id);
    expect((await expectJson(await script.client("GET", `/api/v1/pocs?owner=${user.id}`), 200)).pocs.map((p: { id: string }) => p.id)).toEqual([ws.poc.id]);
    expect((await expectJson(await client("GET", "/api/v1/pocs?owner=me"), 200)).pocs.map((p: { id: string }) => p.id)).toEqual([ws.poc.id]);
    expect((await expectJson(await client("GET", "/api/v1/pocs?owner=me"), 200)).page).toEqual({ number: 1, limit: 50, total: 1, pages: 1, next: null });
  });

  it("lists a page at a time, newest change first, with the next page's path", async () => {
    const { client, user } = await cookieClient("SE", "Paging SE");
    await prisma.poc.createMany({
      data: Array.from({ length: 5 }, (_, i) => ({ customerName: `Paged ${i}`, accountDomain: `paged-${i}.example.com`, ownerId: user.id, updatedAt: new Date(Date.UTC(2030, 0, 1, 0, i)) })),
    });
    const first = await expectJson(await client("GET", "/api/v1/pocs?owner=me&limit=2"), 200);
    expect(first.pocs.map((p: { customerName: string }) => p.customerName)).toEqual(["Paged 4", "Paged 3"]);
    expect(first.page).toEqual({ number: 1, limit: 2, total: 5, pages: 3, next: "/api/v1/pocs?owner=me&limit=2&page=2" });
    const second = await expectJson(await client("GET", first.page.next), 200);
    expect(second.pocs.map((p: { customerName: string }) => p.customerName)).toEqual(["Paged 2", "Paged 1"]);
    const last = await expectJson(await client("GET", second.page.next), 200);
    expect(last.pocs.map((p: { customerName: string }) => p.customerName)).toEqual(["Paged 0"]);
    expect(last.page.next).toBeNull();
    // Past the end: no rows, the right total.
    expect(await expectJson(await client("GET", "/api/v1/pocs?owner=me&limit=2&page=9"), 200)).toEqual({ pocs: [], page: { number: 9, limit: 2, total: 5, pages: 3, next: null } });
    const bad = await expectJson(await client("GET", "/api/v1/pocs?limit=0&page=x"), 400);
    expect(bad).toMatchObject({ error: "invalid_request", fields: { limit: ["At least 1."], page: ["Must be a whole number."] } });
  });

  it("lets an admin create a POC for an SE", async () => {
    const se = await createUser({ role: "SE", name: "Owner SE" });
    const admin = await bearerClient("ADMIN", "Ada Admin");
    const ws = await createPoc(admin.client, { ownerId: se.id });
    expect(ws.poc.owner.id).toBe(se.id);
  });
});

describe("POC API: guards", () => {
  it("answers 401 without auth, or with a bad token", async () => {
    for (const { method, path: template, body } of POC_STAFF_ENDPOINTS) {
      const target = fill(template, { id: "x", phaseId: "x", taskId: "x", milestones: "x", "success-criteria": "x", team: "x" });
      const response = await anonymous(method, target, body);
      const json = await expectJson(response, 401);
      expect(json.error, `${method} ${target}`).toBe("unauthorized");
      expect(response.headers.get("WWW-Authenticate")).toMatch(/^Bearer/);
    }
    const response = await send(new Browser(), "GET", "/api/v1/pocs", undefined, { Authorization: `Bearer sa_${"0".repeat(40)}` });
    await expectJson(response, 401);
  });

  it("answers 403 to a student (cookie or token) and an instructor on every staff endpoint, and changes nothing", async () => {
    const { client: se } = await cookieClient("SE");
    const ws = await createPoc(se);
    const ids = await idsOf(se, ws.poc.id);
    const before = await expectJson(await se("GET", `/api/v1/pocs/${ws.poc.id}`), 200);
    const outsiders = [(await cookieClient("STUDENT")).client, (await bearerClient("STUDENT")).client, (await bearerClient("INSTRUCTOR")).client];
    for (const outsider of outsiders) {
      for (const { method, path: template, body } of POC_STAFF_ENDPOINTS) {
        const response = await outsider(method, fill(template, ids), body);
        const json = await expectJson(response, 403);
        expect(json.error, `${method} ${template}`).toBe("forbidden");
      }
    }
    const after = await expectJson(await se("GET", `/api/v1/pocs/${ws.poc.id}`), 200);
    expect({ ...after, activity: undefined }).toEqual({ ...before, activity: undefined });
    expect(await prisma.poc.count({ where: { customerName: "Nope" } })).toBe(0);
  });

  it("answers 404 for an unknown POC, and for a row of another POC on every row endpoint", async () => {
    const { client } = await bearerClient("SE");
    const a = await createPoc(client);
    const b = await createPoc(client);
    const idsA = await idsOf(client, a.poc.id);
    const idsB = await idsOf(client, b.poc.id);
    const beforeB = await expectJson(await client("GET", `/api/v1/pocs/${b.poc.id}`), 200);

    for (const { method, path: template, body } of POC_STAFF_ENDPOINTS) {
      if (!template.includes("{id}")) continue;
      const response = await client(method, fill(template, { ...idsA, id: "no-such-poc" }), body);
      expect((await expectJson(response, 404)).error, `${method} ${template}`).toBe("not_found");
    }
    // POC A in the path, B's rows as the row.
    for (const { method, path: template, body } of POC_STAFF_ENDPOINTS) {
      if (!/\{(rowId|phaseId|taskId)\}/.test(template)) continue;
      const target = fill(template, { ...idsB, id: a.poc.id });
      expect((await expectJson(await client(method, target, body), 404)).error, `${method} ${template}`).toBe("not_found");
    }
    const afterB = await expectJson(await client("GET", `/api/v1/pocs/${b.poc.id}`), 200);
    expect(afterB.milestones).toEqual(beforeB.milestones);
    expect(afterB.phases).toEqual(beforeB.phases);
    expect(afterB.criteria).toEqual(beforeB.criteria);
    expect(afterB.team).toEqual(beforeB.team);
  });

  it("lets only an admin or the owner delete a POC", async () => {
    const owner = await cookieClient("SE");
    const other = await bearerClient("SE");
    const admin = await bearerClient("ADMIN");
    const first = await createPoc(owner.client);
    expect((await expectJson(await other.client("DELETE", `/api/v1/pocs/${first.poc.id}`), 403)).error).toBe("forbidden");
    expect(await prisma.poc.count({ where: { id: first.poc.id } })).toBe(1);
    expect(await expectJson(await owner.client("DELETE", `/api/v1/pocs/${first.poc.id}`), 200)).toEqual({ deleted: true, id: first.poc.id });
    expect(await prisma.poc.count({ where: { id: first.poc.id } })).toBe(0);
    expect(await prisma.pocMilestone.count({ where: { pocId: first.poc.id } })).toBe(0);
    await expectJson(await owner.client("GET", `/api/v1/pocs/${first.poc.id}`), 404);

    const second = await createPoc(owner.client);
    await expectJson(await admin.client("DELETE", `/api/v1/pocs/${second.poc.id}`), 200);
    expect(await prisma.poc.count({ where: { id: second.poc.id } })).toBe(0);
  });

  it("answers 405 with Allow for other methods, and a JSON 404 for unknown /api/v1 paths", async () => {
    const { client } = await bearerClient("SE");
    const response = await client("PUT", "/api/v1/pocs", {});
    expect((await expectJson(response, 405)).error).toBe("method_not_allowed");
    expect(response.headers.get("Allow")).toBe("GET, POST");
    expect((await expectJson(await client("GET", "/api/v1/pocs/x/nothing-here"), 404)).error).toBe("not_found");
  });
});

describe("POC API: field errors", () => {
  async function fieldsOf(response: Response) {
    const json = await expectJson(response, 400);
    expect(json.error).toBe("invalid_request");
    return json.fields as Record<string, string[]>;
  }

  it("names each bad field", async () => {
    const { client } = await bearerClient("SE");
    const student = await createUser({ role: "STUDENT" });
    expect(Object.keys(await fieldsOf(await client("POST", "/api/v1/pocs", { accountDomain: "acme.com" })))).toEqual(["customerName"]);
    expect(Object.keys(await fieldsOf(await client("POST", "/api/v1/pocs", { customerName: "A", accountDomain: "not a domain" })))).toEqual(["accountDomain"]);
    expect(Object.keys(await fieldsOf(await client("POST", "/api/v1/pocs", { customerName: "A", accountDomain: "a.com", startDate: "2030-02-30" })))).toEqual(["startDate"]);
    expect(await fieldsOf(await client("POST", "/api/v1/pocs", { customerName: "A", accountDomain: "a.com", startDate: "2030-02-10", endDate: "2030-02-01" }))).toEqual({
      endDate: ["The end date is before the start date"],
    });
    expect(Object.keys(await fieldsOf(await client("POST", "/api/v1/pocs", { customerName: "A", accountDomain: "a.com", ownerId: student.id })))).toEqual(["ownerId"]);
    expect(Object.keys(await fieldsOf(await client("GET", "/api/v1/pocs?status=DONE")))).toEqual(["status"]);
    expect(await prisma.poc.count({ where: { customerName: "A" } })).toBe(0);

    const ws = await createPoc(client);
    const id = ws.poc.id;
    const status = await fieldsOf(await client("PATCH", `/api/v1/pocs/${id}`, { version: 1, status: "FINISHED" }));
    expect(Object.keys(status)).toEqual(["status"]);
    expect(status.status[0]).toContain("PLANNING");
    expect(Object.keys(await fieldsOf(await client("PATCH", `/api/v1/pocs/${id}`, { status: "ACTIVE" })))).toEqual(["version"]);
    expect(Object.keys(await fieldsOf(await client("PATCH", `/api/v1/pocs/${id}`, { version: 1 })))).toEqual([""]);
    expect(Object.keys(await fieldsOf(await client("PATCH", `/api/v1/pocs/${id}`, { version: 1, goals: "x", shareToken: "x" })))).toEqual(["shareToken"]);
    expect(Object.keys(await fieldsOf(await client("PATCH", `/api/v1/pocs/${id}`, { version: 1, endDate: "2030-01-01" })))).toEqual(["endDate"]);

    const milestone = ws.milestones[0];
    const bad = await fieldsOf(await client("PATCH", `/api/v1/pocs/${id}/milestones/${milestone.id}`, { version: 1, status: "DONE", title: "", dueDate: "tomorrow", name: "x" }));
    expect(Object.keys(bad).sort()).toEqual(["dueDate", "name", "status", "title"]);
    expect(Object.keys(await fieldsOf(await client("POST", `/api/v1/pocs/${id}/team`, { name: "Bo", side: "BOTH", email: "nope" }))).sort()).toEqual(["email", "side"]);
    expect(Object.keys(await fieldsOf(await client("POST", `/api/v1/pocs/${id}/success-criteria`, { title: "T", feature: "telepathy" })))).toEqual(["feature"]);
    expect(Object.keys(await fieldsOf(await client("POST", `/api/v1/pocs/${id}/milestones/${milestone.id}/move`, { direction: "sideways" })))).toEqual(["direction"]);
    expect(Object.keys(await fieldsOf(await client("POST", `/api/v1/pocs/${id}/share-link`, { expiresAt: "2001-01-01" })))).toEqual(["expiresAt"]);

    const platforms = await fieldsOf(await client("PUT", `/api/v1/pocs/${id}/tech-stack`, { platforms: ["python", "cobol-on-mars"], notes: "" }));
    expect(Object.keys(platforms)).toEqual(["platforms[1]"]);
    expect(platforms["platforms[1]"][0]).toContain("cobol-on-mars");

    // Nothing above was written.
    const after = await expectJson(await client("GET", `/api/v1/pocs/${id}`), 200);
    expect(after.poc.version).toBe(1);
    expect(after.milestones[0]).toEqual(milestone);
    expect(after.techStack.platforms).toEqual([]);
  });
});

describe("POC API: versioned writes", () => {
  it("answers 409 with the current POC to a stale version, and keeps the first write", async () => {
    const alice = await cookieClient("SE", "Alice");
    const bob = await bearerClient("SE", "Bob");
    const ws = await createPoc(alice.client);
    const id = ws.poc.id;

    const first = await expectJson(await alice.client("PATCH", `/api/v1/pocs/${id}`, { version: 1, status: "ACTIVE", internalNotes: "Budget is tight", endDate: null }), 200);
    expect(first).toMatchObject({ status: "ACTIVE", internalNotes: "Budget is tight", endDate: null, version: 2 });

    const stale = await expectJson(await bob.client("PATCH", `/api/v1/pocs/${id}`, { version: 1, status: "LOST", goals: "Bob's goals" }), 409);
    expect(stale.error).toBe("conflict");
    expect(stale.current).toMatchObject({ id, status: "ACTIVE", internalNotes: "Budget is tight", version: 2, goals: "Faster triage" });

    const stored = await prisma.poc.findUniqueOrThrow({ where: { id } });
    expect(stored).toMatchObject({ status: "ACTIVE", goals: "Faster triage", internalNotes: "Budget is tight", version: 2, endDate: null });

    // With the current version, Bob's edit goes through.
    expect(await expectJson(await bob.client("PATCH", `/api/v1/pocs/${id}`, { version: 2, goals: "Bob's goals" }), 200)).toMatchObject({ goals: "Bob's goals", version: 3 });
  });

  it("edits several fields of a row in one versioned write, with one activity line; a stale version writes nothing", async () => {
    const alice = await cookieClient("SE", "Alice");
    const bob = await bearerClient("SE", "Bob");
    const ws = await createPoc(alice.client);
    const id = ws.poc.id;
    const milestone = ws.milestones[0];

    const edited = await expectJson(
      await alice.client("PATCH", `/api/v1/pocs/${id}/milestones/${milestone.id}`, { version: milestone.version, status: "COMPLETED", owner: "Alice", dueDate: "2030-03-05" }),
      200,
    );
    expect(edited).toMatchObject({ id: milestone.id, status: "COMPLETED", owner: "Alice", dueDate: "2030-03-05", version: milestone.version + 1, updatedBy: "Alice" });

    const stale = await expectJson(await bob.client("PATCH", `/api/v1/pocs/${id}/milestones/${milestone.id}`, { version: milestone.version, status: "BLOCKED", title: "Bob's title" }), 409);
    expect(stale).toMatchObject({ error: "conflict", current: { id: milestone.id, status: "COMPLETED", owner: "Alice", title: milestone.title, version: milestone.version + 1 } });
    expect(await prisma.pocMilestone.findUniqueOrThrow({ where: { id: milestone.id } })).toMatchObject({ status: "COMPLETED", title: milestone.title, version: milestone.version + 1 });

    const activity = await prisma.pocActivity.findMany({ where: { pocId: id, summary: { contains: milestone.title } } });
    expect(activity).toHaveLength(1);
    expect(activity[0]).toMatchObject({ actor: "Alice", byCustomer: false });
    // Stored as data, worded as the staff feed shows it: no raw enum value (decision 021).
    expect(activity[0].summary).toContain("status Completed");
    expect(activity[0].summary).not.toContain("COMPLETED");
    expect(activity[0].data).toMatchObject({ action: "edited", row: { kind: "milestone", title: milestone.title }, changes: expect.arrayContaining([{ field: "status", old: "NOT_STARTED", new: "COMPLETED" }]) });

    // Other kinds go through the same path.
    const phase = ws.phases[0];
    expect(await expectJson(await bob.client("PATCH", `/api/v1/pocs/${id}/phases/${phase.id}`, { version: 1, name: "Set up", description: "Events flowing" }), 200)).toMatchObject({ name: "Set up", description: "Events flowing", version: 2 });
    const task = phase.tasks[0];
    expect(await expectJson(await bob.client("PATCH", `/api/v1/pocs/${id}/tasks/${task.id}`, { version: 1, side: "CUSTOMER", status: "IN_PROGRESS" }), 200)).toMatchObject({ side: "CUSTOMER", status: "IN_PROGRESS", phaseId: phase.id, updatedBy: "Bob" });
    const criterion = ws.criteria[0];
    expect(await expectJson(await bob.client("PATCH", `/api/v1/pocs/${id}/success-criteria/${criterion.id}`, { version: 1, feature: null, status: "COMPLETED" }), 200)).toMatchObject({ feature: null, status: "COMPLETED" });

    const progress = (await expectJson(await bob.client("GET", `/api/v1/pocs/${id}`), 200)).progress;
    expect(progress.milestones.done).toBe(1);
    expect(progress.criteria.done).toBe(1);
    expect(progress.overall.done).toBe(2);
  });
});

describe("POC API: adding, moving and removing rows", () => {
  it("adds at the end, moves within the siblings and removes", async () => {
    const { client } = await bearerClient("SE", "Mover");
    const ws = await createPoc(client);
    const id = ws.poc.id;
    const count = ws.milestones.length;

    const added = await expectJson(await client("POST", `/api/v1/pocs/${id}/milestones`, { title: "Security review", side: "CUSTOMER", dueDate: "2030-03-20" }), 201);
    expect(added).toMatchObject({ title: "Security review", side: "CUSTOMER", dueDate: "2030-03-20", position: count, status: "NOT_STARTED", version: 1, updatedBy: "Mover" });
    const moved = await expectJson(await client("POST", `/api/v1/pocs/${id}/milestones/${added.id}/move`, { direction: "up" }), 200);
    expect(moved.milestones.map((m: { id: string }) => m.id).slice(-2)).toEqual([added.id, ws.milestones[count - 1].id]);
    expect(moved.milestones.map((m: { position: number }) => m.position)).toEqual([...Array(count + 1).keys()]);
    // Already at the bottom: nothing moves.
    const last = ws.milestones[count - 1].id;
    expect((await expectJson(await client("POST", `/api/v1/pocs/${id}/milestones/${last}/move`, { direction: "down" }), 200)).milestones.at(-1).id).toBe(last);
    expect(await expectJson(await client("DELETE", `/api/v1/pocs/${id}/milestones/${added.id}`), 200)).toEqual({ deleted: true, id: added.id });
    const list = await expectJson(await client("GET", `/api/v1/pocs/${id}/milestones`), 200);
    expect(list.milestones.map((m: { id: string }) => m.id)).toEqual(ws.milestones.map((m: { id: string }) => m.id));
    expect(list.progress).toEqual({ done: 0, total: count, percent: 0 });
    await expectJson(await client("DELETE", `/api/v1/pocs/${id}/milestones/${added.id}`), 404);

    // Phases and their tasks.
    const phase = await expectJson(await client("POST", `/api/v1/pocs/${id}/phases`, { name: "Rollout", description: "Everyone on it" }), 201);
    expect(phase).toMatchObject({ name: "Rollout", position: ws.phases.length, tasks: [], progress: { total: 0 } });
    const t1 = await expectJson(await client("POST", `/api/v1/pocs/${id}/phases/${phase.id}/tasks`, { title: "First" }), 201);
    const t2 = await expectJson(await client("POST", `/api/v1/pocs/${id}/phases/${phase.id}/tasks`, { title: "Second", side: "CUSTOMER", owner: "Dev" }), 201);
    expect(t2).toMatchObject({ phaseId: phase.id, position: 1, side: "CUSTOMER", owner: "Dev" });
    const reordered = await expectJson(await client("POST", `/api/v1/pocs/${id}/tasks/${t2.id}/move`, { direction: "up" }), 200);
    expect(reordered).toMatchObject({ phaseId: phase.id });
    expect(reordered.tasks.map((t: { title: string }) => t.title)).toEqual(["Second", "First"]);
    expect((await expectJson(await client("GET", `/api/v1/pocs/${id}/phases/${phase.id}/tasks`), 200)).tasks.map((t: { id: string }) => t.id)).toEqual([t2.id, t1.id]);
    await expectJson(await client("DELETE", `/api/v1/pocs/${id}/tasks/${t1.id}`), 200);
    const phases = await expectJson(await client("POST", `/api/v1/pocs/${id}/phases/${phase.id}/move`, { direction: "up" }), 200);
    expect(phases.phases.map((p: { name: string }) => p.name)).toEqual([...ws.phases.slice(0, -1).map((p: { name: string }) => p.name), "Rollout", ws.phases.at(-1).name]);
    await expectJson(await client("DELETE", `/api/v1/pocs/${id}/phases/${phase.id}`), 200);
    expect(await prisma.pocTask.count({ where: { phaseId: phase.id } })).toBe(0);

    // Success criteria.
    const criterion = await expectJson(await client("POST", `/api/v1/pocs/${id}/success-criteria`, { title: "Crons are watched", feature: "crons" }), 201);
    expect(criterion).toMatchObject({ feature: "crons", position: ws.criteria.length });
    const criteria = await expectJson(await client("POST", `/api/v1/pocs/${id}/success-criteria/${criterion.id}/move`, { direction: "up" }), 200);
    expect(criteria.criteria.at(-2).id).toBe(criterion.id);
    await expectJson(await client("DELETE", `/api/v1/pocs/${id}/success-criteria/${criterion.id}`), 200);
    expect((await expectJson(await client("GET", `/api/v1/pocs/${id}/success-criteria`), 200)).criteria).toHaveLength(ws.criteria.length);

    // The team: each side has its own order.
    const se = await expectJson(await client("POST", `/api/v1/pocs/${id}/team`, { name: "Sam", side: "SENTRY", role: "SE" }), 201);
    const c1 = await expectJson(await client("POST", `/api/v1/pocs/${id}/team`, { name: "Cat", side: "CUSTOMER", email: "cat@acme.example.com" }), 201);
    const c2 = await expectJson(await client("POST", `/api/v1/pocs/${id}/team`, { name: "Dan", side: "CUSTOMER" }), 201);
    const team = await expectJson(await client("POST", `/api/v1/pocs/${id}/team/${c2.id}/move`, { direction: "up" }), 200);
    expect(team.team.map((m: { name: string }) => m.name)).toEqual(["Sam", "Dan", "Cat"]);
    const customers = team.team.filter((m: { side: string }) => m.side === "CUSTOMER").map((m: { id: string }) => m.id);
    expect(customers).toEqual([c2.id, c1.id]);
    expect(team.team.filter((m: { side: string }) => m.side === "SENTRY").map((m: { id: string }) => m.id)).toEqual([se.id]);
    expect(await expectJson(await client("PATCH", `/api/v1/pocs/${id}/team/${c1.id}`, { version: 1, role: "Engineering lead", email: "" }), 200)).toMatchObject({ role: "Engineering lead", email: "" });
    await expectJson(await client("DELETE", `/api/v1/pocs/${id}/team/${se.id}`), 200);
    expect((await expectJson(await client("GET", `/api/v1/pocs/${id}/team`), 200)).team.map((m: { id: string }) => m.id)).toEqual([c2.id, c1.id]);

    const summaries = (await prisma.pocActivity.findMany({ where: { pocId: id } })).map((a) => a.summary);
    expect(summaries).toEqual(expect.arrayContaining(["added milestone “Security review”", "removed milestone “Security review”", "added task “First” to Rollout"]));
  });

  it("sets the tech stack and answers its documentation links", async () => {
    const { client } = await bearerClient("SE", "Stacker");
    const ws = await createPoc(client);
    const id = ws.poc.id;
    const stack = await expectJson(await client("PUT", `/api/v1/pocs/${id}/tech-stack`, { platforms: ["javascript-react", "python", "python"], notes: "Monorepo" }), 200);
    expect(stack).toMatchObject({ platforms: ["javascript-react", "python"], notes: "Monorepo", confirmedBy: "Stacker" });
    expect(stack.confirmedAt).toMatch(/Z$/);
    expect(stack.links.map((l: { id: string }) => l.id)).toEqual(["javascript-react", "python"]);
    expect(stack.links[0].docsUrl).toMatch(/^https:\/\/docs\.sentry\.io\//);
    // One entry per feature named by the template's success criteria.
    expect(stack.featureLinks.map((f: { feature: string }) => f.feature)).toEqual(ws.criteria.map((c: { feature: string }) => c.feature));
    expect(stack.featureLinks.find((f: { feature: string }) => f.feature === "session-replay").links.map((l: { platform: string }) => l.platform)).toContain("javascript-react");
    expect(await expectJson(await client("GET", `/api/v1/pocs/${id}/tech-stack`), 200)).toEqual(stack);
  });
});

describe("POC API: the share link and the customer", () => {
  const MARKER = "INTERNAL-MARKER-7f3a";

  async function setUp() {
    const se = await cookieClient("SE", "Sally SE");
    const a = await createPoc(se.client);
    const b = await createPoc(se.client);
    for (const ws of [a, b]) {
      await expectJson(await se.client("PATCH", `/api/v1/pocs/${ws.poc.id}`, { version: 1, internalNotes: `${MARKER} they are also trialling a competitor` }), 200);
      await expectJson(await se.client("POST", `/api/v1/pocs/${ws.poc.id}/team`, { name: "Sally", side: "SENTRY" }), 201);
      await expectJson(await se.client("POST", `/api/v1/pocs/${ws.poc.id}/team`, { name: "Carol", side: "CUSTOMER", email: "carol@acme.example.com" }), 201);
    }
    const link = await expectJson(await se.client("POST", `/api/v1/pocs/${a.poc.id}/share-link`, {}), 201);
    return { se, a, b, link };
  }

  /** Customer answers: never internal notes or the activity log. */
  function expectNothingInternal(text: string) {
    expect(text).not.toContain(MARKER);
    expect(text).not.toContain("internalNotes");
    expect(text).not.toContain("activity");
    expect(text).not.toContain("created the POC from the templates");
  }

  async function customer(method: string, pathname: string, body: unknown, status: number) {
    const response = await anonymous(method, pathname, body);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    const text = await response.clone().text();
    expectNothingInternal(text);
    return expectJson(response, status);
  }

  it("works with the link: read, set the status of customer rows, add and edit the customer's team, confirm the stack", async () => {
    const { se, a, link } = await setUp();
    expect(link.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(link.url).toMatch(new RegExp(`/customer/${link.token}$`));
    expect(link.expiresAt).toBeNull();
    const base = `/api/v1/customer/${link.token}`;

    const view = await customer("GET", base, undefined, 200);
    expect(view.poc).toMatchObject({ id: a.poc.id, customerName: a.poc.customerName, owner: { name: "Sally SE" } });
    expect(view.poc.owner.id).toBeUndefined();
    expect(view.milestones).toHaveLength(a.milestones.length);
    expect(view.phases[0].tasks.length).toBeGreaterThan(0);
    expect(view.techStack).toMatchObject({ platforms: [], links: [] });
    expect(view.progress.overall.total).toBeGreaterThan(0);

    const mine = view.milestones.find((m: { side: string }) => m.side === "CUSTOMER");
    const theirs = view.milestones.find((m: { side: string }) => m.side === "SENTRY");
    expect(mine.customerEditable).toBe(true);
    expect(theirs.customerEditable).toBe(false);

    const done = await customer("PATCH", `${base}/milestones/${mine.id}`, { version: mine.version, status: "COMPLETED" }, 200);
    expect(done).toMatchObject({ id: mine.id, status: "COMPLETED", updatedBy: "customer", version: mine.version + 1 });
    const stale = await customer("PATCH", `${base}/milestones/${mine.id}`, { version: mine.version, status: "BLOCKED" }, 409);
    expect(stale).toMatchObject({ error: "conflict", current: { status: "COMPLETED" } });
    expect((await prisma.pocMilestone.findUniqueOrThrow({ where: { id: mine.id } })).status).toBe("COMPLETED");

    // Sentry's milestone: 403, and only the status may be set.
    expect((await customer("PATCH", `${base}/milestones/${theirs.id}`, { version: theirs.version, status: "COMPLETED" }, 403)).error).toBe("forbidden");
    expect((await prisma.pocMilestone.findUniqueOrThrow({ where: { id: theirs.id } })).status).toBe("NOT_STARTED");
    expect(Object.keys((await customer("PATCH", `${base}/milestones/${mine.id}`, { version: mine.version + 1, title: "Renamed" }, 400)).fields).sort()).toEqual(["status", "title"]);

    const tasks = view.phases.flatMap((p: { tasks: unknown[] }) => p.tasks) as { id: string; side: string; version: number }[];
    const myTask = tasks.find((t) => t.side === "CUSTOMER")!;
    const sentryTask = tasks.find((t) => t.side === "SENTRY")!;
    expect(await customer("PATCH", `${base}/tasks/${myTask.id}`, { version: myTask.version, status: "IN_PROGRESS" }, 200)).toMatchObject({ status: "IN_PROGRESS", customerEditable: true });
    await customer("PATCH", `${base}/tasks/${sentryTask.id}`, { version: sentryTask.version, status: "COMPLETED" }, 403);

    const added = await customer("POST", `${base}/team`, { name: "Dave", role: "Developer" }, 201);
    expect(added).toMatchObject({ name: "Dave", role: "Developer", side: "CUSTOMER", updatedBy: "customer" });
    expect(await customer("PATCH", `${base}/team/${added.id}`, { version: 1, email: "dave@acme.example.com" }, 200)).toMatchObject({ email: "dave@acme.example.com", version: 2 });
    const sally = view.team.find((m: { side: string }) => m.side === "SENTRY");
    await customer("PATCH", `${base}/team/${sally.id}`, { version: sally.version, name: "Not Sally" }, 403);
    expect(Object.keys((await customer("POST", `${base}/team`, { name: "Eve", side: "SENTRY" }, 400)).fields)).toEqual(["side"]);

    const stack = await customer("PUT", `${base}/tech-stack`, { platforms: ["node-express"], notes: "Also some Go" }, 200);
    expect(stack).toMatchObject({ platforms: ["node-express"], notes: "Also some Go", confirmedBy: "customer" });
    expect(stack.links[0].id).toBe("node-express");
    expect(Object.keys((await customer("PUT", `${base}/tech-stack`, { platforms: ["node-express", "brainfuck"] }, 400)).fields)).toEqual(["platforms[1]"]);

    // The SE sees what the customer did, marked as theirs.
    const ws = await expectJson(await se.client("GET", `/api/v1/pocs/${a.poc.id}`), 200);
    expect(ws.poc.shareLink).toMatchObject({ url: link.url, expiresAt: null, expired: false });
    expect(ws.techStack.platforms).toEqual(["node-express"]);
    const byCustomer = ws.activity.filter((x: { byCustomer: boolean }) => x.byCustomer);
    expect(byCustomer.length).toBeGreaterThanOrEqual(5);
    expect(byCustomer.every((x: { actor: string }) => x.actor === "customer")).toBe(true);

    // Everything the customer can read, once more, after all those writes.
    expectNothingInternal(await (await anonymous("GET", base)).text());
  });

  it("keeps a POC's token away from another POC's rows", async () => {
    const { se, b, link } = await setUp();
    const base = `/api/v1/customer/${link.token}`;
    const theirs = await expectJson(await se.client("GET", `/api/v1/pocs/${b.poc.id}`), 200);
    const milestone = theirs.milestones.find((m: { side: string }) => m.side === "CUSTOMER");
    const task = theirs.phases.flatMap((p: { tasks: unknown[] }) => p.tasks).find((t: { side: string }) => t.side === "CUSTOMER");
    const member = theirs.team.find((m: { side: string }) => m.side === "CUSTOMER");

    for (const [pathname, body] of [
      [`${base}/milestones/${milestone.id}`, { version: milestone.version, status: "COMPLETED" }],
      [`${base}/tasks/${task.id}`, { version: task.version, status: "COMPLETED" }],
      [`${base}/team/${member.id}`, { version: member.version, name: "Hijacked" }],
    ] as const) {
      expect(await customer("PATCH", pathname, body, 404)).toEqual({ error: "not_found", message: "Not found." });
    }
    const after = await expectJson(await se.client("GET", `/api/v1/pocs/${b.poc.id}`), 200);
    expect(after.milestones).toEqual(theirs.milestones);
    expect(after.phases).toEqual(theirs.phases);
    expect(after.team).toEqual(theirs.team);
  });

  it("stops the old token at once on regenerate and revoke, on every customer endpoint; expired links are gone too", async () => {
    const { se, a, link } = await setUp();
    const ws = await expectJson(await se.client("GET", `/api/v1/pocs/${a.poc.id}`), 200);
    const ids = {
      token: link.token,
      milestones: ws.milestones.find((m: { side: string }) => m.side === "CUSTOMER").id,
      tasks: ws.phases.flatMap((p: { tasks: unknown[] }) => p.tasks).find((t: { side: string }) => t.side === "CUSTOMER").id,
      team: ws.team.find((m: { side: string }) => m.side === "CUSTOMER").id,
    };
    const expectGone = async (token: string, why: string) => {
      const notFound = [];
      for (const { method, path: template, body } of POC_CUSTOMER_ENDPOINTS) {
        const response = await anonymous(method, fill(template, { ...ids, token }), body);
        expect(response.headers.get("Cache-Control"), `${why}: ${method} ${template}`).toBe("no-store");
        notFound.push(await expectJson(response, 404));
      }
      expect(new Set(notFound.map((x) => JSON.stringify(x)))).toEqual(new Set([JSON.stringify({ error: "not_found", message: "Not found." })]));
    };

    await customer("GET", `/api/v1/customer/${link.token}`, undefined, 200);
    const fresh = await expectJson(await se.client("POST", `/api/v1/pocs/${a.poc.id}/share-link`, { expiresAt: "2099-12-31" }), 201);
    expect(fresh.token).not.toBe(link.token);
    expect(fresh.expiresAt).toBe("2099-12-31T23:59:59.999Z");
    await expectGone(link.token, "regenerated");
    await customer("GET", `/api/v1/customer/${fresh.token}`, undefined, 200);

    expect(await expectJson(await se.client("DELETE", `/api/v1/pocs/${a.poc.id}/share-link`), 200)).toEqual({ revoked: true });
    await expectGone(fresh.token, "revoked");
    expect((await expectJson(await se.client("GET", `/api/v1/pocs/${a.poc.id}`), 200)).poc.shareLink).toBeNull();

    const third = await expectJson(await se.client("POST", `/api/v1/pocs/${a.poc.id}/share-link`, { expiresAt: new Date(Date.now() + 60_000).toISOString() }), 201);
    await customer("GET", `/api/v1/customer/${third.token}`, undefined, 200);
    await prisma.poc.update({ where: { id: a.poc.id }, data: { shareExpiresAt: new Date(Date.now() - 1000) } });
    await expectGone(third.token, "expired");
    await expectGone("x".repeat(32), "unknown");

    // None of those writes happened.
    const after = await expectJson(await se.client("GET", `/api/v1/pocs/${a.poc.id}`), 200);
    expect(after.milestones).toEqual(ws.milestones);
    expect(after.team).toEqual(ws.team);
    expect(after.techStack.platforms).toEqual([]);
  });
});
