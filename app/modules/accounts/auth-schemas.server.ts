/**
 * The schemas of the sign-up, log-in and password reset forms. Server-only
 * (the routes' actions, and their loaders, which send the limits to the page as
 * input attributes with getZodConstraint): these public pages validate on the
 * server, with JavaScript or without, and load no Zod in the browser (decision 028).
 */
import { z } from "zod";
import { emailField, newPasswordField } from "./schemas.ts";

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
