/** Zod schemas of the account forms, shared by the server actions and Conform in the browser. */
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

export const SignupSchema = z
  .object({
    name: z.string({ error: "Enter your name" }).trim().min(2, "Your name needs at least 2 characters").max(80, "Use at most 80 characters"),
    email: emailField,
    password: newPasswordField,
    confirmPassword: z.string({ error: "Repeat your password" }),
    redirectTo: z.string().optional(),
  })
  .refine((d) => d.password === d.confirmPassword, { message: "The two passwords don't match", path: ["confirmPassword"] });

export const LoginSchema = z.object({
  email: emailField,
  password: z.string({ error: "Enter your password" }).max(200),
  redirectTo: z.string().optional(),
});

export const ForgotPasswordSchema = z.object({ email: emailField });

export const ResetPasswordSchema = z
  .object({
    token: z.string({ error: "This reset link is incomplete" }).min(10),
    password: newPasswordField,
    confirmPassword: z.string({ error: "Repeat your password" }),
  })
  .refine((d) => d.password === d.confirmPassword, { message: "The two passwords don't match", path: ["confirmPassword"] });
