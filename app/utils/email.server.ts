/**
 * The email outbox. Every mail is written to the Email table first and
 * delivered by the send-email job: over SMTP when SMTP_URL is set, otherwise
 * it is kept ("stored") and readable on the development outbox page.
 */
import nodemailer, { type Transporter } from "nodemailer";
import type { Prisma } from "~/generated/prisma/client.ts";
import { prisma } from "./db.server.ts";
import { getEnv } from "./env.server.ts";
import { getBoss } from "./jobs.server.ts";

export const SEND_EMAIL_QUEUE = "send-email";

/** Without SMTP in demo mode, mail goes nowhere else: the outbox page is open to everyone. */
export function outboxIsPublic() {
  const env = getEnv();
  return env.DEMO_MODE && !env.SMTP_URL;
}

type Mail = { to: string; subject: string; text: string; html?: string };

export async function queueEmail(mail: Mail) {
  const email = await prisma.email.create({ data: mail });
  const boss = await getBoss();
  await boss.send(SEND_EMAIL_QUEUE, { emailId: email.id }, { singletonKey: email.id });
  return email;
}

const BULK_BATCH = 1000;

/**
 * Queues many emails inside the caller's transaction (e.g. an announcement to
 * every learner of a course): rows and send jobs go in with one bulk insert per
 * batch, and are committed, or not, together with the caller's own write, so a
 * worker never picks up a job whose email row isn't there yet.
 */
export async function queueEmailsInTransaction(tx: Prisma.TransactionClient, mails: Mail[]) {
  const boss = await getBoss();
  const db = { executeSql: async (text: string, values: unknown[]) => ({ rows: await tx.$queryRawUnsafe<unknown[]>(text, ...values) }) };
  for (let i = 0; i < mails.length; i += BULK_BATCH) {
    const rows = await tx.email.createManyAndReturn({ data: mails.slice(i, i + BULK_BATCH), select: { id: true } });
    await boss.insert(rows.map((row) => ({ name: SEND_EMAIL_QUEUE, data: { emailId: row.id }, singletonKey: row.id })), { db });
  }
  return mails.length;
}

let transport: Transporter | undefined;

/** Idempotent: an email already sent or stored is left alone. */
export async function deliverEmail(emailId: string) {
  const email = await prisma.email.findUnique({ where: { id: emailId } });
  if (!email || email.status === "SENT" || email.status === "STORED") return email?.status ?? "missing";
  const env = getEnv();
  await prisma.email.update({ where: { id: emailId }, data: { attempts: { increment: 1 } } });
  if (!env.SMTP_URL) {
    await prisma.email.update({ where: { id: emailId }, data: { status: "STORED", error: null } });
    return "STORED";
  }
  transport ??= nodemailer.createTransport(env.SMTP_URL);
  try {
    await transport.sendMail({ from: env.MAIL_FROM, to: email.to, subject: email.subject, text: email.text, html: email.html ?? undefined });
    await prisma.email.update({ where: { id: emailId }, data: { status: "SENT", sentAt: new Date(), error: null } });
    return "SENT";
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await prisma.email.update({ where: { id: emailId }, data: { status: "FAILED", error: message.slice(0, 500) } });
    throw error; // pg-boss retries with backoff
  }
}
