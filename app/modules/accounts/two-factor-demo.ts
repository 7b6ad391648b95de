/**
 * The TOTP secret of the demo staff accounts (prisma/seed/demo.ts), printed in the
 * start-up banner of demo mode: demo data only, like the demo passwords.
 */
export const DEMO_TOTP_SECRET = "DEMOACADEMYSTAFFTOTPSECRETXXXXXX";

/** The encryption context of a user's TOTP secret (binds the ciphertext to its row). */
export const totpSecretContext = (userId: string) => `totp:${userId}`;
