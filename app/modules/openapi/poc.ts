/**
 * The POC Portal API in the OpenAPI document: the staff endpoints under
 * /api/v1/pocs (app/routes/api.v1.pocs*.ts) and the customer's share-link
 * endpoints under /api/v1/customer/{token} (api.v1.customer.*.ts). Bodies are
 * poc/api.server.ts's request schemas, answers poc/api/schemas.ts's.
 */
import { z } from "zod";
import {
  addSchemas,
  createPocSchema,
  customerMemberSchema,
  customerPatchSchema,
  listQuerySchema,
  moveSchema,
  patchPocSchema,
  rowPatchSchema,
  shareLinkSchema,
  techStackSchema,
} from "~/modules/poc/api.server.ts";
import {
  criterionListSchema,
  criterionSchema,
  customerMemberOutSchema,
  customerMilestoneSchema,
  customerTaskSchema,
  customerViewSchema,
  memberSchema,
  milestoneListSchema,
  milestoneSchema,
  phaseListSchema,
  phaseRowSchema,
  phaseSchema,
  pocListItemSchema,
  pocSchema,
  shareLinkOutSchema,
  taskListSchema,
  taskSchema,
  teamListSchema,
  techStackOutSchema,
  workspaceSchema,
} from "~/modules/poc/api/schemas.ts";
import { pageInfoSchema } from "~/modules/academy/api/schemas.ts";
import { deletedSchema, described, error, invalidBody, location, ok, op, pathParams, rateLimited, unauthorized, type Registry } from "./shared.ts";

export const STAFF = "POC Portal";
const CUSTOMER = "Customer portal";
const STAFF_ONLY = "For solutions engineers and admins.";
const staffDescription = (description?: string) => `${description ? `${description} ` : ""}${STAFF_ONLY}`;
const customerDescription = (description?: string) =>
  `${description ? `${description} ` : ""}No sign-in: the share token in the path is the key. Never cached (\`Cache-Control: no-store\`).`;

export const staffErrors = { 401: unauthorized, 403: error("Signed in, but not a solutions engineer or admin (`forbidden`).") };
export const notFoundPoc = error("No POC with this id (`not_found`).");
export const notFoundIn = (what: string) => error(`No POC with this id, or the ${what} is not in this POC (\`not_found\`).`);
const notFoundRow = error("No POC with this id, or the row is not in this POC (`not_found`).");
const customerNotFound = error("The link is unknown, revoked or expired, or the row is not in this POC: always the same plain answer (`not_found`).", { error: "not_found", message: "Not found." });
const customerRateLimited = rateLimited(
  "Too many changes through this link: 60 per 10 minutes, pages and API together (`rate_limited`). `Retry-After` gives the seconds to wait; so does `retryAfterSeconds`.",
  { error: "rate_limited", message: "Too many changes through this link in a short time. Try again in 8 minutes.", retryAfterSeconds: 480 },
);
const invalid = invalidBody(undefined, { error: "invalid_request", message: "Some fields are missing or invalid.", fields: { status: ["Must be one of NOT_STARTED, IN_PROGRESS, COMPLETED, BLOCKED."] } });

/** A 409 with `current`, what is stored now. */
export const conflictOf = (current: z.ZodType, what: string, code = "conflict") =>
  ok(
    `\`version\` is stale: someone changed the ${what} since you read it. Nothing was written; \`current\` is what is stored now.`,
    z.object({ error: z.literal(code), message: z.string(), current }),
  );

export const pocParams = pathParams({ id: "The POC's id." });
const tokenParams = pathParams({ token: "The share token from the customer's link." });

const rowFields = {
  title: "Can't be empty.",
  name: "Can't be empty.",
  owner: "Who does it (a person or a role).",
  dueDate: "When it is due, as `YYYY-MM-DD`; null clears it.",
  email: "An email address, or empty.",
  role: "Their role.",
  description: "Details.",
  feature: "The Sentry feature it proves.",
  version: "The version you read: if the row changed since, nothing is written and you get a 409 with the current row.",
};

type Row = {
  kind: "milestone" | "phase" | "criterion" | "member";
  segment: string;
  param: "rowId" | "phaseId";
  one: string;
  many: string;
  op: string;
  opMany: string;
  row: z.ZodType;
  edited: z.ZodType;
  list: z.ZodType;
};

const ROWS: Row[] = [
  { kind: "milestone", segment: "milestones", param: "rowId", one: "milestone", many: "milestones", op: "Milestone", opMany: "Milestones", row: milestoneSchema, edited: milestoneSchema, list: milestoneListSchema },
  { kind: "phase", segment: "phases", param: "phaseId", one: "phase", many: "phases", op: "Phase", opMany: "Phases", row: phaseSchema, edited: phaseRowSchema, list: phaseListSchema },
  { kind: "criterion", segment: "success-criteria", param: "rowId", one: "success criterion", many: "success criteria", op: "SuccessCriterion", opMany: "SuccessCriteria", row: criterionSchema, edited: criterionSchema, list: criterionListSchema },
  { kind: "member", segment: "team", param: "rowId", one: "team member", many: "team members", op: "TeamMember", opMany: "Team", row: memberSchema, edited: memberSchema, list: teamListSchema },
];

function registerRowItem(r: Registry, d: { kind: Row["kind"] | "task"; base: string; param: string; one: string; op: string; edited: z.ZodType; moved: z.ZodType; movedWhat: string }) {
  const params = pathParams({ id: "The POC's id.", [d.param]: `The ${d.one}'s id.` });
  const path = `${d.base}/{${d.param}}`;
  op(r, {
    method: "patch",
    path,
    tags: [STAFF],
    operationId: `update${d.op}`,
    summary: `Edit a ${d.one}`,
    description: staffDescription(`Changes any of its fields at once, if it is still at \`version\` (otherwise 409 with the current ${d.one}, nothing written). Logged in the activity.`),
    request: { params, body: described(rowPatchSchema(d.kind), rowFields) },
    responses: { 200: ok(`The ${d.one} as stored now.`, d.edited), 400: invalid, ...staffErrors, 404: notFoundRow, 409: conflictOf(d.edited, d.one) },
  });
  op(r, {
    method: "delete",
    path,
    tags: [STAFF],
    operationId: `delete${d.op}`,
    summary: `Remove a ${d.one}`,
    description: staffDescription(d.kind === "phase" ? "Its tasks go with it." : undefined),
    request: { params },
    responses: { 200: ok("Deleted.", deletedSchema), ...staffErrors, 404: notFoundRow },
  });
  op(r, {
    method: "post",
    path: `${path}/move`,
    tags: [STAFF],
    operationId: `move${d.op}`,
    summary: `Move a ${d.one} up or down`,
    description: staffDescription(`Swaps it with its neighbour (${d.movedWhat}).`),
    request: { params, body: described(moveSchema, { direction: "At the top (or bottom) already: nothing moves." }) },
    responses: { 200: ok(`${d.movedWhat[0].toUpperCase()}${d.movedWhat.slice(1)}, in the new order.`, d.moved), 400: invalid, ...staffErrors, 404: notFoundRow },
  });
}

function registerRows(r: Registry, d: Row) {
  const base = `/api/v1/pocs/{id}/${d.segment}`;
  op(r, {
    method: "get",
    path: base,
    tags: [STAFF],
    operationId: `listPoc${d.opMany}`,
    summary: `The POC's ${d.many}`,
    description: staffDescription(d.kind === "member" ? "Sentry's side first, then the customer's, each in order." : "In order."),
    request: { params: pocParams },
    responses: { 200: ok(`The ${d.many}.`, d.list), ...staffErrors, 404: notFoundPoc },
  });
  op(r, {
    method: "post",
    path: base,
    tags: [STAFF],
    operationId: `add${d.op}`,
    summary: `Add a ${d.one}`,
    description: staffDescription("Added at the end."),
    request: { params: pocParams, body: described(addSchemas[d.kind], rowFields) },
    responses: { 201: ok(`The new ${d.one}.`, d.row), 400: invalid, ...staffErrors, 404: notFoundPoc },
  });
  registerRowItem(r, { ...d, base, moved: d.list, movedWhat: d.kind === "member" ? "the team, within its side" : `the ${d.many}` });
}

function registerStaff(r: Registry) {
  op(r, {
    method: "get",
    path: "/api/v1/pocs",
    tags: [STAFF],
    operationId: "listPocs",
    summary: "POCs",
    description: staffDescription("Most recently changed first, with overall progress, a page at a time (follow `page.next`)."),
    request: {
      query: described(listQuerySchema, {
        q: "Part of the customer's name or domain (any case).",
        status: "Only POCs with this status.",
        owner: "Only POCs owned by this user id; `me` for your own.",
        page: "From 1.",
        limit: "POCs per page.",
      }),
    },
    responses: { 200: ok("A page of POCs.", z.object({ pocs: z.array(pocListItemSchema), page: pageInfoSchema("POCs") })), 400: invalidBody("A bad filter, e.g. an unknown `status`."), ...staffErrors },
  });
  op(r, {
    method: "post",
    path: "/api/v1/pocs",
    tags: [STAFF],
    operationId: "createPoc",
    summary: "Create a POC",
    description: staffDescription("Filled from the templates: milestones, phases with tasks and success criteria (due dates counted from `startDate`). Status `PLANNING`."),
    request: {
      body: described(createPocSchema, {
        customerName: "The customer's company. Can't be empty.",
        accountDomain: "The customer's domain, e.g. `acme.com` (a pasted URL is reduced to its host).",
        ownerId: "The solutions engineer (or admin) who owns it; you when left out.",
        startDate: "First day (`YYYY-MM-DD`); template due dates count from it.",
        endDate: "Last day (`YYYY-MM-DD`); not before startDate.",
        goals: "What the customer wants to prove.",
      }),
    },
    responses: { 201: ok("The new POC's workspace.", workspaceSchema, location("`/api/v1/pocs/{id}`")), 400: invalid, ...staffErrors },
  });
  op(r, {
    method: "get",
    path: "/api/v1/pocs/{id}",
    tags: [STAFF],
    operationId: "getPoc",
    summary: "A POC's workspace",
    description: staffDescription("The POC with its milestones, phases with tasks, success criteria, team, tech stack with documentation links, progress and recent activity."),
    request: { params: pocParams },
    responses: { 200: ok("The workspace.", workspaceSchema), ...staffErrors, 404: notFoundPoc },
  });
  op(r, {
    method: "patch",
    path: "/api/v1/pocs/{id}",
    tags: [STAFF],
    operationId: "updatePoc",
    summary: "Edit a POC's overview",
    description: staffDescription("Changes any of the overview fields at once, if the POC is still at `version` (otherwise 409 with the current POC, nothing written)."),
    request: {
      params: pocParams,
      body: described(patchPocSchema, {
        accountDomain: "The customer's domain, e.g. `acme.com`.",
        customerLogoUrl: "The customer's logo on their portal: an `https://` image address, or `\"\"` to show their initials.",
        ownerId: "A solutions engineer's or admin's user id.",
        startDate: "First day (`YYYY-MM-DD`); null clears it.",
        endDate: "Last day, not before the start; null clears it.",
        internalNotes: "Staff only: never shown to the customer.",
      }),
    },
    responses: { 200: ok("The POC as stored now.", pocSchema), 400: invalid, ...staffErrors, 404: notFoundPoc, 409: conflictOf(pocSchema, "POC") },
  });
  op(r, {
    method: "delete",
    path: "/api/v1/pocs/{id}",
    tags: [STAFF],
    operationId: "deletePoc",
    summary: "Delete a POC",
    description: staffDescription("With everything in it. Only an admin or the POC's owner (403 for other solutions engineers)."),
    request: { params: pocParams },
    responses: { 200: ok("Deleted.", deletedSchema), 401: unauthorized, 403: error("Not an admin nor the POC's owner, or not staff (`forbidden`)."), 404: notFoundPoc },
  });
  for (const row of ROWS) registerRows(r, row);

  const phaseParams = pathParams({ id: "The POC's id.", phaseId: "The phase's id." });
  op(r, {
    method: "get",
    path: "/api/v1/pocs/{id}/phases/{phaseId}/tasks",
    tags: [STAFF],
    operationId: "listPhaseTasks",
    summary: "A phase's tasks",
    description: staffDescription("In order."),
    request: { params: phaseParams },
    responses: { 200: ok("The tasks.", taskListSchema), ...staffErrors, 404: notFoundIn("phase") },
  });
  op(r, {
    method: "post",
    path: "/api/v1/pocs/{id}/phases/{phaseId}/tasks",
    tags: [STAFF],
    operationId: "addTask",
    summary: "Add a task to a phase",
    description: staffDescription("Added at the end of the phase."),
    request: { params: phaseParams, body: described(addSchemas.task, rowFields) },
    responses: { 201: ok("The new task.", taskSchema), 400: invalid, ...staffErrors, 404: notFoundIn("phase") },
  });
  registerRowItem(r, { kind: "task", base: "/api/v1/pocs/{id}/tasks", param: "taskId", one: "task", op: "Task", edited: taskSchema, moved: taskListSchema, movedWhat: "the tasks of its phase" });

  const techStackBody = described(techStackSchema, {
    platforms: "Sentry platform ids. An unknown one is a 400 naming it (`platforms[2]`). Duplicates are dropped.",
    notes: "Anything else about the stack. Empty when left out.",
  });
  op(r, {
    method: "get",
    path: "/api/v1/pocs/{id}/tech-stack",
    tags: [STAFF],
    operationId: "getPocTechStack",
    summary: "The tech stack and its documentation links",
    description: staffDescription(),
    request: { params: pocParams },
    responses: { 200: ok("The tech stack.", techStackOutSchema), ...staffErrors, 404: notFoundPoc },
  });
  op(r, {
    method: "put",
    path: "/api/v1/pocs/{id}/tech-stack",
    tags: [STAFF],
    operationId: "setPocTechStack",
    summary: "Set the tech stack",
    description: staffDescription("Replaces the platforms and notes, confirmed now by you."),
    request: { params: pocParams, body: techStackBody },
    responses: { 200: ok("The tech stack as stored now.", techStackOutSchema), 400: invalid, ...staffErrors, 404: notFoundPoc },
  });
  op(r, {
    method: "post",
    path: "/api/v1/pocs/{id}/share-link",
    tags: [STAFF],
    operationId: "createPocShareLink",
    summary: "Create a new customer link",
    description: staffDescription("The previous link (if any) stops working at once. The body may be empty."),
    request: {
      params: pocParams,
      bodyRequired: false,
      body: described(shareLinkSchema, {
        expiresAt:
          "When the link stops working: an ISO 8601 date-time with offset, or a date (`YYYY-MM-DD`, then the end of that day UTC). Must be in the future; left out or null for never.",
      }),
    },
    responses: { 201: ok("The new link. Send `url` to the customer.", shareLinkOutSchema), 400: invalid, ...staffErrors, 404: notFoundPoc },
  });
  op(r, {
    method: "delete",
    path: "/api/v1/pocs/{id}/share-link",
    tags: [STAFF],
    operationId: "revokePocShareLink",
    summary: "Revoke the customer link",
    description: staffDescription(),
    request: { params: pocParams },
    responses: { 200: ok("The link no longer works.", z.object({ revoked: z.literal(true) })), ...staffErrors, 404: notFoundPoc },
  });
  return { techStackBody };
}

function registerCustomer(r: Registry, techStackBody: z.ZodType) {
  const notYours = (what: string) => error(`The ${what} is on Sentry's side (\`forbidden\`).`);
  const write = { 429: customerRateLimited };
  op(r, {
    method: "get",
    path: "/api/v1/customer/{token}",
    tags: [CUSTOMER],
    security: [],
    operationId: "getCustomerPortal",
    summary: "The customer's view of the POC",
    description: customerDescription("The plan, phases with tasks, success criteria, team, tech stack with documentation links and progress. Never internal notes or the activity log."),
    request: { params: tokenParams },
    responses: { 200: ok("The POC as the customer sees it.", customerViewSchema), 404: customerNotFound },
  });
  for (const [segment, kind, one, schema, opName] of [
    ["milestones", "milestone", "milestone", customerMilestoneSchema, "setCustomerMilestoneStatus"],
    ["tasks", "task", "task", customerTaskSchema, "setCustomerTaskStatus"],
  ] as const) {
    op(r, {
      method: "patch",
      path: `/api/v1/customer/{token}/${segment}/{rowId}`,
      tags: [CUSTOMER],
      security: [],
      operationId: opName,
      summary: `Set the status of one of your ${one}s`,
      description: customerDescription(`Only ${one}s on the customer's side (\`customerEditable\`), and only their status.`),
      request: { params: pathParams({ token: "The share token from the customer's link.", rowId: `The ${one}'s id.` }), body: described(customerPatchSchema(kind), rowFields) },
      responses: { 200: ok(`The ${one} as stored now.`, schema), 400: invalid, 403: notYours(one), 404: customerNotFound, 409: conflictOf(schema, one), ...write },
    });
  }
  op(r, {
    method: "post",
    path: "/api/v1/customer/{token}/team",
    tags: [CUSTOMER],
    security: [],
    operationId: "addCustomerTeamMember",
    summary: "Add someone to your team",
    description: customerDescription("On the customer's side."),
    request: { params: tokenParams, body: described(customerMemberSchema, rowFields) },
    responses: {
      201: ok("The new team member.", customerMemberOutSchema),
      400: invalid,
      404: customerNotFound,
      409: error("Your side of the team already has 100 people, the most a POC can list (`quota_exceeded`).", {
        error: "quota_exceeded",
        message: "Your team already has 100 people, the most a proof of concept can list. Ask your Sentry contact to remove someone first.",
      }),
      ...write,
    },
  });
  op(r, {
    method: "patch",
    path: "/api/v1/customer/{token}/team/{rowId}",
    tags: [CUSTOMER],
    security: [],
    operationId: "updateCustomerTeamMember",
    summary: "Edit someone on your team",
    description: customerDescription("Only members on the customer's side; name, email and role."),
    request: { params: pathParams({ token: "The share token from the customer's link.", rowId: "The team member's id." }), body: described(customerPatchSchema("member"), rowFields) },
    responses: { 200: ok("The team member as stored now.", customerMemberOutSchema), 400: invalid, 403: notYours("team member"), 404: customerNotFound, 409: conflictOf(customerMemberOutSchema, "team member"), ...write },
  });
  op(r, {
    method: "put",
    path: "/api/v1/customer/{token}/tech-stack",
    tags: [CUSTOMER],
    security: [],
    operationId: "confirmCustomerTechStack",
    summary: "Confirm your tech stack",
    description: customerDescription("Replaces the platforms and notes, confirmed now by the customer."),
    request: { params: tokenParams, body: techStackBody },
    responses: { 200: ok("The tech stack as stored now, with its documentation links.", techStackOutSchema), 400: invalid, 404: customerNotFound, ...write },
  });
}

export function registerPoc(r: Registry) {
  const { techStackBody } = registerStaff(r);
  registerCustomer(r, techStackBody);
}
