/**
 * The email outbox. Every mail is written to the Email table first and
 * delivered by the send-email job: over SMTP when SMTP_URL is set, otherwise
 * it is kept ("stored"): listed on the outbox page and, with MAIL_DIR set,
 * written whole into that folder (the demo's inbox).
 *
 * Private links (password reset, email verification, ...) never sit in the
 * table in plaintext: a mail carries at most one, passed as `privateLink`; its
 * text holds PRIVATE_LINK instead, the link itself is stored encrypted
 * (`sealedLink`) and put back only into what goes to the recipient (SMTP or
 * MAIL_DIR), after which it is cleared. The outbox page shows the placeholder.
 */
import { createHash, hkdfSync } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer, { type Transporter } from "nodemailer";
import type { Prisma } from "~/generated/prisma/client.ts";
import { prisma } from "./db.server.ts";
import { decrypt, encrypt, type KeyRing } from "./encryption.server.ts";
import { getEnv } from "./env.server.ts";
import { getBoss } from "./jobs.server.ts";
import { PRIVATE_LINK } from "./private-link.ts";

export const SEND_EMAIL_QUEUE = "send-email";

export { PRIVATE_LINK };

/** Without SMTP in demo mode, the outbox page is open to everyone (private links are never on it). */
export function outboxIsPublic() {
  const env = getEnv();
  return env.DEMO_MODE && !env.SMTP_URL;
}

type Mail = { to: string; subject: string; text: string; html?: string; privateLink?: string };

/**
 * The key that seals private links: derived (HKDF) from SESSION_SECRET, which every
 * installation has (ENCRYPTION_KEY is optional); every listed secret can open, so a
 * rotation does not strand the few mails still in flight.
 */
let linkRing: { source: string; ring: KeyRing } | undefined;
function privateLinkRing(): KeyRing {
  const secrets = getEnv().SESSION_SECRET;
  const source = secrets.join(",");
  if (linkRing?.source !== source) {
    const keys = secrets.map((secret) => {
      const key = Buffer.from(hkdfSync("sha256", secret, "sentry-academy", "outbox private links", 32));
      return { id: `s${createHash("sha256").update(key).digest("hex").slice(0, 8)}`, key };
    });
    linkRing = { source, ring: { current: keys[0], byId: new Map(keys.map((k) => [k.id, k.key])) } };
  }
  return linkRing.ring;
}

function sealMail({ privateLink, ...mail }: Mail) {
  if (privateLink === undefined) return mail;
  if (!mail.text.includes(PRIVATE_LINK)) throw new Error(`A mail with a private link needs ${PRIVATE_LINK} in its text`);
  return { ...mail, sealedLink: encrypt(privateLink, `email:${mail.to}`, privateLinkRing()) };
}

export async function queueEmail(mail: Mail) {
  const email = await prisma.email.create({ data: sealMail(mail) });
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
    const rows = await tx.email.createManyAndReturn({ data: mails.slice(i, i + BULK_BATCH).map(sealMail), select: { id: true } });
    await boss.insert(rows.map((row) => ({ name: SEND_EMAIL_QUEUE, data: { emailId: row.id }, singletonKey: row.id })), { db });
  }
  return mails.length;
}

let transport: Transporter | undefined;

/** A file name part from an address: the MAIL_DIR inbox keeps one folder per recipient. */
function mailDirFolder(to: string) {
  return to.toLowerCase().replace(/[^a-z0-9@._+-]/g, "_").slice(0, 200);
}

/** The recipient's copy: the private link back in place of its placeholder. */
function openMail(email: { to: string; text: string; html: string | null; sealedLink: string | null }) {
  if (!email.sealedLink) return { text: email.text, html: email.html ?? undefined };
  const link = decrypt(email.sealedLink, `email:${email.to}`, privateLinkRing());
  return { text: email.text.replaceAll(PRIVATE_LINK, link), html: email.html?.replaceAll(PRIVATE_LINK, link) ?? undefined };
}

/** Idempotent: an email already sent or stored is left alone. */
export async function deliverEmail(emailId: string) {
  const email = await prisma.email.findUnique({ where: { id: emailId } });
  if (!email || email.status === "SENT" || email.status === "STORED") return email?.status ?? "missing";
  const env = getEnv();
  await prisma.email.update({ where: { id: emailId }, data: { attempts: { increment: 1 } } });
  const { text, html } = openMail(email);
  if (!env.SMTP_URL) {
    if (env.MAIL_DIR) {
      const folder = path.join(env.MAIL_DIR, mailDirFolder(email.to));
      await mkdir(folder, { recursive: true, mode: 0o700 });
      const file = path.join(folder, `${email.createdAt.getTime()}-${email.id}.eml`);
      await writeFile(file, `To: ${email.to}\nSubject: ${email.subject}\n\n${text}\n`, { mode: 0o600 });
    }
    await prisma.email.update({ where: { id: emailId }, data: { status: "STORED", error: null, sealedLink: null } });
    return "STORED";
  }
  transport ??= nodemailer.createTransport(env.SMTP_URL);
  try {
    await transport.sendMail({ from: env.MAIL_FROM, to: email.to, subject: email.subject, text, html });
    await prisma.email.update({ where: { id: emailId }, data: { status: "SENT", sentAt: new Date(), error: null, sealedLink: null } });
    return "SENT";
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await prisma.email.update({ where: { id: emailId }, data: { status: "FAILED", error: message.slice(0, 500) } });
    throw error; // pg-boss retries with backoff
  }
}
