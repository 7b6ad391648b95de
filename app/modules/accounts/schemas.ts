/**
 * The account fields' rules (Zod), shared by the server and, where a page
 * validates in the browser (the account page), by Conform there. The sign-in
 * forms' schemas are in auth-schemas.server.ts: those pages are checked on the
 * server only, so they ship no validation library (decision 028).
 */
import { z } from "zod";

export const emailField = z
  .string({ error: "Enter your email address" })
  .trim()
  .max(254, "That email address is too long")
  .pipe(z.email({ error: "Enter a valid email address, like name@example.com" }));

export const newPasswordField = z
  .string({ error: "Choose a password" })
  .min(10, "Use at least 10 characters")
  .max(200, "Use at most 200 characters");
