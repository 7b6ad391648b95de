/**
 * OpenAPI path items of the POC Portal API: the staff endpoints under
 * /api/v1/pocs (app/routes/api.v1.pocs*.ts) and the customer's share-link
 * endpoints under /api/v1/customer/{token} (app/routes/api.v1.customer.*.ts).
 * Shared schemas (`Error`, `ValidationError`) and the security schemes live in
 * openapi.ts. The field rules mirror app/modules/poc/api.server.ts.
 */
import { FEATURE_SLUGS } from "~/modules/academy/taxonomy.ts";
import { ITEM_STATUSES, POC_STATUSES } from "~/modules/poc/progress.ts";
import type { OperationObject, ParameterObject, PathItems, ResponseObject, SchemaObject } from "./openapi.ts";
import { pageInfoSchema } from "./openapi-academy.ts";

const STAFF = "POC Portal";
const CUSTOMER = "Customer portal";
const STAFF_ONLY = "For solutions engineers and admins.";
/** The customer endpoints are authorized by the share token in the path alone. */
const noAuth: Record<string, string[]>[] = [];

const json = (schema: SchemaObject, example?: unknown) => ({ "application/json": { schema, ...(example === undefined ? {} : { example }) } });
const body = (schema: SchemaObject, description?: string) => ({ required: true, ...(description ? { description } : {}), content: json(schema) });
const ok = (description: string, schema: SchemaObject): ResponseObject => ({ description, content: json(schema) });

// ───────────── field schemas ─────────────

const errorRef = { $ref: "#/components/schemas/Error" };
const STATUS_VALUES = ITEM_STATUSES.map((s) => s.value);
const POC_STATUS_VALUES = POC_STATUSES.map((s) => s.value);
const itemStatus: SchemaObject = { type: "string", enum: STATUS_VALUES, description: "`COMPLETED` counts as done for progress; `BLOCKED` does not." };
const pocStatus: SchemaObject = { type: "string", enum: POC_STATUS_VALUES };
const side: SchemaObject = { type: "string", enum: ["SENTRY", "CUSTOMER"], description: "Which side owns it. The customer can only change rows on the `CUSTOMER` side." };
const day = (description: string): SchemaObject => ({ type: ["string", "null"], format: "date", description: `${description} A calendar day, \`YYYY-MM-DD\`.` });
const timestamp = (description: string): SchemaObject => ({ type: "string", format: "date-time", description });
const nullableTimestamp = (description: string): SchemaObject => ({ type: ["string", "null"], format: "date-time", description });
const text = (description: string, maxLength?: number): SchemaObject => ({ type: "string", description, ...(maxLength ? { maxLength } : {}) });
const version: SchemaObject = {
  type: "integer",
  minimum: 1,
  description: "Goes up by one with every change. Send back the version you read: if the row changed since, nothing is written and you get a 409 with the current row.",
};
const updatedBy: SchemaObject = { type: ["string", "null"], description: "Who made the last change: a staff member's name, or `customer` for a change made through the share link." };
const overdue: SchemaObject = { type: "boolean", description: "Due before today (UTC) and not completed." };
const customerEditable: SchemaObject = { type: "boolean", description: "Whether the customer may change it through the share link (their side)." };

const progress: SchemaObject = {
  type: "object",
  required: ["done", "total", "percent"],
  properties: { done: { type: "integer" }, total: { type: "integer" }, percent: { type: "integer", minimum: 0, maximum: 100, description: "Rounded." } },
};

const rowCommon = (extra: Record<string, SchemaObject>): Record<string, SchemaObject> => ({
  id: { type: "string" },
  position: { type: "integer", description: "Order among its siblings, from 0." },
  ...extra,
  version,
  updatedAt: timestamp("When it last changed."),
});

function milestoneSchema(audience: "staff" | "customer"): SchemaObject {
  return {
    type: "object",
    required: ["id", "position", "title", "owner", "side", "dueDate", "status", "overdue", "version", "updatedAt", "updatedBy", ...(audience === "customer" ? ["customerEditable"] : [])],
    properties: rowCommon({
      title: text("What is to be done."),
      owner: text("Who does it (a person or a role)."),
      side,
      dueDate: day("When it is due, or null."),
      status: itemStatus,
      overdue,
      ...(audience === "customer" ? { customerEditable } : {}),
      updatedBy,
    }),
  };
}

function taskSchema(audience: "staff" | "customer"): SchemaObject {
  const schema = milestoneSchema(audience);
  return { ...schema, required: [...schema.required!, "phaseId"], properties: { phaseId: { type: "string", description: "The phase the task belongs to." }, ...schema.properties } };
}

function phaseSchema(audience: "staff" | "customer", withTasks: boolean): SchemaObject {
  return {
    type: "object",
    required: ["id", "position", "name", "description", "version", "updatedAt", ...(withTasks ? ["progress", "tasks"] : [])],
    properties: rowCommon({
      name: text("The phase's name, e.g. “Setup”."),
      description: text("What the phase is for."),
      ...(withTasks ? { progress: { ...progress, description: "Completed tasks of the phase." }, tasks: { type: "array", items: taskSchema(audience) } } : {}),
    }),
  };
}

const criterionSchema: SchemaObject = {
  type: "object",
  required: ["id", "position", "title", "description", "feature", "status", "version", "updatedAt", "updatedBy"],
  properties: rowCommon({
    title: text("What success looks like."),
    description: text("Details."),
    feature: { type: ["string", "null"], enum: [...FEATURE_SLUGS, null], description: "The Sentry feature it proves, for documentation links." },
    status: itemStatus,
    updatedBy,
  }),
};

function memberSchema(audience: "staff" | "customer"): SchemaObject {
  return {
    type: "object",
    required: ["id", "position", "side", "name", "email", "role", "version", "updatedAt", "updatedBy", ...(audience === "customer" ? ["customerEditable"] : [])],
    properties: rowCommon({
      side,
      name: text("The person's name."),
      email: text("Their email address, or empty."),
      role: text("Their role, e.g. “Engineering lead”, or empty."),
      ...(audience === "customer" ? { customerEditable } : {}),
      updatedBy,
    }),
  };
}

const techStackSchema: SchemaObject = {
  type: "object",
  required: ["platforms", "notes", "confirmedAt", "confirmedBy", "links", "featureLinks"],
  properties: {
    platforms: { type: "array", items: { type: "string" }, description: "Sentry platform ids, e.g. `javascript-react`, `python-django`." },
    notes: text("Anything else about the stack."),
    confirmedAt: nullableTimestamp("When the stack was last confirmed; null if never."),
    confirmedBy: { type: ["string", "null"], description: "Who confirmed it: a staff member's name or `customer`." },
    links: {
      type: "array",
      description: "The Sentry documentation of each platform.",
      items: {
        type: "object",
        required: ["id", "name", "language", "type", "docsUrl"],
        properties: { id: { type: "string" }, name: { type: "string" }, language: { type: "string" }, type: { type: "string" }, docsUrl: { type: "string", format: "uri" } },
      },
    },
    featureLinks: {
      type: "array",
      description: "For each feature named by a success criterion: its documentation on the platforms where it applies.",
      items: {
        type: "object",
        required: ["feature", "label", "criteria", "links", "notApplicable"],
        properties: {
          feature: { type: "string" },
          label: { type: "string" },
          criteria: { type: "array", items: { type: "string" }, description: "Titles of the success criteria that name the feature." },
          links: {
            type: "array",
            items: {
              type: "object",
              required: ["platform", "platformName", "url"],
              properties: { platform: { type: "string" }, platformName: { type: "string" }, url: { type: "string", format: "uri" } },
            },
          },
          notApplicable: {
            type: "array",
            items: { type: "object", required: ["platformName", "reason"], properties: { platformName: { type: "string" }, reason: { type: "string" } } },
          },
        },
      },
    },
  },
};

const techStackInput: SchemaObject = {
  type: "object",
  required: ["platforms"],
  additionalProperties: false,
  properties: {
    platforms: { type: "array", maxItems: 50, items: { type: "string" }, description: "Sentry platform ids. An unknown one is a 400 naming it (`platforms[2]`). Duplicates are dropped." },
    notes: text("Anything else about the stack. Empty when left out.", 5000),
  },
};

const pocSchema: SchemaObject = {
  type: "object",
  required: ["id", "customerName", "accountDomain", "status", "startDate", "endDate", "goals", "internalNotes", "owner", "shareLink", "techStack", "version", "createdAt", "updatedAt"],
  properties: {
    id: { type: "string" },
    customerName: text("The customer's company."),
    accountDomain: text("The customer's domain, e.g. `acme.com`."),
    status: pocStatus,
    startDate: day("First day of the POC, or null."),
    endDate: day("Last day of the POC, or null."),
    goals: text("What the customer wants to prove."),
    internalNotes: text("Staff only: never shown to the customer."),
    owner: { type: "object", required: ["id", "name", "email"], properties: { id: { type: "string" }, name: { type: "string" }, email: { type: "string", format: "email" } } },
    shareLink: {
      type: ["object", "null"],
      description: "The customer's link, or null when there is none (never created, or revoked).",
      required: ["url", "expiresAt", "expired"],
      properties: { url: { type: "string", format: "uri" }, expiresAt: nullableTimestamp("When it stops working; null for never."), expired: { type: "boolean" } },
    },
    techStack: {
      type: "object",
      required: ["platforms", "notes", "confirmedAt", "confirmedBy"],
      properties: {
        platforms: { type: "array", items: { type: "string" } },
        notes: { type: "string" },
        confirmedAt: nullableTimestamp("When it was last confirmed."),
        confirmedBy: { type: ["string", "null"] },
      },
    },
    version,
    createdAt: timestamp("When it was created."),
    updatedAt: timestamp("When anything in it last changed."),
  },
};

const overallProgress: SchemaObject = {
  type: "object",
  required: ["overall", "milestones", "tasks", "criteria"],
  properties: {
    overall: { ...progress, description: "Every milestone, task and success criterion counts once." },
    milestones: progress,
    tasks: progress,
    criteria: progress,
  },
};

const workspaceSchema: SchemaObject = {
  type: "object",
  required: ["poc", "milestones", "phases", "criteria", "team", "techStack", "progress", "activity"],
  properties: {
    poc: pocSchema,
    milestones: { type: "array", items: milestoneSchema("staff"), description: "The mutual action plan, in order." },
    phases: { type: "array", items: phaseSchema("staff", true), description: "In order, each with its tasks in order." },
    criteria: { type: "array", items: criterionSchema, description: "Success criteria, in order." },
    team: { type: "array", items: memberSchema("staff"), description: "Sentry's side first, then the customer's, each in order." },
    techStack: techStackSchema,
    progress: overallProgress,
    activity: {
      type: "array",
      description: "The 30 latest changes, newest first.",
      items: {
        type: "object",
        required: ["id", "at", "actor", "byCustomer", "summary"],
        properties: { id: { type: "string" }, at: timestamp("When."), actor: { type: "string" }, byCustomer: { type: "boolean" }, summary: { type: "string" } },
      },
    },
  },
};

const pocListItem: SchemaObject = {
  type: "object",
  required: ["id", "customerName", "accountDomain", "status", "startDate", "endDate", "owner", "progress", "updatedAt"],
  properties: {
    id: { type: "string" },
    customerName: { type: "string" },
    accountDomain: { type: "string" },
    status: pocStatus,
    startDate: day("First day, or null."),
    endDate: day("Last day, or null."),
    owner: { type: "object", required: ["id", "name"], properties: { id: { type: "string" }, name: { type: "string" } } },
    progress: { ...progress, description: "Overall: every milestone, task and success criterion counts once." },
    updatedAt: timestamp("When anything in it last changed."),
  },
};

const customerViewSchema: SchemaObject = {
  type: "object",
  required: ["poc", "milestones", "phases", "criteria", "team", "techStack", "progress"],
  description: "Never internal notes, the activity log or the share token.",
  properties: {
    poc: {
      type: "object",
      required: ["id", "customerName", "accountDomain", "status", "startDate", "endDate", "goals", "owner", "version"],
      properties: {
        id: { type: "string" },
        customerName: { type: "string" },
        accountDomain: { type: "string" },
        status: pocStatus,
        startDate: day("First day, or null."),
        endDate: day("Last day, or null."),
        goals: { type: "string" },
        owner: { type: "object", required: ["name", "email"], description: "The Sentry solutions engineer running the POC.", properties: { name: { type: "string" }, email: { type: "string", format: "email" } } },
        version: version,
      },
    },
    milestones: { type: "array", items: milestoneSchema("customer") },
    phases: { type: "array", items: phaseSchema("customer", true) },
    criteria: { type: "array", items: criterionSchema },
    team: { type: "array", items: memberSchema("customer") },
    techStack: techStackSchema,
    progress: overallProgress,
  },
};

// ───────────── request bodies ─────────────

const req = (schema: SchemaObject, required: string[]): SchemaObject => ({ ...schema, required, additionalProperties: false });
const title = text("Can't be empty.", 300);
const ownerField = text("Who does it (a person or a role).", 200);
const dueDate = day("When it is due; null clears it.");

const ADD_BODIES = {
  milestone: req({ type: "object", properties: { title, owner: ownerField, side: { ...side, default: "SENTRY" }, dueDate } }, ["title"]),
  phase: req({ type: "object", properties: { name: text("Can't be empty.", 200), description: text("What the phase is for.", 2000) } }, ["name"]),
  task: req({ type: "object", properties: { title, owner: ownerField, side: { ...side, default: "SENTRY" }, dueDate } }, ["title"]),
  criterion: req(
    { type: "object", properties: { title, description: text("Details.", 2000), feature: { type: ["string", "null"], enum: [...FEATURE_SLUGS, null], description: "The Sentry feature it proves." } } },
    ["title"],
  ),
  member: req(
    { type: "object", properties: { name: text("Can't be empty.", 200), email: { type: "string", description: "An email address, or empty." }, role: text("Their role.", 200), side } },
    ["name", "side"],
  ),
};

/** PATCH bodies: `version` and at least one field; a field the kind does not have is a 400 naming it. */
function patchBody(fields: Record<string, SchemaObject>): SchemaObject {
  return { type: "object", required: ["version"], minProperties: 2, additionalProperties: false, properties: { version, ...fields } };
}

const PATCH_BODIES = {
  milestone: patchBody({ title, owner: ownerField, side, dueDate, status: itemStatus }),
  phase: patchBody({ name: text("Can't be empty.", 200), description: text("What the phase is for.", 2000) }),
  task: patchBody({ title, owner: ownerField, side, dueDate, status: itemStatus }),
  criterion: patchBody({ title, description: text("Details.", 2000), feature: { type: ["string", "null"], enum: [...FEATURE_SLUGS, null] }, status: itemStatus }),
  member: patchBody({ name: text("Can't be empty.", 200), email: { type: "string", description: "An email address, or empty." }, role: text("Their role.", 200), side }),
};

const moveBody: SchemaObject = req({ type: "object", properties: { direction: { type: "string", enum: ["up", "down"], description: "At the top (or bottom) already: nothing moves." } } }, ["direction"]);

// ───────────── responses ─────────────

const unauthorized = { $ref: "#/components/responses/Unauthorized" };
const invalidBody: ResponseObject = {
  description: "A field is missing or invalid: `fields` names each one (`\"\"` for the body as a whole).",
  content: json({ $ref: "#/components/schemas/ValidationError" }, { error: "invalid_request", message: "Some fields are missing or invalid.", fields: { status: ["Must be one of NOT_STARTED, IN_PROGRESS, COMPLETED, BLOCKED."] } }),
};
const forbiddenStaff: ResponseObject = { description: "Signed in, but not a solutions engineer or admin (`forbidden`).", content: json(errorRef) };
const notFoundPoc: ResponseObject = { description: "No POC with this id (`not_found`).", content: json(errorRef) };
const notFoundRow: ResponseObject = { description: "No POC with this id, or the row is not in this POC (`not_found`).", content: json(errorRef) };
const customerNotFound: ResponseObject = {
  description: "The link is unknown, revoked or expired, or the row is not in this POC: always the same plain answer (`not_found`).",
  content: json(errorRef, { error: "not_found", message: "Not found." }),
};
const conflictOf = (current: SchemaObject, what: string): ResponseObject => ({
  description: `\`version\` is stale: someone changed the ${what} since you read it. Nothing was written; \`current\` is what is stored now.`,
  content: json({ type: "object", required: ["error", "message", "current"], properties: { error: { const: "conflict" }, message: { type: "string" }, current } }),
});
const deleted: ResponseObject = ok("Deleted.", { type: "object", required: ["deleted", "id"], properties: { deleted: { const: true }, id: { type: "string" } } });

const staffErrors = { "401": unauthorized, "403": forbiddenStaff };

// ───────────── parameters ─────────────

const pathParam = (name: string, description: string): ParameterObject => ({ name, in: "path", required: true, description, schema: { type: "string" } });
const pocId = pathParam("id", "The POC's id.");
const token = pathParam("token", "The share token from the customer's link.");

function staffOp(op: Omit<OperationObject, "tags">): OperationObject {
  return { tags: [STAFF], ...op, description: `${op.description ?? ""}${op.description ? " " : ""}${STAFF_ONLY}` };
}
const customerRateLimited: ResponseObject = {
  description:
    "Too many changes through this link: 60 per 10 minutes, pages and API together (`rate_limited`). `Retry-After` gives the seconds to wait; so does `retryAfterSeconds`.",
  headers: { "Retry-After": { description: "Seconds until the link takes changes again.", schema: { type: "integer" } } },
  content: json(errorRef, { error: "rate_limited", message: "Too many changes through this link in a short time. Try again in 8 minutes.", retryAfterSeconds: 480 }),
};

function customerOp(op: Omit<OperationObject, "tags" | "security">): OperationObject {
  return {
    tags: [CUSTOMER],
    security: noAuth,
    ...op,
    // Every write through the link is rate limited (decision 019).
    ...(op.requestBody ? { responses: { ...op.responses, "429": customerRateLimited } } : {}),
    description: `${op.description ?? ""}${op.description ? " " : ""}No sign-in: the share token in the path is the key. Never cached (\`Cache-Control: no-store\`).`,
  };
}

// ───────────── rows (milestones, phases, tasks, criteria, team) ─────────────

type RowDoc = {
  kind: keyof typeof ADD_BODIES;
  /** The collection's path segment and the row param's name. */
  segment: string;
  param: string;
  one: string;
  many: string;
  /** PascalCase for operationIds. */
  op: string;
  opMany: string;
  row: SchemaObject;
  listKey: string;
  listExtra?: Record<string, SchemaObject>;
};

const ROWS: RowDoc[] = [
  { kind: "milestone", segment: "milestones", param: "rowId", one: "milestone", many: "milestones", op: "Milestone", opMany: "Milestones", row: milestoneSchema("staff"), listKey: "milestones", listExtra: { progress } },
  { kind: "phase", segment: "phases", param: "phaseId", one: "phase", many: "phases", op: "Phase", opMany: "Phases", row: phaseSchema("staff", true), listKey: "phases", listExtra: { progress: { ...progress, description: "Completed tasks of every phase." } } },
  { kind: "criterion", segment: "success-criteria", param: "rowId", one: "success criterion", many: "success criteria", op: "SuccessCriterion", opMany: "SuccessCriteria", row: criterionSchema, listKey: "criteria", listExtra: { progress } },
  { kind: "member", segment: "team", param: "rowId", one: "team member", many: "team members", op: "TeamMember", opMany: "Team", row: memberSchema("staff"), listKey: "team" },
];

const listOf = (key: string, row: SchemaObject, extra: Record<string, SchemaObject> = {}): SchemaObject => ({
  type: "object",
  required: [key, ...Object.keys(extra)],
  properties: { [key]: { type: "array", items: row }, ...extra },
});

function itemPaths(d: { kind: RowDoc["kind"]; base: string; param: string; one: string; op: string; row: SchemaObject; moved: SchemaObject; movedWhat: string }): PathItems {
  const rowParam = pathParam(d.param, `The ${d.one}'s id.`);
  return {
    [`${d.base}/{${d.param}}`]: {
      patch: staffOp({
        operationId: `update${d.op}`,
        summary: `Edit a ${d.one}`,
        description: `Changes any of its fields at once, if it is still at \`version\` (otherwise 409 with the current ${d.one}, nothing written). Logged in the activity.`,
        parameters: [pocId, rowParam],
        requestBody: body(PATCH_BODIES[d.kind]),
        responses: { "200": ok(`The ${d.one} as stored now.`, d.row), "400": invalidBody, ...staffErrors, "404": notFoundRow, "409": conflictOf(d.row, d.one) },
      }),
      delete: staffOp({
        operationId: `delete${d.op}`,
        summary: `Remove a ${d.one}`,
        description: d.kind === "phase" ? "Its tasks go with it." : undefined,
        parameters: [pocId, rowParam],
        responses: { "200": deleted, ...staffErrors, "404": notFoundRow },
      }),
    },
    [`${d.base}/{${d.param}}/move`]: {
      post: staffOp({
        operationId: `move${d.op}`,
        summary: `Move a ${d.one} up or down`,
        description: `Swaps it with its neighbour (${d.movedWhat}).`,
        parameters: [pocId, rowParam],
        requestBody: body(moveBody),
        responses: { "200": ok(`${d.movedWhat[0].toUpperCase()}${d.movedWhat.slice(1)}, in the new order.`, d.moved), "400": invalidBody, ...staffErrors, "404": notFoundRow },
      }),
    },
  };
}

function rowPaths(d: RowDoc): PathItems {
  const base = `/api/v1/pocs/{id}/${d.segment}`;
  const list = listOf(d.listKey, d.row, d.listExtra);
  return {
    [base]: {
      get: staffOp({
        operationId: `listPoc${d.opMany}`,
        summary: `The POC's ${d.many}`,
        description: d.kind === "member" ? "Sentry's side first, then the customer's, each in order." : "In order.",
        parameters: [pocId],
        responses: { "200": ok(`The ${d.many}.`, list), ...staffErrors, "404": notFoundPoc },
      }),
      post: staffOp({
        operationId: `add${d.op}`,
        summary: `Add a ${d.one}`,
        description: "Added at the end.",
        parameters: [pocId],
        requestBody: body(ADD_BODIES[d.kind]),
        responses: { "201": ok(`The new ${d.one}.`, d.row), "400": invalidBody, ...staffErrors, "404": notFoundPoc },
      }),
    },
    ...itemPaths({ kind: d.kind, base, param: d.param, one: d.one, op: d.op, row: d.row, moved: list, movedWhat: d.kind === "member" ? `the team, within its side` : `the ${d.many}` }),
  };
}

const taskList = listOf("tasks", taskSchema("staff"), { phaseId: { type: "string" }, progress });

const taskPaths: PathItems = {
  "/api/v1/pocs/{id}/phases/{phaseId}/tasks": {
    get: staffOp({
      operationId: "listPhaseTasks",
      summary: "A phase's tasks",
      description: "In order.",
      parameters: [pocId, pathParam("phaseId", "The phase's id.")],
      responses: { "200": ok("The tasks.", taskList), ...staffErrors, "404": { description: "No POC with this id, or the phase is not in this POC (`not_found`).", content: json(errorRef) } },
    }),
    post: staffOp({
      operationId: "addTask",
      summary: "Add a task to a phase",
      description: "Added at the end of the phase.",
      parameters: [pocId, pathParam("phaseId", "The phase's id.")],
      requestBody: body(ADD_BODIES.task),
      responses: { "201": ok("The new task.", taskSchema("staff")), "400": invalidBody, ...staffErrors, "404": { description: "No POC with this id, or the phase is not in this POC (`not_found`).", content: json(errorRef) } },
    }),
  },
  ...itemPaths({ kind: "task", base: "/api/v1/pocs/{id}/tasks", param: "taskId", one: "task", op: "Task", row: taskSchema("staff"), moved: taskList, movedWhat: "the tasks of its phase" }),
};

// ───────────── the POC, tech stack, share link ─────────────

const createPocBody: SchemaObject = req(
  {
    type: "object",
    properties: {
      customerName: text("The customer's company. Can't be empty.", 200),
      accountDomain: text("The customer's domain, e.g. `acme.com` (a pasted URL is reduced to its host)."),
      ownerId: { type: "string", description: "The solutions engineer (or admin) who owns it; you when left out." },
      startDate: day("First day; template due dates count from it."),
      endDate: day("Last day; not before startDate."),
      goals: text("What the customer wants to prove.", 5000),
    },
  },
  ["customerName", "accountDomain"],
);

const patchPocBody: SchemaObject = {
  type: "object",
  required: ["version"],
  minProperties: 2,
  additionalProperties: false,
  properties: {
    version,
    customerName: text("Can't be empty.", 200),
    accountDomain: text("The customer's domain, e.g. `acme.com`."),
    ownerId: { type: "string", description: "A solutions engineer's or admin's user id." },
    status: pocStatus,
    startDate: day("First day; null clears it."),
    endDate: day("Last day, not before the start; null clears it."),
    goals: text("What the customer wants to prove.", 5000),
    internalNotes: text("Staff only: never shown to the customer.", 20000),
  },
};

const shareLinkBody: SchemaObject = {
  type: "object",
  additionalProperties: false,
  properties: {
    expiresAt: {
      type: ["string", "null"],
      description: "When the link stops working: an ISO 8601 date-time with offset, or a date (`YYYY-MM-DD`, then the end of that day UTC). Must be in the future; left out or null for never.",
    },
  },
};

const staffPaths: PathItems = {
  "/api/v1/pocs": {
    get: staffOp({
      operationId: "listPocs",
      summary: "POCs",
      description: "Most recently changed first, with overall progress, a page at a time (follow `page.next`).",
      parameters: [
        { name: "q", in: "query", description: "Part of the customer's name or domain (any case).", schema: { type: "string", maxLength: 200 } },
        { name: "status", in: "query", description: "Only POCs with this status.", schema: pocStatus },
        { name: "owner", in: "query", description: "Only POCs owned by this user id; `me` for your own.", schema: { type: "string" } },
        { name: "page", in: "query", description: "From 1.", schema: { type: "integer", minimum: 1, maximum: 1000, default: 1 } },
        { name: "limit", in: "query", description: "POCs per page.", schema: { type: "integer", minimum: 1, maximum: 200, default: 50 } },
      ],
      responses: { "200": ok("A page of POCs.", listOf("pocs", pocListItem, { page: pageInfoSchema("POCs") })), "400": { ...invalidBody, description: "A bad filter, e.g. an unknown `status`." }, ...staffErrors },
    }),
    post: staffOp({
      operationId: "createPoc",
      summary: "Create a POC",
      description: "Filled from the templates: milestones, phases with tasks and success criteria (due dates counted from `startDate`). Status `PLANNING`.",
      requestBody: body(createPocBody),
      responses: {
        "201": { description: "The new POC's workspace.", headers: { Location: { description: "`/api/v1/pocs/{id}`", schema: { type: "string" } } }, content: json(workspaceSchema) },
        "400": invalidBody,
        ...staffErrors,
      },
    }),
  },
  "/api/v1/pocs/{id}": {
    get: staffOp({
      operationId: "getPoc",
      summary: "A POC's workspace",
      description: "The POC with its milestones, phases with tasks, success criteria, team, tech stack with documentation links, progress and recent activity.",
      parameters: [pocId],
      responses: { "200": ok("The workspace.", workspaceSchema), ...staffErrors, "404": notFoundPoc },
    }),
    patch: staffOp({
      operationId: "updatePoc",
      summary: "Edit a POC's overview",
      description: "Changes any of the overview fields at once, if the POC is still at `version` (otherwise 409 with the current POC, nothing written).",
      parameters: [pocId],
      requestBody: body(patchPocBody),
      responses: { "200": ok("The POC as stored now.", pocSchema), "400": invalidBody, ...staffErrors, "404": notFoundPoc, "409": conflictOf(pocSchema, "POC") },
    }),
    delete: staffOp({
      operationId: "deletePoc",
      summary: "Delete a POC",
      description: "With everything in it. Only an admin or the POC's owner (403 for other solutions engineers).",
      parameters: [pocId],
      responses: { "200": deleted, "401": unauthorized, "403": { description: "Not an admin nor the POC's owner, or not staff (`forbidden`).", content: json(errorRef) }, "404": notFoundPoc },
    }),
  },
  ...ROWS.reduce<PathItems>((paths, d) => ({ ...paths, ...rowPaths(d) }), {}),
  ...taskPaths,
  "/api/v1/pocs/{id}/tech-stack": {
    get: staffOp({
      operationId: "getPocTechStack",
      summary: "The tech stack and its documentation links",
      parameters: [pocId],
      responses: { "200": ok("The tech stack.", techStackSchema), ...staffErrors, "404": notFoundPoc },
    }),
    put: staffOp({
      operationId: "setPocTechStack",
      summary: "Set the tech stack",
      description: "Replaces the platforms and notes, confirmed now by you.",
      parameters: [pocId],
      requestBody: body(techStackInput),
      responses: { "200": ok("The tech stack as stored now.", techStackSchema), "400": invalidBody, ...staffErrors, "404": notFoundPoc },
    }),
  },
  "/api/v1/pocs/{id}/share-link": {
    post: staffOp({
      operationId: "createPocShareLink",
      summary: "Create a new customer link",
      description: "The previous link (if any) stops working at once. The body may be empty.",
      parameters: [pocId],
      requestBody: { required: false, content: json(shareLinkBody) },
      responses: {
        "201": ok("The new link. Send `url` to the customer.", {
          type: "object",
          required: ["url", "token", "expiresAt"],
          properties: {
            url: { type: "string", format: "uri", description: "The customer portal page." },
            token: { type: "string", description: "The share token (for /api/v1/customer/{token})." },
            expiresAt: nullableTimestamp("When it stops working; null for never."),
          },
        }),
        "400": invalidBody,
        ...staffErrors,
        "404": notFoundPoc,
      },
    }),
    delete: staffOp({
      operationId: "revokePocShareLink",
      summary: "Revoke the customer link",
      parameters: [pocId],
      responses: { "200": ok("The link no longer works.", { type: "object", required: ["revoked"], properties: { revoked: { const: true } } }), ...staffErrors, "404": notFoundPoc },
    }),
  },
};

// ───────────── the customer ─────────────

const customerStatusBody: SchemaObject = req({ type: "object", properties: { version, status: itemStatus } }, ["version", "status"]);
const notYours = (what: string): ResponseObject => ({ description: `The ${what} is on Sentry's side (\`forbidden\`).`, content: json(errorRef) });

const customerPaths: PathItems = {
  "/api/v1/customer/{token}": {
    get: customerOp({
      operationId: "getCustomerPortal",
      summary: "The customer's view of the POC",
      description: "The plan, phases with tasks, success criteria, team, tech stack with documentation links and progress. Never internal notes or the activity log.",
      parameters: [token],
      responses: { "200": ok("The POC as the customer sees it.", customerViewSchema), "404": customerNotFound },
    }),
  },
  "/api/v1/customer/{token}/milestones/{rowId}": {
    patch: customerOp({
      operationId: "setCustomerMilestoneStatus",
      summary: "Set the status of one of your milestones",
      description: "Only milestones on the customer's side (`customerEditable`), and only their status.",
      parameters: [token, pathParam("rowId", "The milestone's id.")],
      requestBody: body(customerStatusBody),
      responses: { "200": ok("The milestone as stored now.", milestoneSchema("customer")), "400": invalidBody, "403": notYours("milestone"), "404": customerNotFound, "409": conflictOf(milestoneSchema("customer"), "milestone") },
    }),
  },
  "/api/v1/customer/{token}/tasks/{rowId}": {
    patch: customerOp({
      operationId: "setCustomerTaskStatus",
      summary: "Set the status of one of your tasks",
      description: "Only tasks on the customer's side (`customerEditable`), and only their status.",
      parameters: [token, pathParam("rowId", "The task's id.")],
      requestBody: body(customerStatusBody),
      responses: { "200": ok("The task as stored now.", taskSchema("customer")), "400": invalidBody, "403": notYours("task"), "404": customerNotFound, "409": conflictOf(taskSchema("customer"), "task") },
    }),
  },
  "/api/v1/customer/{token}/team": {
    post: customerOp({
      operationId: "addCustomerTeamMember",
      summary: "Add someone to your team",
      description: "On the customer's side.",
      parameters: [token],
      requestBody: body(req({ type: "object", properties: { name: text("Can't be empty.", 200), email: { type: "string", description: "An email address, or empty." }, role: text("Their role.", 200) } }, ["name"])),
      responses: {
        "201": ok("The new team member.", memberSchema("customer")),
        "400": invalidBody,
        "404": customerNotFound,
        "409": {
          description: "Your side of the team already has 100 people, the most a POC can list (`quota_exceeded`).",
          content: json(errorRef, { error: "quota_exceeded", message: "Your team already has 100 people, the most a proof of concept can list. Ask your Sentry contact to remove someone first." }),
        },
      },
    }),
  },
  "/api/v1/customer/{token}/team/{rowId}": {
    patch: customerOp({
      operationId: "updateCustomerTeamMember",
      summary: "Edit someone on your team",
      description: "Only members on the customer's side; name, email and role.",
      parameters: [token, pathParam("rowId", "The team member's id.")],
      requestBody: body({
        type: "object",
        required: ["version"],
        minProperties: 2,
        additionalProperties: false,
        properties: { version, name: text("Can't be empty.", 200), email: { type: "string", description: "An email address, or empty." }, role: text("Their role.", 200) },
      }),
      responses: { "200": ok("The team member as stored now.", memberSchema("customer")), "400": invalidBody, "403": notYours("team member"), "404": customerNotFound, "409": conflictOf(memberSchema("customer"), "team member") },
    }),
  },
  "/api/v1/customer/{token}/tech-stack": {
    put: customerOp({
      operationId: "confirmCustomerTechStack",
      summary: "Confirm your tech stack",
      description: "Replaces the platforms and notes, confirmed now by the customer.",
      parameters: [token],
      requestBody: body(techStackInput),
      responses: { "200": ok("The tech stack as stored now, with its documentation links.", techStackSchema), "400": invalidBody, "404": customerNotFound },
    }),
  },
};

export const pocPaths: PathItems = { ...staffPaths, ...customerPaths };

/** The helpers and shapes openapi-poc-gong-ai.ts shares with these paths. */
export { body, conflictOf, criterionSchema, errorRef, invalidBody, json, notFoundPoc, nullableTimestamp, ok, pathParam, pocId, staffErrors, staffOp, text, timestamp, version };
