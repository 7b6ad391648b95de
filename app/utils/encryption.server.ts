/**
 * Secrets at rest (Sentry tokens): AES-256-GCM under ENCRYPTION_KEY.
 *
 * ENCRYPTION_KEY is a comma-separated key ring; the first key encrypts, every key
 * decrypts. Each entry is `id:key` or just `key` (then its id is derived from it),
 * where key is 32 bytes as base64 or 64 hex characters. The key id is stored with
 * each ciphertext, so after adding a new key in front, `npm run secrets:rotate`
 * re-encrypts everything and the old key can be dropped.
 *
 * Ciphertext: `v1.<keyId>.<iv>.<tag>.<data>` (base64url), bound to a context string
 * (the row's owner) as additional authenticated data, so a ciphertext copied onto
 * another user's row does not decrypt.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { getEnv } from "./env.server.ts";
import { EncryptionConfigError, parseKeyRing, type KeyRing } from "./key-ring.ts";

export { EncryptionConfigError, parseKeyRing, type KeyRing } from "./key-ring.ts";
export class DecryptionError extends Error {}

export function generateKey(): string {
  return randomBytes(32).toString("base64");
}

let cached: { source: string; ring: KeyRing } | undefined;

/** The ring from the validated environment (getEnv), or null when ENCRYPTION_KEY is not set. */
function keyRing(): KeyRing | null {
  const source = getEnv().ENCRYPTION_KEY ?? "";
  if (!source.trim()) return null;
  if (cached?.source !== source) cached = { source, ring: parseKeyRing(source) };
  return cached.ring;
}

export function encryptionConfigured(): boolean {
  return keyRing() !== null;
}

function requireRing(ring?: KeyRing | null): KeyRing {
  const resolved = ring ?? keyRing();
  if (!resolved) throw new EncryptionConfigError("ENCRYPTION_KEY is not set");
  return resolved;
}

export function encrypt(plaintext: string, context: string, ring?: KeyRing): string {
  const { current } = requireRing(ring);
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", current.key, iv);
  cipher.setAAD(Buffer.from(context));
  const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const parts = [iv, cipher.getAuthTag(), data].map((b) => b.toString("base64url"));
  return ["v1", current.id, ...parts].join(".");
}

export function keyIdOf(ciphertext: string): string | null {
  const [version, keyId] = ciphertext.split(".");
  return version === "v1" && keyId ? keyId : null;
}

export function decrypt(ciphertext: string, context: string, ring?: KeyRing): string {
  const { byId } = requireRing(ring);
  const [version, keyId, iv, tag, data] = ciphertext.split(".");
  if (version !== "v1" || !iv || !tag || data === undefined) throw new DecryptionError("not a v1 ciphertext");
  const key = byId.get(keyId);
  if (!key) throw new DecryptionError(`key "${keyId}" is not in ENCRYPTION_KEY`);
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new DecryptionError("ciphertext failed authentication");
  }
}

/** Re-encrypts under the current key when it was sealed under an older one; null when already current. */
export function reencrypt(ciphertext: string, context: string, ring?: KeyRing): string | null {
  const resolved = requireRing(ring);
  if (keyIdOf(ciphertext) === resolved.current.id) return null;
  return encrypt(decrypt(ciphertext, context, resolved), context, resolved);
}
