/**
 * Sign-in sessions. The httpOnly, SameSite=Lax cookie holds only a signed
 * session id; the Session row (with its expiry) is the truth, so a session is
 * revoked by deleting its row. Secrets come from SESSION_SECRET (comma-separated:
 * the first signs, all verify, so they can rotate).
 */
import { randomBytes } from "node:crypto";
import { createCookie } from "@remix-run/node";
import { revokeAllApiTokens } from "~/modules/accounts/api-tokens.server.ts";
import { prisma } from "./db.server.ts";
import { getEnv } from "./env.server.ts";
import type { RoleName } from "./permissions.ts";
import { queryOne, sql } from "./sql.server.ts";

/** Sessions last 30 days from sign-in. Reading a session never writes (GET stays safe). */
export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

let cookie: ReturnType<typeof createCookie> | undefined;
function sessionCookie() {
  const env = getEnv();
  cookie ??= createCookie("__session", {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: env.NODE_ENV === "production" && (env.APP_URL ?? "").startsWith("https:"),
    secrets: env.SESSION_SECRET,
    maxAge: SESSION_TTL_MS / 1000,
  });
  return cookie;
}

export async function readSessionId(request: Request): Promise<string | null> {
  const value = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

export async function createSession(userId: string, userAgent: string | null) {
  const id = randomBytes(32).toString("base64url");
  const session = await prisma.session.create({
    data: { id, userId, userAgent: userAgent?.slice(0, 300) ?? null, expiresAt: new Date(Date.now() + SESSION_TTL_MS) },
  });
  return { session, setCookie: await sessionCookie().serialize(id) };
}

type SessionUser = { sessionId: string; user: { id: string; email: string; name: string; role: RoleName; emailVerified: boolean } } | null;
// The root loader and the route's loader both ask; look the session up once per request.
const perRequest = new WeakMap<Request, Promise<SessionUser>>();

/** The signed-in user for this request, or null. Expired sessions count as none. */
export function getSessionUser(request: Request): Promise<SessionUser> {
  let pending = perRequest.get(request);
  if (!pending) {
    pending = lookupSession(request);
    perRequest.set(request, pending);
  }
  return pending;
}

async function lookupSession(request: Request): Promise<SessionUser> {
  const id = await readSessionId(request);
  if (!id) return null;
  // Every signed-in request runs this: plain SQL, one round trip.
  // Until the address is verified, the account acts as a student (no staff powers).
  const row = await queryOne<{ id: string; email: string; name: string; role: RoleName; emailVerified: boolean }>(sql`
    SELECT u.id, u.email, u.name,
           CASE WHEN u."emailVerifiedAt" IS NULL THEN 'STUDENT' ELSE u.role::text END AS role,
           u."emailVerifiedAt" IS NOT NULL AS "emailVerified"
      FROM "Session" s JOIN "User" u ON u.id = s."userId"
     WHERE s.id = ${id} AND s."expiresAt" > (now() AT TIME ZONE 'UTC')`);
  return row ? { sessionId: id, user: row } : null;
}

export async function destroySession(request: Request): Promise<string> {
  const id = await readSessionId(request);
  if (id) await prisma.session.deleteMany({ where: { id } });
  return sessionCookie().serialize("", { maxAge: 0 });
}

/** Log out everywhere: every session of the user, this one included, and every API token. */
export async function destroyAllSessions(userId: string): Promise<string> {
  await prisma.$transaction(async (tx) => {
    await tx.session.deleteMany({ where: { userId } });
    await revokeAllApiTokens(userId, tx);
  });
  return sessionCookie().serialize("", { maxAge: 0 });
}
