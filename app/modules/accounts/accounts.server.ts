import { prisma } from "~/utils/db.server.ts";
import { hashPassword, verifyPassword } from "~/utils/password.server.ts";

export function normalizeEmail(email: string) {
  return email.trim().toLowerCase();
}

// Verifying against a real hash for unknown emails keeps the timing the same,
// so the response time does not reveal which emails have accounts.
let dummyHash: Promise<string> | undefined;

export async function verifyLogin(emailInput: string, password: string) {
  const email = normalizeEmail(emailInput);
  const user = await prisma.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, role: true, passwordHash: true },
  });
  if (!user?.passwordHash) {
    dummyHash ??= hashPassword("not-a-real-password");
    await verifyPassword(await dummyHash, password);
    return null;
  }
  if (!(await verifyPassword(user.passwordHash, password))) return null;
  const { passwordHash: _, ...safe } = user;
  return safe;
}

export async function listUsers(opts: { q?: string; page: number; perPage: number }) {
  const where = opts.q
    ? { OR: [{ email: { contains: opts.q, mode: "insensitive" as const } }, { name: { contains: opts.q, mode: "insensitive" as const } }] }
    : {};
  const [users, total] = await Promise.all([
    prisma.user.findMany({
      where,
      orderBy: { createdAt: "asc" },
      skip: (opts.page - 1) * opts.perPage,
      take: opts.perPage,
      select: { id: true, email: true, name: true, role: true, createdAt: true, emailVerifiedAt: true, _count: { select: { sessions: true } } },
    }),
    prisma.user.count({ where }),
  ]);
  return { users, total };
}
