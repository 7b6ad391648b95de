import { z } from "zod";
import { PASSWORD_RESET_QUEUE, sendPasswordReset } from "~/modules/accounts/password-reset.server.ts";
import { defineJob } from "./definition.ts";

const data = z.object({ email: z.string().min(1).max(254) });

/** A "forgot password" request: looks the address up and mails a reset link if it has an account. */
export const passwordResetJob = defineJob<z.infer<typeof data>>({
  queue: PASSWORD_RESET_QUEUE,
  options: { retryLimit: 3, retryDelay: 5, retryBackoff: true, expireInSeconds: 60 },
  handle: async (raw) => {
    const { email } = data.parse(raw);
    return { result: await sendPasswordReset(email) };
  },
});
