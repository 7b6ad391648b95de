/**
 * The one end of every sign-in (password, sign-up, GitHub/Google): the same
 * session creation with the same two-factor rule. A user who owes a second
 * factor (enrolled, or staff who must enrol) gets a pending session and goes to
 * /login/two-factor; everyone else a full session. A user whose account is
 * scheduled for deletion lands on the account page, which offers to cancel it.
 */
import { redirect } from "@remix-run/node";
import { prisma } from "~/utils/db.server.ts";
import { ROLE_HOME, type RoleName } from "~/utils/permissions.ts";
import { safeRedirect } from "~/utils/redirect.ts";
import { completePendingSession, createSession } from "~/utils/session.server.ts";
import { toastHeader } from "~/utils/toast.server.ts";
import { needsSecondFactor } from "./two-factor.server.ts";

export function twoFactorPath(redirectTo: string) {
  return `/login/two-factor?${new URLSearchParams({ redirectTo: safeRedirect(redirectTo) })}`;
}

/**
 * Signs the user in (or half-way, see above) and answers with the redirect and its cookies.
 * The one place the landing page is decided: a safe `redirectTo` (the page that asked for the
 * login) wins; otherwise each role lands where its work is (ROLE_HOME: learners on the
 * dashboard, instructors in the studio, admins in /admin, SEs in the POC portal). An account
 * whose address isn't verified acts as a student (session.server.ts), so it lands as one.
 */
export async function signInResponse(request: Request, userId: string, redirectTo: string | null | undefined, init: { headers?: Headers } = {}) {
  const headers = new Headers(init.headers);
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { role: true, totpSecretCipher: true, emailVerifiedAt: true } });
  const pending = needsSecondFactor({ role: user.role as RoleName, totpSecretCipher: user.totpSecretCipher });
  const { setCookie } = await createSession(userId, request.headers.get("User-Agent"), { twoFactorPending: pending });
  headers.append("Set-Cookie", setCookie);
  const to = safeRedirect(redirectTo, ROLE_HOME[user.emailVerifiedAt ? (user.role as RoleName) : "STUDENT"]);
  if (pending) return redirect(twoFactorPath(to), { headers });
  return redirect(await afterSignIn(userId, to, headers), { headers });
}

/** The second factor passed: the full session replaces the pending one. Null when the pending session is gone. */
export async function finishSecondFactor(request: Request, pendingSessionId: string, userId: string, redirectTo: string, headers = new Headers()) {
  const done = await completePendingSession(pendingSessionId, userId, request.headers.get("User-Agent"));
  if (!done) return null;
  headers.append("Set-Cookie", done.setCookie);
  return { headers, to: await afterSignIn(userId, safeRedirect(redirectTo), headers) };
}

async function afterSignIn(userId: string, to: string, headers: Headers): Promise<string> {
  const row = await prisma.user.findUnique({ where: { id: userId }, select: { deletionDueAt: true } });
  if (!row?.deletionDueAt) return to;
  headers.append(
    "Set-Cookie",
    await toastHeader({ kind: "info", message: "Your account is scheduled for deletion. You can cancel the deletion on this page." }),
  );
  return "/account#delete-account";
}
