/**
 * What the POC Portal API answers, as Zod schemas: the serialisers
 * (serializers.server.ts) return their `z.infer`, the OpenAPI document
 * (modules/openapi/poc.ts) is generated from them, and the API tests parse every
 * answer with them (tests/support/api-client.ts). Wire format: calendar days
 * `YYYY-MM-DD`, timestamps ISO 8601.
 */
import { z } from "zod";
import { FEATURE_SLUGS } from "~/modules/academy/taxonomy.ts";
import { ITEM_STATUSES, POC_STATUSES, SIDES } from "../progress.ts";

const ITEM_STATUS_VALUES = ITEM_STATUSES.map((s) => s.value) as [string, ...string[]];
const POC_STATUS_VALUES = POC_STATUSES.map((s) => s.value) as [string, ...string[]];
const SIDE_VALUES = SIDES.map((s) => s.value) as ["SENTRY", "CUSTOMER"];

const itemStatusOut = z.enum(ITEM_STATUS_VALUES).meta({ description: "`COMPLETED` counts as done for progress; `BLOCKED` does not." });
const pocStatusOut = z.enum(POC_STATUS_VALUES);
const sideOut = z.enum(SIDE_VALUES).meta({ description: "Which side owns it. The customer can only change rows on the `CUSTOMER` side." });
const featureOut = z.enum(FEATURE_SLUGS).nullable().meta({ description: "The Sentry feature it proves, for documentation links." });
const dayOut = (description: string) => z.iso.date().nullable().meta({ description: `${description} A calendar day, \`YYYY-MM-DD\`.` });
export const timestamp = (description: string) => z.iso.datetime({ offset: true }).meta({ description });
export const nullableTimestamp = (description: string) => z.iso.datetime({ offset: true }).nullable().meta({ description });
const text = (description: string) => z.string().meta({ description });

export const versionOut = z
  .number()
  .int()
  .min(1)
  .meta({ description: "Goes up by one with every change. Send back the version you read: if the row changed since, nothing is written and you get a 409 with the current row." });
const updatedBy = z.string().nullable().meta({ description: "Who made the last change: a staff member's name, or `customer` for a change made through the share link." });
const overdue = z.boolean().meta({ description: "Due before today (UTC) and not completed." });
const customerEditable = z.boolean().meta({ description: "Whether the customer may change it through the share link (their side)." });

const progressSchema = z.object({ done: z.number().int(), total: z.number().int(), percent: z.number().int().min(0).max(100).meta({ description: "Rounded." }) });

const rowHead = { id: z.string(), position: z.number().int().meta({ description: "Order among its siblings, from 0." }) };
const rowTail = { version: versionOut, updatedAt: timestamp("When it last changed.") };

const milestoneFields = {
  ...rowHead,
  title: text("What is to be done."),
  owner: text("Who does it (a person or a role)."),
  side: sideOut,
  dueDate: dayOut("When it is due, or null."),
  status: itemStatusOut,
  overdue,
  ...rowTail,
  updatedBy,
};
export const milestoneSchema = z.object(milestoneFields).meta({ id: "PocMilestone" });
export const customerMilestoneSchema = z.object({ ...milestoneFields, customerEditable }).meta({ id: "CustomerMilestone" });

const phaseId = z.string().meta({ description: "The phase the task belongs to." });
export const taskSchema = z.object({ ...milestoneFields, phaseId }).meta({ id: "PocTask" });
export const customerTaskSchema = z.object({ ...milestoneFields, customerEditable, phaseId }).meta({ id: "CustomerTask" });

const phaseFields = { ...rowHead, name: text("The phase's name, e.g. “Setup”."), description: text("What the phase is for."), ...rowTail };
const phaseTasks = <T extends z.ZodType>(task: T) => ({ progress: progressSchema.meta({ description: "Completed tasks of the phase." }), tasks: z.array(task) });
/** A phase as its own list and add/edit answers show it: with its tasks and their progress. */
export const phaseSchema = z.object({ ...phaseFields, ...phaseTasks(taskSchema) }).meta({ id: "PocPhase" });
/** A phase as an edit answers it (its tasks are not read again). */
export const phaseRowSchema = z.object({ ...phaseFields, progress: progressSchema.optional(), tasks: z.array(taskSchema).optional() });
export const customerPhaseSchema = z.object({ ...phaseFields, ...phaseTasks(customerTaskSchema) }).meta({ id: "CustomerPhase" });

export const criterionSchema = z
  .object({ ...rowHead, title: text("What success looks like."), description: text("Details."), feature: featureOut, status: itemStatusOut, ...rowTail, updatedBy })
  .meta({ id: "PocCriterion" });

const memberFields = {
  ...rowHead,
  side: sideOut,
  name: text("The person's name."),
  email: text("Their email address, or empty."),
  role: text("Their role, e.g. “Engineering lead”, or empty."),
  ...rowTail,
  updatedBy,
};
export const memberSchema = z.object(memberFields).meta({ id: "PocTeamMember" });
export const customerMemberOutSchema = z.object({ ...memberFields, customerEditable }).meta({ id: "CustomerTeamMember" });

export const techStackOutSchema = z
  .object({
    platforms: z.array(z.string()).meta({ description: "Sentry platform ids, e.g. `javascript-react`, `python-django`." }),
    notes: text("Anything else about the stack."),
    confirmedAt: nullableTimestamp("When the stack was last confirmed; null if never."),
    confirmedBy: z.string().nullable().meta({ description: "Who confirmed it: a staff member's name or `customer`." }),
    links: z
      .array(z.object({ id: z.string(), name: z.string(), language: z.string(), type: z.string(), docsUrl: z.url() }))
      .meta({ description: "The Sentry documentation of each platform." }),
    featureLinks: z
      .array(
        z.object({
          feature: z.string(),
          label: z.string(),
          criteria: z.array(z.string()).meta({ description: "Titles of the success criteria that name the feature." }),
          links: z.array(z.object({ platform: z.string(), platformName: z.string(), url: z.url() })),
          notApplicable: z.array(z.object({ platformName: z.string(), reason: z.string() })),
        }),
      )
      .meta({ description: "For each feature named by a success criterion: its documentation on the platforms where it applies." }),
  })
  .meta({ id: "PocTechStack" });

export const pocSchema = z
  .object({
    id: z.string(),
    customerName: text("The customer's company."),
    accountDomain: text("The customer's domain, e.g. `acme.com`."),
    customerLogoUrl: text("The customer's logo on their portal (an https URL), or \"\" for none."),
    status: pocStatusOut,
    startDate: dayOut("First day of the POC, or null."),
    endDate: dayOut("Last day of the POC, or null."),
    goals: text("What the customer wants to prove."),
    internalNotes: text("Staff only: never shown to the customer."),
    owner: z.object({ id: z.string(), name: z.string(), email: z.email() }),
    shareLink: z
      .object({ url: z.url(), expiresAt: nullableTimestamp("When it stops working; null for never."), expired: z.boolean() })
      .nullable()
      .meta({ description: "The customer's link, or null when there is none (never created, or revoked)." }),
    techStack: z.object({ platforms: z.array(z.string()), notes: z.string(), confirmedAt: nullableTimestamp("When it was last confirmed."), confirmedBy: z.string().nullable() }),
    version: versionOut,
    createdAt: timestamp("When it was created."),
    updatedAt: timestamp("When anything in it last changed."),
  })
  .meta({ id: "Poc" });

export const pocListItemSchema = z.object({
  id: z.string(),
  customerName: z.string(),
  accountDomain: z.string(),
  status: pocStatusOut,
  startDate: dayOut("First day, or null."),
  endDate: dayOut("Last day, or null."),
  owner: z.object({ id: z.string(), name: z.string() }),
  progress: progressSchema.meta({ description: "Overall: every milestone, task and success criterion counts once." }),
  updatedAt: timestamp("When anything in it last changed."),
});

const overallProgressSchema = z.object({
  overall: progressSchema.meta({ description: "Every milestone, task and success criterion counts once." }),
  milestones: progressSchema,
  tasks: progressSchema,
  criteria: progressSchema,
});

export const workspaceSchema = z
  .object({
    poc: pocSchema,
    milestones: z.array(milestoneSchema).meta({ description: "The mutual action plan, in order." }),
    phases: z.array(phaseSchema).meta({ description: "In order, each with its tasks in order." }),
    criteria: z.array(criterionSchema).meta({ description: "Success criteria, in order." }),
    team: z.array(memberSchema).meta({ description: "Sentry's side first, then the customer's, each in order." }),
    techStack: techStackOutSchema,
    progress: overallProgressSchema,
    activity: z
      .array(z.object({ id: z.string(), at: timestamp("When."), actor: z.string(), byCustomer: z.boolean(), summary: z.string() }))
      .meta({ description: "The 30 latest changes, newest first." }),
  })
  .meta({ id: "PocWorkspace" });

export const customerViewSchema = z
  .object({
    poc: z.object({
      id: z.string(),
      customerName: z.string(),
      accountDomain: z.string(),
      customerLogoUrl: z.string().meta({ description: "The customer's logo (an https URL), or \"\" for none." }),
      status: pocStatusOut,
      startDate: dayOut("First day, or null."),
      endDate: dayOut("Last day, or null."),
      goals: z.string(),
      owner: z.object({ name: z.string(), email: z.email() }).meta({ description: "The Sentry solutions engineer running the POC." }),
      version: versionOut,
    }),
    milestones: z.array(customerMilestoneSchema),
    phases: z.array(customerPhaseSchema),
    criteria: z.array(criterionSchema),
    team: z.array(customerMemberOutSchema),
    techStack: techStackOutSchema,
    progress: overallProgressSchema,
  })
  .meta({ id: "CustomerPortal", description: "Never internal notes, the activity log or the share token." });

/** The collection lists (GET of milestones, phases, success criteria, team; the answer of a move). */
export const milestoneListSchema = z.object({ milestones: z.array(milestoneSchema), progress: progressSchema });
export const phaseListSchema = z.object({ phases: z.array(phaseSchema), progress: progressSchema.meta({ description: "Completed tasks of every phase." }) });
export const criterionListSchema = z.object({ criteria: z.array(criterionSchema), progress: progressSchema });
export const teamListSchema = z.object({ team: z.array(memberSchema) });
export const taskListSchema = z.object({ phaseId: z.string(), tasks: z.array(taskSchema), progress: progressSchema });

export const shareLinkOutSchema = z.object({
  url: z.url().meta({ description: "The customer portal page." }),
  token: z.string().meta({ description: "The share token (for /api/v1/customer/{token})." }),
  expiresAt: nullableTimestamp("When it stops working; null for never."),
});
