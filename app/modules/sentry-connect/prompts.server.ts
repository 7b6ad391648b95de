/**
 * The Sentry Connect prompts: "Level up your learning" on the dashboard once a
 * learner has completed a course, and a banner on the catalogue. Both show only
 * to signed-in learners who aren't connected, and stay closed once dismissed.
 */
import { prisma } from "~/utils/db.server.ts";
import { queryOne, sql } from "~/utils/sql.server.ts";
import { connectAvailability } from "./connection.server.ts";

const PROMPTS = ["dashboard-level-up", "catalogue-banner"] as const;
export type PromptKey = (typeof PROMPTS)[number];
export const isPromptKey = (value: unknown): value is PromptKey => PROMPTS.includes(value as PromptKey);

export type PromptState = { connected: boolean; show: boolean };

/** One cheap query: the catalogue is a hot page. */
export async function promptState(userId: string, prompt: PromptKey): Promise<PromptState> {
  const row = await queryOne<{ connected: boolean; dismissed: boolean }>(sql`
    SELECT EXISTS (SELECT 1 FROM "SentryConnection" WHERE "userId" = ${userId}) AS connected,
           EXISTS (SELECT 1 FROM "PromptDismissal" WHERE "userId" = ${userId} AND prompt = ${prompt}) AS dismissed`);
  const connected = row?.connected ?? false;
  return {
    connected,
    show: !connected && !row?.dismissed && connectAvailability().ok,
  };
}

export async function dismissPrompt(userId: string, prompt: PromptKey) {
  // INSERT … ON CONFLICT DO NOTHING: a double click dismisses once, without a unique-constraint error.
  await prisma.promptDismissal.createMany({ data: [{ userId, prompt }], skipDuplicates: true });
}
