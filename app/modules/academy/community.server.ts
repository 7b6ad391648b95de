/** Bookmarks, private notes and per-lesson discussions. */
import { prisma } from "~/utils/db.server.ts";
import { query, sql } from "~/utils/sql.server.ts";
import { renderMarkdown } from "./markdown.server.ts";

export async function toggleBookmark(userId: string, lessonId: string, on: boolean) {
  if (on) await prisma.bookmark.upsert({ where: { userId_lessonId: { userId, lessonId } }, create: { userId, lessonId }, update: {} });
  else await prisma.bookmark.deleteMany({ where: { userId, lessonId } });
}

/** Saves the note; an empty note deletes it. */
export async function saveNote(userId: string, lessonId: string, body: string) {
  if (!body.trim()) {
    await prisma.note.deleteMany({ where: { userId, lessonId } });
    return null;
  }
  return prisma.note.upsert({ where: { userId_lessonId: { userId, lessonId } }, create: { userId, lessonId, body }, update: { body } });
}

const lessonRef = { select: { slug: true, title: true, course: { select: { slug: true, title: true } } } } as const;

export async function myNotesAndBookmarks(userId: string) {
  const [notes, bookmarks] = await Promise.all([
    prisma.note.findMany({ where: { userId }, orderBy: { updatedAt: "desc" }, select: { body: true, updatedAt: true, lesson: lessonRef } }),
    prisma.bookmark.findMany({ where: { userId }, orderBy: { createdAt: "desc" }, select: { createdAt: true, lesson: lessonRef } }),
  ]);
  return { notes, bookmarks };
}

type PostRow = {
  id: string;
  parentId: string | null;
  bodyHtml: string;
  bodyMarkdown: string;
  createdAt: Date;
  editedAt: Date | null;
  hiddenAt: Date | null;
  userId: string;
  user: { name: string; role: string };
};

export async function lessonThread(lessonId: string) {
  const posts = await query<PostRow>(sql`
    SELECT p.id, p."parentId", p."bodyHtml", p."bodyMarkdown", p."createdAt", p."editedAt", p."hiddenAt", p."userId",
           json_build_object('name', u.name, 'role', u.role) AS "user"
      FROM "DiscussionPost" p JOIN "User" u ON u.id = p."userId"
     WHERE p."lessonId" = ${lessonId}
     ORDER BY p."createdAt"`);
  const top = posts.filter((p) => !p.parentId);
  return top.map((p) => ({ ...p, replies: posts.filter((r) => r.parentId === p.id) }));
}

export async function createPost(userId: string, lessonId: string, body: string, parentId: string | null) {
  if (parentId) {
    const parent = await prisma.discussionPost.findFirst({ where: { id: parentId, lessonId, parentId: null } });
    if (!parent) return null;
  }
  return prisma.discussionPost.create({ data: { userId, lessonId, parentId, bodyMarkdown: body, bodyHtml: renderMarkdown(body) } });
}

/** Only the author edits a post; returns null when the post isn't theirs. */
export async function editPost(userId: string, postId: string, body: string) {
  const post = await prisma.discussionPost.findUnique({ where: { id: postId } });
  if (!post || post.userId !== userId) return null;
  return prisma.discussionPost.update({ where: { id: postId }, data: { bodyMarkdown: body, bodyHtml: renderMarkdown(body), editedAt: new Date() } });
}

/** A post of this lesson (a top-level post or a reply), or null. */
export function findLessonPost(lessonId: string, postId: string) {
  return prisma.discussionPost.findFirst({ where: { id: postId, lessonId } });
}

export async function setPostHidden(moderatorId: string, postId: string, hidden: boolean) {
  return prisma.discussionPost.update({
    where: { id: postId },
    data: hidden ? { hiddenAt: new Date(), hiddenById: moderatorId } : { hiddenAt: null, hiddenById: null },
  });
}
