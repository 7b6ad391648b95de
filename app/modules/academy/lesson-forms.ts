/** Zod schemas of the forms on a lesson page (shared by the server action and Conform). */
import { z } from "zod";

export const NoteSchema = z.object({
  intent: z.literal("note"),
  body: z.string().max(10_000, "Keep notes under 10,000 characters").default(""),
});

export const PostSchema = z.object({
  intent: z.literal("post"),
  parentId: z.string().optional(),
  body: z.string({ error: "Write something first" }).trim().min(2, "Write at least 2 characters").max(5000, "Keep posts under 5,000 characters"),
});

export const EditPostSchema = z.object({
  intent: z.literal("edit-post"),
  postId: z.string().min(1),
  body: z.string({ error: "A post can't be empty" }).trim().min(2, "Write at least 2 characters").max(5000, "Keep posts under 5,000 characters"),
});

export const LessonActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("complete") }),
  z.object({ intent: z.literal("uncomplete") }),
  z.object({ intent: z.literal("bookmark"), on: z.enum(["true", "false"]).transform((v) => v === "true") }),
  NoteSchema,
  PostSchema,
  EditPostSchema,
  z.object({ intent: z.literal("hide-post"), postId: z.string().min(1), hidden: z.enum(["true", "false"]).transform((v) => v === "true") }),
  z.object({
    intent: z.literal("progress"),
    seconds: z.coerce.number().int().min(0).max(3600),
    position: z.coerce.number().int().min(0).max(10_000_000),
  }),
]);
