/**
 * One rule per POC field (decision 021), over HTTP against the built app: every
 * path that writes a field (the staff workspace cell, the staff add and create
 * forms, the customer portal's forms, the staff and customer JSON API) accepts
 * and refuses the same values, at the limit, one over, and with a bad date,
 * domain, email or status, and refuses them with the same message. Also: a row
 * written through the API with a long title can be saved again from its cell,
 * and API edits reach the staff activity feed in words, not raw enum values.
 */
import { describe, expect, it } from "vitest";
import { createApiToken } from "~/modules/accounts/api-tokens.server.ts";
import { LIMITS } from "~/modules/poc/fields.ts";
import { createPoc, regenerateShareLink, type RowKind } from "~/modules/poc/poc.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { Browser, visibleText } from "../support/app.ts";
import { signedInBrowser } from "../support/signed-in.ts";

// ───────────── the paths ─────────────

/** What one path made of one value: accepted, or refused with the message it showed. */
type Outcome = { ok: true } | { ok: false; message?: string; text?: string };
type Path = (value: string) => Promise<Outcome>;

async function staffSession() {
  const { user, browser } = await signedInBrowser("SE", { name: "Field Tester" });
  const { token } = await createApiToken(user.id, "poc-fields test");
  return { user, browser, token };
}
type Staff = Awaited<ReturnType<typeof staffSession>>;

let counter = 0;
/** A POC from the templates with one team member on each side and a customer link. */
async function makePoc(staff: Staff) {
  counter += 1;
  const actor = { kind: "staff" as const, userId: staff.user.id, name: staff.user.name };
  const poc = await createPoc({ customerName: `Fields ${counter}`, accountDomain: `fields-${counter}.example.com`, ownerId: staff.user.id, startDate: new Date("2030-01-06"), endDate: new Date("2030-02-06"), goals: "" }, actor);
  await prisma.pocTeamMember.createMany({
    data: [
      { pocId: poc.id, position: 0, side: "SENTRY", name: "Avery Account" },
      { pocId: poc.id, position: 1, side: "CUSTOMER", name: "Jamie Rivera", email: "jamie@acme.example", role: "Lead" },
    ],
  });
  const token = await regenerateShareLink(poc.id, null, actor);
  const full = await prisma.poc.findUniqueOrThrow({ where: { id: poc.id }, include: { milestones: true, phases: true, tasks: true, criteria: true, team: true } });
  return {
    id: poc.id,
    token,
    milestone: full.milestones.find((m) => m.side === "CUSTOMER")!,
    phase: full.phases[0],
    criterion: full.criteria[0],
    customerMember: full.team.find((m) => m.side === "CUSTOMER")!,
  };
}
type Poc = Awaited<ReturnType<typeof makePoc>>;

async function versionOf(kind: RowKind | "poc", id: string): Promise<number> {
  const where = { where: { id }, select: { version: true } };
  const row = await {
    milestone: () => prisma.pocMilestone.findUniqueOrThrow(where),
    task: () => prisma.pocTask.findUniqueOrThrow(where),
    phase: () => prisma.pocPhase.findUniqueOrThrow(where),
    criterion: () => prisma.pocCriterion.findUniqueOrThrow(where),
    member: () => prisma.pocTeamMember.findUniqueOrThrow(where),
    poc: () => prisma.poc.findUniqueOrThrow(where),
  }[kind]();
  return row.version;
}

async function json(response: Response, field: string, okStatus: number): Promise<Outcome> {
  const text = await response.text();
  if (response.status === okStatus) return { ok: true };
  expect(response.status, text.slice(0, 300)).toBe(400);
  const body = JSON.parse(text) as { fields?: Record<string, string[]> };
  return { ok: false, message: body.fields?.[field]?.[0] };
}

async function page(response: Response, okStatuses: number[]): Promise<Outcome> {
  const text = visibleText(await response.text());
  if (okStatuses.includes(response.status)) return { ok: true };
  expect(response.status, text.slice(0, 300)).toBe(400);
  return { ok: false, text };
}

function sendJson(token: string | null, method: string, path: string, body: unknown) {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (token) headers.Authorization = `Bearer ${token}`;
  return new Browser().request(path, { method, headers, body: JSON.stringify(body) });
}

const API_ROW = { milestone: "milestones", phase: "phases", task: "tasks", criterion: "success-criteria", member: "team" } as const;

/** The workspace tab that shows each kind's cells (the answer to a cell is shown there). */
const TAB = { milestone: "/plan", task: "/phases", phase: "/phases", criterion: "/criteria", member: "/team", poc: "" } as const;

/** The staff workspace cell of one field of a row (or of the POC itself). */
const staffCell = (staff: Staff, poc: Poc, kind: RowKind | "poc", id: string, field: string): Path => async (value) =>
  page(await staff.browser.post(`/staff/pocs/${poc.id}${TAB[kind]}`, { intent: "edit", kind, id, version: String(await versionOf(kind, id)), field, value }), [200]);

/** The staff JSON API's PATCH of one field of a row (or of the POC itself). */
const apiPatch = (staff: Staff, poc: Poc, kind: RowKind | "poc", id: string, field: string): Path => async (value) => {
  const path = kind === "poc" ? `/api/v1/pocs/${poc.id}` : `/api/v1/pocs/${poc.id}/${API_ROW[kind]}/${id}`;
  return json(await sendJson(staff.token, "PATCH", path, { version: await versionOf(kind, id), [field]: value }), field, 200);
};

/** The staff add form of a kind of row: `base` fills the other required fields. */
const staffAdd = (staff: Staff, poc: Poc, kind: string, base: Record<string, string>, field: string): Path => async (value) =>
  page(await staff.browser.post(`/staff/pocs/${poc.id}${TAB[kind as RowKind]}`, { intent: "add", kind, ...base, [field]: value }), [302]);

/** The staff JSON API's POST of a kind of row. */
const apiAdd = (staff: Staff, poc: Poc, kind: Exclude<RowKind, "task">, base: Record<string, string>, field: string): Path => async (value) =>
  json(await sendJson(staff.token, "POST", `/api/v1/pocs/${poc.id}/${API_ROW[kind]}`, { ...base, [field]: value }), field, 201);

/**
 * Runs every value through every path: each path accepts exactly the values
 * marked `ok`, and a refused value is refused with the same message everywhere
 * (the API's message, shown on the pages too).
 */
async function expectSameRule(paths: Record<string, Path>, values: { value: string; ok: boolean }[]) {
  for (const { value, ok } of values) {
    const shown = value.length > 20 ? `${value.length} characters` : JSON.stringify(value);
    const outcomes = Object.entries(paths);
    const results: [string, Outcome][] = [];
    for (const [name, path] of outcomes) results.push([name, await path(value)]);
    for (const [name, outcome] of results) expect(outcome.ok, `${name} with ${shown}`).toBe(ok);
    if (ok) continue;
    const messages = new Set(results.flatMap(([, o]) => (!o.ok && o.message ? [o.message] : [])));
    expect(messages.size, `one message for ${shown}: ${[...messages].join(" | ")}`).toBe(1);
    const [message] = messages;
    for (const [name, outcome] of results) if (!outcome.ok && outcome.text !== undefined) expect(outcome.text, `${name} with ${shown}`).toContain(message);
  }
}

const text = (max: number, { required = true } = {}) => [
  { value: "x".repeat(max), ok: true },
  { value: "x".repeat(max + 1), ok: false },
  ...(required ? [{ value: "   ", ok: false }] : [{ value: "", ok: true }]),
];

// ───────────── the fields ─────────────

// Hundreds of requests, each a whole page or an API answer: slow on a busy machine.
describe("one rule per POC field, on every path", { timeout: 180_000 }, () => {
  it("milestone title, owner, due date, status and side", async () => {
    const staff = await staffSession();
    const poc = await makePoc(staff);
    const m = poc.milestone.id;
    const base = { title: "A milestone", side: "SENTRY" };
    for (const [field, values] of [
      ["title", text(LIMITS.title)],
      ["owner", text(LIMITS.owner, { required: false })],
      ["dueDate", [{ value: "2030-02-28", ok: true }, { value: "", ok: true }, { value: "2030-02-30", ok: false }, { value: "next week", ok: false }]],
      ["side", [{ value: "CUSTOMER", ok: true }, { value: "PARTNER", ok: false }]],
    ] as const) {
      await expectSameRule(
        { cell: staffCell(staff, poc, "milestone", m, field), api: apiPatch(staff, poc, "milestone", m, field), addForm: staffAdd(staff, poc, "milestone", base, field), apiAdd: apiAdd(staff, poc, "milestone", base, field) },
        [...values],
      );
    }
    // The status: staff and the customer (the milestone is on the customer's side).
    const statusForm: Path = async (value) =>
      page(await new Browser().post(`/customer/${poc.token}/plan`, { intent: "status", kind: "milestone", id: m, version: String(await versionOf("milestone", m)), status: value }), [303]);
    const statusApi: Path = async (value) => json(await sendJson(null, "PATCH", `/api/v1/customer/${poc.token}/milestones/${m}`, { version: await versionOf("milestone", m), status: value }), "status", 200);
    await expectSameRule(
      { cell: staffCell(staff, poc, "milestone", m, "status"), api: apiPatch(staff, poc, "milestone", m, "status"), customerApi: statusApi },
      [{ value: "COMPLETED", ok: true }, { value: "DONE", ok: false }],
    );
    // The customer's status form answers its own short message; it accepts and refuses the same values.
    for (const { value, ok } of [{ value: "IN_PROGRESS", ok: true }, { value: "DONE", ok: false }]) expect((await statusForm(value)).ok, value).toBe(ok);
  });

  it("phase name and description, criterion title, description and feature", async () => {
    const staff = await staffSession();
    const poc = await makePoc(staff);
    for (const [field, values] of [
      ["name", text(LIMITS.phaseName)],
      ["description", text(LIMITS.description, { required: false })],
    ] as const) {
      await expectSameRule(
        {
          cell: staffCell(staff, poc, "phase", poc.phase.id, field),
          api: apiPatch(staff, poc, "phase", poc.phase.id, field),
          addForm: staffAdd(staff, poc, "phase", { name: "A phase" }, field),
          apiAdd: apiAdd(staff, poc, "phase", { name: "A phase" }, field),
        },
        [...values],
      );
    }
    const c = poc.criterion.id;
    for (const [field, values] of [
      ["title", text(LIMITS.title)],
      ["description", text(LIMITS.description, { required: false })],
      ["feature", [{ value: "tracing", ok: true }, { value: "", ok: true }, { value: "telepathy", ok: false }]],
    ] as const) {
      await expectSameRule(
        {
          cell: staffCell(staff, poc, "criterion", c, field),
          api: apiPatch(staff, poc, "criterion", c, field),
          addForm: staffAdd(staff, poc, "criterion", { title: "A criterion" }, field),
          apiAdd: apiAdd(staff, poc, "criterion", { title: "A criterion" }, field),
        },
        [...values],
      );
    }
  });

  it("team member name, email and role: staff and customer, pages and API", async () => {
    const email = (length: number) => `${"a".repeat(64)}@${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(length - 64 - 1 - 64 - 64 - 4)}.com`;
    expect(email(LIMITS.email)).toHaveLength(LIMITS.email);
    for (const [field, values] of [
      ["name", text(LIMITS.memberName)],
      ["email", [{ value: "riley@acme.example", ok: true }, { value: email(LIMITS.email), ok: true }, { value: email(LIMITS.email + 1), ok: false }, { value: "riley-at-acme", ok: false }]],
      ["role", text(LIMITS.role, { required: false })],
    ] as const) {
      // A POC per field: the customer link's writes are rate limited.
      const staff = await staffSession();
      const poc = await makePoc(staff);
      const member = poc.customerMember.id;
      const base = { name: "Riley Chen", email: "", role: "" };
      const customerForm = (intent: "add-member" | "edit-member"): Path => async (value) => {
        const row: Record<string, string> = intent === "edit-member" ? { id: member, version: String(await versionOf("member", member)) } : {};
        return page(await new Browser().post(`/customer/${poc.token}/team`, { intent, ...row, ...base, [field]: value }), intent === "add-member" ? [302] : [303]);
      };
      await expectSameRule(
        {
          cell: staffCell(staff, poc, "member", member, field),
          api: apiPatch(staff, poc, "member", member, field),
          addForm: staffAdd(staff, poc, "member", { ...base, side: "SENTRY" }, field),
          apiAdd: apiAdd(staff, poc, "member", { name: "Riley Chen", side: "SENTRY" }, field),
          customerAddForm: customerForm("add-member"),
          customerEditForm: customerForm("edit-member"),
          customerApiAdd: async (value) => json(await sendJson(null, "POST", `/api/v1/customer/${poc.token}/team`, { name: "Riley Chen", [field]: value }), field, 201),
          customerApiEdit: async (value) => json(await sendJson(null, "PATCH", `/api/v1/customer/${poc.token}/team/${member}`, { version: await versionOf("member", member), [field]: value }), field, 200),
        },
        [...values],
      );
    }
  });

  it("the POC's customer name, account domain, dates, goals and logo: the create form, the cells and the API", async () => {
    const staff = await staffSession();
    const poc = await makePoc(staff);
    const base = { customerName: "Created", accountDomain: "created.example.com", ownerId: staff.user.id };
    const createForm = (field: string): Path => async (value) => page(await staff.browser.post("/staff/pocs/new", { ...base, [field]: value }), [302]);
    const apiCreate = (field: string): Path => async (value) => json(await sendJson(staff.token, "POST", "/api/v1/pocs", { customerName: "Created", accountDomain: "created.example.com", [field]: value }), field, 201);
    for (const [field, values] of [
      ["customerName", text(LIMITS.customerName)],
      ["accountDomain", [{ value: "acme.co.uk", ok: true }, { value: "https://WWW.Acme.com/path", ok: true }, { value: "xn--80ak6aa92e.com", ok: true }, { value: "not a domain", ok: false }, { value: "acme", ok: false }, { value: " ", ok: false }]],
      ["goals", text(LIMITS.goals, { required: false })],
    ] as const) {
      await expectSameRule({ cell: staffCell(staff, poc, "poc", poc.id, field), api: apiPatch(staff, poc, "poc", poc.id, field), createForm: createForm(field), apiCreate: apiCreate(field) }, [...values]);
    }
    // Dates: the create form takes a day (empty means none); the cell and the API can also clear one.
    await expectSameRule(
      { cell: staffCell(staff, poc, "poc", poc.id, "endDate"), api: apiPatch(staff, poc, "poc", poc.id, "endDate"), createForm: createForm("endDate"), apiCreate: apiCreate("endDate") },
      [{ value: "2030-03-01", ok: true }, { value: "2030-02-30", ok: false }, { value: "1 March", ok: false }],
    );
    await expectSameRule({ cell: staffCell(staff, poc, "poc", poc.id, "internalNotes"), api: apiPatch(staff, poc, "poc", poc.id, "internalNotes") }, text(LIMITS.internalNotes, { required: false }));
    // The customer's logo (decision 031): an https address or nothing, the same from the Details cell and the API.
    await expectSameRule({ cell: staffCell(staff, poc, "poc", poc.id, "customerLogoUrl"), api: apiPatch(staff, poc, "poc", poc.id, "customerLogoUrl") }, [
      { value: "https://cdn.acme.example/logo.svg", ok: true },
      { value: "", ok: true },
      { value: "http://cdn.acme.example/logo.svg", ok: false },
      { value: "javascript:alert(1)", ok: false },
      { value: "/media/logo.png", ok: false },
    ]);
    // The end before the start: the same message from the cell and the API.
    await expectSameRule({ cell: staffCell(staff, poc, "poc", poc.id, "endDate"), api: apiPatch(staff, poc, "poc", poc.id, "endDate") }, [{ value: "2029-01-01", ok: false }]);
  });
});

describe("what was written through one path can be saved through the others", () => {
  it("saves again from its cell a milestone the API created with a 250-character title", async () => {
    const staff = await staffSession();
    const poc = await makePoc(staff);
    const title = `Security review ${"x".repeat(250 - 16)}`;
    expect(title).toHaveLength(250);
    const created = await sendJson(staff.token, "POST", `/api/v1/pocs/${poc.id}/milestones`, { title, side: "CUSTOMER" });
    expect(created.status).toBe(201);
    const { id, version } = (await created.json()) as { id: string; version: number };
    const saved = await staff.browser.post(`/staff/pocs/${poc.id}/plan`, { intent: "edit", kind: "milestone", id, version: String(version), field: "title", value: `${title.slice(0, -1)}!`, original: title });
    expect(saved.status).toBe(200);
    expect(visibleText(await saved.text())).toContain("Saved");
    expect(await prisma.pocMilestone.findUniqueOrThrow({ where: { id } })).toMatchObject({ title: `${title.slice(0, -1)}!`, version: version + 1 });
  });
});

describe("the activity log as data", () => {
  it("words API edits in the staff feed and the API's summary: statuses and sides in words, never raw enum values", async () => {
    const staff = await staffSession();
    const poc = await makePoc(staff);
    const m = poc.milestone;
    const one = await sendJson(staff.token, "PATCH", `/api/v1/pocs/${poc.id}/milestones/${m.id}`, { version: m.version, status: "COMPLETED" });
    expect(one.status).toBe(200);
    const several = await sendJson(staff.token, "PATCH", `/api/v1/pocs/${poc.id}/milestones/${m.id}`, { version: m.version + 1, status: "BLOCKED", side: "SENTRY", dueDate: "2030-03-05" });
    expect(several.status).toBe(200);

    const overview = visibleText(await (await staff.browser.get(`/staff/pocs/${poc.id}`)).text());
    expect(overview).toContain(`Field Tester set the status of milestone “${m.title}” to Completed`);
    expect(overview).toContain(`Field Tester updated milestone “${m.title}”: side Sentry, due date 2030-03-05, status Blocked`);
    for (const raw of ["COMPLETED", "BLOCKED", "SENTRY", "dueDate"]) expect(overview).not.toContain(raw);

    const ws = (await (await sendJson(staff.token, "GET", `/api/v1/pocs/${poc.id}`, undefined)).json()) as { activity: { summary: string }[] };
    expect(ws.activity[0].summary).toBe(`updated milestone “${m.title}”: side Sentry, due date 2030-03-05, status Blocked`);
    expect(ws.activity[1].summary).toBe(`set the status of milestone “${m.title}” to Completed`);

    const stored = await prisma.pocActivity.findMany({ where: { pocId: poc.id, data: { path: ["action"], equals: "edited" } }, orderBy: { at: "asc" } });
    expect(stored.map((a) => a.data)).toEqual([
      { action: "edited", row: { kind: "milestone", title: m.title }, changes: [{ field: "status", old: "NOT_STARTED", new: "COMPLETED" }] },
      {
        action: "edited",
        row: { kind: "milestone", title: m.title },
        changes: [
          { field: "side", old: "CUSTOMER", new: "SENTRY" },
          { field: "dueDate", old: m.dueDate?.toISOString().slice(0, 10) ?? null, new: "2030-03-05" },
          { field: "status", old: "COMPLETED", new: "BLOCKED" },
        ],
      },
    ]);
  });

  it("shows a line stored before the log kept data as it was stored", async () => {
    const staff = await staffSession();
    const poc = await makePoc(staff);
    await prisma.pocActivity.create({ data: { pocId: poc.id, actor: "Old Timer", summary: "did something the old way", at: new Date(Date.now() + 60_000) } });
    expect(visibleText(await (await staff.browser.get(`/staff/pocs/${poc.id}`)).text())).toContain("Old Timer did something the old way");
  });
});
