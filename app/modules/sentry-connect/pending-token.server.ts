/**
 * Between "check" and "save" of a pasted token, the token waits in a short-lived,
 * signed, httpOnly cookie that holds only its AES-256-GCM ciphertext (bound to
 * the user), so it never has to be written back into the page.
 */
import { createCookie } from "@remix-run/node";
import { appUrl, getEnv } from "~/utils/env.server.ts";
import { decrypt, encrypt } from "~/utils/encryption.server.ts";
import type { TokenCheckResult } from "./connection.server.ts";

export type PendingToken = {
  token: string;
  check: TokenCheckResult;
  expiresAt: number;
};

const TTL_SECONDS = 600;

let cookie: ReturnType<typeof createCookie> | undefined;
function pendingCookie() {
  cookie ??= createCookie("sentry_pending", {
    httpOnly: true,
    sameSite: "lax",
    // "/sentry", not "/sentry/token": with JavaScript, Remix posts to /sentry/token.data.
    path: "/sentry",
    maxAge: TTL_SECONDS,
    secure: appUrl().startsWith("https:"),
    secrets: getEnv().SESSION_SECRET,
  });
  return cookie;
}

const context = (userId: string) => `sentry-pending:${userId}`;

export async function setPendingToken(userId: string, token: string, check: TokenCheckResult) {
  const value: PendingToken = {
    token,
    check,
    expiresAt: Date.now() + TTL_SECONDS * 1000,
  };
  return pendingCookie().serialize(encrypt(JSON.stringify(value), context(userId)));
}

export async function readPendingToken(request: Request, userId: string): Promise<PendingToken | null> {
  const sealed = await pendingCookie().parse(request.headers.get("Cookie"));
  if (typeof sealed !== "string" || !sealed) return null;
  try {
    const value = JSON.parse(decrypt(sealed, context(userId))) as PendingToken;
    return value.expiresAt > Date.now() ? value : null;
  } catch {
    return null;
  }
}

export function clearPendingToken() {
  return pendingCookie().serialize("", { maxAge: 0 });
}
