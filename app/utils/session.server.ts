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
import { requestMemo } from "./load-context.server.ts";
import type { RoleName } from "./permissions.ts";
import { queryOne, sql } from "./sql.server.ts";

/** Sessions last 30 days from sign-in. Reading a session never writes (GET stays safe). */
const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;
/** A session waiting for its second factor lives 10 minutes. */
const PENDING_SESSION_TTL_MS = 10 * 60 * 1000;

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

async function readSessionId(request: Request): Promise<string | null> {
  const value = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

/**
 * A new session. `twoFactorPending`: the user passed the password (or OAuth) step
 * but still owes a second factor; such a session is invisible to getSessionUser
 * (so to every guard) and reaches only the two-factor page (getPendingSession).
 * Sign-in goes through startSignIn (modules/accounts/sign-in.server.ts), which decides.
 */
export async function createSession(userId: string, userAgent: string | null, opts: { twoFactorPending?: boolean } = {}) {
  const id = randomBytes(32).toString("base64url");
  const twoFactorPending = opts.twoFactorPending === true;
  const session = await prisma.session.create({
    data: {
      id,
      userId,
      userAgent: userAgent?.slice(0, 300) ?? null,
      twoFactorPending,
      expiresAt: new Date(Date.now() + (twoFactorPending ? PENDING_SESSION_TTL_MS : SESSION_TTL_MS)),
    },
  });
  return { session, setCookie: await sessionCookie().serialize(id) };
}

type SessionUser = { sessionId: string; user: { id: string; email: string; name: string; role: RoleName; emailVerified: boolean } } | null;

/**
 * The signed-in user for this request, or null. Expired sessions count as none.
 * The root loader and the route's loader both ask: looked up once per request,
 * kept on its load context (load-context.server.ts).
 */
export function getSessionUser(request: Request): Promise<SessionUser> {
  return requestMemo("session", () => lookupSession(request));
}

async function lookupSession(request: Request, twoFactorPending = false): Promise<SessionUser> {
  const id = await readSessionId(request);
  if (!id) return null;
  // Every signed-in request runs this: plain SQL, one round trip.
  // Until the address is verified, the account acts as a student (no staff powers).
  const row = await queryOne<{ id: string; email: string; name: string; role: RoleName; emailVerified: boolean }>(sql`
    SELECT u.id, u.email, u.name,
           CASE WHEN u."emailVerifiedAt" IS NULL THEN 'STUDENT' ELSE u.role::text END AS role,
           u."emailVerifiedAt" IS NOT NULL AS "emailVerified"
      FROM "Session" s JOIN "User" u ON u.id = s."userId"
     WHERE s.id = ${id} AND s."expiresAt" > (now() AT TIME ZONE 'UTC') AND s."twoFactorPending" = ${twoFactorPending} AND u."deletedAt" IS NULL`);
  return row ? { sessionId: id, user: row } : null;
}

/** The session of this request that still waits for its second factor, or null. */
export function getPendingSession(request: Request): Promise<SessionUser> {
  return lookupSession(request, true);
}

/**
 * The second factor is done: the pending session is replaced by a full one with a
 * new id (a new cookie), so an id seen before the second factor is worth nothing after.
 */
export async function completePendingSession(pendingSessionId: string, userId: string, userAgent: string | null) {
  const removed = await prisma.session.deleteMany({ where: { id: pendingSessionId, userId, twoFactorPending: true } });
  if (removed.count !== 1) return null;
  return createSession(userId, userAgent);
}

/** The Set-Cookie value that removes the session cookie from this browser. */
export function expiredSessionCookie(): Promise<string> {
  return sessionCookie().serialize("", { maxAge: 0 });
}

export async function destroySession(request: Request): Promise<string> {
  const id = await readSessionId(request);
  if (id) await prisma.session.deleteMany({ where: { id } });
  return expiredSessionCookie();
}

/** Every other session of the user (this one stays). Returns how many ended. */
export async function destroyOtherSessions(userId: string, keepSessionId: string): Promise<number> {
  return (await prisma.session.deleteMany({ where: { userId, id: { not: keepSessionId } } })).count;
}

/** Log out everywhere: every session of the user, this one included, and every API token (how many it revoked). */
export async function destroyAllSessions(userId: string): Promise<{ setCookie: string; tokensRevoked: number }> {
  const tokensRevoked = await prisma.$transaction(async (tx) => {
    await tx.session.deleteMany({ where: { userId } });
    return revokeAllApiTokens(userId, tx);
  });
  return { setCookie: await expiredSessionCookie(), tokensRevoked };
}
