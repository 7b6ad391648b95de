/**
 * Flash messages shown once after a redirect. Kept in a signed cookie, so any
 * instance behind a load balancer can show them.
 */
import { createCookieSessionStorage, redirect } from "@remix-run/node";
import { getEnv } from "./env.server.ts";

export type Toast = { kind: "success" | "error" | "info"; message: string };

type ToastData = { toast: Toast };
let storage: ReturnType<typeof createCookieSessionStorage<ToastData, ToastData>> | undefined;
function toastStorage() {
  storage ??= createCookieSessionStorage<ToastData, ToastData>({
    cookie: {
      name: "__flash",
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: getEnv().NODE_ENV === "production" && (getEnv().APP_URL ?? "").startsWith("https:"),
      secrets: getEnv().SESSION_SECRET,
    },
  });
  return storage;
}

export async function toastHeader(toast: Toast): Promise<string> {
  const session = await toastStorage().getSession();
  session.flash("toast", toast);
  return toastStorage().commitSession(session);
}

export async function redirectWithToast(url: string, toast: Toast, init?: ResponseInit) {
  const headers = new Headers(init?.headers);
  headers.append("Set-Cookie", await toastHeader(toast));
  return redirect(url, { ...init, headers });
}

/** Read (and consume) the pending toast; returns the header that clears it. */
export async function getToast(request: Request): Promise<{ toast: Toast | null; headers: Headers }> {
  const session = await toastStorage().getSession(request.headers.get("Cookie"));
  const toast = (session.get("toast") as Toast | undefined) ?? null;
  const headers = new Headers();
  if (toast) headers.append("Set-Cookie", await toastStorage().commitSession(session));
  return { toast, headers };
}
