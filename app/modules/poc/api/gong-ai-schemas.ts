/**
 * What the Gong and AI endpoints of the POC Portal API answer
 * (poc/gong-ai-api.server.ts's serialisers return their `z.infer`; the OpenAPI
 * document and the API tests use them).
 */
import { z } from "zod";
import { JobRunStatus, ValueItemStatus } from "~/generated/prisma/enums.ts";
import { VALUE_FRAMEWORK_SECTIONS } from "../ai/analyze.server.ts";
import { criterionSchema, nullableTimestamp, timestamp, versionOut } from "./schemas.ts";

const gongSide = z.enum(["sentry", "customer", "unknown"]).meta({ description: "`sentry` for Gong's internal participants, `customer` for external ones." });
const clock = z
  .string()
  .regex(/^\d{2,}:\d{2}:\d{2}$/)
  .meta({ description: "Where in the call, `HH:MM:SS`." });

export const runSchema = z
  .object({
    id: z.string(),
    kind: z.enum(["gong-search", "gong-transcripts", "ai-analysis"]),
    status: z
      .enum(JobRunStatus)
      .meta({ description: "`QUEUED` until a worker takes it (again while a failed attempt waits for its retry), then `RUNNING`, then `SUCCEEDED` or `FAILED`." }),
    progress: z.string().nullable().meta({ description: "What it is doing, or what it did (“Found 8 calls with acme.com…”)." }),
    error: z.string().nullable().meta({ description: "Why it failed, in plain words; while it is retried, why the last attempt failed." }),
    attempts: z.number().int().min(0).meta({ description: "Attempts so far (retried with backoff when Gong or Claude is briefly unavailable)." }),
    createdBy: z.string().meta({ description: "Who started it." }),
    createdAt: timestamp("When it was started."),
    finishedAt: nullableTimestamp("When it succeeded or failed; null until then."),
  })
  .meta({ id: "PocRun" });
const latestRunOf = (what: string) => runSchema.nullable().meta({ description: `The latest ${what}, or null if there was none yet.` });

const callFields = {
  id: z.string().meta({ description: "The call's id in this POC (use it in `callIds` and /gong/calls/{callId})." }),
  gongId: z.string().meta({ description: "The call's id in Gong." }),
  title: z.string(),
  startedAt: timestamp("When the call started."),
  durationSeconds: z.number().int().min(0),
  url: z.url().nullable().meta({ description: "The call in Gong." }),
  parties: z.array(z.object({ name: z.string(), email: z.string().nullable(), affiliation: z.enum(["Internal", "External", "Unknown"]), side: gongSide })),
  selected: z.boolean().meta({ description: "Picked for the analysis (by the latest transcript fetch)." }),
  transcriptFetchedAt: nullableTimestamp("When its transcript was fetched; null if never."),
  lines: z.number().int().nullable().meta({ description: "Sentences in the stored transcript; null if none was fetched." }),
  transcriptDeletedAt: nullableTimestamp(
    "When the retention job deleted its transcript and participants (TRANSCRIPT_RETENTION_DAYS after the POC was marked Won or Lost); null if it didn't.",
  ),
};
export const callSchema = z.object(callFields).meta({ id: "PocCall" });
export const callWithTranscriptSchema = z.object({
  ...callFields,
  transcript: z
    .array(z.object({ startMs: z.number().int().min(0), timestamp: clock, speakerName: z.string(), side: gongSide, text: z.string() }))
    .nullable()
    .meta({ description: "One entry per sentence, in order; null until fetched." }),
});

const section = z.enum(VALUE_FRAMEWORK_SECTIONS).meta({ description: "The section of the value framework." });

export const valueItemSchema = z
  .object({
    id: z.string(),
    section,
    position: z.number().int().meta({ description: "Order within its section, from 0." }),
    statement: z.string().meta({ description: "The item, as Claude suggested it or as reworded." }),
    evidence: z
      .array(
        z.object({
          callId: z.string().meta({ description: "The call's id (/gong/calls/{callId})." }),
          timestamp: clock,
          startMs: z.number().int().min(0),
          speaker: z.string(),
          side: z.string(),
          text: z.string().meta({ description: "The quote." }),
        }),
      )
      .meta({ description: "Quotes from the transcripts that back the item, each verified to occur at that point of that call. Empty for a flagged or manual item." }),
    confidence: z.number().min(0).max(1).nullable().meta({ description: "Claude's confidence; null for a manual item." }),
    flagged: z.boolean().meta({ description: "None of Claude's quotes for it was found in the transcripts: check before using it." }),
    flagReason: z.string().nullable(),
    status: z.enum(ValueItemStatus).meta({ description: "`SUGGESTED` until reviewed; `EDITED` when reworded." }),
    source: z.enum(["ai", "manual"]),
    criterionId: z.string().nullable().meta({ description: "The success criterion made from it, once accepted into the success criteria." }),
    version: versionOut,
    createdAt: timestamp("When it was suggested or added."),
    updatedAt: timestamp("When it last changed."),
    updatedBy: z.string().nullable().meta({ description: "Who last changed it (`AI analysis` for a suggestion)." }),
  })
  .meta({ id: "PocValueItem" });

export const gongSchema = z.object({
  configured: z.boolean().meta({ description: "GONG_ACCESS_KEY and GONG_ACCESS_KEY_SECRET are set; without them nothing new can be searched or fetched." }),
  accountDomain: z.string().meta({ description: "What a search looks for: calls with a participant at this domain or its subdomains." }),
  search: latestRunOf("search"),
  transcripts: latestRunOf("transcript fetch"),
  calls: z.array(callSchema),
});

export const aiSchema = z.object({
  configured: z.boolean().meta({ description: "ANTHROPIC_API_KEY is set; without it no analysis can start (manual items still can be added)." }),
  callsToAnalyse: z.number().int().min(0).meta({ description: "Selected calls with a transcript: what an analysis would read." }),
  analysis: latestRunOf("analysis"),
  sections: z.strictObject(Object.fromEntries(VALUE_FRAMEWORK_SECTIONS.map((s) => [s, z.array(valueItemSchema)])) as Record<(typeof VALUE_FRAMEWORK_SECTIONS)[number], z.ZodArray<typeof valueItemSchema>>),
});

export const startedSchema = z.object({ run: runSchema });
export const refusedSchema = z.object({ error: z.enum(["run_in_progress", "not_ready"]), message: z.string(), run: runSchema.nullable().optional() });

export const criterionAnswerSchema = z.object({
  created: z.boolean(),
  criterionId: z.string(),
  criterion: criterionSchema.nullable().meta({ description: "The success criterion (added again if it was deleted from the success criteria since)." }),
  item: valueItemSchema,
});
