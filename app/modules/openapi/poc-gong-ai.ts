/**
 * The Gong and AI endpoints of the POC Portal API in the OpenAPI document: Gong
 * calls and transcripts under /api/v1/pocs/{id}/gong, the AI value framework
 * under /api/v1/pocs/{id}/ai (app/routes/api.v1.pocs.$id.gong*.ts,
 * api.v1.pocs.$id.ai*.ts). Staff only. Bodies are poc/gong-ai-api.server.ts's
 * request schemas, answers poc/api/gong-ai-schemas.ts's.
 */
import { z } from "zod";
import { gongSearchSchema, manualItemSchema, noBody, reviewSchema, transcriptsSchema } from "~/modules/poc/gong-ai-api.server.ts";
import { MAX_STATEMENT } from "~/modules/poc/gong-ai-runs.server.ts";
import { aiSchema, callWithTranscriptSchema, criterionAnswerSchema, gongSchema, refusedSchema, startedSchema, valueItemSchema } from "~/modules/poc/api/gong-ai-schemas.ts";
import { conflictOf, notFoundIn, notFoundPoc, pocParams, STAFF, staffErrors } from "./poc.ts";
import { described, error, invalidBody, ok, op, pathParams, type Registry } from "./shared.ts";

const staffOnly = (description?: string) => `${description ? `${description} ` : ""}For solutions engineers and admins.`;
const started = (what: string, where: string) => ok(`${what} is queued: GET ${where} shows how it goes.`, startedSchema);
const notConfigured = (keys: string) => error(`The server has no ${keys} (\`not_configured\`): an admin has to set them.`);
const refused = (description: string) => ok(description, refusedSchema);
const empty = described(noBody, {});
const itemParams = pathParams({ id: "The POC's id.", itemId: "The value item's id." });

export function registerPocGongAi(r: Registry) {
  op(r, {
    method: "get",
    path: "/api/v1/pocs/{id}/gong",
    tags: [STAFF],
    operationId: "getPocGong",
    summary: "Gong calls and their runs",
    description: staffOnly(
      "Whether Gong is configured on the server, the latest search and transcript fetch, and the calls found with the POC's account domain (newest first, without transcripts). Transcripts are never shown to the customer.",
    ),
    request: { params: pocParams },
    responses: { 200: ok("The calls.", gongSchema), ...staffErrors, 404: notFoundPoc },
  });
  op(r, {
    method: "post",
    path: "/api/v1/pocs/{id}/gong/search",
    tags: [STAFF],
    operationId: "searchPocGongCalls",
    summary: "Search Gong for the customer's calls",
    description: staffOnly(
      "Queues a search for the calls with a participant at the POC's account domain between two days (`from`: 90 days before `to` when left out; `to`: today when left out, not before `from`); the calls found are added to (or updated in) GET /gong.",
    ),
    request: { params: pocParams, body: gongSearchSchema, bodyRequired: false },
    responses: {
      202: started("The search", "/api/v1/pocs/{id}/gong"),
      400: invalidBody(),
      ...staffErrors,
      404: notFoundPoc,
      409: refused("A search is already running (`run_in_progress`, with `run`), or the POC has no account domain (`not_ready`)."),
      503: notConfigured("Gong keys"),
    },
  });
  op(r, {
    method: "post",
    path: "/api/v1/pocs/{id}/gong/transcripts",
    tags: [STAFF],
    operationId: "fetchPocGongTranscripts",
    summary: "Fetch transcripts of calls",
    description: staffOnly("The calls sent become the selection for the analysis (the POC's other calls are unselected) and their transcripts are fetched, with speaker names."),
    request: {
      params: pocParams,
      body: described(transcriptsSchema, { callIds: "Ids of this POC's calls (from GET /gong). An unknown one is a 400 naming it (`callIds[1]`)." }),
    },
    responses: {
      202: started("The fetch", "/api/v1/pocs/{id}/gong"),
      400: invalidBody(),
      ...staffErrors,
      404: notFoundPoc,
      409: refused("Transcripts are already being fetched (`run_in_progress`, with `run`)."),
      503: notConfigured("Gong keys"),
    },
  });
  op(r, {
    method: "get",
    path: "/api/v1/pocs/{id}/gong/calls/{callId}",
    tags: [STAFF],
    operationId: "getPocGongCall",
    summary: "A call with its transcript",
    description: staffOnly(),
    request: { params: pathParams({ id: "The POC's id.", callId: "The call's id (`id` in GET /gong)." }) },
    responses: { 200: ok("The call.", callWithTranscriptSchema), ...staffErrors, 404: notFoundIn("call") },
  });
  op(r, {
    method: "get",
    path: "/api/v1/pocs/{id}/ai",
    tags: [STAFF],
    operationId: "getPocValueFramework",
    summary: "The AI value framework",
    description: staffOnly(
      "Whether Claude is configured on the server, the latest analysis, and the items of the five sections (each in order): suggested by Claude with their quotes, or added by hand. Never shown to the customer.",
    ),
    request: { params: pocParams },
    responses: { 200: ok("The value framework.", aiSchema), ...staffErrors, 404: notFoundPoc },
  });
  op(r, {
    method: "post",
    path: "/api/v1/pocs/{id}/ai/analysis",
    tags: [STAFF],
    operationId: "analysePocCalls",
    summary: "Analyse the transcripts with Claude",
    description: staffOnly("Queues the analysis of the selected calls with transcripts. Its suggestions replace the ones nobody reviewed yet; reviewed and manual items stay. Takes no fields (an empty body or `{}`)."),
    request: { params: pocParams, body: empty, bodyRequired: false },
    responses: {
      202: started("The analysis", "/api/v1/pocs/{id}/ai"),
      400: invalidBody(),
      ...staffErrors,
      404: notFoundPoc,
      409: refused("An analysis is already running (`run_in_progress`, with `run`), or no selected call has a transcript yet (`not_ready`)."),
      503: notConfigured("ANTHROPIC_API_KEY"),
    },
  });
  const statement = `Whitespace runs become one space; then 1 to ${MAX_STATEMENT} characters.`;
  op(r, {
    method: "post",
    path: "/api/v1/pocs/{id}/ai/items",
    tags: [STAFF],
    operationId: "addPocValueItem",
    summary: "Add a value item by hand",
    description: staffOnly("Accepted, at the end of its section. Works without any keys."),
    request: { params: pocParams, body: described(manualItemSchema, { statement: { description: `The item. ${statement}`, maxLength: MAX_STATEMENT } }) },
    responses: { 201: ok("The new item.", valueItemSchema), 400: invalidBody(), ...staffErrors, 404: notFoundPoc },
  });
  op(r, {
    method: "patch",
    path: "/api/v1/pocs/{id}/ai/items/{itemId}",
    tags: [STAFF],
    operationId: "reviewPocValueItem",
    summary: "Accept, reject or reword a value item",
    description: staffOnly("If it is still at `version` (otherwise 409 with the current item, nothing written)."),
    request: {
      params: itemParams,
      body: described(reviewSchema, {
        action: "`edit` rewords it (status `EDITED`).",
        statement: { description: `The new wording: required with \`edit\`, refused with the other actions. ${statement}`, maxLength: MAX_STATEMENT },
      }),
    },
    responses: { 200: ok("The item as stored now.", valueItemSchema), 400: invalidBody(), ...staffErrors, 404: notFoundIn("item"), 409: conflictOf(valueItemSchema, "item") },
  });
  op(r, {
    method: "post",
    path: "/api/v1/pocs/{id}/ai/items/{itemId}/criterion",
    tags: [STAFF],
    operationId: "addPocValueItemToCriteria",
    summary: "Make a value item a success criterion",
    description: staffOnly(
      "Accepts the item (a reworded one stays `EDITED`) and adds its statement at the end of the success criteria, once. The customer sees the criterion, never the item or its quotes.",
    ),
    request: { params: itemParams, body: empty, bodyRequired: false },
    responses: {
      200: ok("It already was a success criterion: nothing added.", criterionAnswerSchema),
      201: ok("Added to the success criteria.", criterionAnswerSchema),
      400: invalidBody(),
      ...staffErrors,
      404: notFoundIn("item"),
      409: ok("The item was rejected (`item_rejected`): accept it first. `current` is the item.", z.object({ error: z.literal("item_rejected"), message: z.string(), current: valueItemSchema })),
    },
  });
}
