/**
 * Who may do what, in one place. The server guards with these rules
 * (auth.server.ts); the UI uses the same rules only to hide what the server
 * already forbids. An admin passes every role check.
 */
export const ROLES = ["STUDENT", "INSTRUCTOR", "ADMIN", "SE"] as const;
export type RoleName = (typeof ROLES)[number];

/**
 * The signed-in user. `role` is the role in effect: an account whose email address is not
 * verified yet acts as a student whatever its stored role (docs/auth.md, "Unverified accounts").
 */
export type SessionUser = { id: string; email: string; name: string; role: RoleName; emailVerified: boolean };

export const ROLE_LABELS: Record<RoleName, string> = {
  STUDENT: "Student",
  INSTRUCTOR: "Instructor",
  ADMIN: "Admin",
  SE: "Solutions engineer",
};

/** The roles each area of the product is open to (admins always pass). */
export const AREA_ROLES = {
  instructor: ["INSTRUCTOR"],
  staff: ["SE"],
  admin: ["ADMIN"],
} as const satisfies Record<string, readonly RoleName[]>;

/** Where each role's work is: the page a sign-in lands on when no page asked for it (sign-in.server.ts). */
export const ROLE_HOME: Record<RoleName, string> = {
  STUDENT: "/dashboard",
  INSTRUCTOR: "/instructor",
  ADMIN: "/admin",
  SE: "/staff",
};

export function hasRole(user: { role: RoleName } | null | undefined, allowed: readonly RoleName[]): boolean {
  if (!user) return false;
  return user.role === "ADMIN" || allowed.includes(user.role);
}
