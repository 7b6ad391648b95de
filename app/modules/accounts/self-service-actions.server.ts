/**
 * The account page's self-service intents (components/account/self-service.tsx).
 * account.tsx hands over every intent it does not handle itself; null means
 * "not one of these". Failures answer 4xx with { selfService: { intent, fieldErrors, formErrors } }.
 */
import { data, redirect } from "@remix-run/node";
import type { z } from "zod";
import type { SessionUser } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { verifyPassword } from "~/utils/password.server.ts";
import { fieldMap } from "~/utils/api-request.server.ts";
import { destroyAllSessions, destroyOtherSessions, expiredSessionCookie } from "~/utils/session.server.ts";
import { redirectWithToast, toastHeader } from "~/utils/toast.server.ts";
import { isSharedDemoAccount, SHARED_DEMO_MESSAGE } from "./demo-accounts.ts";
import {
  cancelDeletion,
  changeName,
  ChangeNameSchema,
  changePassword,
  ChangePasswordSchema,
  DeleteAccountSchema,
  requestExport,
  revokeSession,
  scheduleDeletion,
} from "./self-service.server.ts";

function fail(intent: string, errors: { fieldErrors?: Record<string, string[]>; formErrors?: string[] }, status = 400) {
  return data({ selfService: { intent, fieldErrors: errors.fieldErrors ?? {}, formErrors: errors.formErrors ?? [] } }, { status });
}

function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out = fieldMap();
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "");
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

/** Only strings count (a file or a missing field is no value). */
function fields(form: FormData, names: string[]) {
  return Object.fromEntries(names.map((n) => [n, typeof form.get(n) === "string" ? (form.get(n) as string) : undefined]));
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export async function handleSelfServiceIntent(intent: string, form: FormData, ctx: { user: SessionUser; sessionId: string }): Promise<Response | ReturnType<typeof fail> | null> {
  const { user, sessionId } = ctx;
  if ((intent === "change-password" || intent === "delete-account") && isSharedDemoAccount(user.email)) {
    return fail(intent, { formErrors: [SHARED_DEMO_MESSAGE] }, 403);
  }
  switch (intent) {
    case "change-name": {
      const parsed = ChangeNameSchema.safeParse(fields(form, ["name"]));
      if (!parsed.success) return fail(intent, { fieldErrors: fieldErrorsOf(parsed.error) });
      await changeName(user.id, parsed.data.name);
      return redirectWithToast("/account#name", { kind: "success", message: `Your name is now “${parsed.data.name}”.` });
    }
    case "change-password": {
      const parsed = ChangePasswordSchema.safeParse(fields(form, ["currentPassword", "newPassword", "confirmPassword"]));
      if (!parsed.success) return fail(intent, { fieldErrors: fieldErrorsOf(parsed.error) });
      const result = await changePassword(user.id, sessionId, parsed.data.currentPassword, parsed.data.newPassword);
      if (!result.ok) {
        return result.reason === "no-password"
          ? fail(intent, { formErrors: ["Your account has no password yet: set one through a reset link."] })
          : fail(intent, { fieldErrors: { currentPassword: ["That is not your current password"] } });
      }
      return redirectWithToast("/account#password", {
        kind: "success",
        message: `Your password has been changed. ${plural(result.sessionsEnded, "other session")} ended and ${plural(result.tokensRevoked, "API token")} revoked.`,
      });
    }
    case "revoke-session": {
      const handle = fields(form, ["session"]).session ?? "";
      // Only the user's own other sessions match: anyone else's handle is "not found".
      if (!handle || handle.length > 100 || !(await revokeSession(user.id, handle, sessionId))) {
        return fail(intent, { formErrors: ["That session was not found: it may have ended already."] }, 404);
      }
      return redirectWithToast("/account#sessions", { kind: "success", message: "That browser is logged out." });
    }
    case "logout-others": {
      const ended = await destroyOtherSessions(user.id, sessionId);
      return redirectWithToast("/account#sessions", {
        kind: "success",
        message: `${plural(ended, "other session")} ended. Your API tokens still work: revoke them below if you need to.`,
      });
    }
    case "logout-everywhere": {
      const { setCookie, tokensRevoked } = await destroyAllSessions(user.id);
      const headers = new Headers({ "Set-Cookie": setCookie });
      headers.append(
        "Set-Cookie",
        await toastHeader({ kind: "success", message: `You've been logged out on every device, and ${plural(tokensRevoked, "API token")} revoked.` }),
      );
      return redirect("/login", { headers });
    }
    case "request-export": {
      const result = await requestExport(user.id);
      if (!result.queued) {
        const minutes = Math.max(1, Math.ceil((result.retryAt.getTime() - Date.now()) / 60_000));
        const message =
          result.reason === "building"
            ? "Your export is already being prepared."
            : `You prepared an export a moment ago: you can prepare a new one in ${plural(minutes, "minute")}.`;
        return redirectWithToast("/account#export", { kind: "info", message });
      }
      return redirectWithToast("/account#export", { kind: "info", message: "Your export is being prepared. The download link appears here when it is ready." });
    }
    case "delete-account": {
      const parsed = DeleteAccountSchema.safeParse(fields(form, ["confirm", "password", "keepCertificates"]));
      if (!parsed.success) return fail(intent, { fieldErrors: fieldErrorsOf(parsed.error) });
      const row = await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } });
      if (row.passwordHash && !(await verifyPassword(row.passwordHash, parsed.data.password ?? ""))) {
        return fail(intent, { fieldErrors: { password: ["That is not your password"] } });
      }
      // scheduleDeletion ends every session and revokes every token with it: this browser only forgets its cookie.
      const due = await scheduleDeletion(user.id, parsed.data.keepCertificates === "yes");
      const headers = new Headers({ "Set-Cookie": await expiredSessionCookie() });
      headers.append(
        "Set-Cookie",
        await toastHeader({
          kind: "info",
          message: `Your account will be deleted on ${due.toISOString().slice(0, 10)}. Log in before then if you change your mind.`,
        }),
      );
      return redirect("/", { headers });
    }
    case "cancel-deletion": {
      await cancelDeletion(user.id);
      return redirectWithToast("/account", { kind: "success", message: "The deletion is cancelled: your account stays." });
    }
    default:
      return null;
  }
}
