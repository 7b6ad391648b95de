/**
 * ENCRYPTION_KEY's key ring, parsed: a pure module so that env.server.ts can
 * validate the variable and encryption.server.ts can read it through getEnv()
 * without importing each other.
 *
 * ENCRYPTION_KEY is a comma-separated key ring; the first key encrypts, every key
 * decrypts. Each entry is `id:key` or just `key` (then its id is derived from it),
 * where key is 32 bytes as base64 or 64 hex characters.
 */
import { createHash } from "node:crypto";

export type KeyRing = { current: { id: string; key: Buffer }; byId: Map<string, Buffer> };

export class EncryptionConfigError extends Error {}

function parseKeyMaterial(text: string): Buffer {
  const key = /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, "hex") : Buffer.from(text, "base64");
  if (key.length !== 32) throw new EncryptionConfigError("each ENCRYPTION_KEY entry must be 32 bytes (base64 or 64 hex characters)");
  return key;
}

/** Parses ENCRYPTION_KEY; throws EncryptionConfigError on a malformed ring. */
export function parseKeyRing(value: string): KeyRing {
  const entries = value.split(",").map((s) => s.trim()).filter(Boolean);
  if (entries.length === 0) throw new EncryptionConfigError("ENCRYPTION_KEY is empty");
  const byId = new Map<string, Buffer>();
  const ordered = entries.map((entry) => {
    const match = /^([A-Za-z0-9_-]{1,32}):(.+)$/.exec(entry);
    const key = parseKeyMaterial(match ? match[2] : entry);
    const id = match ? match[1] : createHash("sha256").update(key).digest("hex").slice(0, 8);
    if (byId.has(id)) throw new EncryptionConfigError(`ENCRYPTION_KEY lists key id "${id}" twice`);
    byId.set(id, key);
    return { id, key };
  });
  return { current: ordered[0], byId };
}
