import { describe, expect, it } from "vitest";
import { DecryptionError, EncryptionConfigError, decrypt, encrypt, generateKey, keyIdOf, parseKeyRing, reencrypt } from "./encryption.server.ts";

const token = "sntryu_" + "ab12".repeat(16);

describe("encryption", () => {
  it("round-trips and never contains the plaintext", () => {
    const ring = parseKeyRing(`k1:${generateKey()}`);
    const sealed = encrypt(token, "user-1", ring);
    expect(sealed).not.toContain(token);
    expect(sealed.startsWith("v1.k1.")).toBe(true);
    expect(decrypt(sealed, "user-1", ring)).toBe(token);
    expect(encrypt(token, "user-1", ring)).not.toBe(sealed);
  });

  it("refuses another row's context and a tampered ciphertext", () => {
    const ring = parseKeyRing(generateKey());
    const sealed = encrypt(token, "user-1", ring);
    expect(() => decrypt(sealed, "user-2", ring)).toThrow(DecryptionError);
    const parts = sealed.split(".");
    parts[4] = Buffer.from("tampered").toString("base64url");
    expect(() => decrypt(parts.join("."), "user-1", ring)).toThrow(DecryptionError);
  });

  it("rotates: old ciphertexts decrypt with the ring and re-encrypt under the new key", () => {
    const oldKey = generateKey();
    const oldRing = parseKeyRing(`old:${oldKey}`);
    const sealed = encrypt(token, "u", oldRing);
    const rotated = parseKeyRing(`new:${generateKey()},old:${oldKey}`);
    expect(decrypt(sealed, "u", rotated)).toBe(token);
    const resealed = reencrypt(sealed, "u", rotated)!;
    expect(keyIdOf(resealed)).toBe("new");
    expect(reencrypt(resealed, "u", rotated)).toBeNull();
    expect(() => decrypt(resealed, "u", oldRing)).toThrow(/not in ENCRYPTION_KEY/);
  });

  it("rejects malformed key rings with a message", () => {
    expect(() => parseKeyRing("short")).toThrow(EncryptionConfigError);
    const key = generateKey();
    expect(() => parseKeyRing(`a:${key},a:${key}`)).toThrow(/twice/);
    expect(parseKeyRing("ab".repeat(32)).current.id).toMatch(/^[0-9a-f]{8}$/);
  });
});
