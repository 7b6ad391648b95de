/** Factories that create rows for tests (and the Playwright login fixture). */
import { randomBytes } from "node:crypto";
import { prisma } from "~/utils/db.server.ts";
import { hashPassword } from "~/utils/password.server.ts";
import type { RoleName } from "~/utils/permissions.ts";
import { createSession } from "~/utils/session.server.ts";

let counter = 0;
export function uniqueEmail(prefix = "user") {
  return `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}-${randomBytes(3).toString("hex")}@example.com`;
}

export const DEFAULT_PASSWORD = "correct horse battery";

/** A user; their email address counts as verified unless `emailVerified: false`. */
export async function createUser(overrides: { email?: string; name?: string; role?: RoleName; password?: string | null; emailVerified?: boolean } = {}) {
  const password = overrides.password === undefined ? DEFAULT_PASSWORD : overrides.password;
  const user = await prisma.user.create({
    data: {
      email: overrides.email ?? uniqueEmail(overrides.role?.toLowerCase()),
      name: overrides.name ?? "Test Learner",
      role: overrides.role ?? "STUDENT",
      passwordHash: password ? await hashPassword(password) : null,
      emailVerifiedAt: overrides.emailVerified === false ? null : new Date(),
    },
    select: { id: true, email: true, name: true, role: true },
  });
  return { ...user, password };
}

/** A signed-in session for the user: the Cookie header value and the raw cookie. */
export async function createSessionCookie(userId: string) {
  const { setCookie } = await createSession(userId, "test-factory");
  const pair = setCookie.split(";")[0];
  const [name, ...rest] = pair.split("=");
  return { cookieHeader: pair, name, value: rest.join("=") };
}
