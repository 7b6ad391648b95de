/**
 * OpenAPI path items of POC Portal part 2: Gong calls and transcripts under
 * /api/v1/pocs/{id}/gong and the AI value framework under /api/v1/pocs/{id}/ai
 * (app/routes/api.v1.pocs.$id.gong*.ts, api.v1.pocs.$id.ai*.ts). Staff only, with
 * the helpers and shapes of openapi-poc.ts; the field rules mirror
 * app/modules/poc/gong-ai-api.server.ts.
 */
import { JobRunStatus, ValueItemStatus } from "~/generated/prisma/enums.ts";
import type { PathItems, ResponseObject, SchemaObject } from "./openapi.ts";
import {
  body,
  conflictOf,
  criterionSchema,
  errorRef,
  invalidBody,
  json,
  notFoundPoc,
  nullableTimestamp,
  ok,
  pathParam,
  pocId,
  staffErrors,
  staffOp,
  text,
  timestamp,
  version,
} from "./openapi-poc.ts";

// ───────────── shapes ─────────────

/**
 * analyze.server.ts's VALUE_FRAMEWORK_SECTIONS and gong-ai-runs.server.ts's MAX_STATEMENT,
 * written out: the /api/docs page bundles this document for the browser, where
 * `.server` modules are empty (tests/integration/poc-gong-ai-api.test.ts keeps them equal).
 */
const VALUE_FRAMEWORK_SECTIONS = ["current_challenges", "impact", "ideal_future_state", "metrics", "requirements"];
const MAX_STATEMENT = 500;

const gongSide: SchemaObject = { type: "string", enum: ["sentry", "customer", "unknown"], description: "`sentry` for Gong's internal participants, `customer` for external ones." };
const clock: SchemaObject = { type: "string", pattern: "^\\d{2,}:\\d{2}:\\d{2}$", description: "Where in the call, `HH:MM:SS`." };

const runSchema: SchemaObject = {
  type: "object",
  required: ["id", "kind", "status", "progress", "error", "attempts", "createdBy", "createdAt", "finishedAt"],
  properties: {
    id: { type: "string" },
    kind: { type: "string", enum: ["gong-search", "gong-transcripts", "ai-analysis"] },
    status: { type: "string", enum: Object.values(JobRunStatus), description: "`QUEUED` until a worker takes it (again while a failed attempt waits for its retry), then `RUNNING`, then `SUCCEEDED` or `FAILED`." },
    progress: { type: ["string", "null"], description: "What it is doing, or what it did (“Found 8 calls with acme.com…”)." },
    error: { type: ["string", "null"], description: "Why it failed, in plain words; while it is retried, why the last attempt failed." },
    attempts: { type: "integer", minimum: 0, description: "Attempts so far (retried with backoff when Gong or Claude is briefly unavailable)." },
    createdBy: text("Who started it."),
    createdAt: timestamp("When it was started."),
    finishedAt: nullableTimestamp("When it succeeded or failed; null until then."),
  },
};
const latestRunOf = (what: string): SchemaObject => ({ ...runSchema, type: ["object", "null"], description: `The latest ${what}, or null if there was none yet.` });

const callSchema: SchemaObject = {
  type: "object",
  required: ["id", "gongId", "title", "startedAt", "durationSeconds", "url", "parties", "selected", "transcriptFetchedAt", "lines", "transcriptDeletedAt"],
  properties: {
    id: { type: "string", description: "The call's id in this POC (use it in `callIds` and /gong/calls/{callId})." },
    gongId: { type: "string", description: "The call's id in Gong." },
    title: { type: "string" },
    startedAt: timestamp("When the call started."),
    durationSeconds: { type: "integer", minimum: 0 },
    url: { type: ["string", "null"], format: "uri", description: "The call in Gong." },
    parties: {
      type: "array",
      items: {
        type: "object",
        required: ["name", "email", "affiliation", "side"],
        properties: { name: { type: "string" }, email: { type: ["string", "null"] }, affiliation: { type: "string", enum: ["Internal", "External", "Unknown"] }, side: gongSide },
      },
    },
    selected: { type: "boolean", description: "Picked for the analysis (by the latest transcript fetch)." },
    transcriptFetchedAt: nullableTimestamp("When its transcript was fetched; null if never."),
    lines: { type: ["integer", "null"], description: "Sentences in the stored transcript; null if none was fetched." },
    transcriptDeletedAt: nullableTimestamp("When the retention job deleted its transcript and participants (TRANSCRIPT_RETENTION_DAYS after the POC was marked Won or Lost); null if it didn't."),
  },
};

const callWithTranscript: SchemaObject = {
  ...callSchema,
  required: [...callSchema.required!, "transcript"],
  properties: {
    ...callSchema.properties,
    transcript: {
      type: ["array", "null"],
      description: "One entry per sentence, in order; null until fetched.",
      items: {
        type: "object",
        required: ["startMs", "timestamp", "speakerName", "side", "text"],
        properties: { startMs: { type: "integer", minimum: 0 }, timestamp: clock, speakerName: { type: "string" }, side: gongSide, text: { type: "string" } },
      },
    },
  },
};

const section: SchemaObject = { type: "string", enum: VALUE_FRAMEWORK_SECTIONS, description: "The section of the value framework." };
const statement = (description: string): SchemaObject => text(`${description} Whitespace runs become one space; 1 to ${MAX_STATEMENT} characters.`, MAX_STATEMENT);

const valueItemSchema: SchemaObject = {
  type: "object",
  required: ["id", "section", "position", "statement", "evidence", "confidence", "flagged", "flagReason", "status", "source", "criterionId", "version", "createdAt", "updatedAt", "updatedBy"],
  properties: {
    id: { type: "string" },
    section,
    position: { type: "integer", description: "Order within its section, from 0." },
    statement: text("The item, as Claude suggested it or as reworded."),
    evidence: {
      type: "array",
      description: "Quotes from the transcripts that back the item, each verified to occur at that point of that call. Empty for a flagged or manual item.",
      items: {
        type: "object",
        required: ["callId", "timestamp", "startMs", "speaker", "side", "text"],
        properties: {
          callId: { type: "string", description: "The call's id (/gong/calls/{callId})." },
          timestamp: clock,
          startMs: { type: "integer", minimum: 0 },
          speaker: { type: "string" },
          side: { type: "string" },
          text: text("The quote."),
        },
      },
    },
    confidence: { type: ["number", "null"], minimum: 0, maximum: 1, description: "Claude's confidence; null for a manual item." },
    flagged: { type: "boolean", description: "None of Claude's quotes for it was found in the transcripts: check before using it." },
    flagReason: { type: ["string", "null"] },
    status: { type: "string", enum: Object.values(ValueItemStatus), description: "`SUGGESTED` until reviewed; `EDITED` when reworded." },
    source: { type: "string", enum: ["ai", "manual"] },
    criterionId: { type: ["string", "null"], description: "The success criterion made from it, once accepted into the success criteria." },
    version,
    createdAt: timestamp("When it was suggested or added."),
    updatedAt: timestamp("When it last changed."),
    updatedBy: { type: ["string", "null"], description: "Who last changed it (`AI analysis` for a suggestion)." },
  },
};

// ───────────── request bodies ─────────────

const searchBody: SchemaObject = {
  type: "object",
  additionalProperties: false,
  properties: {
    from: { type: "string", format: "date", description: "First day (UTC), `YYYY-MM-DD`; 90 days before `to` when left out." },
    to: { type: "string", format: "date", description: "Last day (UTC), `YYYY-MM-DD`, not before `from`; today when left out." },
  },
};

const transcriptsBody: SchemaObject = {
  type: "object",
  required: ["callIds"],
  additionalProperties: false,
  properties: {
    callIds: { type: "array", minItems: 1, maxItems: 100, items: { type: "string" }, description: "Ids of this POC's calls (from GET /gong). An unknown one is a 400 naming it (`callIds[1]`)." },
  },
};

const reviewBody: SchemaObject = {
  type: "object",
  required: ["version", "action"],
  additionalProperties: false,
  properties: {
    version,
    action: { type: "string", enum: ["accept", "reject", "edit"], description: "`edit` rewords it (status `EDITED`)." },
    statement: statement("The new wording: required with `edit`, refused with the other actions."),
  },
};

const manualItemBody: SchemaObject = { type: "object", required: ["section", "statement"], additionalProperties: false, properties: { section, statement: statement("The item.") } };

const emptyBody = { required: false, description: "Takes no fields (an empty body or `{}`).", content: json({ type: "object", additionalProperties: false }) };

// ───────────── responses ─────────────

const started = (what: string, where: string): ResponseObject => ok(`${what} is queued: GET ${where} shows how it goes.`, { type: "object", required: ["run"], properties: { run: runSchema } });
const notConfigured = (keys: string): ResponseObject => ({
  description: `The server has no ${keys} (\`not_configured\`): an admin has to set them.`,
  content: json(errorRef),
});
const refused = (description: string): ResponseObject => ({
  description,
  content: json({ type: "object", required: ["error", "message"], properties: { error: { type: "string", enum: ["run_in_progress", "not_ready"] }, message: { type: "string" }, run: runSchema } }),
});
const notFoundIn = (what: string): ResponseObject => ({ description: `No POC with this id, or the ${what} is not in this POC (\`not_found\`).`, content: json(errorRef) });

const criterionAnswer: SchemaObject = {
  type: "object",
  required: ["created", "criterionId", "criterion", "item"],
  properties: {
    created: { type: "boolean" },
    criterionId: { type: "string" },
    criterion: { ...criterionSchema, type: ["object", "null"], description: "The success criterion (added again if it was deleted from the success criteria since)." },
    item: valueItemSchema,
  },
};

const callId = pathParam("callId", "The call's id (`id` in GET /gong).");
const itemId = pathParam("itemId", "The value item's id.");

// ───────────── paths ─────────────

export const pocGongAiPaths: PathItems = {
  "/api/v1/pocs/{id}/gong": {
    get: staffOp({
      operationId: "getPocGong",
      summary: "Gong calls and their runs",
      description:
        "Whether Gong is configured on the server, the latest search and transcript fetch, and the calls found with the POC's account domain (newest first, without transcripts). Transcripts are never shown to the customer.",
      parameters: [pocId],
      responses: {
        "200": ok("The calls.", {
          type: "object",
          required: ["configured", "accountDomain", "search", "transcripts", "calls"],
          properties: {
            configured: { type: "boolean", description: "GONG_ACCESS_KEY and GONG_ACCESS_KEY_SECRET are set; without them nothing new can be searched or fetched." },
            accountDomain: text("What a search looks for: calls with a participant at this domain or its subdomains."),
            search: latestRunOf("search"),
            transcripts: latestRunOf("transcript fetch"),
            calls: { type: "array", items: callSchema },
          },
        }),
        ...staffErrors,
        "404": notFoundPoc,
      },
    }),
  },
  "/api/v1/pocs/{id}/gong/search": {
    post: staffOp({
      operationId: "searchPocGongCalls",
      summary: "Search Gong for the customer's calls",
      description: "Queues a search for the calls with a participant at the POC's account domain between two days; the calls found are added to (or updated in) GET /gong.",
      parameters: [pocId],
      requestBody: { required: false, content: json(searchBody) },
      responses: {
        "202": started("The search", "/api/v1/pocs/{id}/gong"),
        "400": invalidBody,
        ...staffErrors,
        "404": notFoundPoc,
        "409": refused("A search is already running (`run_in_progress`, with `run`), or the POC has no account domain (`not_ready`)."),
        "503": notConfigured("Gong keys"),
      },
    }),
  },
  "/api/v1/pocs/{id}/gong/transcripts": {
    post: staffOp({
      operationId: "fetchPocGongTranscripts",
      summary: "Fetch transcripts of calls",
      description: "The calls sent become the selection for the analysis (the POC's other calls are unselected) and their transcripts are fetched, with speaker names.",
      parameters: [pocId],
      requestBody: body(transcriptsBody),
      responses: {
        "202": started("The fetch", "/api/v1/pocs/{id}/gong"),
        "400": invalidBody,
        ...staffErrors,
        "404": notFoundPoc,
        "409": refused("Transcripts are already being fetched (`run_in_progress`, with `run`)."),
        "503": notConfigured("Gong keys"),
      },
    }),
  },
  "/api/v1/pocs/{id}/gong/calls/{callId}": {
    get: staffOp({
      operationId: "getPocGongCall",
      summary: "A call with its transcript",
      parameters: [pocId, callId],
      responses: { "200": ok("The call.", callWithTranscript), ...staffErrors, "404": notFoundIn("call") },
    }),
  },
  "/api/v1/pocs/{id}/ai": {
    get: staffOp({
      operationId: "getPocValueFramework",
      summary: "The AI value framework",
      description: "Whether Claude is configured on the server, the latest analysis, and the items of the five sections (each in order): suggested by Claude with their quotes, or added by hand. Never shown to the customer.",
      parameters: [pocId],
      responses: {
        "200": ok("The value framework.", {
          type: "object",
          required: ["configured", "callsToAnalyse", "analysis", "sections"],
          properties: {
            configured: { type: "boolean", description: "ANTHROPIC_API_KEY is set; without it no analysis can start (manual items still can be added)." },
            callsToAnalyse: { type: "integer", minimum: 0, description: "Selected calls with a transcript: what an analysis would read." },
            analysis: latestRunOf("analysis"),
            sections: {
              type: "object",
              required: VALUE_FRAMEWORK_SECTIONS,
              additionalProperties: false,
              properties: Object.fromEntries(VALUE_FRAMEWORK_SECTIONS.map((s) => [s, { type: "array", items: valueItemSchema }])),
            },
          },
        }),
        ...staffErrors,
        "404": notFoundPoc,
      },
    }),
  },
  "/api/v1/pocs/{id}/ai/analysis": {
    post: staffOp({
      operationId: "analysePocCalls",
      summary: "Analyse the transcripts with Claude",
      description: "Queues the analysis of the selected calls with transcripts. Its suggestions replace the ones nobody reviewed yet; reviewed and manual items stay.",
      parameters: [pocId],
      requestBody: emptyBody,
      responses: {
        "202": started("The analysis", "/api/v1/pocs/{id}/ai"),
        "400": invalidBody,
        ...staffErrors,
        "404": notFoundPoc,
        "409": refused("An analysis is already running (`run_in_progress`, with `run`), or no selected call has a transcript yet (`not_ready`)."),
        "503": notConfigured("ANTHROPIC_API_KEY"),
      },
    }),
  },
  "/api/v1/pocs/{id}/ai/items": {
    post: staffOp({
      operationId: "addPocValueItem",
      summary: "Add a value item by hand",
      description: "Accepted, at the end of its section. Works without any keys.",
      parameters: [pocId],
      requestBody: body(manualItemBody),
      responses: { "201": ok("The new item.", valueItemSchema), "400": invalidBody, ...staffErrors, "404": notFoundPoc },
    }),
  },
  "/api/v1/pocs/{id}/ai/items/{itemId}": {
    patch: staffOp({
      operationId: "reviewPocValueItem",
      summary: "Accept, reject or reword a value item",
      description: "If it is still at `version` (otherwise 409 with the current item, nothing written).",
      parameters: [pocId, itemId],
      requestBody: body(reviewBody),
      responses: { "200": ok("The item as stored now.", valueItemSchema), "400": invalidBody, ...staffErrors, "404": notFoundIn("item"), "409": conflictOf(valueItemSchema, "item") },
    }),
  },
  "/api/v1/pocs/{id}/ai/items/{itemId}/criterion": {
    post: staffOp({
      operationId: "addPocValueItemToCriteria",
      summary: "Make a value item a success criterion",
      description: "Accepts the item (a reworded one stays `EDITED`) and adds its statement at the end of the success criteria, once. The customer sees the criterion, never the item or its quotes.",
      parameters: [pocId, itemId],
      requestBody: emptyBody,
      responses: {
        "200": ok("It already was a success criterion: nothing added.", criterionAnswer),
        "201": ok("Added to the success criteria.", criterionAnswer),
        "400": invalidBody,
        ...staffErrors,
        "404": notFoundIn("item"),
        "409": {
          description: "The item was rejected (`item_rejected`): accept it first. `current` is the item.",
          content: json({ type: "object", required: ["error", "message", "current"], properties: { error: { const: "item_rejected" }, message: { type: "string" }, current: valueItemSchema } }),
        },
      },
    }),
  },
};
