import { z } from "zod";
import { SEND_EMAIL_QUEUE, deliverEmail } from "~/utils/email.server.ts";
import { defineJob } from "./definition.ts";

const data = z.object({ emailId: z.string().min(1) });

/** Delivers one outbox email (SMTP, or kept in the outbox when SMTP is not configured). */
export const sendEmailJob = defineJob<z.infer<typeof data>>({
  queue: SEND_EMAIL_QUEUE,
  options: { retryLimit: 5, retryDelay: 10, retryBackoff: true, expireInSeconds: 120 },
  handle: async (raw) => {
    const { emailId } = data.parse(raw);
    return { status: await deliverEmail(emailId) };
  },
});
