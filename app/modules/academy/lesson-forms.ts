/** Zod schemas of the forms on a lesson page (the server action's; the page carries the limits of lesson-limits.ts as attributes). */
import { z } from "zod";
import { NOTE_MAX, POST_MAX, POST_MIN } from "./lesson-limits.ts";

const NoteSchema = z.object({
  intent: z.literal("note"),
  body: z.string().max(NOTE_MAX, `Keep notes under ${NOTE_MAX.toLocaleString("en")} characters`).default(""),
});

const PostSchema = z.object({
  intent: z.literal("post"),
  parentId: z.string().optional(),
  body: z.string({ error: "Write something first" }).trim().min(POST_MIN, `Write at least ${POST_MIN} characters`).max(POST_MAX, `Keep posts under ${POST_MAX.toLocaleString("en")} characters`),
});

const EditPostSchema = z.object({
  intent: z.literal("edit-post"),
  postId: z.string().min(1),
  body: z.string({ error: "A post can't be empty" }).trim().min(POST_MIN, `Write at least ${POST_MIN} characters`).max(POST_MAX, `Keep posts under ${POST_MAX.toLocaleString("en")} characters`),
});

export const LessonActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("complete") }),
  z.object({ intent: z.literal("uncomplete") }),
  z.object({ intent: z.literal("bookmark"), on: z.enum(["true", "false"]).transform((v) => v === "true") }),
  NoteSchema,
  PostSchema,
  EditPostSchema,
  z.object({ intent: z.literal("hide-post"), postId: z.string().min(1), hidden: z.enum(["true", "false"]).transform((v) => v === "true") }),
  // An exercise run (decision 041): the size is checked in bytes by submissions.server.ts, with its message next to the editor.
  // `respond=data` is sent by the page's script (a fetcher): the result comes back as data instead of a redirect.
  z.object({ intent: z.literal("run"), code: z.string().default(""), respond: z.literal("data").optional() }),
  z.object({
    intent: z.literal("progress"),
    seconds: z.coerce.number().int().min(0).max(3600),
    position: z.coerce.number().int().min(0).max(10_000_000),
  }),
]);
