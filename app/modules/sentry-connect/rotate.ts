/**
 * Key rotation: re-encrypts every stored Sentry token under the first key of
 * ENCRYPTION_KEY. Run `npm run secrets:rotate` after putting the new key in
 * front (`ENCRYPTION_KEY="new:...,old:..."`); then the old key can be removed.
 */
import type { PrismaClient } from "~/generated/prisma/client.ts";
import { reencrypt, type KeyRing } from "~/utils/encryption.server.ts";

export async function reencryptSentryTokens(prisma: PrismaClient, ring: KeyRing) {
  const rows = await prisma.sentryConnection.findMany({
    select: {
      id: true,
      userId: true,
      accessTokenCipher: true,
      refreshTokenCipher: true,
    },
  });
  let rotated = 0;
  for (const row of rows) {
    const access = reencrypt(row.accessTokenCipher, `sentry-access:${row.userId}`, ring);
    const refresh = row.refreshTokenCipher ? reencrypt(row.refreshTokenCipher, `sentry-refresh:${row.userId}`, ring) : null;
    if (!access && !refresh) continue;
    await prisma.sentryConnection.update({
      where: { id: row.id },
      data: {
        ...(access ? { accessTokenCipher: access } : {}),
        ...(refresh ? { refreshTokenCipher: refresh } : {}),
      },
    });
    rotated += 1;
  }
  return { connections: rows.length, rotated, keyId: ring.current.id };
}
