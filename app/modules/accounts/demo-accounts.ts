/**
 * The shared demo accounts of demo mode (seeded by prisma/seed/demo.ts, printed
 * at start-up): their passwords and the staff accounts' TOTP key are public.
 */
import { getEnv } from "~/utils/env.server.ts";

export const DEMO_ACCOUNTS = [
  { email: "student@academy.test", name: "Sam Student", role: "STUDENT", password: "student-demo-password" },
  { email: "instructor@academy.test", name: "Ines Instructor", role: "INSTRUCTOR", password: "instructor-demo-password" },
  { email: "admin@academy.test", name: "Ada Admin", role: "ADMIN", password: "admin-demo-password" },
  { email: "se@academy.test", name: "Sol Engineer", role: "SE", password: "se-demo-password" },
] as const;

/** The TOTP key of the demo staff accounts: demo data only, like the demo passwords. */
export const DEMO_TOTP_SECRET = "DEMOACADEMYSTAFFTOTPSECRETXXXXXX";

/** The encryption context of a user's TOTP secret (binds the ciphertext to its row). */
export const totpSecretContext = (userId: string) => `totp:${userId}`;

/**
 * In demo mode, a shared demo account: everyone who tries the demo signs in with it, so nobody may
 * change its password, its second factor or delete it (that would lock the next visitor out).
 */
export function isSharedDemoAccount(email: string): boolean {
  return getEnv().DEMO_MODE && DEMO_ACCOUNTS.some((a) => a.email === email);
}

export const SHARED_DEMO_MESSAGE = "This is a shared demo account: its password, two-factor settings and the account itself cannot be changed.";
