import { z } from "zod";
import { checkTokenFormat } from "./token-format.ts";

/** The pasted-token form, validated the same way in the browser (as you type) and on the server. */
export const TokenSchema = z.object({
  token: z.string({ error: "Paste the token you created in Sentry." }).superRefine((value, ctx) => {
    const check = checkTokenFormat(value);
    if (!check.ok) ctx.addIssue({ code: "custom", message: check.message });
  }),
});
